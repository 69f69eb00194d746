import { describe, expect, it } from 'vitest';
import { layoutTopology, type Point, type Rect } from '../../../renderer/viz/layout';
import { pointAlong, routeBetween } from '../../../renderer/viz/routes';
import { toComponentId } from '../../../src/model/componentId';
import { node, pod, service, snapshot } from './snapshots';

const snap = snapshot({
  nodes: [node('k8s-master', 0), node('k8s-node1', 1), node('k8s-node2', 2)],
  pods: [pod('a', 'k8s-node1'), pod('b', 'k8s-node1'), pod('c', 'k8s-node1'), pod('d', 'k8s-node2'), pod('e', 'k8s-node2')],
  services: [service('svc-1'), service('svc-2'), service('svc-3', { type: 'LoadBalancer', externalIP: '<pending>' })],
});

/** Whether the segment p→q passes through the inside of r (shrunk by 1 so touching its border is fine). */
function crosses(p: Point, q: Point, r: Rect): boolean {
  const x0 = r.x + 1;
  const y0 = r.y + 1;
  const x1 = r.x + r.w - 1;
  const y1 = r.y + r.h - 1;
  for (let i = 0; i <= 50; i++) {
    const x = p.x + ((q.x - p.x) * i) / 50;
    const y = p.y + ((q.y - p.y) * i) / 50;
    if (x > x0 && x < x1 && y > y0 && y < y1) return true;
  }
  return false;
}

const id = (s: string) => toComponentId(s);

describe('packet routes along the drawn links', () => {
  for (const aspect of [1.5, 2, 3]) {
    const l = layoutTopology(snap, { aspect });
    const pairs: [string, string | undefined, string, string | undefined][] = [
      ['client', undefined, 'node/k8s-node2', undefined],
      ['client', undefined, 'pod/e', undefined],
      ['pod/a', undefined, 'pod/e', undefined],
      ['pod/c', undefined, 'svc/svc-1', 'k8s-node1'],
      ['svc/svc-2', 'k8s-node2', 'pod/b', undefined],
      ['node/k8s-node1', undefined, 'node/k8s-master', undefined],
      ['lb/svc-3', undefined, 'client', undefined],
    ];
    for (const [from, fn, to, tn] of pairs) {
      it(`${from} → ${to} (aspect ${aspect}) crosses no card but its own ends`, () => {
        const r = routeBetween(l, id(from), fn, id(to), tn);
        expect(r.pts.length).toBeGreaterThan(1);
        const ends = new Set([from, to].map((k) => (k.startsWith('pod/') ? `pod/default/${k.slice(4)}` : k.startsWith('svc/') ? '' : k)));
        const cards: [string, Rect][] = [
          ...l.pods,
          ...[...l.services].map(([k, v]) => [k, v] as [string, Rect]),
          ['client', l.client],
          ...l.lbs,
        ];
        for (const [key, rect] of cards) {
          if (ends.has(key) || (key.startsWith('lb/') && from.startsWith('lb/'))) continue;
          for (let i = 1; i < r.pts.length; i++) expect(crosses(r.pts[i - 1]!, r.pts[i]!, rect), `${key} crossed`).toBe(false);
        }
        // It starts and ends at the hops' anchors, and a point halfway lies on it.
        expect(pointAlong(r, 0)).toEqual(r.pts[0]);
        expect(pointAlong(r, r.length)).toEqual(r.pts.at(-1));
      });
    }
  }
});
