import { describe, expect, it } from 'vitest';
import { anchorOf } from '../../../renderer/viz/anchors';
import { layoutTopology, type Rect } from '../../../renderer/viz/layout';
import { node, pod, service, snapshot } from './snapshots';
import { toComponentId } from '../../../src/model/componentId';

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function inside(inner: Rect, outer: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

const seed = snapshot({
  pods: [
    pod('pod-1', 'k8s-node1'),
    pod('pod-2', 'k8s-node2'),
    pod('pod-1', 'k8s-node2', { namespace: 'pod-practice' }),
    pod('pod-2', 'k8s-node1', { namespace: 'label-practice' }),
  ],
  services: [
    service('svc-1'),
    service('svc-2', { type: 'NodePort', ports: [{ port: 9000, targetPort: 8080, nodePort: 30000, protocol: 'TCP' }] }),
    service('svc-3', { type: 'LoadBalancer', externalIP: '<pending>' }),
  ],
});

describe('layoutTopology', () => {
  it('draws every Pod inside its own node, without overlaps', () => {
    const l = layoutTopology(seed);
    for (const p of seed.pods) {
      const r = l.pods.get(`pod/${p.namespace}/${p.name}`)!;
      expect(r, p.name).toBeDefined();
      expect(inside(r, l.nodes.get(p.node!)!.rect)).toBe(true);
    }
    const rects = [...l.pods.values(), ...l.services.values(), ...[...l.nodes.values()].map((n) => n.rect), l.client, ...l.lbs.values()];
    const boxes = [...l.services.values(), ...[...l.nodes.values()].map((n) => n.rect), l.client, ...l.lbs.values()];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    for (const r of rects) expect(inside(r, l.bounds)).toBe(true);
  });

  it('opens each node port on every node, and one load balancer per LoadBalancer Service', () => {
    const l = layoutTopology(seed);
    for (const n of l.nodes.values()) expect(n.ports.map((p) => p.port)).toEqual([30000]);
    expect([...l.lbs.keys()]).toEqual(['lb/default/svc-3']);
  });

  it('keeps everything else in place when a Pod is re-created with a new IP', () => {
    const before = layoutTopology(seed);
    const after = layoutTopology({
      ...seed,
      pods: seed.pods.map((p) => (p.name === 'pod-1' && p.namespace === 'default' ? { ...p, ip: '10.244.1.99' } : p)),
    });
    expect(after).toEqual(before);
  });

  it('keeps the other Pods where they were when one is deleted from a node', () => {
    const before = layoutTopology(seed);
    const after = layoutTopology({ ...seed, pods: seed.pods.filter((p) => p.namespace !== 'label-practice') });
    expect(after.nodes.get('k8s-node1')!.rect).toEqual(before.nodes.get('k8s-node1')!.rect);
    expect(after.pods.get('pod/default/pod-1')).toEqual(before.pods.get('pod/default/pod-1'));
    expect(after.services).toEqual(before.services);
  });

  it('puts Pods without a node in the Pending tray', () => {
    const l = layoutTopology({ ...seed, pods: [...seed.pods, pod('big', null)] });
    expect(l.pendingPods).toEqual(['pod/default/big']);
    expect(inside(l.pods.get('pod/default/big')!, l.pending!)).toBe(true);
  });

  it('hides the cluster’s own Pods unless asked', () => {
    const sys = { ...seed, pods: [...seed.pods, pod('coredns-abc', 'k8s-node1', { namespace: 'kube-system', builtIn: true })] };
    expect(layoutTopology(sys).pods.has('pod/kube-system/coredns-abc')).toBe(false);
    expect(layoutTopology(sys, { showSystemPods: true }).pods.has('pod/kube-system/coredns-abc')).toBe(true);
  });

  it('packs hundreds of Pods into a drawing about twice as wide as tall, without overlaps', () => {
    const nodes = [node('k8s-master', 0), ...Array.from({ length: 8 }, (_, i) => node(`k8s-node${i + 1}`, i + 1))];
    const pods = Array.from({ length: 500 }, (_, i) => pod(`web-${String(i).padStart(3, '0')}`, `k8s-node${1 + (i % 8)}`));
    const l = layoutTopology(snapshot({ nodes, pods, services: [service('web')] }));
    expect(l.pods.size).toBe(500);
    const aspect = l.bounds.w / l.bounds.h;
    expect(aspect).toBeGreaterThan(1.2);
    expect(aspect).toBeLessThan(3.5);
    const rects = [...l.pods.values()].sort((a, b) => a.y - b.y || a.x - b.x);
    for (let i = 1; i < rects.length; i++) {
      const a = rects[i - 1]!;
      const b = rects[i]!;
      expect(overlaps(a, b)).toBe(false);
    }
  });

  it('is deterministic', () => {
    expect(layoutTopology(seed)).toEqual(layoutTopology(structuredClone(seed)));
  });
});

describe('anchorOf', () => {
  const l = layoutTopology(seed);

  it('places a service hop at the iptables of the node that applied it, not at the Service card', () => {
    expect(anchorOf(l, toComponentId('svc/svc-2'), 'k8s-node1')).toEqual(l.nodes.get('k8s-node1')!.iptables);
    const card = l.services.get('svc/default/svc-2')!;
    const fallback = anchorOf(l, toComponentId('svc/svc-2'))!;
    expect(inside({ ...fallback, w: 0, h: 0 }, card)).toBe(true);
  });

  it('accepts ids with and without the default namespace', () => {
    expect(anchorOf(l, toComponentId('pod/pod-1'))).toEqual(anchorOf(l, toComponentId('pod/default/pod-1')));
    expect(anchorOf(l, toComponentId('pod/pod-practice/pod-1'))).not.toEqual(anchorOf(l, toComponentId('pod/pod-1')));
  });

  it('knows the client, nodes and load balancers, and nothing it did not draw', () => {
    expect(anchorOf(l, toComponentId('client'))).toBeDefined();
    expect(anchorOf(l, toComponentId('node/k8s-master'))).toEqual(l.nodes.get('k8s-master')!.eth);
    expect(anchorOf(l, toComponentId('lb/svc-3'))).toBeDefined();
    expect(anchorOf(l, toComponentId('pod/ghost'))).toBeUndefined();
    expect(anchorOf(l, toComponentId('node/nope'))).toBeUndefined();
  });
});

describe('replica groups', () => {
  const rs = 'ReplicaSet/web-5d8f6c7b9';
  const snap = snapshot({
    pods: [
      pod('web-5d8f6c7b9-a', 'k8s-node1', { owner: rs }),
      pod('web-5d8f6c7b9-b', 'k8s-node1', { owner: rs }),
      pod('web-5d8f6c7b9-c', 'k8s-node1', { owner: rs }),
      pod('web-5d8f6c7b9-d', 'k8s-node2', { owner: rs }),
      pod('bare', 'k8s-node1'),
    ],
  });

  it('draws two or more Pods of one controller on one node as one card, which their packets and links reach', () => {
    const l = layoutTopology(snap, { groupReplicas: true });
    const key = 'group/default/ReplicaSet/web-5d8f6c7b9@k8s-node1';
    const g = l.groups.get(key)!;
    expect(g.members).toEqual(['pod/default/web-5d8f6c7b9-a', 'pod/default/web-5d8f6c7b9-b', 'pod/default/web-5d8f6c7b9-c']);
    for (const m of g.members) expect(l.pods.get(m)).toBe(g.rect);
    expect(l.nodes.get('k8s-node1')!.items).toEqual(['pod/default/bare', key]);
    // A lone replica on a node stays a Pod card; every Pod is still on its node.
    expect(l.nodes.get('k8s-node2')!.items).toEqual(['pod/default/web-5d8f6c7b9-d']);
    expect(l.nodes.get('k8s-node1')!.pods).toHaveLength(4);
    expect(anchorOf(l, toComponentId('pod/default/web-5d8f6c7b9-b'))).toEqual(anchorOf(l, toComponentId('pod/default/web-5d8f6c7b9-a')));
  });

  it('an expanded group, or grouping off, draws each Pod', () => {
    const key = 'group/default/ReplicaSet/web-5d8f6c7b9@k8s-node1';
    for (const l of [layoutTopology(snap), layoutTopology(snap, { groupReplicas: true, expanded: new Set([key]) })]) {
      expect(l.groups.size).toBe(0);
      expect(l.nodes.get('k8s-node1')!.items).toHaveLength(4);
      const rects = [...l.pods.values()];
      for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) expect(overlaps(rects[i]!, rects[j]!)).toBe(false);
    }
  });

  it('lists an expanded group, with its first Pod card, so it can be closed again; grouped or ungrouped, none', () => {
    const key = 'group/default/ReplicaSet/web-5d8f6c7b9@k8s-node1';
    const l = layoutTopology(snap, { groupReplicas: true, expanded: new Set([key]) });
    const g = l.expandedGroups.get(key)!;
    expect(g.members).toEqual(['pod/default/web-5d8f6c7b9-a', 'pod/default/web-5d8f6c7b9-b', 'pod/default/web-5d8f6c7b9-c']);
    expect(g.node).toBe('k8s-node1');
    expect(g.rect).toBe(l.pods.get('pod/default/web-5d8f6c7b9-a'));
    expect(layoutTopology(snap, { groupReplicas: true }).expandedGroups.size).toBe(0);
    // Grouping off: nothing is a group, so nothing is an opened one either.
    expect(layoutTopology(snap, { expanded: new Set([key]) }).expandedGroups.size).toBe(0);
  });
});
