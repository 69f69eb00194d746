/**
 * Lookup tables over one Cluster, built once per Cluster object, so tracing a request costs O(hops),
 * not O(cluster). The index owns everything the trace derives from the cluster: the tables here (built
 * eagerly), and, built on first use, endpoint sets per Service port, parsed request texts, and every
 * reusable text (`texts`). The Cluster itself is never changed.
 */
import type { Cluster, ExternalHost, NodeState, ObjectSummary, PodState, ServiceState } from '../model/cluster';
import { type Cidr, parseCidr } from '../util/ip';
import { buildBackendSet } from './backends';
import { servicePortName } from './chains';
import { IngressIndex } from './ingressIndex';
import { PolicyIndex } from './policyIndex';
import { portKey } from './portKey';
import { TraceTexts } from './texts';
import type { BackendSet, HostPortMapping, Listener, NodeInterface, PodListen, PortEntry, Source, Target, VipEntry } from './types';
import { svcId } from './ids';

/** Parsed `--from` / `--to` texts kept per cluster: a run often repeats one request many times. */
const PARSE_CACHE_LIMIT = 8192;

class ParseMemo<T> {
  private readonly byText = new Map<string, T>();

  get(text: string): T | undefined {
    return this.byText.get(text);
  }

  remember(text: string, value: T): T {
    if (this.byText.size >= PARSE_CACHE_LIMIT) this.byText.clear();
    this.byText.set(text, value);
    return value;
  }
}

export class ClusterIndex {
  readonly clusterCidr: Cidr | null;
  readonly serviceCidr: Cidr | null;
  readonly nodes = new Map<string, NodeState>();
  /** Every local address of every node: InternalIP (eth0), cni0 (.1), flannel.1 (.0). */
  readonly nodeAddrs = new Map<string, { node: NodeState; iface: NodeInterface }>();
  /** Node podCIDRs, for "which node owns this pod address". */
  readonly podCidrs: { cidr: Cidr; node: NodeState }[] = [];
  /** Pods on the pod network (not hostNetwork) by IP. */
  readonly podsByIP = new Map<string, PodState>();
  /** `namespace/name` → Pod. */
  readonly pods = new Map<string, PodState>();
  /** `namespace/name` → Service. */
  readonly services = new Map<string, ServiceState>();
  /** ClusterIP → Service (for "wrong port on a ClusterIP"). */
  readonly clusterIPs = new Map<string, ServiceState>();
  /** IP → portKey → Service port, for ClusterIPs, load-balancer IPs and externalIPs. */
  readonly vips = new Map<string, Map<number, VipEntry>>();
  readonly lbIPs = new Map<string, ServiceState>();
  readonly externalIPs = new Map<string, ServiceState>();
  /** portKey → Service port (NodePorts are cluster-wide unique). */
  readonly nodePorts = new Map<number, PortEntry>();
  readonly healthCheckNodePorts = new Map<number, ServiceState>();
  /** node → portKey → hostNetwork listener. */
  readonly hostListeners = new Map<string, Map<number, Listener>>();
  /** namespace → NetworkPolicy objects in the folder (listed, never enforced: flannel has no policy engine). */
  readonly networkPolicies = new Map<string, ObjectSummary[]>();
  /** node → portKey → hostPort mappings of the pod-network Pods running there (CNI-HOSTPORT-DNAT). */
  readonly hostPorts = new Map<string, Map<number, HostPortMapping[]>>();
  /** Hosts outside the cluster (settings.externalHosts) by IP. */
  readonly externalHosts = new Map<string, ExternalHost>();
  /** The node network (settings.nodeNetwork): outside hosts on it are one ARP away from every node. */
  readonly nodeNetwork: Cidr | null;
  /** Every text the trace reuses (refs, link and DNAT notes, listeners). */
  readonly texts = new TraceTexts();
  /** The folder's NetworkPolicies, indexed for Calico's checks. */
  readonly policies: PolicyIndex;
  /** ingress-nginx controllers and the Ingresses each routes. */
  readonly ingress: IngressIndex;
  readonly parsedSources = new ParseMemo<Source>();
  readonly parsedTargets = new ParseMemo<Target>();
  private readonly backendSets = new Map<PortEntry, BackendSet>();

  constructor(readonly cluster: Cluster) {
    this.clusterCidr = parseCidr(cluster.settings.podCIDR);
    this.serviceCidr = parseCidr(cluster.settings.serviceCIDR);
    this.nodeNetwork = parseCidr(cluster.settings.nodeNetwork);
    for (const h of cluster.settings.externalHosts ?? []) this.externalHosts.set(h.ip, h);
    this.policies = new PolicyIndex(cluster);
    this.ingress = new IngressIndex(cluster);
    indexNodes(this, cluster);
    indexPods(this, cluster);
    indexServices(this, cluster);
  }

  /** A Service port's endpoints as kube-proxy sees them, resolved on first use. */
  backends(entry: PortEntry): BackendSet {
    let set = this.backendSets.get(entry);
    if (set === undefined) this.backendSets.set(entry, (set = buildBackendSet(entry)));
    return set;
  }

