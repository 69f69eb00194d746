import type { ComponentId } from './componentId';
import type { Protocol } from './k8s';
import type { DnsMessage, TraceDns } from './dns';
import type { LabelledRef } from './source';

export type { DnsMessage, DnsRecord, DnsRcode, TraceDns } from './dns';

export type Outcome = 'delivered' | 'refused' | 'dropped' | 'timeout' | 'unreachable' | 'unresolved';

/**
 * Hop actions. The CLI contract fixes "send", "dnat", "snat", "forward", "deliver", "drop", "reject";
 * the others name what kube-proxy / the kernel / flannel did.
 */
export type HopAction =
  | 'send'
  | 'dnat'
  | 'snat'
  | 'forward'
  | 'encap'
  | 'decap'
  | 'deliver'
  | 'drop'
  | 'reject'
  | 'rst'
  | 'abort'
  | 'un-nat'
  | 'lb'
  | 'timeout'
  | 'reply'
  | 'allow'
  | 'proxy';

/** Where a hop happens or a packet is: see componentId.ts (`client`, `node/NAME`, `svc/NAME`, `pod/NS/NAME`…). */
export type { ComponentId } from './componentId';

export interface Hop {
  /** Where: a ComponentId. */
  at: ComponentId;
  action: HopAction;
  /** The packet's addresses as they leave this hop, "IP:PORT". */
  src: string;
  dst: string;
  note?: string;
  /** For service rules: the node whose netfilter applied them. */
  node?: string;
  /** The iptables chain / rule that decided, e.g. `KUBE-SVC-…`, `KUBE-EXT-…`, `KUBE-SEP-…`. */
  rule?: string;
  /** Which header fields this hop rewrote. */
  changed?: ('src' | 'dst')[];
  /** The YAML behind this hop's verdict. */
  refs?: LabelledRef[];
  /** On overlay hops (action `encap`/`decap`): the VXLAN outer header flannel.1 wraps the packet in. */
  encap?: VxlanHeader;
  /** On the hops of a DNS exchange: the query or response the packet carries. */
  dns?: DnsMessage;
}

/** flannel's VXLAN backend: node IP → peer node IP, UDP 8472 (Linux's port), VNI 1, inner MTU 1450. */
export interface VxlanHeader {
  device: 'flannel.1';
  /** Outer IPv4 header: this node's IP → the peer node's IP. */
  outerSrc: string;
  outerDst: string;
  /** Outer UDP destination port. */
  udpPort: 8472;
  vni: 1;
  /** flannel.1's MTU: the node's 1500 minus 50 bytes of VXLAN overhead. */
  mtu: 1450;
}

export interface Trace {
  outcome: Outcome;
  reason: string;
  pod?: string;
  container?: string;
  node?: string;
  hops: Hop[];
  response?: { hops: Hop[] };
  /** The YAML lines behind the verdict (selector, targetPort, externalTrafficPolicy…). */
  refs?: LabelledRef[];
  /** Protocol of the request. */
  protocol?: Protocol;
  /** Where an L7 proxy (an Ingress controller) answered: the request it read and the status it answered with. */
  http?: { host: string; path: string; status: number };
  /** Where the target was a name: how it resolved (its exchange's hops lead `hops`). */
  dns?: TraceDns;
}

export interface TraceRequest {
  /** `external`, `node/NAME`, `pod/NAME`, `pod/NS/NAME` */
  from: string;
  /** `IP:PORT`, `svc/NAME:PORT`, `node/NAME:PORT`, `pod/NAME:PORT`, `lb/NAME:PORT` */
  to: string;
  count?: number;
  seed?: number;
  /** Seconds between the requests of a run on the simulated clock (default 1), so affinity timeouts can run out. */
  intervalSeconds?: number;
  /** Request headers (`Host: shop.example.com`), as curl's -H, for an L7 proxy on the way. */
  headers?: string[];
}

/**
 * One hop of one packet, timestamped on the simulated clock. The renderer's animation is a pure
 * function of a list of these and a playback time.
 */
export interface PacketEvent {
  /** Position in the stream (stable sort key). */
  seq: number;
  /** Simulated time in microseconds since the run started, when the packet *leaves* this hop. */
  time: number;
  /** Simulated time the packet arrived at this hop (time of the previous hop + link latency). */
  arrive: number;
  /** One packet per direction per request: `f3-req`, `f3-resp`. */
  packetId: string;
  /** One flow per request (connection): 0-based index in the run. */
  flowId: number;
  direction: 'request' | 'response';
  hopIndex: number;
  /** Where the packet is (ComponentId) and where it came from (undefined for the first hop). */
  at: ComponentId;
  from?: ComponentId;
  /** Node that hosts `at` (for pods and service rules), for drawing. */
  node?: string;
  action: Hop['action'];
  packet: { src: string; dst: string; protocol: Protocol; flags?: string };
  changed: ('src' | 'dst')[];
  explanation: string;
  rule?: string;
  refs: LabelledRef[];
  /** Overlay hops: the VXLAN outer header (see Hop.encap). */
  encap?: VxlanHeader;
  /** The netfilter rules this hop walked, as `iptables-save` prints them (`-A KUBE-SERVICES …`). */
  rules?: string[];
  /** On DNS hops: the message the packet carries (question, answers, rcode). */
  dns?: DnsMessage;
  /** Set on the last event of a flow: the flow's outcome. */
  outcome?: Outcome;
}

/** Something the cluster did on its own during a run (requests spaced by an interval): a grace period ended, a rollout step. */
export interface RunChange {
  /** The cluster clock, in seconds. */
  at: number;
  /** The index of the first request sent after it (the run's count when it came after the last one). */
  request: number;
  text: string;
}

/**
 * A trace as the window receives it: the verdict without its hop lists, which the run's packet events
 * already carry hop by hop (sent twice, they were a third of a 200-request run's 2.7 MB).
 */
export type TraceVerdict = Omit<Trace, 'hops' | 'response'>;

/** A run as the window receives it (sendRequest) and saves it (Export run): its traces as verdicts. */
export interface ShownRun extends Omit<TraceRun, 'traces'> {
  traces: TraceVerdict[];
}

/** `run` for the window: each trace without `hops` and `response` (their hops are in `events`). */
export function shownRun(run: TraceRun): ShownRun {
  return { ...run, traces: run.traces.map(({ hops: _hops, response: _response, ...verdict }) => verdict) };
}

export interface TraceRun {
  request: TraceRequest;
  traces: Trace[];
  events: PacketEvent[];
  /** Total simulated duration in microseconds (last event time). */
  duration: number;
  /** The cluster clock (seconds) when the first request left; set with `changes`. */
  startedAt?: number;
  /** What changed in the cluster while the run's requests were spaced out, in order (absent: nothing). */
  changes?: RunChange[];
}
