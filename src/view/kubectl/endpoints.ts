/**
 * `kubectl get endpoints` rows: the v1 Endpoints object the endpoints controller keeps for each
 * Service with a selector (pkg/controller/endpoint), printed by printers.go formatEndpoints.
 */
import type { Cluster, EndpointPort, EndpointState, ServiceState } from '../../model/cluster';
import type { EndpointsObjectState } from '../../model/endpointSlice';
import { age, byCodeUnit, joinHostPort } from './common';

export const ENDPOINTS_COLUMNS = ['NAME', 'ENDPOINTS', 'AGE'];

interface Subset {
  ports: EndpointPort[];
  addresses: string[];
  notReadyAddresses: string[];
}

/** The apiserver publishes itself in default/kubernetes (kubeadm: the control plane's IP, port 6443). */
const APISERVER_PORT = 6443;

/** Services that have an Endpoints object: those with a selector, plus the apiserver's `kubernetes`. */
export function hasEndpointsObject(svc: ServiceState): boolean {
  if (isApiserverService(svc)) return true;
  return svc.selector !== null && svc.type !== 'ExternalName';
}

function isApiserverService(svc: ServiceState): boolean {
  return svc.builtIn === true && svc.namespace === 'default' && svc.name === 'kubernetes';
}

/** Group addresses by identical port lists, as the controller's RepackSubsets does. */
export function endpointSubsets(cluster: Cluster, svc: ServiceState): Subset[] {
  if (isApiserverService(svc) && svc.endpoints.length === 0) {
    const cp = cluster.nodes.find((n) => n.roles.includes('control-plane')) ?? cluster.nodes[0];
    if (!cp) return [];
    return [{ ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }], addresses: [cp.ip], notReadyAddresses: [] }];
  }
  const subsets = new Map<string, Subset>();
  for (const ep of svc.endpoints) {
    // A hand-made EndpointSlice's endpoints are not in the controller's Endpoints.
    if (ep.origin || !inEndpoints(svc, ep)) continue;
    const key = ep.ports.map((p) => `${p.name}/${p.port}/${p.protocol}`).join(',');
    let subset = subsets.get(key);
    if (!subset) subsets.set(key, (subset = { ports: ep.ports, addresses: [], notReadyAddresses: [] }));
    (ep.ready ? subset.addresses : subset.notReadyAddresses).push(ep.ip);
  }
  for (const s of subsets.values()) {
    s.addresses.sort(byCodeUnit);
    s.notReadyAddresses.sort(byCodeUnit);
  }
  return [...subsets.values()];
}

/**
 * A Pod is in Endpoints when it has an IP and is not being deleted (unless publishNotReadyAddresses),
 * and resolves at least one Service port (a headless Service without ports takes bare addresses).
 */
function inEndpoints(svc: ServiceState, ep: EndpointState): boolean {
  if (!ep.ip) return false;
  if (ep.terminating && !svc.publishNotReadyAddresses) return false;
  return ep.ports.length > 0 || svc.ports.length === 0;
}

/** formatEndpoints: ready `ip:port`s, at most 3, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(subsets: Subset[]): string {
  if (subsets.length === 0) return '<none>';
  const MAX = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    if (ss.ports.length === 0) {
      count += ss.addresses.length;
      for (const ip of ss.addresses) {
        if (list.length === MAX) {
          more = true;
          break;
        }
        list.push(ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      count += ss.addresses.length;
      for (const ip of ss.addresses) {
        if (list.length === MAX) {
          more = true;
          break;
        }
        list.push(joinHostPort(ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - MAX} more...` : ret;
}

/** A hand-made Endpoints, its subsets as written. */
export function handMadeEndpointsRow(cluster: Cluster, e: EndpointsObjectState): string[] {
  return [e.name, formatEndpoints(e.subsets), age(cluster, e.createdAt)];
}

export function endpointsRow(cluster: Cluster, svc: ServiceState): string[] {
  return [svc.name, formatEndpoints(endpointSubsets(cluster, svc)), age(cluster, svc.createdAt)];
}
