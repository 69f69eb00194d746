/**
 * Each filter plugin, checked through schedulePod: a node that fails shows up in `rejected` with
 * kube-scheduler's reason, and only the first failing plugin (in upstream order) is reported.
 */
import { describe, expect, it } from 'vitest';
import { addPod, newSchedulerCache, schedulePod } from '../../../src/scheduler';
import { Rng } from '../../../src/util/rng';
import { bound, container, CONTROL_PLANE_TAINT, GiB, MiB, node, pod, seedNodes, sized } from './fixtures';

const rng = (): Rng => new Rng(7);

describe('NodeUnschedulable', () => {
  it('keeps pods off a cordoned node', () => {
    const cache = newSchedulerCache([node('a', { unschedulable: true }), node('b')]);
    const r = schedulePod(cache, pod('p'), rng());
    expect(r.node).toBe('b');
    expect(r.rejected).toEqual({ a: 'node(s) were unschedulable' });
  });

  it('lets a pod that tolerates node.kubernetes.io/unschedulable onto a cordoned node', () => {
    const cache = newSchedulerCache([node('a', { unschedulable: true })]);
    const p = pod('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(schedulePod(cache, p, rng()).node).toBe('a');
  });
});

describe('TaintToleration filter', () => {
  it('excludes the kubeadm control plane and names the taint with an empty value', () => {
    const cache = newSchedulerCache(seedNodes());
    const r = schedulePod(cache, pod('p'), rng());
    expect(r.node).not.toBe('k8s-master');
    expect(r.rejected['k8s-master']).toBe('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
  });

  it('admits a pod that tolerates the control-plane taint (operator Exists, like CoreDNS)', () => {
    const cache = newSchedulerCache([node('cp', { taints: [CONTROL_PLANE_TAINT] })]);
    const p = pod('dns', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(schedulePod(cache, p, rng()).node).toBe('cp');
  });

  it('requires Equal tolerations to match the value, and checks NoExecute too', () => {
    const taint = { key: 'dedicated', value: 'gpu', effect: 'NoExecute' as const };
    const cache = newSchedulerCache([node('a', { taints: [taint] })]);
    const wrong = pod('p', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoExecute' }] });
    expect(schedulePod(cache, wrong, rng()).rejected.a).toBe('node(s) had untolerated taint {dedicated: gpu}');
    const right = pod('q', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu' }] });
    expect(schedulePod(cache, right, rng()).node).toBe('a');
  });

  it('never filters on PreferNoSchedule', () => {
    const cache = newSchedulerCache([node('a', { taints: [{ key: 'slow', effect: 'PreferNoSchedule' }] })]);
    expect(schedulePod(cache, pod('p'), rng()).node).toBe('a');
  });
});

describe('NodeAffinity filter', () => {
  it('honours nodeSelector kubernetes.io/hostname', () => {
    const cache = newSchedulerCache(seedNodes());
    const r = schedulePod(cache, pod('p', { nodeSelector: { 'kubernetes.io/hostname': 'k8s-node1' } }), rng());
    expect(r.node).toBe('k8s-node1');
    expect(r.rejected['k8s-node2']).toBe("node(s) didn't match Pod's node affinity/selector");
    // TaintToleration runs before NodeAffinity, so the control plane reports its taint.
    expect(r.rejected['k8s-master']).toBe('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
  });

  it('evaluates required terms (ORed) with In, NotIn and Gt', () => {
    const cache = newSchedulerCache([
      node('a', { labels: { disk: 'ssd', gen: '3' } }),
      node('b', { labels: { disk: 'hdd', gen: '5' } }),
      node('c', { labels: { disk: 'hdd', gen: '2' } }),
    ]);
    const p = pod('p', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] },
              {
                matchExpressions: [
                  { key: 'gen', operator: 'Gt', values: ['4'] },
                  { key: 'disk', operator: 'NotIn', values: ['ssd'] },
                ],
              },
            ],
          },
        },
      },
    });
    const r = schedulePod(cache, p, rng());
    expect(Object.keys(r.scores).sort()).toEqual(['a', 'b']);
    expect(r.rejected).toEqual({ c: "node(s) didn't match Pod's node affinity/selector" });
  });

  it('narrows to matchFields metadata.name nodes in PreFilter (how DaemonSet pods are pinned)', () => {
    const cache = newSchedulerCache([node('a'), node('b'), node('c')]);
    const p = pod('ds', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }],
          },
        },
      },
    });
    const r = schedulePod(cache, p, rng());
    expect(r.node).toBe('b');
    expect(r.rejected).toEqual({
      a: "node(s) didn't satisfy plugin(s) [NodeAffinity]",
      c: "node(s) didn't satisfy plugin(s) [NodeAffinity]",
    });
  });
});

