/**
 * The words of a Service's hops, written from kube-proxy's decisions (trafficPolicy.ts, endpointPick.ts):
 * the DNAT note, the chain a packet took, and the verdicts when no endpoint takes it.
 */
import { endpointName } from './endpointText';
import type { Cluster, NodeState, PodState, ServiceState } from '../model/cluster';
import { LABEL_SERVICE_NAME } from '../model/endpointSlice';
import { serviceSelects } from '../util/labels';
import type { EndpointChoice } from './endpointPick';
import { displayName } from './ids';
import { selectorText } from './refs';
import type { Backend, BackendSet, PolicyDecision, PortEntry, Via } from './types';

/** `delivered to pod-1 (app) on k8s-node1 — svc-1 DNATed 10.96.0.20:9000 to 10.244.1.2:8080 on k8s-node2`. */
export function serviceDeliveryText(
  pod: string,
  container: string,
  node: string | undefined,
  svc: ServiceState,
  from: string,
  to: string,
  natNode: NodeState,
): string {
  return `delivered to ${pod} (${container})${node ? ` on ${node}` : ''} — ${displayName(svc)} DNATed ${from} to ${to} on ${natNode.name}`;
}

/** The chains a packet walks before its endpoint's KUBE-SEP, e.g. `KUBE-SERVICES → KUBE-NODEPORTS → KUBE-EXT-… → KUBE-SVC-…`. */
export function dnatRule(set: BackendSet, via: Via, d: PolicyDecision, b: Backend): string {
  const svc = set.entry.svc;
  // The node-port capture is KUBE-SERVICES' last rule; LB IPs with loadBalancerSourceRanges pass KUBE-FW first.
  const entryChain =
    via === 'nodePort'
      ? 'KUBE-SERVICES → KUBE-NODEPORTS'
      : via === 'loadBalancer' && svc.loadBalancerSourceRanges.length > 0
        ? `KUBE-SERVICES → ${set.chains.fw}`
        : 'KUBE-SERVICES';
  return via === 'clusterIP' ? `${entryChain} → ${d.chain} → ${b.sep}` : `${entryChain} → ${set.chains.ext} → ${d.chain} → ${b.sep}`;
}

export function dnatNote(
  svc: ServiceState,
  via: Via,
  from: string,
  n: NodeState,
  d: PolicyDecision,
  choice: EndpointChoice,
  client: string,
): string {
  const what =
    via === 'clusterIP' ? 'ClusterIP' : via === 'nodePort' ? 'nodePort' : via === 'loadBalancer' ? 'load-balancer IP' : 'externalIP';
  const policy = d.note ? `${d.note}; ` : '';
  return `${displayName(svc)} ${what} ${from} on ${n.name}'s netfilter; ${policy}${pickNote(svc, n, d, choice, client)}; ${choice.backend.dnatNote}`;
}

function pickNote(svc: ServiceState, n: NodeState, d: PolicyDecision, choice: EndpointChoice, client: string): string {
  const b = choice.backend;
  if (choice.stuck !== null) {
    const { ago, timeout } = choice.stuck;
    return `sessionAffinity: ClientIP — ${client} was sent to ${endpointName(b.ep)} ${ago} s ago (xt_recent list on ${n.name}, timeout ${timeout} s), so it sticks`;
  }
  const count = d.candidates.length;
  const terminating = b.ep.terminating ? ' (serving but terminating: no Ready endpoint is left)' : '';
  const random =
    count === 1
      ? `the only endpoint ${d.scope}${terminating}`
      : `endpoint ${choice.index + 1} of ${count} ${d.scope} picked at random (statistic --mode random: rule i of n matches with probability 1/(n−i))${terminating}`;
  const e = choice.expired;
  const expired = e
    ? `sessionAffinity: ClientIP — ${client}'s entry for ${e.pod} expired (last seen ${e.ago} s earlier, more than timeoutSeconds ${e.timeout}: xt_recent --rcheck --seconds ${e.timeout} --reap no longer matches on ${n.name}), so the endpoint is picked anew: `
    : '';
  return choice.remembered
    ? `${expired}${random}; sessionAffinity: ClientIP remembers ${client} → ${endpointName(b.ep)} on ${n.name}`
    : random;
}

export function sourceRangesDropped(
  set: BackendSet,
  srcIP: string,
  n: NodeState,
): { note: string; rule: string; reason: string; ranges: string } {
  const svc = set.entry.svc;
  const ranges = svc.loadBalancerSourceRanges.join(', ');
  const fw = set.chains.fw;
  return {
    ranges,
    note: `${fw}: source ${srcIP} is not in loadBalancerSourceRanges (${ranges}); KUBE-PROXY-FIREWALL drops it`,
    rule: `${fw} → KUBE-PROXY-FIREWALL -j DROP`,
    reason: `dropped on ${n.name}: ${srcIP} is not in ${displayName(svc)}'s loadBalancerSourceRanges (${ranges}), so the request hangs until it times out`,
  };
}

/** filter KUBE-SERVICES / KUBE-EXTERNAL-SERVICES: the chain that REJECTs or DROPs for this kind of address. */
export function filterChain(via: Via): string {
  return via === 'clusterIP' ? 'KUBE-SERVICES' : 'KUBE-EXTERNAL-SERVICES';
}

