/**
 * kube-proxy's iptables rules for one Service port on one node (pkg/proxy/iptables/proxier.go):
 * REJECT without endpoints, DROP for a Local policy without local endpoints, masquerade marks,
 * sessionAffinity via xt_recent, the `statistic --mode random` pick, hairpin, then DNAT.
 */
import type { NodeState, ServiceState } from '../model/cluster';
import type { LabelledRef } from '../model/source';
import { ipInCidr } from '../util/ip';
import { serviceSelects } from '../util/labels';
import { type Backend, type BackendSet, backendsOf, inCidr, type PortEntry } from './clusterIndex';
import { deliverToHost, routeOnward } from './fabric';
import { displayName, svcId } from './ids';
import { portRef, selectorText, serviceRef } from './refs';
import type { NatTexts, Walk } from './walk';

/** How the packet matched the Service: its ClusterIP, a NodePort on a local address, an LB IP, an externalIP. */
export type Via = 'clusterIP' | 'nodePort' | 'loadBalancer' | 'externalIP';
/** Where the packet came from, as kube-proxy's rules tell apart. */
export type Origin = 'pod' | 'host' | 'wire';

const DEFAULT_AFFINITY_SECONDS = 10800;

export function serviceRules(w: Walk, n: NodeState, entry: PortEntry, via: Via, origin: Origin): void {
  const { svc, port } = entry;
  const set = backendsOf(w.ix, entry);
  const ch = set.chains;
  const external = via !== 'clusterIP';

  if (via === 'loadBalancer' && svc.loadBalancerSourceRanges.length > 0 && !svc.loadBalancerSourceRanges.some((r) => ipInCidr(w.srcIP, r))) {
    const ranges = svc.loadBalancerSourceRanges.join(', ');
    w.hop(
      svcId(svc),
      'drop',
      `${ch.fw}: source ${w.srcIP} is not in loadBalancerSourceRanges (${ranges}); KUBE-PROXY-FIREWALL drops it`,
      n.name,
      [{ ...svc.source, path: 'spec.loadBalancerSourceRanges', label: `loadBalancerSourceRanges: ${ranges}` }],
      `${ch.fw} → KUBE-PROXY-FIREWALL -j DROP`,
    );
    w.finish({ outcome: 'dropped', reason: `dropped on ${n.name}: ${w.srcIP} is not in ${displayName(svc)}'s loadBalancerSourceRanges (${ranges}), so the request hangs until it times out`, refs: w.hops[w.hops.length - 1].refs });
    return;
  }
  if (set.all.length === 0) return reject(w, n, entry, set, via, refsFor(set, entry, via, 'none', false));

  let candidates: Backend[];
  let policyChain: string;
  let policyNote = '';
  let preserved = false;
  let scope = 'in the cluster';
  let policy: Policy = 'none';
  if (!external) {
    // IfNotLocal → KUBE-MARK-MASQ: only sources outside the pod network (the host itself) are masqueraded.
    if (!inCidr(w.ix.clusterCidr, w.srcIP)) w.masq = `KUBE-MARK-MASQ: ${w.srcIP} is not a Pod address (outside ${w.ix.cluster.settings.podCIDR})`;
    if (svc.internalTrafficPolicy === 'Local') {
      policy = 'itp';
      candidates = set.local.get(n.name) ?? [];
      policyChain = ch.svl;
      policyNote = `internalTrafficPolicy: Local — only endpoints on ${n.name} (the client's node)`;
      scope = `on ${n.name}`;
      if (candidates.length === 0) return dropNoLocal(w, n, entry, set, via, refsFor(set, entry, via, policy, false));
    } else {
      candidates = set.all;
      policyChain = ch.svc;
    }
  } else if (svc.externalTrafficPolicy !== 'Local') {
    policy = 'etp';
    w.masq = 'KUBE-EXT marks external traffic for masquerade (externalTrafficPolicy: Cluster)';
    candidates = set.all;
    policyChain = ch.svc;
    policyNote = 'externalTrafficPolicy: Cluster — any ready endpoint in the cluster';
  } else {
    policy = 'etp';
    if (inCidr(w.ix.clusterCidr, w.srcIP)) {
      candidates = set.all;
      policyChain = ch.svc;
      policyNote = 'a Pod calling an external address of the Service is subject to neither traffic policy: cluster-wide endpoints, no masquerade';
    } else if (origin === 'host') {
      w.masq = `traffic ${n.name} sends itself (--src-type LOCAL) is masqueraded`;
      candidates = set.all;
      policyChain = ch.svc;
      policyNote = `traffic from ${n.name} itself bypasses externalTrafficPolicy: Local and may use any endpoint`;
    } else {
      candidates = set.local.get(n.name) ?? [];
      policyChain = ch.svl;
      preserved = true;
      policyNote = `externalTrafficPolicy: Local — only endpoints on ${n.name}, client address ${w.srcIP} kept`;
      scope = `on ${n.name}`;
      if (candidates.length === 0) return dropNoLocal(w, n, entry, set, via, refsFor(set, entry, via, policy, false));
    }
  }

  let from = w.dst;
  // ClusterIP without sessionAffinity: the DNAT hop's texts depend only on the endpoint and the node.
  const fast = via === 'clusterIP' && svc.sessionAffinity !== 'ClientIP';
  let b: Backend;
  let texts: DnatTexts | undefined;
  let pick: Pick | undefined;
  if (fast) {
    b = candidates[randomIndex(w, candidates.length)];
    let byNode = b.hopTexts;
    if (byNode === null) {
      byNode = new Map();
      b.hopTexts = byNode;
    }
    texts = byNode.get(n);
    // Compared by address parts: the cached `from` text is reused instead of flattening a new one.
    if (texts !== undefined && (texts.fromIP !== w.dstIP || texts.fromPort !== w.dstPort)) texts = undefined;
    if (texts !== undefined) from = texts.from;
    if (texts === undefined) {
      const i = candidates.indexOf(b);
      texts = { from, fromIP: w.dstIP, fromPort: w.dstPort, note: '', rule: '', refs: refsFor(set, entry, via, policy, true), delivered: null };
      texts.note = dnatNote(svc, via, from, n, policyNote, randomNote(b, i, candidates.length, scope), b);
      byNode.set(n, texts);
    }
  } else {
    pick = pickBackend(w, n, svc, candidates, scope);
    b = pick.backend;
  }
  if (b.ip === w.srcIP) w.masq = `hairpin: ${b.ep.pod} called its own Service and was picked (KUBE-SEP -s ${b.ip} -j KUBE-MARK-MASQ)`;

  w.setDst(b.ip, b.port, b.addr);
  w.nat = { svc, port, node: n, from, to: b.addr, preserved: preserved && w.masq === null, external, texts: texts ?? null };
  // The node-port capture is KUBE-SERVICES' last rule; LB IPs with loadBalancerSourceRanges pass KUBE-FW first.
  const entryChain =
    via === 'nodePort'
      ? 'KUBE-SERVICES → KUBE-NODEPORTS'
      : via === 'loadBalancer' && svc.loadBalancerSourceRanges.length > 0
        ? `KUBE-SERVICES → ${ch.fw}`
        : 'KUBE-SERVICES';
  let rule: string;
  let note: string;
  let refs: LabelledRef[];
  if (texts !== undefined) {
    if (texts.rule === '') texts.rule = `${entryChain} → ${policyChain} → ${b.sep}`;
    rule = texts.rule;
    note = texts.note;
    refs = texts.refs;
  } else {
    rule = external ? `${entryChain} → ${ch.ext} → ${policyChain} → ${b.sep}` : `${entryChain} → ${policyChain} → ${b.sep}`;
    note = dnatNote(svc, via, from, n, policyNote, (pick as Pick).note, b);
    refs = refsFor(set, entry, via, policy, true);
  }
  w.hop(entry.svcId, 'dnat', note, n.name, refs, rule, DST);
  // Already DNATed: a node reached over eth0 only delivers (conntrack), it does not re-run the rules.
  routeOnward(w, n, deliverToHost);
}

