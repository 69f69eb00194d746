/**
 * The host's resolver: what a node's /etc/resolv.conf points at (the node network's gateway), used by
 * nodes, the external client, Pods with dnsPolicy Default and CoreDNS's `forward . /etc/resolv.conf`.
 * It knows the outside hosts the settings declare (`spec.externalHosts`) and nothing of cluster.local.
 */
import type { ClusterSettings } from '../model/cluster';
import type { DnsRecord } from '../model/dns';
import { nthAddress, parseCidr } from '../util/ip';
import { fqdn, UPSTREAM_TTL, type ZoneAnswer } from './records';

/** The node network's first address: the gateway, whose DNS forwarder the nodes' resolv.conf names. */
export function hostResolverIP(settings: ClusterSettings): string {
  const net = parseCidr(settings.nodeNetwork);
  return net ? nthAddress(net, 1) : settings.externalClientIP;
}

/** An A query to the host's resolver. `name` is lower-case, without its trailing dot. */
export function upstreamLookup(settings: ClusterSettings, name: string): ZoneAnswer {
  const answers: DnsRecord[] = [];
  for (const h of settings.externalHosts) {
    if (h.name !== undefined && h.name.toLowerCase().replace(/\.$/, '') === name)
      answers.push({ name: fqdn(name), type: 'A', ttl: UPSTREAM_TTL, data: h.ip });
  }
  if (answers.length > 0) return { rcode: 'NOERROR', answers, why: `${name} is an outside host the settings declare (spec.externalHosts)` };
  const zone = settings.clusterDomain;
  const why =
    name === zone || name.endsWith(`.${zone}`)
      ? `the host's resolver knows no ${zone}: only CoreDNS serves the cluster's names`
      : `no outside host named ${name} (spec.externalHosts declares the names the world outside answers for)`;
  return { rcode: 'NXDOMAIN', answers, why };
}
