/**
 * Packet events on a simulated microsecond clock: one per hop per direction, timed by link latencies
 * (veth tens of µs, node↔node hundreds, client↔node about a millisecond). The renderer's animation is a
 * pure function of these.
 */
import { componentKind } from '../model/componentId';
import type { DnsMessage, Hop, Outcome, PacketEvent, Trace } from '../model/trace';
import type { Protocol } from '../model/k8s';
import { answerFlags, openFlags } from './l4';

/** Flows of one run start this far apart on the animation clock, so several are in flight at once. */
export const FLOW_STAGGER_US = 400;
/** A client-side timeout is drawn this long after the drop; the real wait is said in words. */
const TIMEOUT_DRAWN_US = 4000;

/** Microseconds on the link between two consecutive hops. */
function latency(prev: Hop, cur: Hop): number {
  const a = componentKind(prev.at);
  const b = componentKind(cur.at);
  if (a === 'lb' || b === 'lb') return 500;
  if (a === 'client' || b === 'client') return 1000;
  if (prev.node !== cur.node) return 300;
  if (a === 'pod' && b === 'pod') return prev.at === cur.at ? 0 : 60;
  if (a === 'pod' || b === 'pod') return 30;
  return 5;
}

/** Microseconds spent at a hop before the packet leaves it. */
function dwell(action: Hop['action']): number {
  // A switch, not a table: action strings are constants, so each case is a pointer compare.
  switch (action) {
    case 'dnat':
    case 'snat':
    case 'un-nat':
      return 4;
    case 'forward':
    case 'encap':
    case 'decap':
      return 10;
    case 'reply':
      return 60;
    case 'proxy':
      // nginx reads the request and opens the upstream connection.
      return 80;
    case 'lb':
    case 'allow':
    case 'rst':
    case 'abort':
    case 'reject':
    case 'drop':
      return 2;
    default:
      return 0;
  }
}

/** Shared empty lists: most hops change nothing and cite nothing; consumers only read them. */
const NO_CHANGE: ('src' | 'dst')[] = [];
const NO_REFS: PacketEvent['refs'] = [];

type Packet = PacketEvent['packet'];

/**
 * The packet as it leaves hop h: a new object per event. Sharing one between hops whose headers did
 * not change saves a few bytes but costs more, since telling them apart reads the address texts.
 */
function packetAt(h: Hop, protocol: Protocol, flags: string | undefined): Packet {
  return { src: h.src, dst: h.dst, protocol, flags };
}

function event(
  packetId: string,
  flowId: number,
  direction: 'request' | 'response',
  hopIndex: number,
  h: Hop,
  prev: Hop | undefined,
  arrive: number,
  packet: Packet,
): PacketEvent {
  // Every key on every event (absent = undefined, which JSON leaves out): one object shape.
  return {
    seq: 0,
    time: arrive + dwell(h.action),
    arrive,
    packetId,
    flowId,
    direction,
    hopIndex,
    at: h.at,
    action: h.action,
    packet,
    changed: h.changed ?? NO_CHANGE,
    explanation: h.note ?? '',
    refs: h.refs ?? NO_REFS,
    from: prev === undefined ? undefined : prev.at,
    node: h.node,
    rule: h.rule,
    encap: h.encap,
    // Filled by run.ts (iptablesSave.ts) once the flow is built: the rules need the cluster, events do not.
    rules: undefined,
    outcome: undefined,
    dns: h.dns,
  };
}

/** `f3-req` / `f3-resp`, built once per flow index: most runs are one flow, and they are traced often. */
const PACKET_IDS: { req: string; resp: string }[] = [];

function packetIdOf(flowId: number, dir: 'req' | 'resp'): string {
  if (flowId >= 4096) return `f${flowId}-${dir}`;
  let ids = PACKET_IDS[flowId];
  if (ids === undefined) {
    for (let i = PACKET_IDS.length; i <= flowId; i++) PACKET_IDS.push({ req: `f${i}-req`, resp: `f${i}-resp` });
    ids = PACKET_IDS[flowId];
  }
  return ids[dir];
}

const SYN_TIMEOUT =
  'no answer ever comes: Linux retransmits the SYN 6 times (about 127 s) before curl reports "Connection timed out" — the wait is compressed here';
const DNS_TIMEOUT =
  'no DNS answer ever comes: the resolver retries (timeout 5 s, 2 attempts by default) and curl reports "Could not resolve host" — the wait is compressed here';
