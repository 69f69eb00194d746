import { describe, expect, test } from 'vitest';
import {
  advanceCluster,
  buildCluster,
  ClusterOperationError,
  cordonNode,
  deletePod,
  drainNode,
  scaleWorkload,
  uncordonNode,
} from '../../../src/cluster';
import type { Cluster } from '../../../src/model/cluster';
import { container, load, node, pod, service, workload } from './fixtures';

const userPods = (c: Cluster) => c.pods.filter((p) => !p.builtIn);
/** The Pods a controller counts (not Terminating). */
const active = (c: Cluster) => userPods(c).filter((p) => !p.terminating);

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const web = workload('Deployment', 'web', [container('web', 'kubetm/app', { ports: [8080] })], { replicas: 2 });
const base = () =>
  buildCluster(load(web, service('web', { selector: { app: 'web' }, ports: [{ port: 9000, targetPort: 8080 }] })), { seed: 1 });

describe('deletePod', () => {
  test('a Deployment pod is replaced at once: new name, new IP; the Service IP stays and its endpoints follow', () => {
    const c = deepFreeze(base());
    const victim = userPods(c)[0];
    const after = deletePod(c, 'default', victim.name);
    // The deleted Pod is Terminating for its grace period; the ReplicaSet does not count it.
    const pods = userPods(after).filter((p) => !p.terminating);
    expect(pods).toHaveLength(2);
    expect(pods.some((p) => p.name === victim.name)).toBe(false);
    const fresh = pods.find((p) => !userPods(c).some((q) => q.name === p.name))!;
    expect(fresh.name).toMatch(new RegExp(`^${victim.owner!.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(fresh.ip).not.toBe(victim.ip);
    expect(userPods(c).map((p) => p.ip)).not.toContain(fresh.ip);
    const s0 = c.services.find((s) => s.name === 'web')!;
    const s1 = after.services.find((s) => s.name === 'web')!;
    expect(s1.clusterIP).toBe(s0.clusterIP);
    expect(
      s1.endpoints
        .filter((e) => e.ready)
        .map((e) => e.pod)
        .sort(),
    ).toEqual(pods.map((p) => p.name).sort());
    const reasons = after.events.filter((e) => e.time === after.clock).map((e) => e.reason);
    expect(reasons).toEqual(['Killing', 'SuccessfulCreate', 'Scheduled']);
  });

  test('a deleted Pod is Terminating for its terminationGracePeriodSeconds (default 30), then gone', () => {
    const c = buildCluster(load(pod('lonely', [container('c', 'nginx')])), { seed: 1 });
    const deleted = deletePod(c, 'default', 'lonely');
    expect(userPods(deleted)).toMatchObject([{ name: 'lonely', terminating: true, deletionTimestamp: deleted.clock + 30 }]);
    expect(userPods(advanceCluster(deleted, deleted.clock + 29).cluster)).toHaveLength(1);
    const later = advanceCluster(deleted, deleted.clock + 30);
    expect(userPods(later.cluster)).toEqual([]);
    expect(later.changes).toEqual([{ at: deleted.clock + 30, text: 'lonely is gone (its 30 s grace period ended)' }]);
  });

  test('terminationGracePeriodSeconds: 0 deletes at once', () => {
    const c = buildCluster(load(pod('quick', [container('c', 'nginx')], { terminationGracePeriodSeconds: 0 })), { seed: 1 });
    expect(userPods(deletePod(c, 'default', 'quick'))).toEqual([]);
  });

  test('a StatefulSet pod comes back with the same name and a new IP', () => {
    const c = buildCluster(load(workload('StatefulSet', 'db', [container('db', 'redis')], { replicas: 2 })), { seed: 1 });
    const before = userPods(c).find((p) => p.name === 'db-0')!;
    const deleted = deletePod(c, 'default', 'db-0');
    // The name is taken until the Terminating Pod is gone; then the StatefulSet creates db-0 again.
    expect(userPods(deleted).find((p) => p.name === 'db-0')).toMatchObject({ uid: before.uid, terminating: true });
    const after = userPods(advanceCluster(deleted, deleted.clock + 30).cluster).find((p) => p.name === 'db-0')!;
    expect(after.terminating).toBeUndefined();
    expect(after.ip).not.toBe(before.ip);
    expect(after.uid).not.toBe(before.uid);
  });

  test('a mirror pod of a static pod is re-created by the kubelet', () => {
    const c = base();
    const after = deletePod(c, 'kube-system', 'etcd-k8s-master');
    expect(after.pods.find((p) => p.name === 'etcd-k8s-master')).toMatchObject({ nodeName: 'k8s-master', ip: '192.168.64.30' });
  });

  test("a missing pod: kubectl's NotFound", () => {
    expect(() => deletePod(base(), 'default', 'nope')).toThrow(
      new ClusterOperationError('Error from server (NotFound): pods "nope" not found'),
    );
  });

  test('the same cluster and operation give the same result', () => {
    const c = base();
    const name = userPods(c)[0].name;
    expect(deletePod(c, 'default', name)).toEqual(deletePod(c, 'default', name));
  });
});

describe('scaleWorkload', () => {
  test('scaling a Deployment up and down', () => {
    const c = deepFreeze(base());
    const up = scaleWorkload(c, 'deployment', 'default', 'web', 4);
    expect(userPods(up)).toHaveLength(4);
    expect(up.workloads.find((w) => w.name === 'web')!.replicas).toBe(4);
    const rs = up.workloads.find((w) => w.name === 'web')!.replicaSet;
    expect(up.events).toContainEqual(
      expect.objectContaining({ reason: 'ScalingReplicaSet', message: `Scaled up replica set ${rs} from 2 to 4` }),
    );
    // kubectl scale returns at once: the Pods scaled away are Terminating for their grace period,
    // their endpoints serving-terminating (no longer ready), and gone when it ends.
    const down = scaleWorkload(up, 'deploy', 'default', 'web', 1);
    expect(active(down)).toHaveLength(1);
    const leaving = userPods(down).filter((p) => p.terminating);
    expect(leaving).toHaveLength(3);
    expect(leaving.every((p) => p.deletionTimestamp === down.clock + 30)).toBe(true);
    const endpoints = down.services.find((s) => s.name === 'web')!.endpoints;
    expect(endpoints.filter((e) => e.ready)).toHaveLength(1);
    expect(endpoints.filter((e) => e.terminating)).toHaveLength(3);
    const later = advanceCluster(down, down.clock + 30).cluster;
    expect(userPods(later)).toHaveLength(1);
    expect(later.services.find((s) => s.name === 'web')!.endpoints).toHaveLength(1);
  });

  test('scaling down removes the unready/newest pods first', () => {
    const c = buildCluster(load(workload('ReplicaSet', 'rs', [container('c', 'nginx', { cpu: 1000 })], { replicas: 3 })), { seed: 1 });
    const pending = userPods(c).filter((p) => !p.nodeName);
    expect(pending).toHaveLength(1); // each 2-CPU worker (100m taken by flannel) fits one 1000m pod
    const down = scaleWorkload(c, 'rs', 'default', 'rs', 2);
    expect(userPods(down).every((p) => p.nodeName)).toBe(true);
  });

  test('scaling down removes the Pods of lowest controller.kubernetes.io/pod-deletion-cost first', () => {
    const c = buildCluster(load(workload('Deployment', 'web', [container('c', 'nginx')], { replicas: 3 })), { seed: 1 });
    const pods = userPods(c);
    expect(pods.every((p) => p.ready)).toBe(true);
    // `kubectl annotate pod … controller.kubernetes.io/pod-deletion-cost=…`: the oldest-first rule alone would keep others.
    const costs = new Map([
      [pods[0].name, '100'],
      [pods[1].name, '-5'],
      [pods[2].name, '7'],
    ]);
    const annotated = {
      ...c,
      pods: c.pods.map((p) =>
        costs.has(p.name)
          ? { ...p, annotations: { ...p.annotations, 'controller.kubernetes.io/pod-deletion-cost': costs.get(p.name)! } }
          : p,
      ),
    };
    expect(
      active(scaleWorkload(annotated, 'deployment', 'default', 'web', 2))
        .map((p) => p.name)
        .sort(),
    ).toEqual([pods[0].name, pods[2].name].sort());
    expect(active(scaleWorkload(annotated, 'deployment', 'default', 'web', 1)).map((p) => p.name)).toEqual([pods[0].name]);
  });

  test('StatefulSet scales down from the highest ordinal, gracefully', () => {
    const c = buildCluster(load(workload('StatefulSet', 'db', [container('db', 'redis')], { replicas: 3 })), { seed: 1 });
    // OrderedReady: one Pod at a time, gracefully — db-2 Terminating first; db-1 only once db-2 is gone.
    const down = scaleWorkload(c, 'statefulset', 'default', 'db', 1);
    const state = (x: Cluster) => userPods(x).map((p) => `${p.name}${p.terminating ? ' Terminating' : ''}`);
    expect(state(down)).toEqual(['db-0', 'db-1', 'db-2 Terminating']);
    const next = advanceCluster(down, down.clock + 30).cluster;
    expect(state(next)).toEqual(['db-0', 'db-1 Terminating']);
    expect(state(advanceCluster(next, next.clock + 30).cluster)).toEqual(['db-0']);
    // Parallel: all the extra Pods at once.
    const p = buildCluster(
      load(workload('StatefulSet', 'db', [container('db', 'redis')], { replicas: 3, podManagementPolicy: 'Parallel' })),
      {
        seed: 1,
      },
    );
    expect(state(scaleWorkload(p, 'statefulset', 'default', 'db', 1))).toEqual(['db-0', 'db-1 Terminating', 'db-2 Terminating']);
  });

  test('the scheduler continues its round robin where the previous operation stopped (nextStartNodeIndex)', () => {
    const nodes = Array.from({ length: 150 }, (_, i) => node(`n${i}`));
    const c = buildCluster(load(...nodes, workload('Deployment', 'app', [container('app', 'kubetm/app')], { replicas: 2 })), { seed: 1 });
    // 300 DaemonSet pods (one node each), then 2 coredns and 2 app replicas (100 of 150 nodes each).
    expect(c.schedulerStartIndex).toBe((300 + 4 * 100) % 150);
    // Each new pod is filtered from the stored index until 100 of the 150 nodes are feasible.
    const once = scaleWorkload(c, 'deployment', 'default', 'app', 3);
    expect(once.schedulerStartIndex).toBe((100 + 100) % 150);
    const twice = scaleWorkload(once, 'deployment', 'default', 'app', 4);
    expect(twice.schedulerStartIndex).toBe((100 + 200) % 150);
  });

  test('errors as kubectl words them', () => {
    const c = base();
    expect(() => scaleWorkload(c, 'deployment', 'default', 'nope', 1)).toThrow(
      'Error from server (NotFound): deployments.apps "nope" not found',
    );
    expect(() => scaleWorkload(c, 'deployment', 'default', 'web', -1)).toThrow('--replicas=COUNT');
    expect(() => scaleWorkload(c, 'daemonset', 'kube-system', 'kube-proxy', 1)).toThrow('the server could not find the requested resource');
    expect(() => scaleWorkload(c, 'gadget', 'default', 'web', 1)).toThrow('the server doesn\'t have a resource type "gadget"');
  });
});

describe('cordon, uncordon, drain', () => {
  const onNode1 = { nodeSelector: { 'kubernetes.io/hostname': 'k8s-node1' } };

  test('cordon: running pods stay; new pods cannot land; uncordon lets the Pending pod in', () => {
    const c = buildCluster(load(pod('stay', [container('c', 'nginx')], onNode1), workload('Deployment', 'd', [container('c', 'nginx')])), {
      seed: 1,
    });
    const cordoned = cordonNode(cordonNode(c, 'k8s-node1'), 'k8s-node2');
    expect(cordoned.nodes.filter((n) => n.unschedulable).map((n) => n.name)).toEqual(['k8s-node1', 'k8s-node2']);
    expect(cordoned.pods.find((p) => p.name === 'stay')!.nodeName).toBe('k8s-node1');
    const scaled = scaleWorkload(cordoned, 'deployment', 'default', 'd', 2);
    const pending = userPods(scaled).find((p) => !p.nodeName)!;
    expect(pending.schedule.message).toContain('node(s) were unschedulable');
    const open = uncordonNode(scaled, 'k8s-node2');
    const placed = open.pods.find((p) => p.name === pending.name)!;
    expect(placed.nodeName).toBe('k8s-node2');
    expect(placed.ip).toMatch(/^10\.244\.2\./);
    expect(open.events).toContainEqual(expect.objectContaining({ reason: 'NodeSchedulable', object: 'node/k8s-node2' }));
    expect(open.events).toContainEqual(expect.objectContaining({ reason: 'Scheduled', object: `pod/${pending.name}`, time: open.clock }));
  });

  test('cordoning a cordoned node changes nothing but the clock; unknown nodes are NotFound', () => {
    const c = cordonNode(base(), 'k8s-node1');
    const again = cordonNode(c, 'k8s-node1');
    expect(again.events).toEqual(c.events);
    expect(() => cordonNode(c, 'k8s-node9')).toThrow('Error from server (NotFound): nodes "k8s-node9" not found');
  });

  test('drain refuses pods no controller will re-create, unless forced', () => {
    const c = buildCluster(
      load(
        pod('lonely', [container('c', 'nginx')], onNode1),
        workload('Deployment', 'd', [container('c', 'nginx')], { ...onNode1, replicas: 1 }),
      ),
      { seed: 1 },
    );
    expect(() => drainNode(c, 'k8s-node1')).toThrow(
      'error: unable to drain node "k8s-node1" due to error:cannot delete Pods declare no controller (use --force to override): default/lonely, continuing command...',
    );
    const forced = drainNode(c, 'k8s-node1', { force: true });
    expect(forced.pods.some((p) => p.name === 'lonely')).toBe(false);
    expect(forced.nodes.find((n) => n.name === 'k8s-node1')!.unschedulable).toBe(true);
  });

  test('drain evicts controller pods (re-created elsewhere), keeps DaemonSet and mirror pods', () => {
    const c = base();
    const onNode1Before = c.pods.filter((p) => p.nodeName === 'k8s-node1');
    const drained = drainNode(c, 'k8s-node1');
    const left = drained.pods.filter((p) => p.nodeName === 'k8s-node1');
    expect(left.every((p) => p.owner?.kind === 'DaemonSet')).toBe(true);
    expect(left.length).toBe(onNode1Before.filter((p) => p.owner?.kind === 'DaemonSet').length);
    const webPods = userPods(drained);
    expect(webPods).toHaveLength(2);
    expect(webPods.every((p) => p.nodeName === 'k8s-node2')).toBe(true);
    expect(drainNode(c, 'k8s-master').pods.filter((p) => p.owner?.kind === 'Node')).toHaveLength(4);
  });

  test('drain without ignoring DaemonSets names the DaemonSet pods', () => {
    expect(() => drainNode(base(), 'k8s-node2', { ignoreDaemonSets: false })).toThrow(
      /cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-flannel\/kube-flannel-ds-\w{5}, kube-system\/kube-proxy-\w{5}|cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kube-proxy-\w{5}, kube-flannel/,
    );
  });
});
