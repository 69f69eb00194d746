/**
 * kube-proxy's iptables chain names (pkg/proxy/iptables/proxier.go): the servicePortName is
 * `namespace/name` plus `:portName` when the port is named, the protocol is lower-case, and
 * endpoint chains also hash the endpoint's `IP:port`.
 */
import type { ServicePortState, ServiceState } from '../model/cluster';
import { base32, sha256 } from './sha256';

/** `portProtoHash`: base32(sha256(servicePortName + protocol))[:16]. */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return base32(sha256(servicePortName + protocol)).slice(0, 16);
}

/** ServicePortName.String(): `default/svc-1` or `default/web:http`. */
export function servicePortName(svc: ServiceState, port: ServicePortState): string {
  return `${svc.namespace}/${svc.name}${port.name ? `:${port.name}` : ''}`;
}

export interface ServiceChains {
  /** KUBE-SVC-…: cluster-wide endpoints. */
  svc: string;
  /** KUBE-SVL-…: node-local endpoints (traffic policy Local). */
  svl: string;
  /** KUBE-EXT-…: NodePort / load-balancer / externalIP traffic. */
  ext: string;
  /** KUBE-FW-…: loadBalancerSourceRanges. */
  fw: string;
}

export function serviceChains(spn: string, protocol: string): ServiceChains {
  const hash = portProtoHash(spn, protocol);
  return { svc: `KUBE-SVC-${hash}`, svl: `KUBE-SVL-${hash}`, ext: `KUBE-EXT-${hash}`, fw: `KUBE-FW-${hash}` };
}

/** servicePortEndpointChainName: KUBE-SEP-base32(sha256(spn + protocol + "IP:port"))[:16]. */
export function endpointChain(spn: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${base32(sha256(spn + protocol + endpoint)).slice(0, 16)}`;
}
