/** Shared pieces of DNS answers: names as dig prints them, TTLs, and what a lookup returns. */
import type { DnsRcode, DnsRecord } from '../model/dns';

/** kubeadm's Corefile sets the kubernetes plugin's `ttl 30` (the plugin's own default is 5). */
export const CLUSTER_TTL = 30;
/** Outside answers: whatever the upstream says; a typical forwarder's cached value. */
export const UPSTREAM_TTL = 30;

export interface ZoneAnswer {
  rcode: DnsRcode;
  answers: DnsRecord[];
  /** Why this answer, in words (which record matched, or why none did). */
  why: string;
}

/** `svc-1.default.svc.cluster.local.`: a name with its trailing dot, as it sits in a DNS message. */
export function fqdn(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/** Lower-case, without the trailing dot: how names are compared. */
export function canonicalName(name: string): string {
  const n = name.toLowerCase();
  return n.endsWith('.') ? n.slice(0, -1) : n;
}