const DST: ('src' | 'dst')[] = ['dst'];

type DnatTexts = NatTexts;

function dnatNote(svc: ServiceState, via: Via, from: string, n: NodeState, policyNote: string, pickNote: string, b: Backend): string {
  const what = via === 'clusterIP' ? 'ClusterIP' : via === 'nodePort' ? 'nodePort' : via === 'loadBalancer' ? 'load-balancer IP' : 'externalIP';
  return `${displayName(svc)} ${what} ${from} on ${n.name}'s netfilter; ${policyNote ? `${policyNote}; ` : ''}${pickNote}; ${b.dnatNote}`;
}

/** `statistic --mode random`: rule i of n matches with probability 1/(n−i), the last one unconditionally. */
function randomIndex(w: Walk, count: number): number {
  let i = 0;
  for (; i < count - 1; i++) if (w.net.rng.next() < 1 / (count - i)) break;
  return i;
}

function randomNote(b: Backend, i: number, count: number, scope: string): string {
  const terminating = b.ep.terminating ? ' (serving but terminating: no Ready endpoint is left)' : '';
  return count === 1
    ? `the only endpoint ${scope}${terminating}`
    : `endpoint ${i + 1} of ${count} ${scope} picked at random (statistic --mode random: rule i of n matches with probability 1/(n−i))${terminating}`;
}
type Policy = 'none' | 'itp' | 'etp';
const VIA_CODE: Record<Via, number> = { clusterIP: 0, nodePort: 1, loadBalancer: 2, externalIP: 3 };
const POLICY_CODE: Record<Policy, number> = { none: 0, itp: 1, etp: 2 };

