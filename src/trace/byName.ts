/**
 * A request to a name: the client's stub resolver asks its nameserver for each name its search path
 * makes (hop by hop, NXDOMAIN answers too), then connects to the address the answer gave. The DNS
 * hops lead the trace; `trace.dns` says what the lookup came to.
 */
import { hostResolvConf, podResolvConf, queryNames, type ResolvConf } from '../dns';
import type { DnsRcode, TraceDns } from '../model/dns';
import type { Hop, Trace } from '../model/trace';
import type { ClusterIndex } from './clusterIndex';
import { connect, type Connection } from './connect';
import { exchange, answerText } from './dnsExchange';
import type { NetSession } from './netState';
import { parseTarget } from './parse';
import { uniqueRefs } from './refs';
import type { Source, Target } from './types';
import { getOrCreate, newMap, newWeakMap } from '../util/memo';

/** The resolv.conf of whoever sends: a Pod's by its dnsPolicy, the host's for nodes and the outside client. */
export function resolvConfOf(ix: ClusterIndex, source: Source): ResolvConf {
  const s = ix.cluster.settings;
  if (source.kind === 'external') return hostResolvConf(s, "the client's own resolver (outside the cluster)");
  if (source.kind === 'node') return hostResolvConf(s, `${source.node.name}'s /etc/resolv.conf`);
  const dns = ix.services.get('kube-system/kube-dns');
  const clusterDNS = dns && dns.clusterIP && dns.clusterIP !== 'None' ? dns.clusterIP : null;
  return podResolvConf(source.pod, s, clusterDNS);
}

function describe(conf: ResolvConf): string {
  const search = conf.searches.length > 0 ? `search ${conf.searches.join(' ')}, ` : '';
  return `${conf.origin}: nameserver ${conf.nameservers.join(' ')}, ${search}ndots:${conf.ndots}`;
}

interface Lookup {
  hops: Hop[];
  dns: TraceDns;
  ip: string | null;
  /** Why it failed (for the reason line), when `ip` is null. */
  failure: string;
  /** The failure was learned at once (an answer, an ICMP error), not by waiting. */
  immediate: boolean;
}

/** What a source's resolver does with one name, the same on every request: the names it asks, and the words for each query. */
interface Plan {
  conf: ResolvConf;
  server: string | undefined;
  names: string[];
  leads: string[];
}

/** Plans per index, source and name: a run often asks one name many times, and each plan is a few strings to write. */
const plans = new WeakMap<ClusterIndex, WeakMap<Source, Map<string, Plan>>>();

function planOf(ix: ClusterIndex, source: Source, name: string): Plan {
  const byName = getOrCreate(getOrCreate(plans, ix, newWeakMap<Source, Map<string, Plan>>), source, newMap<string, Plan>);
  return getOrCreate(byName, name, () => buildPlan(ix, source, name));
}

function buildPlan(ix: ClusterIndex, source: Source, name: string): Plan {
  const conf = resolvConfOf(ix, source);
  const server = conf.nameservers[0];
  if (server === undefined) return { conf, server, names: [], leads: [] };
  const names = queryNames(name, conf);
  const dots = name.replace(/\.$/, '').split('.').length - 1;
  const order =
    name.endsWith('.') || conf.searches.length === 0
      ? ''
      : dots >= conf.ndots
        ? `; ${name} has ${dots} dots (≥ ndots ${conf.ndots}), so it is tried as is first`
        : `; ${name} has ${dots} dot${dots === 1 ? '' : 's'} (< ndots ${conf.ndots}), so the search list goes first`;
  // getaddrinfo asks AAAA alongside A, over the same socket (dnsExchange.ts aaaaText).
  const leads = names.map((q, i) =>
    i === 0
      ? `DNS query A ${q}? (${describe(conf)}${order}; AAAA ${q}? goes with it over the same socket, as getaddrinfo asks both)`
      : `DNS query A ${q}? (the next name in the search list; AAAA alongside)`,
  );
  return { conf, server, names, leads };
}

