/**
 * Lookup tables over one Cluster, built once and cached per Cluster object (WeakMap), so tracing a
 * request costs O(hops), not O(cluster). Everything here is derived data: the Cluster is never changed.
 */
import type { ContainerStatus, Cluster, EndpointState, ListenBind, NodeState, ObjectSummary, PodState, ServicePortState, ServiceState } from '../model/cluster';
import type { LabelledRef } from '../model/source';
import { type Cidr, cidrContains, parseCidr, parseIPv4 } from '../util/ip';
import { endpointChain, type ServiceChains, serviceChains, servicePortName } from './chains';
import { podId, svcId } from './ids';
import { containerPortRef } from './refs';
import type { NatTexts } from './walk';

export type NodeInterface = 'eth0' | 'cni0' | 'flannel.1';

/** One Service port as kube-proxy programs it. */
export interface PortEntry {
  svc: ServiceState;
  port: ServicePortState;
  portIndex: number;
  /** ServicePortName.String(), e.g. `default/svc-1` or `default/web:http`. */
  spn: string;
  /** Lower-case protocol, as hashed into chain names. */
  proto: string;
  /** The Service's ComponentId, where its rule hops are drawn. */
  svcId: string;
}

/** One endpoint of one Service port, resolved: where DNAT sends the packet. */
export interface Backend {
  ep: EndpointState;
  ip: string;
  port: number;
  /** `IP:port`, kube-proxy's sort key and endpoint-chain hash input. */
  addr: string;
  sep: string;
  /** `DNAT to pod-1 10.244.1.2:8080 (targetPort 8080)`, built once. */
  dnatNote: string;
  /** The ClusterIP DNAT hop's texts per node, filled by kubeProxy.ts on first use. */
  hopTexts: Map<NodeState, NatTexts> | null;
}

export interface BackendSet {
  chains: ServiceChains;
  /** Usable cluster-wide endpoints in kube-proxy's order: Ready ones, else serving+terminating ones. */
  all: Backend[];
  /** Same rule applied per node (traffic policy Local). */
  local: Map<string, Backend[]>;
  /** Every endpoint that resolves this port, whatever its readiness (for explanations). */
  listed: Backend[];
  /** Cached YAML refs per path through the rules (see kubeProxy.ts refsFor). */
  refs: Map<number, LabelledRef[]>;
}

/** A running container listening on a port, with the containerPort line behind it. */
export interface PodListen {
  /** The Pod's ComponentId, where the delivery hop is drawn. */
  podId: string;
  container: ContainerStatus;
  /** Bound to fewer than all of the Pod's addresses (127.0.0.1 only, say). */
  bind: ListenBind | undefined;
  refs: LabelledRef[];
  /** The constant start of the delivery note, built once. */
  note: string;
}

export interface Listener {
  pod: PodState;
  container: ContainerStatus;
  /** Bound to fewer than all of the node's addresses (e.g. kube-scheduler on 127.0.0.1 only). */
  bind: ListenBind | undefined;
}

/** A `hostPort` of a pod-network Pod: the CNI portmap plugin DNATs node:hostPort to podIP:containerPort. */
export interface HostPortMapping {
  pod: PodState;
  hostPort: number;
  containerPort: number;
  protocol: string;
  /** Only this node address when set (spec.containers[].ports[].hostIP); every local address otherwise. */
  hostIP: string | null;
  ref: LabelledRef;
}

