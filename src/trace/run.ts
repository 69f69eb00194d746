/** `traceRequests`: N connections from one source to one target, their traces and packet events. */
import type { Cluster } from '../model/cluster';
import type { PacketEvent, RunChange, Trace, TraceRequest, TraceRun } from '../model/trace';
import { advanceCluster, nextChangeAt } from '../cluster/advance';
import { clusterIndex } from './clusterIndex';
import { connectByName } from './byName';
import { connect } from './connect';
import { TraceUsageError } from './errors';
import { FLOW_STAGGER_US, flowEvents, mergeFlows } from './events';
import { hopRules } from './iptablesSave';
import { NetSession, type NetState, newNetState } from './netState';
import { parseSource, parseTarget } from './parse';

/** Requests of one run go out this many seconds apart on the conntrack clock (sessionAffinity timeouts), unless the request says otherwise. */
export const REQUEST_INTERVAL_S = 1;
/** Requests in one run: each carries its whole trace and its packet events, so a run stays a few MB. */
export const MAX_TRACE_COUNT = 10_000;

/**
 * Deterministic: the same cluster, request, seed (default 1) and state give a byte-identical run.
 * The given state is not modified; the returned one carries the RNG, clock, ports and affinity on.
 * Request i leaves at the cluster's clock + i × interval: what falls due in between (a grace period
 * ends, a rollout step) happens before it (`run.changes`), and the returned cluster is the one at
 * clock + count × interval.
 */
export function traceRequests(
  c: Cluster,
  req: TraceRequest,
  state: NetState = newNetState(),
): { run: TraceRun; state: NetState; cluster: Cluster } {
  let ix = clusterIndex(c);
  let source = parseSource(req.from, ix);
  let target = parseTarget(req.to, ix, req.headers);
  const count = req.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new TraceUsageError(`invalid count ${String(count)}: must be a positive integer`);
  if (count > MAX_TRACE_COUNT) {
    throw new TraceUsageError(
      `invalid count ${count}: at most ${MAX_TRACE_COUNT} requests per run (each carries its whole trace and packet events)`,
    );
  }
  const interval = req.intervalSeconds ?? REQUEST_INTERVAL_S;
  if (!(interval >= 0) || !Number.isFinite(interval))
    throw new TraceUsageError(`invalid interval ${String(interval)}: must be 0 or more seconds`);
  const seed = req.seed ?? 1;
  if (!Number.isInteger(seed)) throw new TraceUsageError(`invalid seed ${String(seed)}: must be an integer`);
  const net = new NetSession(state, seed);
  const traces: Trace[] = [];
  const flows: PacketEvent[][] = [];
  const changes: RunChange[] = [];
  let cluster = c;
  let due = nextChangeAt(c);
  /** Lets the cluster run to `at`; false when the source is gone by then (a Terminating source Pod ended). */
  const advanceTo = (at: number, request: number): boolean => {
    if (due === null || due > at) return true;
    const moved = advanceCluster(cluster, at);
    cluster = moved.cluster;
    due = nextChangeAt(cluster);
    for (const ch of moved.changes) changes.push({ at: ch.at, request, text: ch.text });
    ix = clusterIndex(cluster);
    try {
      source = parseSource(req.from, ix);
      target = parseTarget(req.to, ix, req.headers);
    } catch (e) {
      if (!(e instanceof TraceUsageError)) throw e;
      changes.push({ at, request, text: `no more requests: ${e.message}` });
      return false;
    }
    return true;
  };
  for (let i = 0; i < count; i++) {
    if (i > 0 && !advanceTo(c.clock + i * interval, i)) break;
    const { trace, immediate } = target.dnsName === undefined ? connect(ix, net, source, target) : connectByName(ix, net, source, target);
    traces.push(trace);
    flows.push(withRules(ix, flowEvents(trace, i, i * FLOW_STAGGER_US, immediate)));
    net.clock += interval;
    net.flows += 1;
  }
  const end = c.clock + traces.length * interval;
  if (traces.length === count) advanceTo(end, count);
  cluster = end > cluster.clock ? advanceCluster(cluster, end).cluster : cluster;
  const events = mergeFlows(flows);
  const duration = events.length > 0 ? events[events.length - 1].time : 0;
  const run: TraceRun = { request: req, traces, events, duration };
  if (changes.length > 0) {
    run.startedAt = c.clock;
    run.changes = changes;
  }
  return { run, state: net.toState(), cluster };
}

/** Each hop's netfilter rules (iptables-save lines), from the destination the packet had when it got there. */
function withRules(ix: ReturnType<typeof clusterIndex>, events: PacketEvent[]): PacketEvent[] {
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.rule === undefined) continue;
    const prev = i > 0 && events[i - 1].packetId === e.packetId ? events[i - 1].packet.dst : undefined;
    const rules = hopRules(ix, e, prev, masqueradedAfter(events, i));
    if (rules !== null) e.rules = rules as string[];
  }
  return events;
}

/** Whether KUBE-POSTROUTING masquerades this packet after hop i (then a rule at i marked it). */
function masqueradedAfter(events: PacketEvent[], i: number): boolean {
  const id = events[i].packetId;
  for (let j = i + 1; j < events.length && events[j].packetId === id; j++) {
    if (events[j].action === 'snat' && events[j].rule === 'KUBE-POSTROUTING') return true;
  }
  return false;
}
