/** sessionAffinity: ClientIP — xt_recent lists per node, timed on the conntrack clock. */
import { describe, expect, it } from 'vitest';
import { newNetState, traceRequests } from '../../../src/trace';
import { cluster, pod, seedNodes, service } from './fixtures';

function sticky(timeoutSeconds?: number) {
  const pods = [1, 2].flatMap((n) =>
    [0, 1].map((i) =>
      pod({
        name: `s${n}-${i}`,
        node: `k8s-node${n}`,
        ip: `10.244.${n}.${20 + i}`,
        labels: { app: 's' },
        containers: [{ name: 'c', ports: [80] }],
      }),
    ),
  );
  const svc = service(
    {
      name: 'sticky',
      type: 'NodePort',
      clusterIP: '10.100.3.1',
      selector: { app: 's' },
      ports: [{ port: 80, nodePort: 30500 }],
      sessionAffinity: 'ClientIP',
      sessionAffinityTimeoutSeconds: timeoutSeconds,
    },
    pods,
  );
  return cluster(seedNodes(), pods, [svc]);
}

describe('sessionAffinity: ClientIP', () => {
  it('sends every request of one client through one node to the same Pod', () => {
    const run = traceRequests(sticky(), { from: 'external', to: 'node/k8s-node1:30500', count: 12 }).run;
    const pods = new Set(run.traces.map((t) => t.pod));
    expect(pods.size).toBe(1);
    expect(run.traces[1].hops.find((h) => h.action === 'dnat')!.note).toContain('sessionAffinity: ClientIP');
    expect(run.traces[0].refs?.some((r) => r.label === 'sessionAffinity: ClientIP')).toBe(true);
  });

  it('without affinity the same requests spread over the endpoints', () => {
    const c = sticky();
    c.services[0].sessionAffinity = 'None';
    const run = traceRequests(c, { from: 'external', to: 'node/k8s-node1:30500', count: 12 }).run;
    expect(new Set(run.traces.map((t) => t.pod)).size).toBeGreaterThan(1);
  });

  it('keeps its memory per node: another node decides on its own, and remembers its own choice', () => {
    const c = sticky();
    let state = newNetState();
    const first = traceRequests(c, { from: 'external', to: 'node/k8s-node1:30500' }, state);
    state = first.state;
    const viaNode2 = traceRequests(c, { from: 'external', to: 'node/k8s-node2:30500', count: 6 }, state);
    // node2 made a fresh random choice (its note is not an affinity hit)…
    expect(viaNode2.run.traces[0].hops.find((h) => h.action === 'dnat')!.note).not.toContain('s ago');
    // …and then sticks to it.
    expect(new Set(viaNode2.run.traces.map((t) => t.pod)).size).toBe(1);
    const back = traceRequests(c, { from: 'external', to: 'node/k8s-node1:30500' }, viaNode2.state);
    expect(back.run.traces[0].pod).toBe(first.run.traces[0].pod);
  });

  it('forgets a client after timeoutSeconds on the simulated clock', () => {
    const c = sticky(3);
    const run = traceRequests(c, { from: 'external', to: 'node/k8s-node1:30500', count: 40 }).run;
    // Requests go out 1 s apart and each new connection refreshes the entry: it never lapses.
    expect(new Set(run.traces.map((t) => t.pod)).size).toBe(1);
    let state = traceRequests(c, { from: 'external', to: 'node/k8s-node1:30500' }).state;
    state = { ...state, clock: state.clock + 10 };
    const later = traceRequests(c, { from: 'external', to: 'node/k8s-node1:30500' }, state).run.traces[0];
    expect(later.hops.find((h) => h.action === 'dnat')!.note).not.toContain('s ago');
  });

  it('--interval spaces requests in simulated time, so the timeout can run out between them', () => {
    const c = sticky(3);
    const run = traceRequests(c, { from: 'external', to: 'node/k8s-node1:30500', count: 30, intervalSeconds: 5 }).run;
    // Every request comes 5 s after the last, past the 3 s timeout: each one is picked afresh.
    const notes = run.traces.map((t) => t.hops.find((h) => h.action === 'dnat')!.note ?? '');
    expect(notes.some((n) => n.includes('s ago'))).toBe(false);
    expect(new Set(run.traces.map((t) => t.pod)).size).toBeGreaterThan(1);
    const tight = traceRequests(c, { from: 'external', to: 'node/k8s-node1:30500', count: 3, intervalSeconds: 0.5 }).run;
    expect(tight.traces[2].hops.find((h) => h.action === 'dnat')!.note).toContain('0.5 s ago');
  });

  it('expires exactly past timeoutSeconds: a gap of timeoutSeconds still sticks, a longer one picks anew and says why', () => {
    const c = sticky(3);
    const dnat = (t: { hops: { action: string; note?: string }[] }) => t.hops.find((h) => h.action === 'dnat')!.note ?? '';
    const atLimit = traceRequests(c, { from: 'external', to: 'node/k8s-node1:30500', count: 6, intervalSeconds: 3 }).run;
    expect(new Set(atLimit.traces.map((t) => t.pod)).size).toBe(1);
    expect(dnat(atLimit.traces[1])).toContain('3 s ago');
    const past = traceRequests(c, { from: 'external', to: 'node/k8s-node1:30500', count: 2, intervalSeconds: 3.5 }).run;
    expect(dnat(past.traces[1])).toContain(`expired (last seen 3.5 s earlier, more than timeoutSeconds 3`);
    expect(dnat(past.traces[1])).toContain(`entry for ${past.traces[0].pod} expired`);
    expect(dnat(past.traces[1])).toContain('--reap');
  });

  it('refuses more requests than a run holds', () => {
    expect(() => traceRequests(sticky(), { from: 'external', to: 'node/k8s-node1:30500', count: 10_001 })).toThrow(
      /at most 10000 requests/,
    );
  });
});
