/** Service → endpoint Pod links (EndpointSlice addresses), as vertical curves from card to card. */
import { memo } from 'react';
import type { ClusterSnapshot } from '../../src/api/contract';
import { canonicalKey, objectKey } from '../../src/model/componentId';
import type { Rect, TopologyLayout } from './layout';

export interface EndpointLinksProps {
  services: ClusterSnapshot['services'];
  layout: TopologyLayout;
  /** Links touching this key (a Service or a Pod) are emphasised. */
  focusKey: string | null;
}

function curve(a: Rect, b: Rect): string {
  const x1 = a.x + a.w / 2;
  const y1 = a.y + a.h;
  const x2 = b.x + b.w / 2;
  const y2 = b.y;
  const my = (y1 + y2) / 2;
  return `M${x1},${y1}C${x1},${my} ${x2},${my} ${x2},${y2}`;
}

/** Endpoint pod names are `name` or `ns/name`; a bare name lives in the Service's namespace. */
export function endpointPodKey(svcNamespace: string, pod: string): string {
  if (pod.startsWith('pod/')) return canonicalKey(pod);
  const i = pod.indexOf('/');
  return i > 0 ? objectKey('pod', pod.slice(0, i), pod.slice(i + 1)) : objectKey('pod', svcNamespace, pod);
}

export const EndpointLinks = memo(function EndpointLinks({ services, layout, focusKey }: EndpointLinksProps) {
  const paths: { id: string; d: string; ready: boolean; focus: boolean }[] = [];
  // Links to the Pods of one replica group are one link to its card (ready when any is).
  const byId = new Map<string, (typeof paths)[number]>();
  for (const s of services) {
    const sk = objectKey('svc', s.namespace, s.name);
    const sr = layout.services.get(sk);
    if (!sr) continue;
    for (const e of s.endpoints) {
      // An address no Pod has (a hand-made endpoint outside the cluster) has no card to link to.
      if (e.pod === null) continue;
      const pk = endpointPodKey(s.namespace, e.pod);
      const pr = layout.pods.get(pk);
      if (!pr) continue;
      const group = layout.groupOf.get(pk);
      const id = `${sk}>${group ?? pk}`;
      const focus = focusKey === sk || focusKey === pk || (group !== undefined && focusKey === group);
      const seen = byId.get(id);
      if (seen) {
        seen.ready ||= e.ready;
        seen.focus ||= focus;
        continue;
      }
      const link = { id, d: curve(sr, pr), ready: e.ready, focus };
      byId.set(id, link);
      paths.push(link);
    }
  }
  paths.sort((a, b) => Number(a.focus) - Number(b.focus));
  return (
    <g className="endpoint-links" aria-hidden="true">
      {paths.map((p) => (
        <path key={p.id} d={p.d} className={`link ${p.ready ? '' : 'not-ready'} ${p.focus ? 'focus' : ''}`} />
      ))}
    </g>
  );
});