/**
 * The YAML lines behind a Service verdict: selector, the port (or nodePort) matched, the traffic
 * policy that decided, and for a DNAT also sessionAffinity and targetPort. Constant per Service port
 * and path, so cached on its BackendSet.
 */
function refsFor(set: BackendSet, entry: PortEntry, via: Via, policy: Policy, dnat: boolean): LabelledRef[] {
  const k = VIA_CODE[via] * 8 + POLICY_CODE[policy] * 2 + (dnat ? 1 : 0);
  let refs = set.refs.get(k);
  if (refs) return refs;
  const { svc, port } = entry;
  refs = [...serviceRef(svc, 'selector'), portRef(svc, port, via === 'nodePort' ? 'nodePort' : 'port')];
  if (policy === 'itp') refs.push(...serviceRef(svc, 'internalTrafficPolicy'));
  if (policy === 'etp') refs.push(...serviceRef(svc, 'externalTrafficPolicy'));
  if (dnat) {
    if (svc.sessionAffinity === 'ClientIP') refs.push(...serviceRef(svc, 'sessionAffinity'));
    refs.push(portRef(svc, port, 'targetPort'));
  }
  set.refs.set(k, refs);
  return refs;
}

interface Pick {
  backend: Backend;
  note: string;
}

/**
 * The KUBE-SVC / KUBE-SVL chain: first the `recent --rcheck` affinity rules (per node), then rule i of n
 * matching with probability 1/(n−i), the last one unconditionally.
 */
function pickBackend(w: Walk, n: NodeState, svc: ServiceState, candidates: Backend[], scope: string): Pick {
  const client = w.srcIP;
  const clock = w.net.clock;
  const sticky = svc.sessionAffinity === 'ClientIP';
  if (sticky) {
    const timeout = svc.sessionAffinityTimeoutSeconds ?? DEFAULT_AFFINITY_SECONDS;
    for (const b of candidates) {
      const k = `${n.name}|${b.sep}|${client}`;
      const seen = w.net.affinitySeen(k);
      if (seen !== undefined && clock - seen <= timeout) {
        w.net.affinitySet(k, clock);
        return {
          backend: b,
          note: `sessionAffinity: ClientIP — ${client} was sent to ${b.ep.pod} ${clock - seen} s ago (xt_recent list on ${n.name}, timeout ${timeout} s), so it sticks`,
        };
      }
    }
  }
  const count = candidates.length;
  const i = randomIndex(w, count);
  const b = candidates[i];
  if (sticky) w.net.affinitySet(`${n.name}|${b.sep}|${client}`, clock);
  const note = randomNote(b, i, count, scope);
  return { backend: b, note: sticky ? `${note}; sessionAffinity: ClientIP remembers ${client} → ${b.ep.pod} on ${n.name}` : note };
}