export interface ClusterIndex {
  cluster: Cluster;
  clusterCidr: Cidr | null;
  serviceCidr: Cidr | null;
  nodes: Map<string, NodeState>;
  /** Every local address of every node: InternalIP (eth0), cni0 (.1), flannel.1 (.0). */
  nodeAddrs: Map<string, { node: NodeState; iface: NodeInterface }>;
  /** Node podCIDRs, for "which node owns this pod address". */
  podCidrs: { cidr: Cidr; node: NodeState }[];
  /** Pods on the pod network (not hostNetwork) by IP. */
  podsByIP: Map<string, PodState>;
  pods: Map<string, PodState>;
  services: Map<string, ServiceState>;
  /** ClusterIP → Service (for "wrong port on a ClusterIP"). */
  clusterIPs: Map<string, ServiceState>;
  /** IP → port key → Service port, for ClusterIPs, load-balancer IPs and externalIPs. */
  vips: Map<string, Map<number, VipEntry>>;
  lbIPs: Map<string, ServiceState>;
  externalIPs: Map<string, ServiceState>;
  /** port key → Service port (NodePorts are cluster-wide unique). */
  nodePorts: Map<number, PortEntry>;
  healthCheckNodePorts: Map<number, ServiceState>;
  backends: Map<PortEntry, BackendSet>;
  hostListeners: Map<string, Map<number, Listener>>;
  /** namespace → NetworkPolicy objects in the folder (listed, never enforced: flannel has no policy engine). */
  networkPolicies: Map<string, ObjectSummary[]>;
  /** node → port key → hostPort mappings of the pod-network Pods running there (CNI-HOSTPORT-DNAT). */
  hostPorts: Map<string, Map<number, HostPortMapping[]>>;
  podListeners: Map<PodState, Map<number, PodListen>>;
  /** node → peer node → the texts of the link between them (fabric.ts), built on first use. */
  links: Map<NodeState, Map<NodeState, unknown>>;
  /** Parsed `--from` / `--to` texts (parsing is pure per cluster; bounded). */
  parsedSources: Map<string, unknown>;
  parsedTargets: Map<string, unknown>;
}

const cache = new WeakMap<Cluster, ClusterIndex>();

export interface VipEntry {
  entry: PortEntry;
  kind: 'clusterIP' | 'loadBalancer' | 'externalIP';
}

const PROTO_CODE: Record<string, number> = { TCP: 0, UDP: 1, SCTP: 2 };

/** port + protocol as one number: map keys without building strings on the hot path. */
export const key = (port: number, proto: string): number => port * 4 + (PROTO_CODE[proto] ?? 3);

export function vipOf(ix: ClusterIndex, ip: string, port: number, proto: string): VipEntry | undefined {
  return ix.vips.get(ip)?.get(key(port, proto));
}

function addVip(ix: ClusterIndex, ip: string, port: number, proto: string, v: VipEntry): void {
  let m = ix.vips.get(ip);
  if (!m) {
    m = new Map();
    ix.vips.set(ip, m);
  }
  m.set(key(port, proto), v);
}

/** The last cluster asked about: a request looks its index up several times. */
let lastCluster: Cluster | null = null;
let lastIndex: ClusterIndex | null = null;

export function clusterIndex(c: Cluster): ClusterIndex {
  if (c === lastCluster && lastIndex !== null) return lastIndex;
  let ix = cache.get(c);
  if (!ix) {
    ix = build(c);
    cache.set(c, ix);
  }
  lastCluster = c;
  lastIndex = ix;
  return ix;
}

/** Pods whose IP is gone: the sandbox is torn down once every container has exited for good. */
export function isTerminal(p: PodState): boolean {
  return p.phase === 'Succeeded' || p.phase === 'Failed';
}

