/**
 * CoreDNS as kubeadm configures it (`kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure }`,
 * `forward . /etc/resolv.conf`), answering A queries the way its kubernetes plugin does:
 * - `SVC.NS.svc.ZONE`: a ClusterIP Service → its ClusterIP; a headless one → one A record per ready
 *   endpoint address (`publishNotReadyAddresses` makes every endpoint ready); ExternalName → a CNAME,
 *   which CoreDNS then resolves through its upstream;
 * - `HOST.SVC.NS.svc.ZONE`: an endpoint by its hostname (a Pod whose `hostname` and `subdomain` name
 *   it, e.g. a StatefulSet's `web-0.web`), or by its dashed IP when it has none;
 * - `A-B-C-D.NS.pod.ZONE`: `pods insecure` answers the IP in the name;
 * - any other name in the zone is NXDOMAIN (errNoItems is a name error); names outside it are forwarded.
 */
import type { Cluster, PodState, ServiceState } from '../model/cluster';
import type { DnsRecord } from '../model/dns';
import { isIPv4 } from '../util/ip';
import { CLUSTER_TTL, canonicalName, fqdn, type ZoneAnswer } from './records';
import { upstreamLookup } from './upstream';

export interface ZoneIndex {
  services: Map<string, ServiceState>;
  pods: Map<string, PodState>;
  namespaces: Set<string>;
}

const INDEXES = new WeakMap<Cluster, ZoneIndex>();

export function zoneIndex(c: Cluster): ZoneIndex {
  let ix = INDEXES.get(c);
  if (ix) return ix;
  const services = new Map<string, ServiceState>();
  const pods = new Map<string, PodState>();
  const namespaces = new Set<string>(['default', 'kube-system']);
  for (const s of c.services) {
    services.set(`${s.namespace}/${s.name}`, s);
    namespaces.add(s.namespace);
  }
  for (const p of c.pods) {
    pods.set(`${p.namespace}/${p.name}`, p);
    namespaces.add(p.namespace);
  }
  for (const n of c.namespaces ?? []) namespaces.add(n.name);
  ix = { services, pods, namespaces };
  INDEXES.set(c, ix);
  return ix;
}

/** The A query `name` (any case, trailing dot or not) as CoreDNS answers it. */
export function coreDnsLookup(c: Cluster, name: string): ZoneAnswer {
  const q = canonicalName(name);
  const zone = c.settings.clusterDomain;
  if (q !== zone && !q.endsWith(`.${zone}`)) {
    const up = upstreamLookup(c.settings, q);
    return { ...up, why: `${q} is outside ${zone}, so CoreDNS forwards it to the node's resolver (forward . /etc/resolv.conf): ${up.why}` };
  }
  const labels = q === zone ? [] : q.slice(0, -zone.length - 1).split('.');
  const ix = zoneIndex(c);
  const kind = labels[labels.length - 1];
  if (kind === 'svc' && labels.length === 3) return serviceRecords(c, ix, q, labels[1], labels[0]);
  if (kind === 'svc' && labels.length === 4) return endpointRecords(ix, q, labels[2], labels[1], labels[0]);
  if (kind === 'pod' && labels.length === 3) return podRecord(ix, q, labels[1], labels[0]);
  return {
    rcode: 'NXDOMAIN',
    answers: [],
    why: `${q} names no Service, endpoint or Pod (the zone has SVC.NS.svc.${zone}, HOST.SVC.NS.svc.${zone} and A-B-C-D.NS.pod.${zone})`,
  };
}

function a(name: string, ip: string): DnsRecord {
  return { name: fqdn(name), type: 'A', ttl: CLUSTER_TTL, data: ip };
}

/** Endpoint addresses CoreDNS publishes: the ready ones (publishNotReadyAddresses marks every one ready). */
export function published(svc: ServiceState): ServiceState['endpoints'] {
  return svc.endpoints.filter((e) => e.ready);
}

