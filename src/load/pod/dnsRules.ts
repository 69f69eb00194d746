/** validateDNSPolicy and validatePodDNSConfig (pkg/apis/core/validation, v1.31): dnsPolicy and dnsConfig. */
import type { PodSpec } from '../../model/k8s';
import { IP_ERROR, isDNS1123Subdomain, isIP } from '../../util/validation';
import { invalid, invalidEach, notSupported, required, type FieldError } from '../fieldErrors';
import type { FieldPath } from '../fieldPath';

const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
/** Limits derived from libc's resolver (MaxDNSNameservers, MaxDNSSearchPaths, MaxDNSSearchListChars). */
export const MAX_DNS_NAMESERVERS = 3;
export const MAX_DNS_SEARCH_PATHS = 32;
export const MAX_DNS_SEARCH_LIST_CHARS = 2048;

export function validateDns(spec: PodSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const policy = spec.dnsPolicy ?? 'ClusterFirst';
  if (!DNS_POLICIES.includes(policy)) errs.push(notSupported([...path, 'dnsPolicy'], policy, DNS_POLICIES));
  const cfg = spec.dnsConfig;
  const at: FieldPath = [...path, 'dnsConfig'];
  if (policy === 'None') {
    if (!cfg) return [...errs, required(at, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (cfg.nameservers.length === 0)
      return [...errs, required([...at, 'nameservers'], 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!cfg) return errs;
  if (cfg.nameservers.length > MAX_DNS_NAMESERVERS)
    errs.push(invalid([...at, 'nameservers'], cfg.nameservers, `must not have more than ${MAX_DNS_NAMESERVERS} nameservers`));
  cfg.nameservers.forEach((ns, i) => {
    if (!isIP(ns)) errs.push(invalid([...at, 'nameservers', i], ns, IP_ERROR));
  });
  if (cfg.searches.length > MAX_DNS_SEARCH_PATHS)
    errs.push(invalid([...at, 'searches'], cfg.searches, `must not have more than ${MAX_DNS_SEARCH_PATHS} search paths`));
  if (cfg.searches.join(' ').length > MAX_DNS_SEARCH_LIST_CHARS) {
    const msg = `must not have more than ${MAX_DNS_SEARCH_LIST_CHARS} characters (including spaces) in the search list`;
    errs.push(invalid([...at, 'searches'], cfg.searches, msg));
  }
  cfg.searches.forEach((s, i) => {
    // A trailing dot is fine.
    const search = s.endsWith('.') ? s.slice(0, -1) : s;
    errs.push(...invalidEach([...at, 'searches', i], search, isDNS1123Subdomain(search)));
  });
  cfg.options.forEach((o, i) => {
    if (o.name === '') errs.push(required([...at, 'options', i], 'must not be empty'));
  });
  return errs;
}