export function noLocalEndpointTexts(
  set: BackendSet,
  via: Via,
  n: NodeState,
  cniNote: string | null,
): { note: string; rule: string; reason: string } {
  const svc = set.entry.svc;
  const external = via !== 'clusterIP';
  const field = external ? 'externalTrafficPolicy' : 'internalTrafficPolicy';
  const chain = filterChain(via);
  const elsewhere = [...set.local].filter(([, l]) => l.length > 0).map(([node]) => node);
  const where = elsewhere.length > 0 ? ` (its ready endpoints run on ${elsewhere.join(', ')})` : '';
  const who = external ? "the client's request" : 'the connection';
  const cni = cniNote ? `; ${cniNote}` : '';
  return {
    note: `${field}: Local and no ready endpoint of ${displayName(svc)} on ${n.name}: filter ${chain} -j DROP "${set.entry.spn} has no local endpoints" — no reply at all`,
    rule: `${chain} -j DROP`,
    reason: `dropped on ${n.name}: ${displayName(svc)} has ${field}: Local and no ready endpoint on ${n.name}${where}, so kube-proxy drops the packet without a reply — ${who} hangs until it times out${cni}`,
  };
}

export function rejectNote(entry: PortEntry, via: Via, n: NodeState): string {
  return `filter ${filterChain(via)}: -j REJECT "${entry.spn} has no endpoints" — ${n.name} answers ICMP port unreachable`;
}

/** FindPort matches a named targetPort by name and protocol: the Pods' ports of that name with the other protocol. */
function otherProtocolPorts(pods: readonly PodState[], name: string, protocol: string): string[] {
  const out: string[] = [];
  for (const p of pods)
    for (const c of p.containers)
      for (const cp of c.ports)
        if (cp.name === name && cp.protocol !== protocol) out.push(`${p.name} names ${cp.containerPort}/${cp.protocol} "${name}"`);
  return out.slice(0, 5);
}

/** Why a Service has no usable endpoint: no selector, no matching Pod, no named port, nobody Ready. */
export function noEndpointsReason(set: BackendSet, cluster: Pick<Cluster, 'pods' | 'endpointSlices' | 'endpointsObjects'>): string {
  const { svc, port } = set.entry;
  const pods = cluster.pods;
  let detail: string;
  if (!svc.selector || Object.keys(svc.selector).length === 0) {
    detail = selectorlessDetail(set, cluster);
  } else {
    const sel = selectorText(svc.selector);
    const matching = pods.filter((p) => p.namespace === svc.namespace && serviceSelects(svc.selector, p.labels));
    const names = matching
      .slice(0, 5)
      .map((p) => `${p.name} (${p.status || p.phase})`)
      .join(', ');
    if (matching.length === 0) detail = `its selector ${sel} matches no ready Pod (no Pod has these labels)`;
    else if (set.listed.length === 0 && typeof port.targetPort === 'string') {
      const other = otherProtocolPorts(matching, port.targetPort, port.protocol);
      detail =
        other.length > 0
          ? `no Pod its selector ${sel} matches has a port named "${port.targetPort}" with protocol ${port.protocol} (targetPort of ${port.port}/${port.protocol}): ${other.join(', ')} — ${names}`
          : `no Pod its selector ${sel} matches declares a containerPort named "${port.targetPort}" (targetPort) — ${names}`;
    } else detail = `its selector ${sel} matches ${matching.length} Pod(s) but none is Ready: ${names}`;
  }
  return `connection refused immediately: ${displayName(svc)} has no ready endpoints — ${detail}`;
}

/** A Service without a selector gets endpoints only from EndpointSlices labelled with its name (hand-made or mirrored from its Endpoints). */
function selectorlessDetail(set: BackendSet, cluster: Pick<Cluster, 'endpointSlices' | 'endpointsObjects'>): string {
  const { svc, port } = set.entry;
  const slices = (cluster.endpointSlices ?? []).filter((s) => s.namespace === svc.namespace && s.labels[LABEL_SERVICE_NAME] === svc.name);
  const endpoints = (cluster.endpointsObjects ?? []).find((e) => e.namespace === svc.namespace && e.name === svc.name);
  if (slices.length === 0) {
    if (endpoints)
      return `it has no selector, and its hand-made Endpoints ${svc.name} was not mirrored into an EndpointSlice (see the warning on it), so kube-proxy has no endpoint for it`;
    return `it has no selector, so only EndpointSlices labelled ${LABEL_SERVICE_NAME}: ${svc.name} (hand-made, or mirrored from an Endpoints named ${svc.name}) give it endpoints, and the folder has none`;
  }
  const names = slices.map((s) => s.name).join(', ');
  const portName = port.name ?? '';
  if (set.listed.length === 0) {
    const which = portName === '' ? 'an unnamed port' : `a port named "${portName}"`;
    return `it has no selector and its EndpointSlice ${names} has no endpoint with ${which} and protocol ${port.protocol} (kube-proxy matches the slice's ports to the Service's by name)`;
  }
  return `it has no selector and every endpoint in its EndpointSlice ${names} is not ready (conditions.ready: false, or listed under notReadyAddresses)`;
}
