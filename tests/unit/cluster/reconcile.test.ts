import { describe, expect, test } from 'vitest';
import { advanceCluster, buildCluster, deletePod, reconcileCluster } from '../../../src/cluster';
import type { Cluster } from '../../../src/model/cluster';
import { container, load, pod, service, settings, workload } from './fixtures';

const userPods = (c: Cluster) => c.pods.filter((p) => !p.builtIn);
const svc = (c: Cluster, name: string) => c.services.find((s) => s.name === name)!;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const app = (image = 'kubetm/app', replicas = 2) =>
  workload('Deployment', 'web', [container('web', image, { ports: [8080] })], { replicas });
const np = (nodePort?: number) =>
  service('web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 9000, targetPort: 8080, nodePort }] });

describe('reconcileCluster (re-apply after an edit)', () => {
  test('nothing changed: pods, IPs, Service IP and node ports all stay', () => {
    const c = deepFreeze(buildCluster(load(app(), np()), { seed: 1 }));
    const again = reconcileCluster(c, load(app(), np()));
    expect(userPods(again).map((p) => [p.name, p.ip, p.nodeName, p.uid])).toEqual(
      userPods(c).map((p) => [p.name, p.ip, p.nodeName, p.uid]),
    );
    expect(svc(again, 'web').clusterIP).toBe(svc(c, 'web').clusterIP);
    expect(svc(again, 'web').ports[0].nodePort).toBe(svc(c, 'web').ports[0].nodePort);
    expect(again.clock).toBeGreaterThan(c.clock);
  });

  test('a changed pod template: new ReplicaSet hash, new pods; the old ones go as the rollout runs', () => {
    const c = buildCluster(load(app('kubetm/app'), np()), { seed: 1 });
    const started = reconcileCluster(c, load(app('kubetm/app:v2'), np()));
    const oldRs = c.workloads.find((w) => w.name === 'web')!.replicaSet!;
    const newRs = started.workloads.find((w) => w.name === 'web')!.replicaSet!;
    expect(newRs).not.toBe(oldRs);
    // The rollout takes simulated time: let it finish (and the old Pods' grace period end).
    const after = advanceCluster(started, started.clock + 60).cluster;
    const pods = userPods(after);
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.owner?.name === newRs && p.labels['pod-template-hash'] === newRs.slice('web-'.length))).toBe(true);
    expect(after.events).toContainEqual(
      expect.objectContaining({ reason: 'ScalingReplicaSet', message: `Scaled down replica set ${oldRs} from 1 to 0` }),
    );
    expect(svc(after, 'web').clusterIP).toBe(svc(c, 'web').clusterIP);
    expect(
      svc(after, 'web')
        .endpoints.map((e) => e.pod)
        .sort(),
    ).toEqual(pods.map((p) => p.name).sort());
  });

  test('replicas changed: scaled, existing pods kept', () => {
    const c = buildCluster(load(app(), np()), { seed: 1 });
    const after = reconcileCluster(c, load(app('kubetm/app', 3), np()));
    expect(userPods(after)).toHaveLength(3);
    for (const p of userPods(c)) expect(userPods(after).find((q) => q.name === p.name)?.ip).toBe(p.ip);
  });

  test('a Service edit keeps its allocations unless the manifest asks for others', () => {
    const c = buildCluster(load(app(), np()), { seed: 1 });
    const relabelled = reconcileCluster(
      c,
      load(app(), service('web', { type: 'NodePort', selector: { app: 'other' }, ports: [{ port: 9000, targetPort: 8080 }] })),
    );
    expect(svc(relabelled, 'web').clusterIP).toBe(svc(c, 'web').clusterIP);
    expect(svc(relabelled, 'web').ports[0].nodePort).toBe(svc(c, 'web').ports[0].nodePort);
    expect(svc(relabelled, 'web').endpoints).toEqual([]);
    const pinned = reconcileCluster(c, load(app(), np(30123)));
    expect(svc(pinned, 'web').ports[0].nodePort).toBe(30123);
  });

  test('new objects are created, removed ones go away with their pods', () => {
    const c = buildCluster(load(app(), np(), pod('extra', [container('c', 'nginx')])), { seed: 1 });
    const after = reconcileCluster(c, load(np(), service('new', { selector: { app: 'web' } })));
    // Gone from the folder = `kubectl delete` (cascade background): the bare Pod and the Deployment's Pods are
    // Terminating for their grace period, then gone.
    expect(userPods(after).every((p) => p.terminating)).toBe(true);
    expect(userPods(after).map((p) => p.name)).toEqual(userPods(c).map((p) => p.name));
    expect(userPods(advanceCluster(after, after.clock + 30).cluster)).toEqual([]);
    expect(after.workloads.some((w) => w.name === 'web')).toBe(false);
    expect(svc(after, 'new').clusterIP).toMatch(/^10\./);
    expect(after.services.filter((s) => s.builtIn).map((s) => s.name)).toEqual(['kubernetes', 'kube-dns']);
    expect(after.pods.filter((p) => p.builtIn).length).toBe(c.pods.filter((p) => p.builtIn).length);
  });

  test('a bare Pod: new labels are applied in place; a new spec re-creates it with a new IP', () => {
    const v1 = pod('p', [container('c', 'kubetm/app')], { labels: { app: 'a' } });
    const c = buildCluster(load(v1, service('s', { selector: { app: 'b' } })), { seed: 1 });
    const relabelled = reconcileCluster(
      c,
      load(pod('p', [container('c', 'kubetm/app')], { labels: { app: 'b' } }), service('s', { selector: { app: 'b' } })),
    );
    expect(relabelled.pods.find((p) => p.name === 'p')!.ip).toBe(c.pods.find((p) => p.name === 'p')!.ip);
    expect(svc(relabelled, 's').endpoints.map((e) => e.pod)).toEqual(['p']);
    const respecced = reconcileCluster(c, load(pod('p', [container('c', 'nginx')], { labels: { app: 'a' } })));
    expect(respecced.pods.find((p) => p.name === 'p')!.ip).not.toBe(c.pods.find((p) => p.name === 'p')!.ip);
  });

  test('operations done since the build survive a re-apply (a replaced pod keeps its new name)', () => {
    const c = buildCluster(load(app(), np()), { seed: 1 });
    const deleted = deletePod(c, 'default', userPods(c)[0].name);
    const after = reconcileCluster(deleted, load(app(), np()));
    expect(userPods(after).map((p) => p.name)).toEqual(userPods(deleted).map((p) => p.name));
  });

  test('diagnostics are those of the new load', () => {
    const c = buildCluster(load(service('a', { clusterIP: '10.96.0.10' })), { seed: 1 });
    expect(c.diagnostics).toHaveLength(1);
    expect(reconcileCluster(c, load(service('a', {}))).diagnostics).toEqual([]);
  });

  test('a changed cluster (settings) is built again', () => {
    const c = buildCluster(load(app()), { seed: 1 });
    const after = reconcileCluster(c, load(settings({ podCIDR: '10.32.0.0/16' }), app()));
    expect(after.nodes[1].podCIDR).toBe('10.32.1.0/24');
    expect(userPods(after).every((p) => p.ip!.startsWith('10.32.'))).toBe(true);
    expect(after.clock).toBeGreaterThan(c.clock);
  });
});
