/**
 * Where a new connection's first packet meets a node's netfilter (nat PREROUTING for Pods and the wire,
 * nat OUTPUT for the host itself) and, from outside, how it reaches a node at all.
 */
import type { NodeState, ServiceState } from '../model/cluster';
import { CLIENT_ID } from '../model/componentId';
import { inCidr, podCidrOwner } from './addresses';
import { hostPortOf, vipOf } from './clusterIndex';
import { deliverToHost, routeOnward } from './fabric';
import { displayName, lbId, nodeId } from './ids';
import { type Origin, serviceRules } from './kubeProxy';
import { egressGate } from './policyGate';
import { portKey } from './portKey';
import { serviceRef } from './refs';
import type { HostPortMapping } from './types';
import { clientToHost } from './outside';
import { compareBytes, sha256 } from './sha256';
import type { Walk } from './walk';

const EXCLUDE_LB = 'node.kubernetes.io/exclude-from-external-load-balancers';

/** KUBE-SERVICES on node N, then (last rule) KUBE-NODEPORTS for local addresses, then plain routing. */
export function atNode(w: Walk, n: NodeState, origin: Origin, vip = vipOf(w.ix, w.dstIP, w.dstPort, w.protocol)): void {
  const ix = w.ix;
  if (vip) return serviceRules(w, n, vip.entry, vip.kind, origin);
  const local = ix.nodeAddrs.get(w.dstIP);
  // With --iptables-localhost-nodeports (default true) 127.0.0.1 counts as a local address for the host.
  if ((local && local.node === n) || (origin === 'host' && w.dstIP.startsWith('127.'))) {
    const np = ix.nodePorts.get(portKey(w.dstPort, w.protocol));
    if (np) return serviceRules(w, n, np, 'nodePort', origin);
    // kube-proxy prepends KUBE-SERVICES to PREROUTING/OUTPUT; the portmap plugin's CNI-HOSTPORT-DNAT comes after it.
    const hp = hostPortOf(ix, n, w.dstIP, w.dstPort, w.protocol);
    if (hp) return hostPortDnat(w, n, hp);
    if (w.egressFrom !== null && !egressGate(w)) return;
    return deliverToHost(w, n);
  }
  const svc = ix.clusterIPs.get(w.dstIP) ?? ix.lbIPs.get(w.dstIP) ?? ix.externalIPs.get(w.dstIP);
  if (svc) return noSuchServicePort(w, n, svc);
  if (inCidr(ix.serviceCidr, w.dstIP)) return unallocatedServiceIP(w, n);
  routeOnward(w, n, atNodeFromWire);
}

/** A packet that crossed the wire to another node's own address meets that node's rules (module-level: no closure per hop). */
const atNodeFromWire = (w: Walk, m: NodeState): void => atNode(w, m, 'wire');

/**
 * A Pod's `hostPort` (CNI portmap plugin, in kube-flannel's CNI chain): nat CNI-HOSTPORT-DNAT (PREROUTING
 * and OUTPUT, `--dst-type LOCAL`) DNATs node:hostPort to podIP:containerPort on the Pod's node only. No
 * SNAT for callers elsewhere, so the Pod sees their address; but portmap marks for CNI-HOSTPORT-MASQ
 * (`-s <containerNet> -j CNI-HOSTPORT-SETMARK`, the container's whole subnet, so every Pod on this node,
 * not only hairpin) and 127.0.0.1. MASQUERADE then takes cni0's address, the way out to the Pod.
 */
function hostPortDnat(w: Walk, n: NodeState, hp: HostPortMapping): void {
  const pod = hp.pod;
  const from = w.dst;
  const sameNode = podCidrOwner(w.ix.podCidrs, w.srcIP) === n;
  if (sameNode || w.srcIP.startsWith('127.')) {
    w.masq =
      w.srcIP === pod.ip
        ? `hairpin: ${pod.name} called its own hostPort (CNI-HOSTPORT-SETMARK marks its subnet ${n.podCIDR})`
        : sameNode
          ? `the caller ${w.srcIP} is in ${pod.name}'s container network ${n.podCIDR} (CNI-HOSTPORT-SETMARK marks -s ${n.podCIDR})`
          : `a connection from 127.0.0.1 (CNI-HOSTPORT-SETMARK)`;
    w.masqChain = 'CNI-HOSTPORT-MASQ';
  }
  w.dstIP = pod.ip as string;
  w.dstPort = hp.containerPort;
  w.hostPortNat = `the CNI portmap plugin on ${n.name} DNATed hostPort ${from} to ${pod.name} at ${w.dst}`;
  w.hop(
    nodeId(n),
    'dnat',
    `hostPort ${hp.hostPort}/${hp.protocol} of ${pod.name} on ${n.name}: CNI-HOSTPORT-DNAT (the portmap plugin in flannel's CNI config) rewrites ${from} → ${w.dst}; no Service or kube-proxy rule is involved`,
    n.name,
    [hp.ref],
    'CNI-HOSTPORT-DNAT',
    ['dst'],
  );
  routeOnward(w, n, deliverToHost);
}

