/**
 * Queries other than A, answered as CoreDNS's kubernetes plugin (kubeadm's Corefile: `kubernetes
 * cluster.local in-addr.arpa ip6.arpa { pods insecure; fallthrough in-addr.arpa ip6.arpa }`,
 * `forward . /etc/resolv.conf`) and the host's resolver answer them:
 * - AAAA: the cluster is IPv4 only, so a name with A records has no AAAA: NOERROR with an empty
 *   answer (NODATA; an ExternalName's CNAME is still given); a name that does not exist is NXDOMAIN;
 * - SRV `_PORT._PROTO.SVC.NS.svc.ZONE` (named ports only): a ClusterIP Service → one record per
 *   matching port, target the Service's name; a headless one → one per ready endpoint, target its
 *   hostname (`HOST.SVC.NS.svc.ZONE`) and the endpoint's port; weights share 100 (backend_lookup.go);
 * - PTR `D.C.B.A.in-addr.arpa`: a ClusterIP → `SVC.NS.svc.ZONE`; else every ready endpoint with that
 *   address → `HOST.SVC.NS.svc.ZONE` (HOST its hostname, or its dashed IP), as CoreDNS 1.11 (kubeadm
 *   v1.31) does; no match falls through to the host's resolver, which knows the named outside hosts.
 */
import type { Cluster, ClusterSettings } from '../model/cluster';
import type { DnsRecord } from '../model/dns';
import { isIPv4 } from '../util/ip';
import { CLUSTER_TTL, UPSTREAM_TTL, canonicalName, fqdn, type ZoneAnswer } from './records';
import { upstreamLookup } from './upstream';
import { coreDnsLookup, endpointHostname, published, zoneIndex } from './zone';

export type QueryType = 'A' | 'AAAA' | 'SRV' | 'PTR';

/** A query of `type` for `name` as CoreDNS (kube-dns, 10.96.0.10) answers it. */
export function coreDnsQuery(c: Cluster, name: string, type: QueryType): ZoneAnswer {
  const q = canonicalName(name);
  switch (type) {
    case 'A':
      return coreDnsLookup(c, q);
    case 'AAAA':
      return noAAAA(coreDnsLookup(c, q), q);
    case 'SRV':
      return srv(c, q);
    case 'PTR':
      return ptr(c, q);
  }
}

/** A query of `type` to the host's resolver (nodes, the external client, dnsPolicy Default). */
export function upstreamQuery(settings: ClusterSettings, name: string, type: QueryType): ZoneAnswer {
  const q = canonicalName(name);
  if (type === 'A') return upstreamLookup(settings, q);
  if (type === 'AAAA') return noAAAA(upstreamLookup(settings, q), q);
  if (type === 'PTR') return upstreamPtr(settings, q);
  return { rcode: 'NXDOMAIN', answers: [], why: `the host's resolver has no SRV records (${q})` };
}

/** The A answer turned into the AAAA one: the same rcode, the CNAMEs kept, no address (IPv4 only). */
export function noAAAA(a: ZoneAnswer, q: string): ZoneAnswer {
  if (a.rcode !== 'NOERROR') return { ...a, answers: a.answers.filter((r) => r.type === 'CNAME') };
  return {
    rcode: 'NOERROR',
    answers: a.answers.filter((r) => r.type === 'CNAME'),
    why: `${q} has only A records (the cluster and its hosts are IPv4 only): NOERROR with no AAAA answer — ${a.why}`,
  };
}

function srvRecord(q: string, weight: number, port: number, target: string): DnsRecord {
  return { name: fqdn(q), type: 'SRV', ttl: CLUSTER_TTL, data: `0 ${weight} ${port} ${fqdn(target)}` };
}