  /** Which running container of a pod-network Pod listens on port/protocol. */
  podListener(pod: PodState, port: number, protocol: string): PodListen | null {
    return this.texts.listeners(pod).get(portKey(port, protocol)) ?? null;
  }
}

const indexes = new WeakMap<Cluster, ClusterIndex>();

/** The index of a cluster, built on first use and kept as long as the cluster lives. */
export function clusterIndex(c: Cluster): ClusterIndex {
  let ix = indexes.get(c);
  if (ix === undefined) indexes.set(c, (ix = new ClusterIndex(c)));
  return ix;
}

export function vipOf(ix: ClusterIndex, ip: string, port: number, proto: string): VipEntry | undefined {
  return ix.vips.get(ip)?.get(portKey(port, proto));
}

function addVip(ix: ClusterIndex, ip: string, port: number, proto: string, v: VipEntry): void {
  let m = ix.vips.get(ip);
  if (!m) {
    m = new Map();
    ix.vips.set(ip, m);
  }
  m.set(portKey(port, proto), v);
}

/** Pods whose IP is gone: the sandbox is torn down once every container has exited for good. */
export function isTerminal(p: PodState): boolean {
  return p.phase === 'Succeeded' || p.phase === 'Failed';
}

function indexNodes(ix: ClusterIndex, c: Cluster): void {
  for (const n of c.nodes) {
    ix.nodes.set(n.name, n);
    ix.nodeAddrs.set(n.ip, { node: n, iface: 'eth0' });
    if (n.bridgeIP) ix.nodeAddrs.set(n.bridgeIP, { node: n, iface: 'cni0' });
    if (n.tunnelIP) ix.nodeAddrs.set(n.tunnelIP, { node: n, iface: 'flannel.1' });
    const cidr = parseCidr(n.podCIDR);
    if (cidr) ix.podCidrs.push({ cidr, node: n });
    ix.hostListeners.set(n.name, new Map());
  }
}

function indexPods(ix: ClusterIndex, c: Cluster): void {
  for (const p of c.pods) {
    ix.pods.set(`${p.namespace}/${p.name}`, p);
    if (!p.ip) continue;
    if (p.hostNetwork) {
      const listeners = p.nodeName ? ix.hostListeners.get(p.nodeName) : undefined;
      if (listeners && !isTerminal(p)) {
        for (const ctr of p.containers) {
          if (ctr.state !== 'running') continue;
          for (const l of ctr.listening) {
            const k = portKey(l.port, l.protocol);
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
}

function indexServices(ix: ClusterIndex, c: Cluster): void {
  for (const s of c.services) {
    ix.services.set(`${s.namespace}/${s.name}`, s);
    if (s.type === 'ExternalName') continue;
    const hasVip = s.clusterIP !== null && s.clusterIP !== 'None';
    if (hasVip) ix.clusterIPs.set(s.clusterIP as string, s);
    if (s.loadBalancerIP) ix.lbIPs.set(s.loadBalancerIP, s);
    for (const ip of s.externalIPs) ix.externalIPs.set(ip, s);
    if (s.healthCheckNodePort) ix.healthCheckNodePorts.set(s.healthCheckNodePort, s);
    if (!hasVip) continue; // headless: kube-proxy ignores it entirely
    const id = svcId(s);
    s.ports.forEach((port, portIndex) => {
      const entry: PortEntry = { svc: s, port, portIndex, spn: servicePortName(s, port), proto: port.protocol.toLowerCase(), svcId: id };
      addVip(ix, s.clusterIP as string, port.port, port.protocol, { entry, kind: 'clusterIP' });
      if (s.loadBalancerIP) addVip(ix, s.loadBalancerIP, port.port, port.protocol, { entry, kind: 'loadBalancer' });
      for (const ip of s.externalIPs) addVip(ix, ip, port.port, port.protocol, { entry, kind: 'externalIP' });
      if (port.nodePort) ix.nodePorts.set(portKey(port.nodePort, port.protocol), entry);
    });
  }
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
      const k = portKey(port.hostPort, protocol);
      const list = byKey.get(k) ?? [];
      const at = p.containers.find((x) => x.name === c.name)?.source ?? p.source;
      list.push({
        pod: p,
        hostPort: port.hostPort,
        containerPort: port.containerPort,
        protocol,
        hostIP: port.hostIP && port.hostIP !== '0.0.0.0' ? port.hostIP : null,
        ref: {
          ...at,
          path: `spec.containers[${ci}].ports[${pi}].hostPort`,
          label: `hostPort: ${port.hostPort} → containerPort ${port.containerPort} (${c.name})`,
        },
      });
      byKey.set(k, list);
    });
  });
}

/** The hostPort mapping on node N for a packet to dstIP:port, if the portmap plugin has one. */
export function hostPortOf(ix: ClusterIndex, n: NodeState, dstIP: string, port: number, proto: string): HostPortMapping | null {
  const list = ix.hostPorts.get(n.name)?.get(portKey(port, proto));
  if (!list) return null;
  return list.find((m) => m.hostIP === dstIP) ?? list.find((m) => m.hostIP === null) ?? null;
}