/** A Service address with a port the Service does not have: no rule matches; the VIP is not a real address. */
function noSuchServicePort(w: Walk, n: NodeState, svc: ServiceState): void {
  const ports = svc.ports.map((p) => `${p.port}/${p.protocol}`).join(', ');
  const what = w.dstIP === svc.clusterIP ? 'ClusterIP' : w.dstIP === svc.loadBalancerIP ? 'load-balancer IP' : 'externalIP';
  w.hop(
    nodeId(n),
    'drop',
    `no KUBE-SERVICES rule matches ${w.dst}: ${displayName(svc)} serves only ${ports}; the ${what} is not a real address, so the packet follows ${n.name}'s default route and is lost`,
    n.name,
    svc.ports.map((p) => w.ix.texts.portRef(svc, p, 'port')),
    'KUBE-SERVICES (no match)',
  );
  w.finish({
    outcome: 'timeout',
    reason: `timed out: ${displayName(svc)} (${w.dstIP}) has no port ${w.dstPort}/${w.protocol} — it serves ${ports}; no iptables rule matches, so the packet follows ${n.name}'s default route and is lost`,
    refs: svc.ports.map((p) => w.ix.texts.portRef(svc, p, 'port')),
  });
}

function unallocatedServiceIP(w: Walk, n: NodeState): void {
  w.hop(
    nodeId(n),
    'drop',
    `no Service has ${w.dstIP} (Service range ${w.ix.cluster.settings.serviceCIDR}): no rule matches and the packet follows ${n.name}'s default route, where it is lost`,
    n.name,
    undefined,
    'KUBE-SERVICES (no match)',
  );
  w.finish({
    outcome: 'timeout',
    reason: `timed out: no Service has the address ${w.dstIP}, so nothing rewrites it and the packet is lost beyond ${n.name}'s default route`,
  });
}

/** A client outside the cluster: only node addresses and announced load-balancer IPs are reachable. */
export function fromOutside(w: Walk): void {
  const ix = w.ix;
  const lb = ix.lbIPs.get(w.dstIP);
  if (lb) return viaLoadBalancer(w, lb);
  const host = ix.externalHosts.get(w.dstIP);
  if (host) return clientToHost(w, host);
  const local = ix.nodeAddrs.get(w.dstIP);
  if (local && local.iface === 'eth0') return atNode(w, local.node, 'wire');
  const s = ix.cluster.settings;
  const svc = ix.clusterIPs.get(w.dstIP);
  const ext = ix.externalIPs.get(w.dstIP);
  let why: string;
  let refs = undefined;
  if (svc) {
    why = `${w.dstIP} is ${displayName(svc)}'s ClusterIP, reachable only from Pods and nodes inside the cluster — nothing outside routes the Service range ${s.serviceCIDR}, so curl times out`;
    refs = serviceRef(svc, 'type');
  } else if (ext) {
    why = `${w.dstIP} is an externalIP of ${displayName(ext)}, but Kubernetes does not route externalIPs to nodes and this network has no route for it, so curl times out`;
  } else if (inCidr(ix.serviceCidr, w.dstIP)) {
    why = `${w.dstIP} is in the Service range ${s.serviceCIDR}, which is reachable only inside the cluster, so curl times out`;
  } else if (inCidr(ix.clusterCidr, w.dstIP)) {
    why = `${w.dstIP} is on the Pod network ${s.podCIDR}, which is not routed outside the cluster, so curl times out`;
  } else {
    why = `no node, load balancer or Service in this cluster has the address ${w.dstIP}, so curl times out`;
  }
  w.hop(
    CLIENT_ID,
    'drop',
    `no route from the client to ${w.dstIP}: the packet follows the client's default route and is lost`,
    undefined,
    refs,
  );
  w.finish({ outcome: 'unreachable', reason: `unreachable: ${why}`, refs });
}

/**
 * MetalLB layer 2: one speaker answers ARP for the IP (the first node by sha256(node + "#" + ip)); with
 * externalTrafficPolicy: Local only nodes with a ready local endpoint (healthCheckNodePort answers 200)
 * take part, and nodes labelled exclude-from-external-load-balancers never do. Without any ready endpoint
 * no node announces the IP at all.
 */
function viaLoadBalancer(w: Walk, svc: ServiceState): void {
  const ix = w.ix;
  const ip = w.dstIP;
  const local = svc.externalTrafficPolicy === 'Local';
  const ready = new Set(svc.endpoints.filter((e) => e.ready).map((e) => e.node));
  const nodes = ix.cluster.nodes.filter((nd) => !(EXCLUDE_LB in nd.labels) && (!local || ready.has(nd.name)));
  const refs = [...serviceRef(svc, 'type'), ...(local ? serviceRef(svc, 'externalTrafficPolicy') : [])];
  if (ready.size === 0 || nodes.length === 0) {
    const why =
      ready.size === 0
        ? `${displayName(svc)} has no ready endpoint, so no MetalLB speaker announces ${ip}`
        : `no node outside ${EXCLUDE_LB} has a ready endpoint of ${displayName(svc)} (externalTrafficPolicy: Local: every healthCheckNodePort answers 503), so no speaker announces ${ip}`;
    w.hop(lbId(svc), 'drop', `${why}: ARP for ${ip} gets no answer`, undefined, refs);
    w.finish({ outcome: 'unreachable', reason: `unreachable: ${why}; the client's ARP for it gets no answer and curl times out`, refs });
    return;
  }
  const chosen = nodes.map((nd) => ({ nd, h: sha256(`${nd.name}#${ip}`) })).sort((a, b) => compareBytes(a.h, b.h))[0].nd;
  const eligible = local
    ? `nodes with a ready local endpoint: ${nodes.map((x) => x.name).join(', ')}`
    : `speakers: ${nodes.map((x) => x.name).join(', ')}`;
  w.hop(
    lbId(svc),
    'lb',
    `MetalLB layer 2: ${chosen.name} won the election for ${ip} (${eligible}) and answers ARP, so every connection to ${ip} enters ${chosen.name}; the destination stays ${w.dst}`,
    chosen.name,
    refs,
  );
  atNode(w, chosen, 'wire');
}
