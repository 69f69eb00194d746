/**
 * A file removed from the watched folder is `kubectl delete` (or `apply --prune`) of its objects, with
 * kubectl's default cascade (background): a workload's Pods are deleted by the garbage collector, each
 * Terminating for its terminationGracePeriodSeconds; a Service is gone at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceCluster, buildCluster, reconcileCluster } from '../../../src/cluster';
import type { Cluster } from '../../../src/model/cluster';
import { traceRequests } from '../../../src/trace';
import { container, load, pod, service, workload } from './fixtures';

const userPods = (c: Cluster) => c.pods.filter((p) => !p.builtIn);
const svc = (c: Cluster, name: string) => c.services.find((s) => s.name === name);
const web = (replicas = 2, grace?: number) =>
  workload('Deployment', 'web', [container('web', 'kubetm/app', { ports: [8080] })], {
    replicas,
    ...(grace !== undefined ? { terminationGracePeriodSeconds: grace } : {}),
  });
const np = service('web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] });

describe('a workload file removed from the folder', () => {
  it("a Deployment's Pods stay Terminating for their grace period, their endpoints serving-terminating", () => {
    const c = buildCluster(load(web(2), np), { seed: 1 });
    const after = reconcileCluster(c, load(np));
    expect(after.workloads.some((w) => w.name === 'web')).toBe(false);
    const pods = userPods(after);
    expect(pods.map((p) => p.name).sort()).toEqual(
      userPods(c)
        .map((p) => p.name)
        .sort(),
    );
    for (const p of pods) {
      expect(p.terminating).toBe(true);
      expect(p.deletionTimestamp).toBe(after.clock + 30);
    }
    // Nobody replaces them: their controller is gone.
    for (const e of svc(after, 'web')!.endpoints) expect(e).toMatchObject({ ready: false, serving: true, terminating: true });
    const gone = advanceCluster(after, after.clock + 30).cluster;
    expect(userPods(gone)).toEqual([]);
    expect(svc(gone, 'web')!.endpoints).toEqual([]);
  });

  it('requests keep reaching the terminating Pods (no ready endpoint is left) until their grace period ends', () => {
    const c = buildCluster(load(web(2, 10), np), { seed: 1 });
    const after = reconcileCluster(c, load(np));
    const { run } = traceRequests(after, { from: 'external', to: 'node/k8s-node1:30080', count: 3, intervalSeconds: 6 });
    expect(run.traces.map((t) => t.outcome)).toEqual(['delivered', 'delivered', 'refused']);
    expect(run.traces[0].hops.find((h) => h.action === 'dnat')!.note).toContain('serving but terminating');
  });

  it('each Pod keeps its own grace period; a Pod that is not running goes at once', () => {
    const c = buildCluster(load(web(1, 5), workload('Job', 'once', [container('c', 'busybox')])), {
      seed: 1,
    });
    const after = reconcileCluster(c, load());
    const web1 = userPods(after).find((p) => p.name.startsWith('web-'))!;
    expect(web1.deletionTimestamp).toBe(after.clock + 5);
    // The Job's finished Pod has nothing left to stop.
    const jobPod = userPods(c).find((p) => p.owner?.kind === 'Job')!;
    expect(jobPod.phase).toBe('Succeeded');
    expect(userPods(after).some((p) => p.name === jobPod.name)).toBe(false);
  });

  it('a DaemonSet and a StatefulSet removed: their Pods Terminating too', () => {
    const ds = workload('DaemonSet', 'agent', [container('a', 'kubetm/app')]);
    const sts = workload('StatefulSet', 'db', [container('d', 'kubetm/app')], { replicas: 2, podManagementPolicy: 'Parallel' });
    const c = buildCluster(load(ds, sts), { seed: 1 });
    const after = reconcileCluster(c, load());
    const owned = userPods(after).filter((p) => p.owner?.kind === 'DaemonSet' || p.owner?.kind === 'StatefulSet');
    expect(owned.length).toBe(userPods(c).length);
    expect(owned.every((p) => p.terminating)).toBe(true);
    expect(userPods(advanceCluster(after, after.clock + 30).cluster)).toEqual([]);
  });

  it('the Deployment put back while its old Pods terminate gets new Pods at once, and the old ones still go', () => {
    const c = buildCluster(load(web(2), np), { seed: 1 });
    const removed = reconcileCluster(c, load(np));
    const back = reconcileCluster(removed, load(web(2), np));
    const live = userPods(back).filter((p) => !p.terminating);
    expect(live).toHaveLength(2);
    expect(userPods(back).filter((p) => p.terminating)).toHaveLength(2);
    const settled = advanceCluster(back, back.clock + 30).cluster;
    expect(
      userPods(settled)
        .map((p) => p.name)
        .sort(),
    ).toEqual(live.map((p) => p.name).sort());
  });
});

describe('a Service or bare Pod file removed', () => {
  it('a Service goes at once, and its endpoints with it; its Pods keep running', () => {
    const c = buildCluster(load(web(2), np), { seed: 1 });
    const after = reconcileCluster(c, load(web(2)));
    expect(svc(after, 'web')).toBeUndefined();
    expect(userPods(after).every((p) => !p.terminating)).toBe(true);
    const { run } = traceRequests(after, { from: 'external', to: 'node/k8s-node1:30080' });
    expect(run.traces[0].outcome).not.toBe('delivered');
  });

  it('a bare Pod is Terminating for its own grace period', () => {
    const p = pod('solo', [container('c', 'kubetm/app', { ports: [8080] })], { labels: { app: 'web' }, terminationGracePeriodSeconds: 12 });
    const c = buildCluster(load(p, np), { seed: 1 });
    const after = reconcileCluster(c, load(np));
    const solo = after.pods.find((x) => x.name === 'solo')!;
    expect(solo).toMatchObject({ terminating: true, deletionTimestamp: after.clock + 12 });
    expect(svc(after, 'web')!.endpoints[0]).toMatchObject({ pod: 'solo', ready: false, serving: true, terminating: true });
    expect(advanceCluster(after, after.clock + 12).cluster.pods.some((x) => x.name === 'solo')).toBe(false);
  });
});

describe('the grace period of a removed workload (property)', () => {
  it('its Pods serve until exactly their terminationGracePeriodSeconds has passed; 0 removes them at once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 3 }), (grace, replicas) => {
        const c = buildCluster(load(web(replicas, grace), np), { seed: 1 });
        const after = reconcileCluster(c, load(np));
        if (grace === 0) {
          expect(userPods(after)).toEqual([]);
          return;
        }
        const before = advanceCluster(after, after.clock + grace - 0.5).cluster;
        expect(userPods(before)).toHaveLength(replicas);
        expect(svc(before, 'web')!.endpoints.every((e) => e.serving && e.terminating && !e.ready)).toBe(true);
        expect(userPods(advanceCluster(after, after.clock + grace).cluster)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
