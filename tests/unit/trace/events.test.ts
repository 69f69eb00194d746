/** Packet events: one per hop and direction, a simulated clock, staggered flows, determinism. */
import { describe, expect, it } from 'vitest';
import { newNetState, traceRequests } from '../../../src/trace';
import { seedCluster } from './fixtures';

describe('packet events', () => {
  it('one event per request and response hop, with the packet as it leaves the hop', () => {
    const run = traceRequests(seedCluster(), { from: 'external', to: 'node/k8s-node1:31547' }).run;
    const t = run.traces[0];
    expect(run.events).toHaveLength(t.hops.length + t.response!.hops.length);
    const req = run.events.filter((e) => e.direction === 'request');
    req.forEach((e, i) => {
      expect(e.at).toBe(t.hops[i].at);
      expect(e.packet.src).toBe(t.hops[i].src);
      expect(e.packet.dst).toBe(t.hops[i].dst);
      expect(e.packet.flags).toBe('SYN');
      expect(e.from).toBe(i === 0 ? undefined : t.hops[i - 1].at);
      expect(e.packetId).toBe('f0-req');
    });
    const dnat = req.find((e) => e.action === 'dnat')!;
    expect(dnat.changed).toEqual(['dst']);
    expect(dnat.rule).toMatch(/KUBE-SEP-/);
    expect(dnat.refs.length).toBeGreaterThan(0);
    expect(run.events.filter((e) => e.direction === 'response')[0].packet.flags).toBe('SYN,ACK');
    expect(run.events[run.events.length - 1].outcome).toBe('delivered');
    expect(run.events.filter((e) => e.outcome).length).toBe(1);
  });

  it('times follow link latencies: client↔node about a millisecond, node↔node hundreds of µs, veth tens', () => {
    const run = traceRequests(seedCluster(), { from: 'external', to: 'node/k8s-master:31547' }).run;
    const ev = run.events.filter((e) => e.direction === 'request');
    const gap = (i: number) => ev[i].arrive - ev[i - 1].time;
    expect(gap(1)).toBeGreaterThanOrEqual(500); // client → k8s-master
    const cross = ev.findIndex(
      (e, i) => i > 0 && e.node !== ev[i - 1].node && e.at.startsWith('node/') && ev[i - 1].at.startsWith('node/'),
    );
    expect(gap(cross)).toBeGreaterThanOrEqual(100);
    expect(gap(cross)).toBeLessThan(1000);
    const toPod = ev.length - 1;
    expect(gap(toPod)).toBeLessThan(100);
    for (const e of run.events) expect(e.time).toBeGreaterThanOrEqual(e.arrive);
    expect(run.duration).toBe(run.events[run.events.length - 1].time);
  });

  it('with --count, flows are staggered so several are in flight at once, and seq orders by time', () => {
    const run = traceRequests(seedCluster(), { from: 'external', to: 'node/k8s-node1:30000', count: 5 }).run;
    expect(new Set(run.events.map((e) => e.flowId))).toEqual(new Set([0, 1, 2, 3, 4]));
    run.events.forEach((e, i) => {
      expect(e.seq).toBe(i);
      if (i > 0) expect(e.time).toBeGreaterThanOrEqual(run.events[i - 1].time);
    });
    const span = (f: number) => {
      const ev = run.events.filter((e) => e.flowId === f);
      return [ev[0].time, ev[ev.length - 1].time];
    };
    const [, end0] = span(0);
    const [start1] = span(1);
    expect(start1).toBeLessThan(end0); // overlap
    for (let f = 0; f < 5; f++) expect(run.events.filter((e) => e.flowId === f && e.outcome).length).toBe(1);
  });

  it('a dropped flow ends with the drop where it happens, then a client-side timeout', () => {
    const run = traceRequests(seedCluster({ withoutPod2: true }), { from: 'external', to: 'node/k8s-node2:30000' }).run;
    const [drop, timeout] = run.events.slice(-2);
    expect(drop).toMatchObject({ action: 'drop', at: 'svc/svc-2', node: 'k8s-node2' });
    expect(drop.outcome).toBeUndefined();
    expect(timeout).toMatchObject({ action: 'timeout', at: 'client', outcome: 'dropped' });
    expect(timeout.time).toBeGreaterThan(drop.time);
  });

  it('is deterministic: same request and seed give a byte-identical run; the given state is left alone', () => {
    const c = seedCluster();
    const state = newNetState();
    const snapshot = JSON.stringify(state);
    const a = traceRequests(c, { from: 'pod/pod-1', to: 'svc/svc-1:9000', count: 20, seed: 7 }, state);
    const b = traceRequests(seedCluster(), { from: 'pod/pod-1', to: 'svc/svc-1:9000', count: 20, seed: 7 }, state);
    expect(JSON.stringify(a.run)).toBe(JSON.stringify(b.run));
    expect(JSON.stringify(state)).toBe(snapshot);
    const other = traceRequests(c, { from: 'pod/pod-1', to: 'svc/svc-1:9000', count: 20, seed: 8 });
    expect(JSON.stringify(other.run.traces.map((t) => t.pod))).not.toBe(JSON.stringify(a.run.traces.map((t) => t.pod)));
  });

  it('carries the RNG, clock and ports on through the returned state', () => {
    const c = seedCluster();
    const first = traceRequests(c, { from: 'external', to: 'node/k8s-node1:30000', count: 3 });
    expect(first.state.clock).toBe(3);
    const next = traceRequests(c, { from: 'external', to: 'node/k8s-node1:30000' }, first.state);
    const lastPort = Number(first.run.traces[2].hops[0].src.split(':')[1]);
    expect(Number(next.run.traces[0].hops[0].src.split(':')[1])).toBe(lastPort + 1);
  });
});
