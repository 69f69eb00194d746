/**
 * One DNS query and its answer, hop by hop. To kube-dns (or any address in the cluster) the query is a
 * real UDP connection: kube-proxy DNATs 10.96.0.10:53 to a CoreDNS Pod, possibly across the overlay,
 * policies apply, and the answer comes back through conntrack's reverse NAT. The host's resolver sits
 * outside the simulated network, so its exchange is the query leaving and the answer arriving.
 */
import { coreDnsLookup, fqdn, noAAAA, upstreamLookup, type ZoneAnswer } from '../dns';
import type { DnsMessage } from '../model/dns';
import type { Hop, Trace } from '../model/trace';
import type { PodState } from '../model/cluster';
import { CLIENT_ID, parseComponentId } from '../model/componentId';
import { vipOf, type ClusterIndex } from './clusterIndex';
import { connect } from './connect';
import type { NetSession } from './netState';
import { parseTarget } from './parse';
import type { Source, Target } from './types';
import { getOrCreate, newMap } from '../util/memo';

export interface Exchange {
  hops: Hop[];
  /** The answer, or null when none came back (`failed` says why). */
  answer: ZoneAnswer | null;
  /** The query's own trace when it never got an answer (dropped, refused, timed out). */
  failed: Trace | null;
  /** The client learned the failure at once (ICMP port unreachable), not by waiting. */
  immediate: boolean;
}

/** Does this nameserver sit in the simulated network (a Service VIP or a Pod), so the query is walked? */
export function inCluster(ix: ClusterIndex, server: string): boolean {
  return vipOf(ix, server, 53, 'UDP') !== undefined || ix.podsByIP.has(server);
}

function message(id: number, kind: DnsMessage['kind'], q: string, server: string, answer: ZoneAnswer | null): DnsMessage {
  return {
    id,
    kind,
    question: { name: fqdn(q), type: 'A' },
    rcode: answer?.rcode,
    answers: answer?.answers ?? [],
    server,
  };
}

/** What an answer says, for hop notes: `NOERROR, A 10.96.0.5` / `NXDOMAIN`. */
export function answerText(a: ZoneAnswer): string {
  if (a.answers.length === 0) return a.rcode;
  return `${a.rcode}, ${a.answers.map((r) => `${r.type} ${r.type === 'CNAME' ? r.data.slice(0, -1) : r.data}`).join(', ')}`;
}

/**
 * The AAAA question getaddrinfo (glibc, musl; AF_UNSPEC) sends with the A one, over the same socket:
 * the same conntrack entry, so the same CoreDNS Pod and the same hops. It is said, not walked again.
 */
export function aaaaText(a: ZoneAnswer, q: string): string {
  const aaaa = noAAAA(a, q);
  return aaaa.answers.length > 0 || aaaa.rcode !== 'NOERROR' ? answerText(aaaa) : 'NOERROR, no answer (IPv4 only)';
}

/** `lead`: what the first hop says before the packet itself (the resolv.conf at work). */
export function exchange(ix: ClusterIndex, net: NetSession, source: Source, server: string, q: string, lead: string): Exchange {
  const id = net.rng.int(65536);
  const at = `${server}:53`;
  if (!inCluster(ix, server)) return hostExchange(ix, source, server, q, lead, id, net.ephemeralPort());
  const conn = connect(ix, net, source, serverTarget(ix, server));
  const t = conn.trace;
  const query = message(id, 'query', q, at, null);
  const hops: Hop[] = t.hops.map((h, i) => ({ ...h, note: i === 0 ? `${lead}: ${h.note}` : h.note, dns: query }));
  if (t.outcome !== 'delivered' || !t.response)
    return { hops, answer: null, failed: t, immediate: conn.immediate || t.outcome === 'refused' };
  const coredns = answeringPod(ix, t)?.labels['k8s-app'] === 'kube-dns';
  const zone = coredns ? zoneAnswer(ix, q) : null;
  const answer = zone !== null ? zone.answer : upstreamLookup(ix.cluster.settings, q);
  const text = zone !== null ? zone.text : answerText(answer);
  const aaaa = zone !== null ? zone.aaaa : aaaaText(answer, q);
  const last = hops.length - 1;
  const who = coredns ? 'CoreDNS' : `${t.pod}, a DNS server the simulation knows only as a forwarder,`;
  hops[last] = { ...hops[last], note: `${hops[last].note}; ${who} answers ${q}: ${text} — ${answer.why}; AAAA: ${aaaa}` };
  const reply = message(id, 'response', q, at, answer);
  const back = t.response.hops;
  for (let i = 0; i < back.length; i++) {
    const h = back[i];
    const note = i === back.length - 1 ? `the DNS answer from ${h.src} reaches the resolver: ${text}` : h.note;
    hops.push({ ...h, note, dns: reply });
  }
  return { hops, answer, failed: null, immediate: false };
}