function build(c: Cluster): ClusterIndex {
  const ix: ClusterIndex = {
    cluster: c,
    clusterCidr: parseCidr(c.settings.podCIDR),
    serviceCidr: parseCidr(c.settings.serviceCIDR),
    nodes: new Map(),
    nodeAddrs: new Map(),
    podCidrs: [],
    podsByIP: new Map(),
    pods: new Map(),
    services: new Map(),
    clusterIPs: new Map(),
    vips: new Map(),
    lbIPs: new Map(),
    externalIPs: new Map(),
    nodePorts: new Map(),
    healthCheckNodePorts: new Map(),
    backends: new Map(),
    hostListeners: new Map(),
    hostPorts: new Map(),
    networkPolicies: new Map(),
    podListeners: new Map(),
    links: new Map(),
    parsedSources: new Map(),
    parsedTargets: new Map(),
  };
  for (const n of c.nodes) {
    ix.nodes.set(n.name, n);
    ix.nodeAddrs.set(n.ip, { node: n, iface: 'eth0' });
    if (n.bridgeIP) ix.nodeAddrs.set(n.bridgeIP, { node: n, iface: 'cni0' });
    if (n.tunnelIP) ix.nodeAddrs.set(n.tunnelIP, { node: n, iface: 'flannel.1' });
    const cidr = parseCidr(n.podCIDR);
    if (cidr) ix.podCidrs.push({ cidr, node: n });
    ix.hostListeners.set(n.name, new Map());
  }
  for (const p of c.pods) {
    ix.pods.set(`${p.namespace}/${p.name}`, p);
    if (!p.ip) continue;
    if (p.hostNetwork) {
      const listeners = p.nodeName ? ix.hostListeners.get(p.nodeName) : undefined;
      if (listeners && !isTerminal(p)) {
        for (const ctr of p.containers) {
          if (ctr.state !== 'running') continue;
          for (const l of ctr.listening) {
            const k = key(l.port, l.protocol);
            if (!listeners.has(k)) listeners.set(k, { pod: p, container: ctr, bind: l.bind });
          }
        }
      }
    } else {
      // A terminal pod may still be listed with its old IP; a live pod with the same IP wins.
      const prev = ix.podsByIP.get(p.ip);
      if (!prev || (isTerminal(prev) && !isTerminal(p))) ix.podsByIP.set(p.ip, p);
      if (p.nodeName && !isTerminal(p)) addHostPorts(ix, p, p.nodeName);
    }
  }
  for (const o of c.objects) {
    if (o.kind !== 'NetworkPolicy') continue;
    const list = ix.networkPolicies.get(o.namespace);
    if (list) list.push(o);
    else ix.networkPolicies.set(o.namespace, [o]);
  }
  for (const s of c.services) {
    ix.services.set(`${s.namespace}/${s.name}`, s);
    if (s.type === 'ExternalName') continue;
    const hasVip = s.clusterIP !== null && s.clusterIP !== 'None';
    if (hasVip) ix.clusterIPs.set(s.clusterIP as string, s);
    if (s.loadBalancerIP) ix.lbIPs.set(s.loadBalancerIP, s);
    for (const ip of s.externalIPs) ix.externalIPs.set(ip, s);
    if (s.healthCheckNodePort) ix.healthCheckNodePorts.set(s.healthCheckNodePort, s);
    if (!hasVip) continue; // headless: kube-proxy ignores it entirely
    s.ports.forEach((port, portIndex) => {
      const entry: PortEntry = { svc: s, port, portIndex, spn: servicePortName(s, port), proto: port.protocol.toLowerCase(), svcId: svcId(s) };
      addVip(ix, s.clusterIP as string, port.port, port.protocol, { entry, kind: 'clusterIP' });
      if (s.loadBalancerIP) addVip(ix, s.loadBalancerIP, port.port, port.protocol, { entry, kind: 'loadBalancer' });
      for (const ip of s.externalIPs) addVip(ix, ip, port.port, port.protocol, { entry, kind: 'externalIP' });
      if (port.nodePort) ix.nodePorts.set(key(port.nodePort, port.protocol), entry);
    });
  }
  return ix;
}

/** The portmap plugin (in flannel's CNI chain) programs each declared hostPort on the Pod's node. */
function addHostPorts(ix: ClusterIndex, p: PodState, nodeName: string): void {
  p.spec.containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const protocol = port.protocol ?? 'TCP';
      let byKey = ix.hostPorts.get(nodeName);
      if (!byKey) {
        byKey = new Map();
        ix.hostPorts.set(nodeName, byKey);
      }
      const k = key(port.hostPort, protocol);
      const list = byKey.get(k) ?? [];
      const at = p.containers.find((x) => x.name === c.name)?.source ?? p.source;
      list.push({
        pod: p,
        hostPort: port.hostPort,
        containerPort: port.containerPort,
        protocol,
        hostIP: port.hostIP && port.hostIP !== '0.0.0.0' ? port.hostIP : null,
        ref: { ...at, path: `spec.containers[${ci}].ports[${pi}].hostPort`, label: `hostPort: ${port.hostPort} → containerPort ${port.containerPort} (${c.name})` },
      });
      byKey.set(k, list);
    });
  });
}