function srv(c: Cluster, q: string): ZoneAnswer {
  const zone = c.settings.clusterDomain;
  if (!q.endsWith(`.${zone}`)) return upstreamQuery(c.settings, q, 'SRV');
  const labels = q.slice(0, -zone.length - 1).split('.');
  const [port, proto, name, ns, kind] = labels;
  if (labels.length !== 5 || kind !== 'svc' || !port.startsWith('_') || !proto.startsWith('_')) {
    return { rcode: 'NXDOMAIN', answers: [], why: `${q} is not _PORT._PROTO.SVC.NS.svc.${zone}, the form SRV records take` };
  }
  const ix = zoneIndex(c);
  const svc = ix.services.get(`${ns}/${name}`);
  const shown = ns === 'default' ? name : `${ns}/${name}`;
  if (!svc) {
    return {
      rcode: 'NXDOMAIN',
      answers: [],
      why: ix.namespaces.has(ns) ? `namespace ${ns} has no Service ${name}` : `there is no namespace ${ns}`,
    };
  }
  const portName = port.slice(1).toLowerCase();
  const protocol = proto.slice(1).toUpperCase();
  const matches = (p: { name?: string; protocol: string }) => (p.name ?? '').toLowerCase() === portName && p.protocol === protocol;
  const missing: ZoneAnswer = {
    rcode: 'NXDOMAIN',
    answers: [],
    why: `${shown} has no port named ${portName} over ${protocol} (SRV records exist for named ports only)`,
  };
  if (svc.type === 'ExternalName')
    return { rcode: 'NOERROR', answers: [], why: `${shown} is an ExternalName Service: it has a CNAME, no SRV record` };
  if (svc.clusterIP === 'None' || svc.clusterIP === null) {
    const targets: [number, string][] = [];
    for (const e of published(svc)) {
      for (const p of e.ports)
        if (matches(p)) targets.push([p.port, `${endpointHostname(ix, svc, e.pod, e.ip)}.${name}.${ns}.svc.${zone}`]);
    }
    if (targets.length === 0)
      return svc.ports.some(matches) ? { ...missing, why: `${shown} is headless and has no ready endpoint on port ${portName}` } : missing;
    const weight = Math.floor(100 / targets.length);
    return {
      rcode: 'NOERROR',
      answers: targets.map(([p, t]) => srvRecord(q, weight, p, t)),
      why: `${shown} is headless: one SRV record per ready endpoint, its hostname and port (their A records come in the additional section)`,
    };
  }
  const hits = svc.ports.filter(matches);
  if (hits.length === 0) return missing;
  const weight = Math.floor(100 / hits.length);
  return {
    rcode: 'NOERROR',
    answers: hits.map((p) => srvRecord(q, weight, p.port, `${name}.${ns}.svc.${zone}`)),
    why: `the Service ${shown}'s port ${portName} (${hits[0].port}/${protocol}), at its own name (its A record, the ClusterIP, comes in the additional section)`,
  };
}

/** `4.3.2.1.in-addr.arpa` → `1.2.3.4`; null for any other name. */
export function reverseAddress(q: string): string | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.in-addr\.arpa$/.exec(q);
  if (!m) return null;
  const ip = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
  return isIPv4(ip) ? ip : null;
}

function ptrRecord(q: string, target: string, ttl = CLUSTER_TTL): DnsRecord {
  return { name: fqdn(q), type: 'PTR', ttl, data: fqdn(target) };
}

function ptr(c: Cluster, q: string): ZoneAnswer {
  const zone = c.settings.clusterDomain;
  const reverse = q.endsWith('.in-addr.arpa') || q.endsWith('.ip6.arpa');
  if (!reverse) {
    if (q === zone || q.endsWith(`.${zone}`))
      return { rcode: 'NOERROR', answers: [], why: `${q}: the cluster zone has no PTR records under its names` };
    return upstreamPtr(c.settings, q);
  }
  const ip = reverseAddress(q);
  if (ip !== null) {
    const svc = c.services.find((s) => s.clusterIP === ip);
    if (svc) {
      return {
        rcode: 'NOERROR',
        answers: [ptrRecord(q, `${svc.name}.${svc.namespace}.svc.${zone}`)],
        why: `${ip} is the ClusterIP of the Service ${svc.namespace === 'default' ? svc.name : `${svc.namespace}/${svc.name}`}`,
      };
    }
    const ix = zoneIndex(c);
    const answers: DnsRecord[] = [];
    for (const s of c.services) {
      for (const e of published(s)) {
        if (e.ip === ip) answers.push(ptrRecord(q, `${endpointHostname(ix, s, e.pod, e.ip)}.${s.name}.${s.namespace}.svc.${zone}`));
      }
    }
    if (answers.length > 0) {
      return {
        rcode: 'NOERROR',
        answers,
        why: `${ip} is a ready endpoint of ${answers.length === 1 ? 'a Service' : `${answers.length} Services`} (one PTR per Service)`,
      };
    }
  }
  // fallthrough in-addr.arpa ip6.arpa: the next plugin, forward . /etc/resolv.conf.
  const up = upstreamPtr(c.settings, q);
  return { ...up, why: `${ip ?? q} is no ClusterIP and no ready endpoint, so CoreDNS falls through to the node's resolver: ${up.why}` };
}

function upstreamPtr(settings: ClusterSettings, q: string): ZoneAnswer {
  const ip = reverseAddress(q);
  const hosts = ip === null ? [] : settings.externalHosts.filter((h) => h.ip === ip && h.name !== undefined);
  if (hosts.length > 0) {
    return {
      rcode: 'NOERROR',
      answers: hosts.map((h) => ptrRecord(q, h.name!.toLowerCase().replace(/\.$/, ''), UPSTREAM_TTL)),
      why: `${ip} is the outside host ${hosts[0].name} (spec.externalHosts)`,
    };
  }
  return { rcode: 'NXDOMAIN', answers: [], why: `the host's resolver has no name for ${ip ?? q}` };
}
