/**
 * The resolv.conf a client has, as kubelet writes it (pkg/kubelet/network/dns): by dnsPolicy, then
 * merged with dnsConfig. Nodes and the external client have the host's own.
 */
import type { ClusterSettings, PodState } from '../model/cluster';
import { MAX_DNS_NAMESERVERS } from '../load/pod/dnsRules';
import { hostResolverIP } from './upstream';

export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  ndots: number;
  /** Where it comes from, in words: `dnsPolicy: ClusterFirst`, `the node's own resolv.conf`. */
  origin: string;
}

/** glibc's default when resolv.conf sets no `options ndots`. */
const DEFAULT_NDOTS = 1;
/** Kubelet's `options ndots:5` for cluster DNS. */
const CLUSTER_NDOTS = 5;

export function hostResolvConf(settings: ClusterSettings, origin: string): ResolvConf {
  return { nameservers: [hostResolverIP(settings)], searches: [], ndots: DEFAULT_NDOTS, origin };
}

/** A Pod's resolv.conf. `clusterDNS`: kube-dns's ClusterIP (kubelet's --cluster-dns), null when there is none. */
export function podResolvConf(pod: PodState, settings: ClusterSettings, clusterDNS: string | null): ResolvConf {
  const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  const domain = settings.clusterDomain;
  let conf: ResolvConf;
  // ClusterFirst on the host network falls back to Default (getPodDNSType); ClusterFirstWithHostNet does not.
  const cluster = clusterDNS !== null && (policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.hostNetwork));
  if (policy === 'None') conf = { nameservers: [], searches: [], ndots: DEFAULT_NDOTS, origin: 'dnsPolicy: None (only dnsConfig)' };
  else if (cluster) {
    conf = {
      nameservers: [clusterDNS],
      searches: [`${pod.namespace}.svc.${domain}`, `svc.${domain}`, domain],
      ndots: CLUSTER_NDOTS,
      origin: `dnsPolicy: ${policy}`,
    };
  } else {
    const why =
      policy === 'ClusterFirst' && pod.hostNetwork
        ? "dnsPolicy: ClusterFirst on hostNetwork falls back to the node's resolv.conf"
        : `dnsPolicy: ${policy}, the node's resolv.conf`;
    conf = hostResolvConf(settings, why);
  }
  const cfg = pod.spec.dnsConfig;
  if (!cfg) return conf;
  // appendDNSConfig: nameservers and searches appended without duplicates, options by name (the Pod's win).
  const nameservers = unique([...conf.nameservers, ...cfg.nameservers]).slice(0, MAX_DNS_NAMESERVERS);
  const searches = unique([...conf.searches, ...cfg.searches.map((s) => s.replace(/\.$/, ''))]);
  let ndots = conf.ndots;
  for (const o of cfg.options) {
    if (o.name !== 'ndots' || o.value === undefined) continue;
    const n = Number(o.value);
    // The resolver caps ndots at 15 and ignores what does not parse.
    if (Number.isInteger(n) && n >= 0) ndots = Math.min(n, 15);
  }
  return { nameservers, searches, ndots, origin: `${conf.origin} + dnsConfig` };
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

/**
 * The names the stub resolver asks for, in order (glibc res_search): a name ending in a dot only as
 * is; one with at least `ndots` dots as is first, then with each search domain; any other with each
 * search domain first, then as is.
 */
export function queryNames(name: string, conf: ResolvConf): string[] {
  const n = name.toLowerCase();
  if (n.endsWith('.')) return [n.slice(0, -1)];
  const dots = n.split('.').length - 1;
  const searched = conf.searches.map((s) => `${n}.${s.toLowerCase()}`);
  return dots >= conf.ndots ? [n, ...searched] : [...searched, n];
}