/** The hostPort mapping on node N for a packet to dstIP:port, if the portmap plugin has one. */
export function hostPortOf(ix: ClusterIndex, n: NodeState, dstIP: string, port: number, proto: string): HostPortMapping | null {
  const list = ix.hostPorts.get(n.name)?.get(key(port, proto));
  if (!list) return null;
  return list.find((m) => m.hostIP === dstIP) ?? list.find((m) => m.hostIP === null) ?? null;
}

/**
 * Dotted-quad to number without a regex: this runs several times per traced packet. Anything that
 * is not a plain IPv4 address falls back to the strict parser.
 */
function ipNumber(ip: string): number | null {
  let n = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const ch = ip.charCodeAt(i);
    if (ch === 46) {
      if (digits === 0 || octet > 255) return parseIPv4(ip);
      n = n * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (ch >= 48 && ch <= 57 && digits < 3) {
      octet = octet * 10 + (ch - 48);
      digits++;
    } else return parseIPv4(ip);
  }
  if (dots !== 3 || digits === 0 || octet > 255) return parseIPv4(ip);
  return (n * 256 + octet) >>> 0;
}

/** The node whose podCIDR holds this address, if any. */
export function podCidrOwner(ix: ClusterIndex, ip: string): NodeState | null {
  const n = ipNumber(ip);
  if (n === null) return null;
  for (const { cidr, node } of ix.podCidrs) if (cidrContains(cidr, n)) return node;
  return null;
}

export function inCidr(cidr: Cidr | null, ip: string): boolean {
  if (cidr === null) return false;
  const n = ipNumber(ip);
  return cidr !== null && n !== null && cidrContains(cidr, n);
}

/**
 * Endpoints of one Service port as kube-proxy's CategorizeEndpoints sees them: Ready endpoints, or,
 * when none is Ready, the serving+terminating ones (evaluated separately for the cluster and local sets).
 * Sorted by `IP:port` like the EndpointSlice cache, which fixes the order of the `statistic` rules.
 */
export function backendsOf(ix: ClusterIndex, entry: PortEntry): BackendSet {
  let set = ix.backends.get(entry);
  if (set) return set;
  const portName = entry.port.name ?? '';
  const listed: Backend[] = [];
  for (const ep of entry.svc.endpoints) {
    const p = ep.ports.find((x) => x.name === portName && x.protocol === entry.port.protocol);
    if (!p) continue; // a named targetPort this pod does not declare: no endpoint for this port
    const a = `${ep.ip}:${p.port}`;
    const dnatNote = `DNAT to ${ep.pod} ${a} (targetPort ${entry.port.targetPort})`;
    listed.push({ ep, ip: ep.ip, port: p.port, addr: a, sep: endpointChain(entry.spn, entry.proto, a), dnatNote, hopTexts: null });
  }
  listed.sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  const usable = (list: Backend[]): Backend[] => {
    const ready = list.filter((b) => b.ep.ready);
    return ready.length > 0 ? ready : list.filter((b) => b.ep.serving && b.ep.terminating);
  };
  const byNode = new Map<string, Backend[]>();
  for (const b of listed) {
    const l = byNode.get(b.ep.node);
    if (l) l.push(b);
    else byNode.set(b.ep.node, [b]);
  }
  const local = new Map<string, Backend[]>();
  for (const [node, list] of byNode) local.set(node, usable(list));
  set = { chains: serviceChains(entry.spn, entry.proto), all: usable(listed), local, listed, refs: new Map() };
  ix.backends.set(entry, set);
  return set;
}

/** Which running container of a pod-network pod listens on port/protocol. */
export function podListener(ix: ClusterIndex, pod: PodState, port: number, protocol: string): PodListen | null {
  let m = ix.podListeners.get(pod);
  if (!m) {
    m = new Map();
    for (const ctr of pod.containers) {
      if (ctr.state !== 'running') continue;
      for (const l of ctr.listening) {
        const k = key(l.port, l.protocol);
        if (!m.has(k)) {
          const note = `${ctr.name} (${ctr.image}) listens on ${l.port}/${l.protocol} in ${pod.name}; it sees the client as `;
          m.set(k, { podId: podId(pod), container: ctr, bind: l.bind, refs: [containerPortRef(pod, ctr, l.port)], note });
        }
      }
    }
    ix.podListeners.set(pod, m);
  }
  return m.get(key(port, protocol)) ?? null;
}
