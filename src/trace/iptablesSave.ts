/**
 * The netfilter rules one hop walked, as kube-proxy v1.31 writes them for iptables-restore
 * (pkg/proxy/iptables/proxier.go, syncProxyRules and writeServiceToEndpointRules) and as flanneld
 * programs its masquerade: `*nat` / `*filter` headers, then `-A CHAIN …` lines, only the chains
 * the packet went through, each chain complete (so every `statistic` rule of a KUBE-SVC is shown).
 * Pure: the hop's chain path (`Hop.rule`), its node and the Service port are enough; the packet's
 * own addresses never appear, so the lines are built once per (node, chain path, Service port).
 */
import type { NodeState } from '../model/cluster';
import type { PacketEvent } from '../model/trace';
import type { ClusterIndex } from './clusterIndex';
import { vipOf } from './clusterIndex';
import { portKey } from './portKey';
import type { Backend, PortEntry, Via } from './types';
import { getOrCreate, newMap } from '../util/memo';

/** kube-proxy's masquerade mark (--iptables-masquerade-bit 14). */
const MASQ_MARK = '0x4000';
const ARROW = ' → ';

/** proxier.probability: `%0.10f` of 1/n. */
export function probability(n: number): string {
  return (1 / n).toFixed(10);
}

/** A comment as iptables-save prints it: quoted when it has a space. */
function comment(text: string): string {
  return /[\s"]/.test(text) ? `-m comment --comment "${text}"` : `-m comment --comment ${text}`;
}

function splitAddr(addr: string): { ip: string; port: number } {
  const i = addr.lastIndexOf(':');
  return { ip: addr.slice(0, i), port: Number(addr.slice(i + 1)) };
}

/** The Service port and how the packet named it, from the destination it had when it reached the rules. */
function serviceEntry(ix: ClusterIndex, dst: string, protocol: string): { entry: PortEntry; via: Via; ip: string } | null {
  const { ip, port } = splitAddr(dst);
  const vip = vipOf(ix, ip, port, protocol);
  if (vip) return { entry: vip.entry, via: vip.kind, ip };
  const np = ix.nodePorts.get(portKey(port, protocol));
  return np ? { entry: np, via: 'nodePort', ip } : null;
}

interface Ctx {
  ix: ClusterIndex;
  entry: PortEntry;
  via: Via;
  /** The address the packet was sent to (ClusterIP, LB IP, externalIP, node IP). */
  ip: string;
  node: NodeState;
  podCIDR: string;
  spn: string;
  /** `-m tcp -p tcp` */
  mp: string;
}

function kubeServicesLine(c: Ctx, target: string): string {
  const { entry, via, ip, spn, mp } = c;
  if (via === 'nodePort') {
    // The tail call, last rule of KUBE-SERVICES (nodePortAddresses unset, localhost node ports allowed).
    return `-A KUBE-SERVICES ${comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain')} -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`;
  }
  const what = via === 'clusterIP' ? 'cluster IP' : via === 'loadBalancer' ? 'loadbalancer IP' : 'external IP';
  return `-A KUBE-SERVICES ${comment(`${spn} ${what}`)} ${mp} -d ${ip} --dport ${entry.port.port} -j ${target}`;
}

function nodePortsLine(c: Ctx, ext: string): string {
  return `-A KUBE-NODEPORTS ${comment(c.spn)} ${c.mp} --dport ${c.entry.port.nodePort ?? 0} -j ${ext}`;
}

function extChain(c: Ctx, ext: string, svcChain: string, svlChain: string, hasExternalEndpoints: boolean): string[] {
  const local = c.entry.svc.externalTrafficPolicy === 'Local';
  const out: string[] = [];
  if (!local) {
    out.push(`-A ${ext} ${comment(`masquerade traffic for ${c.spn} external destinations`)} -j KUBE-MARK-MASQ`);
  } else {
    out.push(`-A ${ext} ${comment(`pod traffic for ${c.spn} external destinations`)} -s ${c.podCIDR} -j ${svcChain}`);
    out.push(
      `-A ${ext} ${comment(`masquerade LOCAL traffic for ${c.spn} external destinations`)} -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
    );
    out.push(`-A ${ext} ${comment(`route LOCAL traffic for ${c.spn} external destinations`)} -m addrtype --src-type LOCAL -j ${svcChain}`);
  }
  if (hasExternalEndpoints) out.push(`-A ${ext} -j ${local ? svlChain : svcChain}`);
  return out;
}

function fwChain(c: Ctx, fw: string, ext: string): string[] {
  const head = `-A ${fw} ${comment(`${c.spn} loadbalancer IP`)}`;
  return [
    ...c.entry.svc.loadBalancerSourceRanges.map((r) => `${head} -s ${r} -j ${ext}`),
    `-A ${fw} ${comment(`other traffic to ${c.spn} will be dropped by KUBE-PROXY-FIREWALL`)}`,
  ];
}

/** writeServiceToEndpointRules, with the internal chain's masquerade rule first when it is the ClusterIP's chain. */
function policyChain(c: Ctx, chain: string, endpoints: readonly Backend[], internal: boolean): string[] {
  const { entry, spn, mp } = c;
  const out: string[] = [];
  if (internal) {
    // detect-local-mode ClusterCIDR: traffic to the ClusterIP from outside the pod network is masqueraded.
    out.push(
      `-A ${chain} ${comment(`${spn} cluster IP`)} ${mp} -d ${entry.svc.clusterIP} --dport ${entry.port.port} ! -s ${c.podCIDR} -j KUBE-MARK-MASQ`,
    );
  }
  const svc = entry.svc;
  if (svc.sessionAffinity === 'ClientIP') {
    const seconds = svc.sessionAffinityTimeoutSeconds ?? 10800;
    for (const b of endpoints) {
      out.push(`-A ${chain} ${comment(`${spn} -> ${b.addr}`)} -m recent --name ${b.sep} --rcheck --seconds ${seconds} --reap -j ${b.sep}`);
    }
  }
  endpoints.forEach((b, i) => {
    const stat = i < endpoints.length - 1 ? ` -m statistic --mode random --probability ${probability(endpoints.length - i)}` : '';
    out.push(`-A ${chain} ${comment(`${spn} -> ${b.addr}`)}${stat} -j ${b.sep}`);
  });
  return out;
}

function sepChain(c: Ctx, b: Backend): string[] {
  const recent = c.entry.svc.sessionAffinity === 'ClientIP' ? ` -m recent --name ${b.sep} --set` : '';
  return [
    `-A ${b.sep} ${comment(c.spn)} -s ${b.ip} -j KUBE-MARK-MASQ`,
    `-A ${b.sep} ${comment(c.spn)}${recent} ${c.mp} -j DNAT --to-destination ${b.addr}`,
  ];
}

const MARK_MASQ = `-A KUBE-MARK-MASQ -j MARK --or-mark ${MASQ_MARK}`;

/** The nat-table walk of a DNAT hop: every chain on its path, in the order the packet met them. */
function dnatWalk(c: Ctx, path: string[], marked: boolean): string[] {
  const set = c.ix.backends(c.entry);
  const ch = set.chains;
  const local = set.local.get(c.node.name) ?? [];
  const itpLocal = c.entry.svc.internalTrafficPolicy === 'Local';
  const etpLocal = c.entry.svc.externalTrafficPolicy === 'Local';
  const hasExternalEndpoints = etpLocal ? local.length > 0 : set.all.length > 0;
  const out = ['*nat'];
  for (let i = 0; i < path.length; i++) {
    const chain = path[i];
    const next = path[i + 1] ?? '';
    if (chain === 'KUBE-SERVICES') out.push(kubeServicesLine(c, next));
    else if (chain === 'KUBE-NODEPORTS') out.push(nodePortsLine(c, next));
    else if (chain === ch.fw) out.push(...fwChain(c, ch.fw, ch.ext));
    else if (chain === ch.ext) out.push(...extChain(c, ch.ext, ch.svc, ch.svl, hasExternalEndpoints));
    else if (chain === ch.svc) out.push(...policyChain(c, ch.svc, set.all, c.via === 'clusterIP' && !itpLocal));
    else if (chain === ch.svl) out.push(...policyChain(c, ch.svl, local, c.via === 'clusterIP' && itpLocal));
    else if (chain.startsWith('KUBE-SEP-')) {
      const b = set.listed.find((x) => x.sep === chain);
      if (b) out.push(...sepChain(c, b));
    }
  }
  // KUBE-MARK-MASQ is walked only when one of the rules above jumped to it (the packet is masqueraded later).
  if (marked) out.push(MARK_MASQ);
  return out;
}

/** The filter-table verdict when no endpoint takes the packet (REJECT) or none on this node (DROP). */
function filterVerdict(c: Ctx, target: 'REJECT' | 'DROP'): string[] {
  const { spn, mp, entry, via, ip } = c;
  const why = target === 'REJECT' ? `${spn} has no endpoints` : `${spn} has no local endpoints`;
  if (via === 'clusterIP') return ['*filter', `-A KUBE-SERVICES ${comment(why)} ${mp} -d ${ip} --dport ${entry.port.port} -j ${target}`];
  if (via === 'nodePort') {
    return [
      '*filter',
      `-A KUBE-EXTERNAL-SERVICES ${comment(why)} -m addrtype --dst-type LOCAL ${mp} --dport ${entry.port.nodePort ?? 0} -j ${target}`,
    ];
  }
  return ['*filter', `-A KUBE-EXTERNAL-SERVICES ${comment(why)} ${mp} -d ${ip} --dport ${entry.port.port} -j ${target}`];
}

/** KUBE-PROXY-FIREWALL's DROP for a load-balancer IP whose source ranges did not admit the client. */
function firewallDrop(c: Ctx): string[] {
  const fw = c.ix.backends(c.entry).chains.fw;
  return [
    '*nat',
    `-A KUBE-SERVICES ${comment(`${c.spn} loadbalancer IP`)} ${c.mp} -d ${c.ip} --dport ${c.entry.port.port} -j ${fw}`,
    ...fwChain(c, fw, c.ix.backends(c.entry).chains.ext),
    '*filter',
    `-A KUBE-PROXY-FIREWALL ${comment(`${c.spn} traffic not accepted by ${fw}`)} ${c.mp} -d ${c.ip} --dport ${c.entry.port.port} -j DROP`,
  ];
}

/** kube-proxy's POSTROUTING chain: masquerade only what KUBE-MARK-MASQ marked, clearing the mark first. */
function kubePostrouting(): string[] {
  return [
    '*nat',
    `-A KUBE-POSTROUTING -m mark ! --mark ${MASQ_MARK}/${MASQ_MARK} -j RETURN`,
    `-A KUBE-POSTROUTING -j MARK --xor-mark ${MASQ_MARK}`,
    `-A KUBE-POSTROUTING ${comment('kubernetes service traffic requiring SNAT')} -j MASQUERADE --random-fully`,
  ];
}

/** flanneld --ip-masq (pkg/trafficmngr/iptables MasqRules): pod traffic leaving the pod network is masqueraded. */
function flannelPostrouting(podCIDR: string, node: NodeState): string[] {
  const c = comment('flanneld masq');
  return [
    '*nat',
    `-A FLANNEL-POSTRTG -m mark --mark ${MASQ_MARK}/${MASQ_MARK} ${c} -j RETURN`,
    `-A FLANNEL-POSTRTG -s ${node.podCIDR} -d ${podCIDR} ${c} -j RETURN`,
    `-A FLANNEL-POSTRTG -s ${podCIDR} -d ${node.podCIDR} ${c} -j RETURN`,
    `-A FLANNEL-POSTRTG ! -s ${podCIDR} -d ${node.podCIDR} ${c} -j RETURN`,
    `-A FLANNEL-POSTRTG -s ${podCIDR} ! -d 224.0.0.0/4 ${c} -j MASQUERADE --random-fully`,
  ];
}

/** One hop's memoized rules: the rest of the key beside the node and rule it is filed under. */
interface Memo {
  readonly dst: string;
  readonly slot: number;
  readonly rules: readonly string[] | null;
}
const memo = new WeakMap<ClusterIndex, Map<string, Map<string, Memo[]>>>();

/** Actions that walk rules kube-proxy or flannel wrote; every other action walks none. */
const ACTION_SLOT: Partial<Record<PacketEvent['action'], number>> = { dnat: 0, snat: 6, reject: 12, drop: 18 };
const PROTOCOL_SLOT: Record<PacketEvent['packet']['protocol'], number> = { TCP: 0, UDP: 2, SCTP: 4 };

/**
 * The rules a request-direction hop walked, or null when it walked none that kube-proxy or flannel
 * wrote (a reply is un-NATed by conntrack without walking any rule). `before` is the destination
 * the packet had when it reached the hop (the previous hop's); `marked`: a later hop of the packet is
 * KUBE-POSTROUTING's MASQUERADE, so a rule here jumped to KUBE-MARK-MASQ.
 * Memoized by node, then by rule text, then a short list: no key is composed per call (hashing a
 * fresh 120-character key was a trace's costliest step), and the rule texts a node's hops carry are
 * the very strings filed under it (texts.ts builds them per node), so lookups compare pointers.
 */
export function hopRules(ix: ClusterIndex, e: PacketEvent, before: string | undefined, marked: boolean): readonly string[] | null {
  if (e.rule === undefined || e.direction !== 'request' || e.node === undefined) return null;
  const action = ACTION_SLOT[e.action];
  if (action === undefined) return null;
  const dst = e.action === 'dnat' ? before : e.packet.dst;
  const d = dst ?? '';
  const slot = action + PROTOCOL_SLOT[e.packet.protocol] + (marked ? 1 : 0);
  const byRule = getOrCreate(getOrCreate(memo, ix, newMap<string, Map<string, Memo[]>>), e.node, newMap<string, Memo[]>);
  const list = getOrCreate(byRule, e.rule, (): Memo[] => []);
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (m.slot === slot && m.dst === d) return m.rules;
  }
  const rules = build(ix, e, dst, marked);
  list.push({ dst: d, slot, rules });
  return rules;
}

function build(ix: ClusterIndex, e: PacketEvent, dst: string | undefined, marked: boolean): readonly string[] | null {
  const node = ix.nodes.get(e.node ?? '');
  const rule = e.rule ?? '';
  if (!node) return null;
  const podCIDR = ix.cluster.settings.podCIDR;
  if (e.action === 'snat' && rule === 'KUBE-POSTROUTING') return kubePostrouting();
  if (e.action === 'snat' && rule === 'FLANNEL-POSTRTG') return flannelPostrouting(podCIDR, node);
  if (dst === undefined) return null;
  const found = serviceEntry(ix, dst, e.packet.protocol);
  if (!found) return null;
  const proto = found.entry.proto;
  const c: Ctx = { ix, ...found, node, podCIDR, spn: found.entry.spn, mp: `-m ${proto} -p ${proto}` };
  if (e.action === 'dnat') return dnatWalk(c, rule.split(ARROW), marked);
  if (e.action === 'reject') return filterVerdict(c, 'REJECT');
  if (e.action === 'drop' && rule.includes('KUBE-PROXY-FIREWALL')) return firewallDrop(c);
  if (e.action === 'drop' && rule.endsWith('-j DROP')) return filterVerdict(c, 'DROP');
  return null;
}
