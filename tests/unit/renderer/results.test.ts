import { describe, expect, it } from 'vitest';
import type { Trace, TraceRun } from '../../../src/model/trace';
import { endpointCounts, runResults, runSummary } from '../../../renderer/model/results';
import { buildTimeline } from '../../../renderer/playback/timeline';
import { packet } from './events';

/** Request f to `pod` on `node`, seen from `seen`, its reply back at the client `at` µs later. */
function flow(f: number, pod: string, node: string, seen: string, t0: number) {
  return [
    ...packet(`f${f}-req`, f, [
      ['client', t0, t0],
      ['node/' + node, t0 + 5, t0 + 5, { action: 'dnat' }],
      [pod, t0 + 9, t0 + 9, { action: 'deliver', node, packet: { src: `${seen}:40000`, dst: '10.244.1.2:8080', protocol: 'TCP' } }],
    ]),
    ...packet(`f${f}-resp`, f, [
      [pod, t0 + 9, t0 + 9, { action: 'reply' }],
      ['client', t0 + 14, t0 + 14, { outcome: 'delivered' }],
    ]),
  ];
}

const trace = (pod: string, node: string): Trace => ({ outcome: 'delivered', reason: 'ok', pod, node, hops: [] });

const events = [
  ...flow(0, 'pod/pod-1', 'k8s-node1', '192.168.64.1', 0),
  ...flow(1, 'pod/pod-2', 'k8s-node2', '192.168.64.31', 1000),
  ...flow(2, 'pod/pod-1', 'k8s-node1', '192.168.64.1', 2000),
];
const run: TraceRun = {
  request: { from: 'external', to: 'node/k8s-node1:30000', count: 3 },
  traces: [trace('pod-1', 'k8s-node1'), trace('pod-2', 'k8s-node2'), trace('pod-1', 'k8s-node1')],
  events,
  duration: 2014,
};
const tl = buildTimeline(events);

describe('run results', () => {
  it('one row per request: outcome, the Pod that answered, its node, the client address it saw', () => {
    const r = runResults(run, tl, tl.events.length - 1);
    expect(r.rows).toEqual([
      { n: 1, outcome: 'delivered', pod: 'pod-1', podKey: 'pod/default/pod-1', node: 'k8s-node1', clientSeen: '192.168.64.1' },
      { n: 2, outcome: 'delivered', pod: 'pod-2', podKey: 'pod/default/pod-2', node: 'k8s-node2', clientSeen: '192.168.64.31' },
      { n: 3, outcome: 'delivered', pod: 'pod-1', podKey: 'pod/default/pod-1', node: 'k8s-node1', clientSeen: '192.168.64.1' },
    ]);
    expect(r.tally.map((t) => [t.pod, t.count])).toEqual([
      ['pod-1', 2],
      ['pod-2', 1],
    ]);
    expect(runSummary(run, r)).toBe('3 delivered');
  });

  it('tells nothing of a request before playback reaches the hop that decides it', () => {
    const firstDone = tl.outcomeAt[0]!;
    const before = runResults(run, tl, firstDone - 1);
    expect(before.rows.map((row) => row.outcome)).toEqual([null, null, null]);
    expect(before.tally).toEqual([]);
    expect(runSummary(run, before)).toBe('3 requests on the way…');
    const after = runResults(run, tl, firstDone);
    expect(after.rows.map((row) => row.outcome)).toEqual(['delivered', null, null]);
    expect(runSummary(run, after)).toBe('1 delivered · 2 on the way');
    expect([...endpointCounts(tl, firstDone)]).toEqual([['pod/default/pod-1', 1]]);
    expect([...endpointCounts(tl, tl.events.length - 1)]).toEqual([
      ['pod/default/pod-1', 2],
      ['pod/default/pod-2', 1],
    ]);
  });

  it('is empty without a run', () => {
    expect(runResults(null, tl, 0).rows).toEqual([]);
  });
});
