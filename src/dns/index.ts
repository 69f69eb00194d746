/** Cluster DNS: CoreDNS's records, the host's resolver, and the resolv.conf each client has. */
export { coreDnsLookup } from './zone';
export { upstreamLookup, hostResolverIP } from './upstream';
export { podResolvConf, hostResolvConf, queryNames, type ResolvConf } from './resolvConf';
export { canonicalName, fqdn, type ZoneAnswer } from './records';
export { coreDnsQuery, noAAAA, upstreamQuery, reverseAddress, type QueryType } from './queryTypes';