const INIT_TIMEOUT =
  'no answer ever comes: Linux retransmits the SCTP INIT (net.sctp.max_init_retransmits, 8 by default) before the association fails — the wait is compressed here';
const UDP_TIMEOUT = 'no answer ever comes: the client gives up after its own timeout — the wait is compressed here';

/** The client giving up, drawn where its request started, after the last packet; same keys as every event. */
function timeoutEvent(
  packetId: string,
  flowId: number,
  hopIndex: number,
  first: Hop,
  when: number,
  protocol: Protocol,
  explanation: string,
): PacketEvent {
  return {
    seq: 0,
    time: when,
    arrive: when,
    packetId,
    flowId,
    direction: 'request',
    hopIndex,
    at: first.at,
    action: 'timeout',
    packet: packetAt(first, protocol, openFlags(protocol)),
    changed: NO_CHANGE,
    explanation,
    refs: NO_REFS,
    from: undefined,
    node: first.node,
    rule: undefined,
    encap: undefined,
    rules: undefined,
    outcome: undefined,
    dns: undefined,
  };
}

/** Outcomes the client only learns by waiting. */
const WAITS: ReadonlySet<Outcome> = new Set<Outcome>(['dropped', 'timeout', 'unreachable', 'unresolved']);

const NO_HOPS: readonly Hop[] = [];

/** One packet per direction: it visits the hops in order, each leaving after the link to it. Returns the last time. */
function emit(
  out: PacketEvent[],
  hops: readonly Hop[],
  packetId: string,
  flowId: number,
  direction: PacketEvent['direction'],
  protocol: Protocol,
  flags: string | undefined,
  t: number,
): number {
  let prev: Hop | undefined;
  for (let i = 0; i < hops.length; i++) {
    const h = hops[i];
    const arrive = prev ? t + latency(prev, h) : t;
    const e = event(packetId, flowId, direction, i, h, prev, arrive, packetAt(h, protocol, flags));
    out.push(e);
    t = e.time;
    prev = h;
  }
  return t;
}

/** The events of one flow, in time order; the last carries the flow's outcome. */
export function flowEvents(trace: Trace, flowId: number, start: number, immediate: boolean): PacketEvent[] {
  const protocol = trace.protocol ?? 'TCP';
  const out: PacketEvent[] = [];
  const reqId = packetIdOf(flowId, 'req');
  const respId = packetIdOf(flowId, 'resp');
  let t = start;
  let hops = trace.hops;
  if (trace.dns !== undefined) {
    // The DNS exchange leads: one packet per DNS message (each query, then its answer), then the connection.
    let i = 0;
    for (let k = 0; i < hops.length && hops[i].dns !== undefined; k++) {
      const msg = hops[i].dns as DnsMessage;
      let j = i + 1;
      while (j < hops.length && hops[j].dns === msg) j++;
      const direction = msg.kind === 'query' ? 'request' : 'response';
      t = emit(out, hops.slice(i, j), `f${flowId}-dns${k}`, flowId, direction, 'UDP', undefined, t);
      i = j;
    }
    hops = hops.slice(i);
  }
  t = emit(out, hops, reqId, flowId, 'request', protocol, openFlags(protocol), t);
  const respFlags = answerFlags(protocol, trace.outcome === 'delivered');
  t = emit(out, trace.response?.hops ?? NO_HOPS, respId, flowId, 'response', protocol, respFlags, t);
  if (WAITS.has(trace.outcome) && !immediate && trace.hops.length > 0) {
    const explanation =
      trace.outcome === 'unresolved' ? DNS_TIMEOUT : protocol === 'TCP' ? SYN_TIMEOUT : protocol === 'SCTP' ? INIT_TIMEOUT : UDP_TIMEOUT;
    out.push(timeoutEvent(reqId, flowId, trace.hops.length, trace.hops[0], t + TIMEOUT_DRAWN_US, protocol, explanation));
  }
  out[out.length - 1].outcome = trace.outcome;
  return out;
}

/**
 * Merge per-flow event lists (each already in time order) into one stream ordered by (time, flowId).
 * Array.prototype.sort is stable, so events of one flow at the same time keep their order.
 */
export function mergeFlows(flows: PacketEvent[][]): PacketEvent[] {
  const out = flows.length === 1 ? flows[0] : flows.flat().sort(byTimeThenFlow);
  for (let i = 0; i < out.length; i++) out[i].seq = i;
  return out;
}

function byTimeThenFlow(a: PacketEvent, b: PacketEvent): number {
  return a.time - b.time || a.flowId - b.flowId;
}
