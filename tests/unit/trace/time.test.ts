/** Requests spaced in simulated time: graceful termination and rollouts seen from the traffic. */
import { describe, expect, it } from 'vitest';
import { advanceCluster, buildCluster, deletePod, reconcileCluster } from '../../../src/cluster';
import { traceRequests } from '../../../src/trace';
import { container, load, service, workload } from '../cluster/fixtures';

const web = (image: string, replicas: number) => workload('Deployment', 'web', [container('web', image, { ports: [8080] })], { replicas });
const svc = service('web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] });
const to = 'node/k8s-node1:30080';

describe('graceful termination in traffic', () => {
  it('a Terminating Pod is not used while a ready endpoint is left; kube-proxy falls back to it when none is', () => {
    const c = buildCluster(load(web('kubetm/app', 1), svc), { seed: 1 });
    const victim = c.pods.find((p) => !p.builtIn && p.owner?.kind === 'ReplicaSet')!;
    const deleted = deletePod(c, 'default', victim.name);
    const ep = deleted.services.find((s) => s.name === 'web')!.endpoints.find((e) => e.pod === victim.name)!;
    expect(ep).toMatchObject({ ready: false, serving: true, terminating: true });
    const run = traceRequests(deleted, { from: 'external', to, count: 5 }).run;
    expect(run.traces.every((t) => t.pod !== victim.name)).toBe(true);
    // Only the terminating endpoint left: serving-terminating fallback (CategorizeEndpoints).
    const alone = {
      ...deleted,
      services: deleted.services.map((s) => (s.name === 'web' ? { ...s, endpoints: s.endpoints.filter((e) => e.pod === victim.name) } : s)),
    };
    const fallback = traceRequests(alone, { from: 'external', to }).run.traces[0];
    expect(fallback.outcome).toBe('delivered');
    expect(fallback.pod).toBe(victim.name);
    expect(fallback.hops.find((h) => h.action === 'dnat')!.note).toContain('serving but terminating');
  });

  it('requests spaced past the grace period see the Pod go, and the run says when', () => {
    const c = buildCluster(load(web('kubetm/app', 2), svc), { seed: 1 });
    const victim = c.pods.find((p) => !p.builtIn && p.owner?.kind === 'ReplicaSet')!;
    const deleted = deletePod(c, 'default', victim.name);
    const { run, cluster } = traceRequests(deleted, { from: 'external', to, count: 4, intervalSeconds: 10 });
    expect(run.changes).toEqual([{ at: deleted.clock + 30, request: 3, text: `${victim.name} is gone (its 30 s grace period ended)` }]);
    expect(run.startedAt).toBe(deleted.clock);
    expect(cluster.clock).toBe(deleted.clock + 40);
    expect(cluster.pods.some((p) => p.name === victim.name)).toBe(false);
  });
});

describe('a rollout in traffic', () => {
  it('requests sent during a rollout reach old and new Pods; the run lists the rollout steps', () => {
    const c = buildCluster(load(web('kubetm/app:v1', 4), svc), { seed: 1 });
    const started = reconcileCluster(c, load(web('kubetm/app:v2', 4), svc));
    const oldRs = c.workloads.find((w) => w.name === 'web')!.replicaSet!;
    const newRs = started.workloads.find((w) => w.name === 'web')!.replicaSet!;
    const { run, cluster } = traceRequests(started, { from: 'external', to, count: 10, intervalSeconds: 1 });
    const answered = run.traces.map((t) => t.pod ?? '');
    expect(answered.some((p) => p.startsWith(`${oldRs}-`))).toBe(true);
    expect(answered.some((p) => p.startsWith(`${newRs}-`))).toBe(true);
    expect(run.traces.every((t) => t.outcome === 'delivered')).toBe(true);
    const texts = run.changes!.map((ch) => ch.text);
    // 25%/25% of 4: surge 1, unavailable 1. Once the first two new Pods are Ready (5 available), two old ones go
    // (3 must stay available), and the new ReplicaSet fills up to replicas + surge.
    expect(texts).toContain(`Scaled down replica set ${oldRs} from 3 to 1`);
    expect(texts).toContain(`Scaled up replica set ${newRs} from 2 to 4`);
    expect(texts).toContain('deployment "web" successfully rolled out');
    expect(run.changes!.every((ch, i, all) => i === 0 || all[i - 1].at <= ch.at)).toBe(true);
    // The same run replays byte for byte.
    expect(JSON.stringify(traceRequests(started, { from: 'external', to, count: 10, intervalSeconds: 1 }).run)).toBe(JSON.stringify(run));
    expect(advanceCluster(cluster, cluster.clock + 60).cluster.pods.filter((p) => p.owner?.name === oldRs)).toEqual([]);
  });
});
