/** Deployment rollouts over simulated time (pkg/controller/deployment rolling.go, recreate.go). */
import { describe, expect, test } from 'vitest';
import {
  advanceCluster,
  availableScaleDown,
  buildCluster,
  newReplicaSetReplicas,
  nextChangeAt,
  oldScaleDownBudget,
  reconcileCluster,
  resolveFenceposts,
  scaledValue,
} from '../../../src/cluster';
import type { Cluster } from '../../../src/model/cluster';
import type { WorkloadSpec } from '../../../src/model/k8s';
import { container, load, service, workload } from './fixtures';

const web = (image: string, replicas: number, opts: { strategy?: WorkloadSpec['strategy']; minReadySeconds?: number } = {}) =>
  workload('Deployment', 'web', [container('web', image, { ports: [8080] })], { replicas, ...opts });
const svc = service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] });
const active = (c: Cluster) => c.pods.filter((p) => !p.builtIn && !p.terminating);
const byRs = (c: Cluster) => {
  const out: Record<string, number> = {};
  for (const p of active(c)) out[p.owner!.name] = (out[p.owner!.name] ?? 0) + 1;
  return out;
};

function rollout(replicas: number, opts: { strategy?: WorkloadSpec['strategy']; minReadySeconds?: number } = {}) {
  const c = buildCluster(load(web('kubetm/app:v1', replicas, opts), svc), { seed: 1 });
  const started = reconcileCluster(c, load(web('kubetm/app:v2', replicas, opts), svc));
  const w = started.workloads.find((x) => x.name === 'web')!;
  const oldRs = c.workloads.find((x) => x.name === 'web')!.replicaSet!;
  return { c, started, oldRs, newRs: w.replicaSet! };
}

describe('the Deployment controller arithmetic', () => {
  test('percentages: maxSurge rounds up, maxUnavailable rounds down', () => {
    expect(scaledValue('25%', 10, true)).toBe(3);
    expect(scaledValue('25%', 10, false)).toBe(2);
    expect(scaledValue(4, 10, false)).toBe(4);
    expect(resolveFenceposts(undefined, 4)).toEqual({ surge: 1, unavailable: 1 });
    expect(resolveFenceposts(undefined, 3)).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '30%', maxUnavailable: '30%' } }, 5)).toEqual({
      surge: 2,
      unavailable: 1,
    });
  });

  test('both fenceposts 0 (a 1-replica Deployment at 25%): maxUnavailable becomes 1', () => {
    expect(resolveFenceposts({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '25%' } }, 1)).toEqual({
      surge: 0,
      unavailable: 1,
    });
  });

  test('the new ReplicaSet grows within replicas + maxSurge and never past replicas', () => {
    expect(newReplicaSetReplicas(4, 1, 0, 4)).toBe(1);
    expect(newReplicaSetReplicas(4, 1, 1, 5)).toBe(1);
    expect(newReplicaSetReplicas(4, 3, 0, 4)).toBe(3);
    expect(newReplicaSetReplicas(4, 10, 2, 4)).toBe(4);
  });

  test('old Pods go only while replicas − maxUnavailable stay available', () => {
    expect(availableScaleDown(4, 1, 4)).toBe(1);
    expect(availableScaleDown(4, 0, 4)).toBe(0);
    expect(availableScaleDown(4, 0, 5)).toBe(1);
    expect(oldScaleDownBudget({ desired: 4, unavailable: 1, totalReplicas: 5, newReplicas: 1, newAvailable: 0 })).toBe(1);
    expect(oldScaleDownBudget({ desired: 4, unavailable: 0, totalReplicas: 5, newReplicas: 1, newAvailable: 0 })).toBe(0);
  });
});