/** No usable endpoint anywhere: filter REJECT, ICMP port-unreachable, "Connection refused" at once. */
function reject(w: Walk, n: NodeState, entry: PortEntry, set: BackendSet, via: Via, refs: LabelledRef[]): void {
  const chain = via === 'nodePort' || via === 'loadBalancer' || via === 'externalIP' ? 'KUBE-EXTERNAL-SERVICES' : 'KUBE-SERVICES';
  w.hop(svcId(entry.svc), 'reject', `filter ${chain}: -j REJECT "${entry.spn} has no endpoints" — ${n.name} answers ICMP port unreachable`, n.name, refs, `${chain} -j REJECT`);
  w.finish({ outcome: 'refused', reason: noEndpointsReason(w, entry, set), refs, immediate: true });
}

function dropNoLocal(w: Walk, n: NodeState, entry: PortEntry, set: BackendSet, via: Via, refs: LabelledRef[]): void {
  const svc = entry.svc;
  const external = via !== 'clusterIP';
  const field = external ? 'externalTrafficPolicy' : 'internalTrafficPolicy';
  const chain = external ? 'KUBE-EXTERNAL-SERVICES' : 'KUBE-SERVICES';
  const elsewhere = [...set.local].filter(([, l]) => l.length > 0).map(([node]) => node);
  const where = elsewhere.length > 0 ? ` (its ready endpoints run on ${elsewhere.join(', ')})` : '';
  w.hop(
    svcId(svc),
    'drop',
    `${field}: Local and no ready endpoint of ${displayName(svc)} on ${n.name}: filter ${chain} -j DROP "${entry.spn} has no local endpoints" — no reply at all`,
    n.name,
    refs,
    `${chain} -j DROP`,
  );
  const who = external ? 'the client\'s request' : 'the connection';
  const cni = w.cniNote ? `; ${w.cniNote}` : '';
  w.finish({
    outcome: 'dropped',
    reason: `dropped on ${n.name}: ${displayName(svc)} has ${field}: Local and no ready endpoint on ${n.name}${where}, so kube-proxy drops the packet without a reply — ${who} hangs until it times out${cni}`,
    refs,
  });
}

function noEndpointsReason(w: Walk, entry: PortEntry, set: BackendSet): string {
  const svc = entry.svc;
  let detail: string;
  if (!svc.selector || Object.keys(svc.selector).length === 0) {
    detail = 'it has no selector, so nothing fills in its endpoints (an EndpointSlice would have to be created by hand)';
  } else {
    const sel = selectorText(svc.selector);
    const matching = w.ix.cluster.pods.filter((p) => p.namespace === svc.namespace && serviceSelects(svc.selector, p.labels));
    const names = matching
      .slice(0, 5)
      .map((p) => `${p.name} (${p.status || p.phase})`)
      .join(', ');
    if (matching.length === 0) detail = `its selector ${sel} matches no ready Pod (no Pod has these labels)`;
    else if (set.listed.length === 0 && typeof entry.port.targetPort === 'string') {
      detail = `no Pod its selector ${sel} matches declares a containerPort named "${entry.port.targetPort}" (targetPort) — ${names}`;
    } else detail = `its selector ${sel} matches ${matching.length} Pod(s) but none is Ready: ${names}`;
  }
  return `connection refused immediately: ${displayName(svc)} has no ready endpoints — ${detail}`;
}
