/**
 * The wire under kube-proxy: POSTROUTING masquerade, flannel VXLAN between nodes, the cni0 bridge,
 * and what answers at the end (a container, a host daemon, or a kernel RST / unanswered ARP).
 */
import { imagePorts } from '../cluster/imageCatalog';
import type { ListenBind, NodeState, PodState } from '../model/cluster';
import type { LabelledRef } from '../model/source';
import type { ComponentId } from '../model/componentId';
import { inCidr, podCidrOwner } from './addresses';
import { type ClusterIndex, isTerminal } from './clusterIndex';
import { portKey } from './portKey';
import { egressGate, ingressGate } from './policyGate';
import { deliveredReason, refusedByPodReason, silentPodReason } from './reasons';
import type { HopMeta } from './texts';
import type { Walk } from './walk';
import { nodeId, podId } from './ids';
import { leaveCluster } from './outside';
import { refusalAction, refusalAnswer } from './l4';

export type Egress =
  { kind: 'local' } | { kind: 'bridge' } | { kind: 'vxlan'; peer: NodeState } | { kind: 'eth0'; peer: NodeState } | { kind: 'outside' };

/** Where node N's routing table sends the packet's current destination. */
export function egressOf(ix: ClusterIndex, n: NodeState, dstIP: string): Egress {
  const local = ix.nodeAddrs.get(dstIP);
  if (local) {
    if (local.node === n) return { kind: 'local' };
    // Another node's cni0 / flannel.1 address lives on the pod network: reached through the tunnel.
    return local.iface === 'eth0' ? { kind: 'eth0', peer: local.node } : { kind: 'vxlan', peer: local.node };
  }
  const owner = podCidrOwner(ix.podCidrs, dstIP);
  if (owner) return owner === n ? { kind: 'bridge' } : { kind: 'vxlan', peer: owner };
  return { kind: 'outside' };
}

function egressAddress(n: NodeState, e: Egress): string {
  return e.kind === 'bridge' ? n.bridgeIP : e.kind === 'vxlan' ? n.tunnelIP : n.ip;
}

/** Shared, never written. */
const SRC: ('src' | 'dst')[] = ['src'];
const FLANNEL_MASQ: HopMeta = { flannel: true };

const IFACE = { bridge: 'cni0', vxlan: 'flannel.1', eth0: 'eth0', outside: 'eth0' } as const;

/**
 * nat POSTROUTING on node N: kube-proxy's MASQUERADE when KUBE-MARK-MASQ was set, else flannel's own
 * masquerade of pod traffic that leaves the pod network (kube-flannel.yml runs flanneld --ip-masq).
 */
export function postrouting(w: Walk, n: NodeState, e: Egress): void {
  if (e.kind === 'local') return;
  const fromPod = inCidr(w.ix.clusterCidr, w.srcIP);
  if (w.masq === null && !(fromPod && (e.kind === 'eth0' || e.kind === 'outside'))) return;
  const to = egressAddress(n, e);
  const before = w.src;
  w.srcIP = to;
  w.srcPort = w.net.natPort();
  w.snatTo = to;
  if (w.masq !== null) {
    const note = `${w.masqChain} MASQUERADE — ${w.masq}: source ${before} → ${w.src}, the address of ${IFACE[e.kind]} on ${n.name}, so the reply comes back through this node`;
    w.hop(nodeId(n), 'snat', note, n.name, undefined, w.masqChain, SRC);
  } else {
    const pods = w.ix.cluster.settings.podCIDR;
    const note = `FLANNEL-POSTRTG on ${n.name}: ${w.dstIP} is outside the pod network ${pods}, so no RETURN rule matches and "-s ${pods} ! -d 224.0.0.0/4 -j MASQUERADE --random-fully" rewrites the source ${before} → ${w.src}, ${n.name}'s eth0 address with a random port`;
    w.hop(nodeId(n), 'snat', note, n.name, undefined, 'FLANNEL-POSTRTG', SRC, FLANNEL_MASQ);
    w.cniNote = `flannel masquerades the Pod's packet to ${n.ip} on the way out, so ${e.kind === 'eth0' ? e.peer.name : 'the destination'} sees a node address, not a Pod (CNI-dependent)`;
  }
  w.masq = null;
}

/**
 * Carry the packet from node N toward its (already final) destination and let whatever is there answer.
 * `arriveByWire` handles a packet that reaches another node's own address (eth0, or cni0 / flannel.1 through the tunnel): that node runs its own rules.
 */