/** CoreDNS's answer to one name, with its words for the hops (A, then the AAAA that went along). */
interface ZoneAnswered {
  answer: ZoneAnswer;
  text: string;
  aaaa: string;
}

/** Per index: a nameserver's `IP:53/udp` target, and CoreDNS's answer per name (the cluster does not change under an index). */
const serverTargets = new WeakMap<ClusterIndex, Map<string, Target>>();
const zoneAnswers = new WeakMap<ClusterIndex, Map<string, ZoneAnswered>>();

function serverTarget(ix: ClusterIndex, server: string): Target {
  return getOrCreate(getOrCreate(serverTargets, ix, newMap<string, Target>), server, () => parseTarget(`${server}:53/udp`, ix));
}

/** Shared answers are only read (lookup copies what it keeps), like every memo of the index. */
function zoneAnswer(ix: ClusterIndex, q: string): ZoneAnswered {
  return getOrCreate(getOrCreate(zoneAnswers, ix, newMap<string, ZoneAnswered>), q, () => {
    const answer = coreDnsLookup(ix.cluster, q);
    return { answer, text: answerText(answer), aaaa: aaaaText(answer, q) };
  });
}

/** The Pod the query was delivered to (the last request hop is drawn at it). */
function answeringPod(ix: ClusterIndex, t: Trace): PodState | undefined {
  const p = parseComponentId(t.hops[t.hops.length - 1]?.at ?? '');
  return p?.kind === 'pod' ? ix.pods.get(`${p.namespace}/${p.name}`) : undefined;
}

/** The host's resolver: the query leaves the client, the answer comes back; no cluster hop in between. */
function hostExchange(ix: ClusterIndex, source: Source, server: string, q: string, lead: string, id: number, srcPort: number): Exchange {
  const answer = upstreamLookup(ix.cluster.settings, q);
  const at = `${server}:53`;
  const src =
    source.kind === 'external' ? source.ip : source.kind === 'node' || source.pod.hostNetwork ? source.node.ip : (source.pod.ip as string);
  const where = source.kind === 'external' ? CLIENT_ID : source.id;
  const node = source.kind === 'external' ? undefined : source.node.name;
  const port = `${src}:${srcPort}`;
  const query = message(id, 'query', q, at, null);
  const reply = message(id, 'response', q, at, answer);
  const hop = (action: Hop['action'], from: string, to: string, note: string, dns: DnsMessage): Hop => ({
    at: where,
    action,
    src: from,
    dst: to,
    note,
    node,
    rule: undefined,
    changed: undefined,
    refs: undefined,
    dns,
  });
  return {
    hops: [
      hop('send', port, at, `${lead}: the query leaves for the host's resolver ${at}/UDP, outside the simulated cluster`, query),
      hop(
        'deliver',
        at,
        port,
        `the host's resolver answers ${q}: ${answerText(answer)} — ${answer.why}; AAAA: ${aaaaText(answer, q)}`,
        reply,
      ),
    ],
    answer,
    failed: null,
    immediate: false,
  };
}