function serviceRecords(c: Cluster, ix: ZoneIndex, q: string, ns: string, name: string): ZoneAnswer {
  const svc = ix.services.get(`${ns}/${name}`);
  if (!svc) {
    const why = ix.namespaces.has(ns) ? `namespace ${ns} has no Service ${name}` : `there is no namespace ${ns}`;
    return { rcode: 'NXDOMAIN', answers: [], why };
  }
  const shown = ns === 'default' ? name : `${ns}/${name}`;
  if (svc.type === 'ExternalName' && svc.externalName) {
    const target = canonicalName(svc.externalName);
    const cname: DnsRecord = { name: fqdn(q), type: 'CNAME', ttl: CLUSTER_TTL, data: fqdn(target) };
    // The kubernetes plugin resolves the target through CoreDNS itself, which forwards it upstream.
    const inZone = target.endsWith(`.${c.settings.clusterDomain}`);
    const up = inZone ? coreDnsLookup(c, target) : upstreamLookup(c.settings, target);
    const why = `${shown} is an ExternalName Service: a CNAME to ${target}, which CoreDNS resolves in turn — ${up.why}`;
    return { rcode: up.rcode, answers: [cname, ...up.answers], why };
  }
  if (svc.clusterIP === 'None' || svc.clusterIP === null) {
    const ips = [...new Set(published(svc).map((e) => e.ip))];
    if (ips.length === 0) {
      return {
        rcode: 'NXDOMAIN',
        answers: [],
        why: `${shown} is headless (clusterIP: None) and has no ready endpoint, so CoreDNS has no A record for it`,
      };
    }
    const notReady = svc.publishNotReadyAddresses ? ' (publishNotReadyAddresses: not-ready Pods too)' : '';
    return {
      rcode: 'NOERROR',
      answers: ips.map((ip) => a(q, ip)),
      why: `${shown} is headless (clusterIP: None): one A record per ready endpoint${notReady}`,
    };
  }
  return { rcode: 'NOERROR', answers: [a(q, svc.clusterIP)], why: `the Service ${shown}'s ClusterIP` };
}

/** The hostname an endpoint is published under: the Pod's `hostname` when its `subdomain` is this Service, else its dashed IP. */
export function endpointHostname(ix: ZoneIndex, svc: ServiceState, pod: string | null, ip: string): string {
  const p = pod === null ? undefined : ix.pods.get(`${svc.namespace}/${pod}`);
  // The EndpointSlice controller sets the hostname only then (endpointsliceutil: pod.Spec.Subdomain == svc.Name).
  if (p?.spec.hostname && p.spec.subdomain === svc.name) return p.spec.hostname;
  return ip.replace(/\./g, '-');
}

function endpointRecords(ix: ZoneIndex, q: string, ns: string, name: string, host: string): ZoneAnswer {
  const svc = ix.services.get(`${ns}/${name}`);
  if (!svc)
    return {
      rcode: 'NXDOMAIN',
      answers: [],
      why: ix.namespaces.has(ns) ? `namespace ${ns} has no Service ${name}` : `there is no namespace ${ns}`,
    };
  const hits = published(svc).filter((e) => endpointHostname(ix, svc, e.pod, e.ip) === host);
  const ips = [...new Set(hits.map((e) => e.ip))];
  if (ips.length === 0) {
    return {
      rcode: 'NXDOMAIN',
      answers: [],
      why: `no ready endpoint of ${ns === 'default' ? name : `${ns}/${name}`} is named ${host} (a Pod gets that name with hostname: ${host} and subdomain: ${name}, as a StatefulSet's Pods do)`,
    };
  }
  return {
    rcode: 'NOERROR',
    answers: ips.map((ip) => a(q, ip)),
    why: `the endpoint ${host} of ${ns === 'default' ? name : `${ns}/${name}`}${hits[0].pod === null ? '' : ` (Pod ${hits[0].pod})`}`,
  };
}

function podRecord(ix: ZoneIndex, q: string, ns: string, dashed: string): ZoneAnswer {
  const ip = dashed.replace(/-/g, '.');
  if (!isIPv4(ip) || !ix.namespaces.has(ns))
    return { rcode: 'NXDOMAIN', answers: [], why: `${dashed} is not an address in a namespace of this cluster` };
  return { rcode: 'NOERROR', answers: [a(q, ip)], why: '`pods insecure`: CoreDNS answers the address written in the name' };
}