export function routeOnward(w: Walk, n: NodeState, arriveByWire: (w: Walk, m: NodeState) => void): void {
  if (w.egressFrom !== null && !egressGate(w)) return;
  const e = egressOf(w.ix, n, w.dstIP);
  postrouting(w, n, e);
  switch (e.kind) {
    case 'local':
      return deliverToHost(w, n);
    case 'bridge':
      return toPodOn(w, n);
    case 'vxlan': {
      const m = e.peer;
      const link = w.ix.texts.link(n, m);
      w.overlay(nodeId(n), 'encap', link.vxlanOut, n.name, link.vxlanOutMeta, link.vxlan);
      const local = w.ix.nodeAddrs.get(w.dstIP);
      w.overlay(nodeId(m), 'decap', local ? link.vxlanIn : link.vxlanInToPod, m.name, link.vxlanInMeta, link.vxlan);
      // m's own cni0 / flannel.1 address: a local address of m, so m's rules run (a node port listens there too).
      return local ? arriveByWire(w, m) : toPodOn(w, m);
    }
    case 'eth0': {
      const m = e.peer;
      const link = w.ix.texts.link(n, m);
      w.forward(nodeId(n), link.eth0Out, n.name, link.eth0OutMeta);
      return arriveByWire(w, m);
    }
    case 'outside':
      return leaveCluster(w, n);
  }
}

/** A pod-network address on node N: the pod's veth answers, or ARP on cni0 gets no reply. */
function toPodOn(w: Walk, n: NodeState): void {
  const pod = w.ix.podsByIP.get(w.dstIP);
  if (pod && !isTerminal(pod) && pod.nodeName === n.name) return deliverToPod(w, pod);
  const gone = pod && isTerminal(pod) ? ` (${pod.name} has completed and its sandbox is gone)` : '';
  w.hop(
    nodeId(n),
    'drop',
    `no Pod has ${w.dstIP}${gone}: ${n.name} asks ARP on cni0 (${n.podCIDR}) and nobody answers, so the SYN is lost`,
    n.name,
  );
  w.finish({
    outcome: 'timeout',
    reason: `timed out: no Pod has ${w.dstIP}${gone} — ${n.name} owns ${n.podCIDR} but nobody answers ARP for it on cni0, so the connection hangs (or reports "No route to host" after ~3 s, CNI-dependent)`,
  });
}

export function deliverToPod(w: Walk, pod: PodState): void {
  const ix = w.ix;
  if (!ingressGate(w, pod)) return;
  const listen = ix.podListener(pod, w.dstPort, w.protocol);
  const node = pod.nodeName ?? undefined;
  // The Service's own refs (selector, targetPort…) are on its DNAT hop; the trace collects every hop's refs.
  if (listen && listen.bind !== undefined && !bindAccepts(listen.bind, w.dstIP, pod.ip)) {
    return boundElsewhere(
      w,
      podId(pod),
      node,
      pod.ip as string,
      listen.container.name,
      `in ${pod.name}`,
      listen.bind,
      [ix.texts.containerPortRef(pod, listen.container, w.dstPort)],
      pod,
    );
  }
  if (listen) {
    const ctr = listen.container;
    const refs = listen.refs;
    w.hop(listen.podId, 'deliver', listen.note + w.src, node, refs);
    w.finish({ outcome: 'delivered', reason: deliveredReason(w, pod.name, ctr.name, node), pod, container: ctr, node });
    return;
  }
  const refs = w.nat ? [ix.texts.podRef(pod), ix.texts.portRef(w.nat.svc, w.nat.port, 'targetPort')] : [ix.texts.podRef(pod)];
  const answer = refusalAnswer(w.protocol, "the Pod's kernel");
  w.hop(podId(pod), refusalAction(w.protocol), `${silentPodReason(pod, w.dstPort, w.protocol)}: ${answer}`, node, refs);
  w.finish({ outcome: 'refused', reason: refusedByPodReason(w, pod), pod, node, refs });
}

/** Whether a socket bound so takes a packet for dstIP (`own`: the node's InternalIP, or the Pod IP). */
function bindAccepts(bind: ListenBind, dstIP: string, own: string | null): boolean {
  if (dstIP.startsWith('127.')) return bind.loopback;
  return bind.hostIP && dstIP === own;
}

function boundAddresses(bind: ListenBind, own: string): string {
  return bind.loopback && bind.hostIP ? `127.0.0.1 and ${own}` : bind.loopback ? '127.0.0.1' : own;
}

/**
 * Something listens on the port, but bound to other addresses than the one called (kubeadm's
 * `--bind-address=127.0.0.1` for kube-controller-manager and kube-scheduler): no socket matches, so
 * the kernel answers exactly as if nothing listened.
 */
function boundElsewhere(
  w: Walk,
  at: ComponentId,
  node: string | undefined,
  own: string,
  who: string,
  where: string,
  bind: ListenBind,
  refs: LabelledRef[],
  pod?: PodState,
): void {
  const kernel = pod && !pod.hostNetwork ? "the Pod's kernel" : "the node's kernel";
  const answer = refusalAnswer(w.protocol, kernel);
  const why = `${who} ${where} listens on ${boundAddresses(bind, own)}:${w.dstPort} only (${bind.flag}), not on ${w.dstIP}`;
  w.hop(at, refusalAction(w.protocol), `${why}: ${answer}`, node, refs);
  w.finish({ outcome: 'refused', reason: `connection refused: ${why} (${answer})`, pod, node, refs });
}

