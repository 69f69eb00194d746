/**
 * One connection from a source to a target: the client's first packet (its source address chosen the
 * way the kernel's route lookup does), then the nodes' rules, then the Trace with its way back.
 */
import type { NodeState } from '../model/cluster';
import type { Trace } from '../model/trace';
import type { ClusterIndex } from './clusterIndex';
import { egressOf, deliverToPod } from './fabric';
import { CLIENT, displayName, lbId, podId, svcId } from './ids';
import { atNode, fromOutside } from './netfilter';
import type { NetSession } from './netState';
import type { Source, Target } from './parse';
import { serviceRef, uniqueRefs } from './refs';
import { responseHops } from './response';
import { Walk } from './walk';

/** The source address a host socket gets: the preferred source of the route to the destination. */
function hostSourceAddress(ix: ClusterIndex, n: NodeState, dstIP: string): { ip: string; why: string } {
  if (dstIP.startsWith('127.')) return { ip: dstIP, why: '' };
  const e = egressOf(ix, n, dstIP);
  if (e.kind === 'local') return { ip: dstIP, why: '' };
  if (e.kind === 'bridge') return { ip: n.bridgeIP, why: `; the route to ${n.podCIDR} is cni0, so the kernel picks cni0's address ${n.bridgeIP} as the source` };
  if (e.kind === 'vxlan') {
    return { ip: n.tunnelIP, why: `; the route to ${e.peer.podCIDR} goes via flannel.1, so the kernel picks flannel.1's address ${n.tunnelIP} as the source` };
  }
  return { ip: n.ip, why: '' };
}

export interface Connection {
  trace: Trace;
  /** The client learns the verdict at once (refused, nothing to send to): no timeout to wait for. */
  immediate: boolean;
}

export function connect(ix: ClusterIndex, net: NetSession, source: Source, target: Target): Connection {
  const w = new Walk(ix, net, target.protocol);
  w.srcPort = net.ephemeralPort();
  w.dstPort = target.port;
  if (target.ip === null) noAddress(w, source, target);
  else {
    w.dstIP = target.ip;
    const verb = target.protocol === 'TCP' ? 'opens a TCP connection to' : 'sends a UDP datagram to';
    if (source.kind === 'external') {
      w.srcIP = source.ip;
      w.hop(CLIENT, 'send', `the client ${source.ip} (outside the cluster) ${verb} ${w.dst}`);
      fromOutside(w);
    } else if (source.kind === 'node' || source.pod.hostNetwork) {
      const n = source.node;
      const s = hostSourceAddress(ix, n, w.dstIP);
      w.srcIP = s.ip;
      const who = source.kind === 'node' ? n.name : `${source.pod.name} (hostNetwork, in ${n.name}'s network namespace)`;
      w.hop(source.id, 'send', `${who} ${verb} ${w.dst}${s.why}`, { node: n.name });
      atNode(w, n, 'host');
    } else {
      const pod = source.pod;
      w.srcIP = pod.ip as string;
      w.hop(source.id, 'send', `${pod.name} ${verb} ${w.dst} from ${w.src}; its default route leads through the veth to cni0 on ${source.node.name}`, {
        node: source.node.name,
      });
      // Loopback stays inside the Pod's own network namespace.
      if (w.dstIP.startsWith('127.')) deliverToPod(w, pod);
      else atNode(w, source.node, 'pod');
    }
  }
  const v = w.verdict;
  if (!v) throw new Error(`trace of ${target.text} ended without a verdict`);
  // Keys in the CLI contract's order, so `--json` output reads like the documented shape.
  const trace: Trace = { outcome: v.outcome, reason: v.reason } as Trace;
  if (v.pod) trace.pod = v.pod.name;
  if (v.container) trace.container = v.container.name;
  if (v.node) trace.node = v.node;
  trace.hops = w.hops;
  const last = w.hops[w.hops.length - 1];
  if (v.outcome === 'delivered' || (v.outcome === 'refused' && last.action === 'rst')) {
    trace.response = { hops: responseHops(w, v.outcome === 'delivered') };
  }
  const lists = [v.refs];
  for (const h of w.hops) if (h.refs) lists.push(h.refs);
  const refs = uniqueRefs(lists);
  if (refs.length > 0) trace.refs = refs;
  trace.protocol = target.protocol;
  return { trace, immediate: v.immediate === true };
}

/** A target that has no address at all: a LoadBalancer still <pending>, a headless Service, a Pod without IP. */
function noAddress(w: Walk, source: Source, target: Target): void {
  const named = target.named;
  w.srcIP = source.kind === 'external' ? source.ip : source.kind === 'node' ? source.node.ip : (source.pod.ip as string);
  const svc = named?.svc;
  let at = CLIENT;
  let shown = 'None';
  let why = `${target.text} has no address`;
  let refs = svc ? serviceRef(svc, 'type') : undefined;
  if (named?.kind === 'lb' && svc) {
    at = lbId(svc);
    shown = '<pending>';
    const np = svc.ports.find((p) => p.nodePort)?.nodePort;
    const cause = svc.pendingReason ?? 'no load-balancer provider in this cluster assigns one (settings.loadBalancer.provider: none)';
    const worker = w.ix.cluster.nodes.find((n) => !n.roles.includes('control-plane')) ?? w.ix.cluster.nodes[0];
    why = `${displayName(svc)}'s EXTERNAL-IP is <pending> — ${cause}${np && worker ? ` (its node port answers: try node/${worker.name}:${np})` : ''}`;
  } else if (svc && svc.type === 'ExternalName') {
    at = svcId(svc);
    shown = svc.externalName ?? 'None';
    why = `${displayName(svc)} is an ExternalName Service: DNS answers with a CNAME to ${svc.externalName}, and kube-proxy has nothing to connect to`;
  } else if (svc) {
    at = svcId(svc);
    const ips = svc.endpoints.filter((e) => e.ready).map((e) => e.ip);
    why = `${displayName(svc)} is headless (clusterIP: None): kube-proxy installs no rules for it; DNS returns the ready Pod IPs (${ips.join(', ') || 'none'}) and clients connect to those directly`;
    refs = serviceRef(svc, 'clusterIP');
  } else if (named?.pod) {
    const pod = named.pod;
    at = podId(pod);
    why = `${pod.name} has no IP: it is ${pod.status || pod.phase}${pod.schedule.message ? ` (${pod.schedule.message})` : ''}`;
    refs = undefined;
  }
  w.dstIP = shown;
  w.hop(source.id, 'send', `${source.kind === 'external' ? 'the client' : source.id} wants ${target.text}, which has no address to send to`);
  w.hop(at, 'drop', why, { refs });
  w.finish({ outcome: 'unreachable', reason: `unreachable: ${why}`, refs, immediate: true });
}