describe('NodePorts', () => {
  const withHostPort = (name: string, hostPort: number, protocol: 'TCP' | 'UDP' = 'TCP', hostIP?: string) =>
    pod(name, { containers: [container('c', {}, { ports: [{ containerPort: 80, hostPort, protocol, hostIP }] })] });

  it('rejects a node whose hostPort is taken, but not for another protocol', () => {
    const cache = newSchedulerCache([node('a'), node('b')]);
    addPod(cache, bound(withHostPort('first', 8080), 'a'));
    const r = schedulePod(cache, withHostPort('second', 8080), rng());
    expect(r.node).toBe('b');
    expect(r.rejected.a).toBe("node(s) didn't have free ports for the requested pod ports");
    expect(Object.keys(schedulePod(cache, withHostPort('udp', 8080, 'UDP'), rng()).rejected)).toEqual([]);
  });

  it('treats hostIP 0.0.0.0 as clashing with a specific IP, and distinct IPs as compatible', () => {
    const cache = newSchedulerCache([node('a')]);
    addPod(cache, bound(withHostPort('first', 9000, 'TCP', '10.0.0.1'), 'a'));
    expect(schedulePod(cache, withHostPort('other-ip', 9000, 'TCP', '10.0.0.2'), rng()).node).toBe('a');
    expect(schedulePod(cache, withHostPort('any-ip', 9000), rng()).node).toBeNull();
  });

  it('counts a hostNetwork pod’s containerPorts as host ports', () => {
    const cache = newSchedulerCache([node('a'), node('b')]);
    const hostNet = (n: string) =>
      pod(n, { hostNetwork: true, containers: [container('c', {}, { ports: [{ containerPort: 53, protocol: 'UDP' }] })] });
    addPod(cache, bound(hostNet('one'), 'a'));
    expect(schedulePod(cache, hostNet('two'), rng()).node).toBe('b');
  });
});

