/**
 * One connection from a source to a target: the client's first packet (its source address chosen the
 * way the kernel's route lookup does), then the nodes' rules, then the Trace with its way back.
 */
import type { NodeState, ObjectSummary, PodState } from '../model/cluster';
import type { LabelledRef } from '../model/source';
import type { Hop, Trace } from '../model/trace';
import { CLIENT_ID } from '../model/componentId';
import type { ClusterIndex } from './clusterIndex';
import { egressOf, deliverToPod } from './fabric';
import { displayName, lbId, podId, svcId } from './ids';
import { atNode, fromOutside } from './netfilter';
import type { NetSession } from './netState';
import { serviceRef, uniqueRefs } from './refs';
import type { Source, Target } from './types';
import { proxyRequest, controllerAt, type ProxyResult } from './ingressProxy';
import { replyPath, responseHops } from './response';
import { Walk } from './walk';
import { opensVerb, refusalTravelsBack } from './l4';

/** The source address a host socket gets: the preferred source of the route to the destination. */
function hostSourceAddress(ix: ClusterIndex, n: NodeState, dstIP: string): { ip: string; why: string } {
  // `local 127.0.0.0/8 dev lo src 127.0.0.1`: any loopback destination gets 127.0.0.1 as its source.
  if (dstIP.startsWith('127.')) return { ip: '127.0.0.1', why: '' };
  const e = egressOf(ix, n, dstIP);
  if (e.kind === 'local') return { ip: dstIP, why: '' };
  if (e.kind === 'bridge')
    return { ip: n.bridgeIP, why: `; the route to ${n.podCIDR} is cni0, so the kernel picks cni0's address ${n.bridgeIP} as the source` };
  if (e.kind === 'vxlan') {
    return {
      ip: n.tunnelIP,
      why: `; the route to ${e.peer.podCIDR} goes via flannel.1, so the kernel picks flannel.1's address ${n.tunnelIP} as the source`,
    };
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
  const dns = target.ip === null ? headlessAnswer(w, source, target) : null;
  if (target.ip === null && dns === null) noAddress(w, source, target);
  else {
    if (dns) w.dstIP = dns.ip;
    else w.setDst(target.ip as string, target.port, target.addr);
    const verb = opensVerb(target.protocol);
    if (source.kind === 'external') {
      w.srcIP = source.ip;
      w.hop(CLIENT_ID, 'send', `the client ${source.ip} (outside the cluster) ${verb} ${w.dst}`);
      fromOutside(w);
    } else if (source.kind === 'node' || source.pod.hostNetwork) {
      const n = source.node;
      const s = hostSourceAddress(ix, n, w.dstIP);
      w.srcIP = s.ip;
      const who = source.kind === 'node' ? n.name : `${source.pod.name} (hostNetwork, in ${n.name}'s network namespace)`;
      w.hop(source.id, 'send', `${who} ${verb} ${w.dst}${s.why}`, n.name);
      atNode(w, n, 'host');
    } else {
      const pod = source.pod;
      // Loopback and the Pod's own address are local to its network namespace: lo, never the veth.
      const loopback = w.dstIP.startsWith('127.');
      const self = loopback || w.dstIP === pod.ip;
      w.srcIP = loopback ? '127.0.0.1' : (pod.ip as string);
      const route = self
        ? `; ${w.dstIP} is ${loopback ? 'a loopback address' : 'its own address'}, so the packet goes over lo inside the Pod's network namespace and never reaches ${source.node.name}`
        : source.route;
      const asked = dns ? `${dns.note}; ` : '';
      w.hop(source.id, 'send', `${asked}${pod.name} ${verb} ${w.dst} from ${w.src}${route}`, source.node.name, dns?.refs);
      if (self) deliverToPod(w, pod);
      else {
        if (ix.policies.enforced) w.egressFrom = pod;
        atNode(w, source.node, 'pod', dns ? undefined : target.vip);
      }
    }
  }
  const ctl = w.verdict?.outcome === 'delivered' ? controllerAt(w, w.verdict.pod) : null;
  return connection(w, ix, source, target, dns, ctl ? proxyRequest(w, ctl, target.http) : null);
}

/** The trace of a walked connection, with its way back and every YAML line it cites. */
function connection(
  w: Walk,
  ix: ClusterIndex,
  source: Source,
  target: Target,
  dns: DnsAnswer | null,
  proxy: ProxyResult | null = null,
): Connection {
  const v = w.verdict;
  if (!v) throw new Error(`trace of ${target.text} ended without a verdict`);
  // Keys in the CLI contract's order, so `--json` output reads like the documented shape; every key is
  // always present (absent = undefined, which JSON leaves out) so traces share one object shape.
  const trace: Trace = {
    outcome: v.outcome,
    reason: dns ? `${v.reason} — ${dns.reason}` : v.reason,
    pod: v.pod?.name,
    container: v.container?.name,
    node: v.node,
    hops: w.hops,
    response: undefined,
    refs: undefined,
    protocol: undefined,
    http: undefined,
    dns: undefined,
  };
  const last = w.hops[w.hops.length - 1];
  if (proxy !== null) trace.response = { hops: proxiedResponse(w, proxy) };
  else if (v.outcome === 'delivered' || (v.outcome === 'refused' && refusalTravelsBack(last.action))) {
    trace.response = { hops: responseHops(w, v.outcome === 'delivered') };
  }
  const unenforced = v.outcome === 'delivered' && !ix.policies.enforced ? networkPolicies(ix, source, v.pod) : [];
  if (unenforced.length > 0) {
    const names = unenforced.map((o) => (o.namespace === 'default' ? o.name : `${o.namespace}/${o.name}`)).join(', ');
    trace.reason += ` — NetworkPolicy ${names} is not enforced: flannel alone does not implement NetworkPolicy, so nothing filters this connection`;
  }
  const lists = [v.refs, unenforced.map((o) => ix.texts.policyRef(o))];
  for (const h of w.hops) if (h.refs) lists.push(h.refs);
  const refs = uniqueRefs(lists);
  if (refs.length > 0) trace.refs = refs;
  trace.protocol = target.protocol;
  if (proxy !== null) trace.http = proxy.http;
  return { trace, immediate: v.immediate === true };
}

/**
 * Through an L7 proxy the answer comes back in two connections: the backend's reply to the controller
 * (when the upstream connection got one), then the controller's HTTP answer to the client.
 */
function proxiedResponse(w: Walk, proxy: ProxyResult): Hop[] {
  const toClient = replyPath(w.hops.slice(0, proxy.front), w.meta.slice(0, proxy.front), w.protocol, true);
  const up = proxy.upstream;
  const upLast = up?.hops[up.hops.length - 1];
  if (!up || !upLast || !(up.verdict?.outcome === 'delivered' || refusalTravelsBack(upLast.action))) return toClient;
  return [...responseHops(up, up.verdict?.outcome === 'delivered'), ...toClient];
}

/**
 * NetworkPolicies that could govern this delivery (ingress in the answering Pod's namespace, egress in
 * the calling Pod's). kube-flannel has no policy controller, so they are present but never applied;
 * hostNetwork Pods are outside NetworkPolicy anyway.
 */
function networkPolicies(ix: ClusterIndex, source: Source, dst: PodState | undefined): ObjectSummary[] {
  if (ix.networkPolicies.size === 0) return [];
  const out: ObjectSummary[] = [];
  const a = dst && !dst.hostNetwork ? dst.namespace : null;
  const b = source.kind === 'pod' && !source.pod.hostNetwork ? source.pod.namespace : null;
  if (a !== null) out.push(...(ix.networkPolicies.get(a) ?? []));
  if (b !== null && b !== a) out.push(...(ix.networkPolicies.get(b) ?? []));
  return out;
}

interface DnsAnswer {
  ip: string;
  note: string;
  reason: string;
  refs: LabelledRef[];
}

/**
 * A Pod (dnsPolicy ClusterFirst) naming a headless Service: CoreDNS answers with an A record per ready
 * endpoint, shuffled by its `loadbalance` plugin, and the client connects to the first one directly —
 * no ClusterIP, no kube-proxy rule, no DNAT, and the port is the one the client asked for.
 * Nodes and hostNetwork Pods resolve with the node's own resolv.conf, which does not know cluster names.
 */
function headlessAnswer(w: Walk, source: Source, target: Target): DnsAnswer | null {
  const svc = target.named?.kind === 'svc' ? target.named.svc : undefined;
  if (!svc || svc.clusterIP !== 'None' || source.kind !== 'pod' || source.pod.hostNetwork) return null;
  const ips = [...new Set(svc.endpoints.filter((e) => e.ready).map((e) => e.ip))];
  if (ips.length === 0) return null;
  const ip = ips.length === 1 ? ips[0] : w.net.rng.pick(ips);
  const fqdn = `${svc.name}.${svc.namespace}.svc.${w.ix.cluster.settings.clusterDomain}`;
  const answers =
    ips.length === 1
      ? `one A record, ${ip}`
      : `${ips.length} A records (${ips.join(', ')}) in random order (CoreDNS loadbalance), and the client takes the first, ${ip}`;
  return {
    ip,
    note: `${displayName(svc)} is headless: CoreDNS answers ${fqdn} with ${answers}`,
    reason: `${displayName(svc)} is headless (clusterIP: None), so DNS handed out the Pod IP ${ip} and the connection went straight to it, without a ClusterIP or DNAT`,
    refs: serviceRef(svc, 'clusterIP'),
  };
}

/** A target that has no address at all: a LoadBalancer still <pending>, a headless Service, a Pod without IP. */
function noAddress(w: Walk, source: Source, target: Target): void {
  const named = target.named;
  w.srcIP = source.kind === 'external' ? source.ip : source.kind === 'node' ? source.node.ip : (source.pod.ip as string);
  const svc = named?.svc;
  let at = CLIENT_ID;
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
    why = `${displayName(svc)} is an ExternalName Service: CoreDNS answers with a CNAME to ${svc.externalName} and kube-proxy installs nothing for it (no ClusterIP, no endpoints); a Pod then connects to whatever ${svc.externalName} resolves to, outside this cluster, which the simulation does not model`;
  } else if (svc) {
    at = svcId(svc);
    const ips = [...new Set(svc.endpoints.filter((e) => e.ready).map((e) => e.ip))];
    const fqdn = `${svc.name}.${svc.namespace}.svc.${w.ix.cluster.settings.clusterDomain}`;
    if (ips.length === 0) {
      why = `${displayName(svc)} is headless (clusterIP: None) and has no ready endpoint, so CoreDNS has no A record for ${fqdn} ("Could not resolve host"); kube-proxy installs no rules for a headless Service`;
    } else {
      const who =
        source.kind === 'external'
          ? 'a client outside the cluster'
          : `${source.kind === 'node' ? source.node.name : source.pod.name} resolves names with the node's own resolv.conf, not CoreDNS, so it`;
      why = `${displayName(svc)} is headless (clusterIP: None): kube-proxy installs no rules for it and ${who} cannot look up ${fqdn}; from a Pod, DNS returns the ready Pod IPs (${ips.join(', ')}) and clients connect to those directly`;
    }
    refs = serviceRef(svc, 'clusterIP');
  } else if (named?.pod) {
    const pod = named.pod;
    at = podId(pod);
    why = `${pod.name} has no IP: it is ${pod.status || pod.phase}${pod.schedule.message ? ` (${pod.schedule.message})` : ''}`;
    refs = undefined;
  }
  w.dstIP = shown;
  w.hop(
    source.id,
    'send',
    `${source.kind === 'external' ? 'the client' : source.id} wants ${target.text}, which has no address to send to`,
  );
  w.hop(at, 'drop', why, undefined, refs);
  w.finish({ outcome: 'unreachable', reason: `unreachable: ${why}`, refs, immediate: true });
}
