/** Which Pods a ReplicaSet deletes first (ActivePodsWithRanks), and graceful scale-down and drain. */
import { describe, expect, test } from 'vitest';
import { advanceCluster, buildCluster, drainNode, reconcileCluster } from '../../../src/cluster';
import { podsToDelete } from '../../../src/cluster/podsToDelete';
import type { Cluster, PodState } from '../../../src/model/cluster';
import { container, load, service, workload } from './fixtures';

const userPods = (c: Cluster) => c.pods.filter((p) => !p.builtIn);
const active = (c: Cluster) => userPods(c).filter((p) => !p.terminating);

/** Five identical running, ready Pods on k8s-node1, created at 0, to vary one field at a time. */
function pods(): PodState[] {
  const c = buildCluster(load(workload('ReplicaSet', 'rs', [container('c', 'nginx')], { replicas: 5 })), { seed: 1 });
  return userPods(c).map((p, i) => ({ ...p, name: `p${i}`, uid: `uid-${i}`, nodeName: 'k8s-node1', createdAt: 0, readyAt: 0 }));
}
const first = (ps: PodState[], now = 1000, related = ps) => podsToDelete(ps, related, 1, now)[0].name;

describe('ActivePodsWithRanks: which Pod goes first', () => {
  test('unassigned before assigned, Pending before Running, not Ready before Ready', () => {
    const ps = pods();
    ps[3] = { ...ps[3], ready: false };
    expect(first(ps)).toBe('p3');
    ps[2] = { ...ps[2], phase: 'Pending', ready: false };
    expect(first(ps)).toBe('p2');
    ps[4] = { ...ps[4], nodeName: null, phase: 'Pending', ready: false };
    expect(first(ps)).toBe('p4');
  });

  test('lower pod-deletion-cost first, before anything about nodes or age', () => {
    const ps = pods();
    ps[1] = { ...ps[1], annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-1' }, createdAt: 0 };
    ps[0] = { ...ps[0], createdAt: 999 };
    expect(first(ps)).toBe('p1');
  });

  test('doubled up first: the Pod on the node with more active related Pods (of all the Deployment ReplicaSets)', () => {
    const ps = pods().map((p, i) => ({
      ...p,
      nodeName: i < 2 ? 'k8s-node1' : 'k8s-node2',
      createdAt: i === 0 ? 900 : 0,
      readyAt: i === 0 ? 900 : 0,
    }));
    // node2 holds 3 of the 5: one of them goes, though p0 on node1 is the newest.
    expect(['p2', 'p3', 'p4']).toContain(first(ps));
    // Counting the other ReplicaSet's Pods on node1 (related, not owned) tips it the other way.
    const other = pods().map((p, i) => ({ ...p, name: `o${i}`, nodeName: 'k8s-node1' }));
    expect(first(ps, 1000, [...ps, ...other])).toBe('p0');
    // A Terminating related Pod does not count.
    expect(['p2', 'p3', 'p4']).toContain(first(ps, 1000, [...ps, ...other.map((p) => ({ ...p, terminating: true }))]));
  });

  test('Ready more recently first, in log2 buckets of the time since; within a bucket by UID', () => {
    const ps = pods().slice(0, 2);
    ps[0] = { ...ps[0], uid: 'uid-b', readyAt: 100 };
    ps[1] = { ...ps[1], uid: 'uid-a', readyAt: 990 };
    expect(first(ps)).toBe('p1');
    // 1000 − 600 = 400 s and 1000 − 700 = 300 s are both in [2^38, 2^39) ns: the UID decides.
    ps[0] = { ...ps[0], readyAt: 700 };
    ps[1] = { ...ps[1], readyAt: 600 };
    expect(first(ps)).toBe('p1');
    ps[1] = { ...ps[1], uid: 'uid-c' };
    expect(first(ps)).toBe('p0');
  });

  test('then more restarts first, then created more recently first', () => {
    const ps = pods().slice(0, 3);
    ps[2] = { ...ps[2], containers: ps[2].containers.map((c) => ({ ...c, restartCount: 4 })) };
    expect(first(ps)).toBe('p2');
    const qs = pods().slice(0, 3);
    qs[1] = { ...qs[1], createdAt: 500, readyAt: 0 };
    expect(first(qs)).toBe('p1');
  });

  test('deleting as many as there are takes them all', () => {
    expect(podsToDelete(pods(), pods(), 7, 0)).toHaveLength(5);
  });
});

describe('graceful scale-down', () => {
  const web = (replicas: number) => workload('Deployment', 'web', [container('web', 'kubetm/app', { ports: [8080] })], { replicas });
  const svc = service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] });

  test('replicas reduced in an edit: the Pods scaled away are Terminating, their endpoints serving-terminating, then gone', () => {
    const c = buildCluster(load(web(3), svc), { seed: 1 });
    const edited = reconcileCluster(c, load(web(1), svc));
    expect(active(edited)).toHaveLength(1);
    const leaving = userPods(edited).filter((p) => p.terminating);
    expect(leaving).toHaveLength(2);
    expect(edited.events).toContainEqual(expect.objectContaining({ reason: 'Killing' }));
    const eps = edited.services.find((s) => s.name === 'web')!.endpoints;
    expect(
      eps
        .filter((e) => e.terminating)
        .map((e) => e.pod)
        .sort(),
    ).toEqual(leaving.map((p) => p.name).sort());
    expect(eps.filter((e) => e.terminating).every((e) => !e.ready)).toBe(true);
    const later = advanceCluster(edited, leaving[0].deletionTimestamp!);
    expect(userPods(later.cluster)).toHaveLength(1);
    expect(later.changes.map((ch) => ch.text)).toContain(`${leaving[0].name} is gone (its 30 s grace period ended)`);
  });

  test('a bare ReplicaSet scaled down in an edit terminates gracefully too', () => {
    const rs = (n: number) => workload('ReplicaSet', 'rs', [container('c', 'nginx')], { replicas: n });
    const edited = reconcileCluster(buildCluster(load(rs(2)), { seed: 1 }), load(rs(1)));
    expect(active(edited)).toHaveLength(1);
    expect(userPods(edited).filter((p) => p.terminating)).toHaveLength(1);
  });
});

describe('drain evicts gracefully', () => {
  test('evicted Pods are Terminating on the drained node while their replacements start elsewhere; kubectl drain waits them out', () => {
    const c = buildCluster(load(workload('Deployment', 'web', [container('web', 'nginx', { ports: [80] })], { replicas: 2 })), {
      seed: 1,
    });
    const node = userPods(c)[0].nodeName!;
    const evicted = userPods(c).filter((p) => p.nodeName === node);
    const at = drainNode(c, node, { wait: false });
    const left = userPods(at).filter((p) => p.nodeName === node);
    expect(left.map((p) => p.name).sort()).toEqual(evicted.map((p) => p.name).sort());
    expect(left.every((p) => p.terminating)).toBe(true);
    expect(active(at)).toHaveLength(2);
    expect(active(at).every((p) => p.nodeName !== node)).toBe(true);
    const waited = drainNode(c, node);
    expect(userPods(waited).filter((p) => p.nodeName === node)).toEqual([]);
    expect(waited.clock).toBe(at.clock + 30);
  });
});