describe('a RollingUpdate rollout', () => {
  test('4 replicas at 25%/25%: one surge Pod and one old Pod down at once, then step by step as new Pods become Ready', () => {
    const { started, oldRs, newRs } = rollout(4);
    // surge 1, unavailable 1: 1 new (not Ready yet) + 3 old, one old Pod Terminating.
    expect(byRs(started)).toEqual({ [oldRs]: 3, [newRs]: 2 });
    expect(started.pods.filter((p) => p.terminating && p.owner?.name === oldRs)).toHaveLength(1);
    expect(
      active(started)
        .filter((p) => p.owner!.name === newRs)
        .every((p) => !p.ready && p.readyAt === started.clock + 2),
    ).toBe(true);
    expect(nextChangeAt(started)).toBe(started.clock + 2);
    // The Service's ready endpoints are the old Pods until the new ones pass their readiness check.
    const ready = (c: Cluster) =>
      c.services
        .find((s) => s.name === 'web')!
        .endpoints.filter((e) => e.ready)
        .map((e) => e.pod ?? '');
    expect(ready(started).every((p) => p.startsWith(oldRs))).toBe(true);
    const mid = advanceCluster(started, started.clock + 2);
    expect(mid.changes.map((ch) => ch.text)).toContain(`Scaled down replica set ${oldRs} from 3 to 1`);
    expect(ready(mid.cluster).some((p) => p.startsWith(newRs))).toBe(true);
    expect(ready(mid.cluster).some((p) => p.startsWith(oldRs))).toBe(true);
    const done = advanceCluster(started, started.clock + 60);
    expect(byRs(done.cluster)).toEqual({ [newRs]: 4 });
    expect(done.changes.map((ch) => ch.text)).toContain('deployment "web" successfully rolled out');
    expect(done.cluster.workloads.find((w) => w.name === 'web')!.rolloutStartedAt).toBeUndefined();
    expect(done.cluster.pods.filter((p) => p.owner?.name === oldRs)).toEqual([]);
  });

  test('maxUnavailable 0: no old Pod goes before a new one is available; minReadySeconds delays each step', () => {
    const { started, oldRs, newRs } = rollout(2, {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      minReadySeconds: 5,
    });
    expect(byRs(started)).toEqual({ [oldRs]: 2, [newRs]: 1 });
    // Ready at +2, available at +7: only then does an old Pod go.
    expect(byRs(advanceCluster(started, started.clock + 6).cluster)).toEqual({ [oldRs]: 2, [newRs]: 1 });
    expect(byRs(advanceCluster(started, started.clock + 7).cluster)).toEqual({ [oldRs]: 1, [newRs]: 2 });
    expect(byRs(advanceCluster(started, started.clock + 14).cluster)).toEqual({ [newRs]: 2 });
  });

  test('a new template mid-rollout starts over from the Pods there are', () => {
    const { started, newRs } = rollout(4);
    const again = reconcileCluster(started, load(web('kubetm/app:v3', 4), svc));
    const v3 = again.workloads.find((w) => w.name === 'web')!;
    expect(v3.replicaSet).not.toBe(newRs);
    expect(v3.replicaSets!.map((rs) => rs.name)).toContain(newRs);
    expect(byRs(advanceCluster(again, again.clock + 120).cluster)).toEqual({ [v3.replicaSet!]: 4 });
  });
});

describe('a Recreate rollout', () => {
  test('kills every old Pod first and creates the new ones only once they are gone', () => {
    const { started, oldRs, newRs } = rollout(3, { strategy: { type: 'Recreate' } });
    expect(byRs(started)).toEqual({});
    expect(started.pods.filter((p) => p.terminating && p.owner?.name === oldRs)).toHaveLength(3);
    const waiting = advanceCluster(started, started.clock + 29).cluster;
    expect(byRs(waiting)).toEqual({});
    const after = advanceCluster(started, started.clock + 30);
    expect(byRs(after.cluster)).toEqual({ [newRs]: 3 });
    expect(after.changes.map((c) => c.text)).toContain(`Scaled up replica set ${newRs} from 0 to 3`);
  });
});