describe('NodeResourcesFit filter', () => {
  it('reports every insufficient resource of a node (cpu and memory), counted separately', () => {
    const cache = newSchedulerCache([node('a', { cpu: 1000, memory: 1 * GiB })]);
    const r = schedulePod(cache, sized('big', 1500, 2 * GiB), rng());
    expect(r.node).toBeNull();
    expect(r.rejected.a).toBe('Insufficient cpu, Insufficient memory');
    expect(r.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('subtracts the requests of pods already bound: 1200m used of 2000m leaves no room for 900m', () => {
    const cache = newSchedulerCache([node('a')]);
    addPod(cache, bound(sized('x', 1200), 'a'));
    expect(schedulePod(cache, sized('y', 800), rng()).node).toBe('a'); // 1200 + 800 = 2000 fits exactly
    expect(schedulePod(cache, sized('z', 900), rng()).rejected.a).toBe('Insufficient cpu');
  });

  it('uses max(sum of containers, largest init container)', () => {
    const cache = newSchedulerCache([node('a', { cpu: 1000 })]);
    // containers 300 + 300 = 600, init 900: effective 900 fits 1000; init 1100 does not.
    const fits = pod('ok', {
      containers: [container('a', { cpu: 300 }), container('b', { cpu: 300 })],
      initContainers: [container('i', { cpu: 900 })],
    });
    const tooBig = pod('no', { containers: [container('a', { cpu: 300 })], initContainers: [container('i', { cpu: 1100 })] });
    expect(schedulePod(cache, fits, rng()).node).toBe('a');
    expect(schedulePod(cache, tooBig, rng()).rejected.a).toBe('Insufficient cpu');
  });

  it('still counts pods for a pod without requests: Too many pods', () => {
    const cache = newSchedulerCache([node('a', { pods: 2 })]);
    addPod(cache, bound(pod('one'), 'a'));
    addPod(cache, bound(pod('two'), 'a'));
    const r = schedulePod(cache, pod('three'), rng());
    expect(r.rejected.a).toBe('Too many pods');
  });

  it('checks extended resources by name', () => {
    const cache = newSchedulerCache([node('a'), node('gpu', { extra: { 'nvidia.com/gpu': 1 } })]);
    const p = pod('train', { containers: [container('c', { 'nvidia.com/gpu': 1 })] });
    const r = schedulePod(cache, p, rng());
    expect(r.node).toBe('gpu');
    expect(r.rejected.a).toBe('Insufficient nvidia.com/gpu');
  });

  it('reports only the first failing plugin: a tainted node short of cpu shows only its taint', () => {
    const cache = newSchedulerCache([node('cp', { cpu: 100, taints: [CONTROL_PLANE_TAINT] })]);
    expect(schedulePod(cache, sized('p', 500), rng()).rejected.cp).toBe(
      'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    );
  });
});

describe('PodTopologySpread filter (DoNotSchedule)', () => {
  const spread = (name: string) =>
    pod(
      name,
      {
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'topology.kubernetes.io/zone',
            whenUnsatisfiable: 'DoNotSchedule',
            labelSelector: { matchLabels: { app: 'web' } },
          },
        ],
      },
      { labels: { app: 'web' } },
    );

  it('rejects the zone that would exceed maxSkew: zone a has 1, zone b 0 → a gives skew 1 + 1 − 0 = 2 > 1', () => {
    const cache = newSchedulerCache([
      node('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
      node('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }),
      node('nozone'),
    ]);
    addPod(cache, bound(spread('web-0'), 'a1'));
    const r = schedulePod(cache, spread('web-1'), rng());
    expect(r.node).toBe('b1');
    expect(r.rejected).toEqual({
      a1: "node(s) didn't match pod topology spread constraints",
      nozone: "node(s) didn't match pod topology spread constraints (missing required label)",
    });
  });

  it('allows skew up to maxSkew once both zones are even', () => {
    const cache = newSchedulerCache([
      node('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
      node('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }),
    ]);
    addPod(cache, bound(spread('web-0'), 'a1'));
    addPod(cache, bound(spread('web-1'), 'b1'));
    // Both zones hold 1: either gives 1 + 1 − 1 = 1 ≤ 1.
    expect(Object.keys(schedulePod(cache, spread('web-2'), rng()).scores).sort()).toEqual(['a1', 'b1']);
  });
});

describe('bypass', () => {
  it('binds a pod with spec.nodeName without running the scheduler', () => {
    const cache = newSchedulerCache(seedNodes());
    const r = schedulePod(cache, pod('pinned', { nodeName: 'k8s-master' }), rng());
    expect(r).toEqual({ node: 'k8s-master', rejected: {}, scores: {}, by: 'nodeName' });
  });

  it('leaves pods of another schedulerName pending without an event', () => {
    const cache = newSchedulerCache(seedNodes());
    const r = schedulePod(cache, pod('other', { schedulerName: 'my-scheduler' }), rng());
    expect(r.node).toBeNull();
    expect(r.message).toBeUndefined();
  });

  it('memory requests count in bytes: 3 GiB + 1.5 GiB exceed a 4 GiB node', () => {
    const cache = newSchedulerCache([node('a')]);
    addPod(cache, bound(sized('x', undefined, 3 * GiB), 'a'));
    expect(schedulePod(cache, sized('y', undefined, 1536 * MiB), rng()).rejected.a).toBe('Insufficient memory');
  });
});