function lookup(ix: ClusterIndex, net: NetSession, source: Source, name: string): Lookup {
  const { conf, server, names, leads } = planOf(ix, source, name);
  const hops: Hop[] = [];
  const queries: { name: string; rcode: DnsRcode }[] = [];
  const dns: TraceDns = { name, server: server === undefined ? '' : `${server}:53`, rcode: 'SERVFAIL', answers: [], queries };
  if (server === undefined) return { hops, dns, ip: null, failure: `${describe(conf)} names no nameserver`, immediate: true };
  let whyLast = '';
  for (let i = 0; i < names.length; i++) {
    const q = names[i];
    const ex = exchange(ix, net, source, server, q, leads[i]);
    for (const h of ex.hops) hops.push(h);
    if (ex.answer === null) {
      queries.push({ name: q, rcode: 'SERVFAIL' });
      const why = ex.failed ? ex.failed.reason.replace(/^[a-z]+: /, '') : 'no answer';
      return { hops, dns, ip: null, failure: `its DNS query for ${q} to ${server}:53/UDP got no answer: ${why}`, immediate: ex.immediate };
    }
    const a = ex.answer;
    queries.push({ name: q, rcode: a.rcode });
    dns.rcode = a.rcode;
    dns.answers = a.answers.map((r) => (r.type === 'CNAME' ? r.data.slice(0, -1) : r.data));
    whyLast = `${q}: ${answerText(a)} — ${a.why}`;
    const ips = a.answers.filter((r) => r.type === 'A').map((r) => r.data);
    if (a.rcode === 'NOERROR' && ips.length > 0) {
      // CoreDNS's loadbalance plugin shuffles the A records; the client takes the first.
      const ip = ips.length === 1 ? ips[0] : net.rng.pick(ips);
      if (ips.length > 1) dns.answers = [ip, ...dns.answers.filter((x) => x !== ip)];
      return { hops, dns, ip, failure: '', immediate: true };
    }
  }
  return {
    hops,
    dns,
    ip: null,
    failure: `${server}:53 answered NXDOMAIN ${names.length === 1 ? `for ${names[0]}` : `for each name the search path made (${names.join(', ')})`}; ${whyLast}${hint(ix, source, name)}`,
    immediate: true,
  };
}

/** A bare name that is a Service elsewhere, or a cluster name asked of the host's resolver: say what would work. */
function hint(ix: ClusterIndex, source: Source, name: string): string {
  const bare = name.toLowerCase().replace(/\.$/, '');
  const svcs = ix.cluster.services
    .filter((s) => s.name === bare.split('.')[0])
    .sort((a, b) => Number(b.namespace === 'default') - Number(a.namespace === 'default'));
  if (svcs.length === 0) return '';
  if (source.kind !== 'pod' || resolvConfOf(ix, source).searches.length === 0) {
    return ` — ${bare.split('.')[0]} is a Service, but ${source.kind === 'pod' ? source.pod.name : source.kind === 'node' ? source.node.name : 'the outside client'} resolves through the host's resolver, which knows no ${ix.cluster.settings.clusterDomain}; use the Service's address (svc/${svcs[0].namespace === 'default' ? '' : `${svcs[0].namespace}/`}${svcs[0].name}:PORT)`;
  }
  if (bare.includes('.')) return '';
  return ` (did you mean ${svcs.map((s) => `${bare}.${s.namespace}`).join(' or ')}?)`;
}

export function connectByName(ix: ClusterIndex, net: NetSession, source: Source, target: Target): Connection {
  const name = target.dnsName as string;
  const l = lookup(ix, net, source, name);
  if (l.ip === null) {
    const trace: Trace = {
      outcome: 'unresolved',
      reason: `Could not resolve host: ${name} — ${l.failure}`,
      pod: undefined,
      container: undefined,
      node: undefined,
      hops: l.hops,
      response: undefined,
      refs: undefined,
      protocol: target.protocol,
      http: undefined,
      dns: l.dns,
    };
    const refs = uniqueRefs(l.hops.map((h) => h.refs));
    if (refs.length > 0) trace.refs = refs;
    return { trace, immediate: l.immediate };
  }
  const suffix = target.protocol === 'TCP' ? '' : '/UDP';
  const resolved = resolvedTarget(ix, target, l.ip, suffix);
  const conn = connect(ix, net, source, target.http === undefined ? resolved : { ...resolved, http: target.http });
  const t = conn.trace;
  t.hops = [...l.hops, ...t.hops];
  t.dns = l.dns;
  t.reason = `${t.reason} — ${name} resolved to ${l.ip} (${l.dns.queries.map((q) => `${q.name} ${q.rcode}`).join(', ')}, from ${l.dns.server})`;
  return conn;
}

/** The address a name resolved to, as a target: parsed once per index, target and address. */
const resolvedTargets = new WeakMap<ClusterIndex, WeakMap<Target, Map<string, Target>>>();

function resolvedTarget(ix: ClusterIndex, target: Target, ip: string, suffix: string): Target {
  const byIP = getOrCreate(getOrCreate(resolvedTargets, ix, newWeakMap<Target, Map<string, Target>>), target, newMap<string, Target>);
  return getOrCreate(byIP, ip, () => parseTarget(`${ip}:${target.port}${suffix}`, ix));
}