/** Daemons every kubeadm node runs outside Pods, or as static Pods the cluster may not list (binds as kubeadm leaves them). */
const HOST_DAEMONS: { port: number; name: string; controlPlane?: boolean; bind?: ListenBind }[] = [
  { port: 10250, name: 'kubelet' },
  // KubeletConfiguration defaults: healthzBindAddress 127.0.0.1, healthzPort 10248.
  { port: 10248, name: 'kubelet (healthz)', bind: { loopback: true, hostIP: false, flag: 'healthzBindAddress: 127.0.0.1' } },
  { port: 10256, name: 'kube-proxy (healthz)' },
  { port: 6443, name: 'kube-apiserver', controlPlane: true },
  { port: 2379, name: 'etcd', controlPlane: true, bind: catalogBind('registry.k8s.io/etcd', 2379) },
  { port: 2380, name: 'etcd (peer)', controlPlane: true, bind: catalogBind('registry.k8s.io/etcd', 2380) },
  { port: 10257, name: 'kube-controller-manager', controlPlane: true, bind: catalogBind('registry.k8s.io/kube-controller-manager', 10257) },
  { port: 10259, name: 'kube-scheduler', controlPlane: true, bind: catalogBind('registry.k8s.io/kube-scheduler', 10259) },
];

/** The daemon's bind as its image is started by kubeadm (one source of truth: the image catalog). */
function catalogBind(image: string, port: number): ListenBind | undefined {
  return imagePorts(image)?.find((p) => p.port === port)?.bind;
}

/** A packet addressed to node N itself: a hostNetwork Pod, a host daemon, or the kernel's RST. */
export function deliverToHost(w: Walk, n: NodeState): void {
  const ix = w.ix;
  const l = ix.hostListeners.get(n.name)?.get(portKey(w.dstPort, w.protocol));
  if (l) {
    const refs = [ix.texts.containerPortRef(l.pod, l.container, w.dstPort)];
    if (l.bind !== undefined && !bindAccepts(l.bind, w.dstIP, n.ip)) {
      return boundElsewhere(w, podId(l.pod), n.name, n.ip, l.container.name, `in hostNetwork Pod ${l.pod.name}`, l.bind, refs);
    }
    w.hop(
      podId(l.pod),
      'deliver',
      `${l.container.name} in hostNetwork Pod ${l.pod.name} listens on ${n.name}'s ${w.dstPort}/${w.protocol}`,
      n.name,
      refs,
    );
    w.finish({
      outcome: 'delivered',
      reason: deliveredReason(w, l.pod.name, l.container.name, n.name),
      pod: l.pod,
      container: l.container,
      node: n.name,
      refs,
    });
    return;
  }
  const controlPlane = n.roles.includes('control-plane');
  const daemon = w.protocol === 'TCP' ? HOST_DAEMONS.find((d) => d.port === w.dstPort && (!d.controlPlane || controlPlane)) : undefined;
  const hc = w.protocol === 'TCP' ? ix.healthCheckNodePorts.get(w.dstPort) : undefined;
  if (daemon?.bind !== undefined && !bindAccepts(daemon.bind, w.dstIP, n.ip)) {
    return boundElsewhere(w, nodeId(n), n.name, n.ip, daemon.name, `on ${n.name}`, daemon.bind, []);
  }
  if (daemon || hc) {
    let what = daemon ? daemon.name : 'kube-proxy';
    if (hc) {
      const local = hc.endpoints.filter((e) => e.node === n.name && e.ready).length;
      what = `kube-proxy's health check for ${hc.name} (healthCheckNodePort ${w.dstPort}: HTTP ${local > 0 ? 200 : 503}, localEndpoints ${local})`;
    }
    w.hop(nodeId(n), 'deliver', `${what} listens on ${n.name}:${w.dstPort}`, n.name);
    w.finish({ outcome: 'delivered', reason: `delivered to ${what} on ${n.name}`, node: n.name });
    return;
  }
  const range = ix.cluster.settings.nodePortRange;
  const inRange = w.dstPort >= range.min && w.dstPort <= range.max;
  const why = `nothing listens on ${n.name}:${w.dstPort}/${w.protocol}${inRange ? ` and no Service uses nodePort ${w.dstPort}` : ''}`;
  const answer = refusalAnswer(w.protocol, "the node's kernel");
  w.hop(nodeId(n), refusalAction(w.protocol), `${why}: ${answer}`, n.name);
  w.finish({ outcome: 'refused', reason: `connection refused: ${why} (${answer})`, node: n.name });
}
