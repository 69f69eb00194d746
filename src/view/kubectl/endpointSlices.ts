/**
 * `kubectl get endpointslices` rows (printers.go printEndpointSlice: NAME ADDRESSTYPE PORTS ENDPOINTS
 * AGE). The slices are the endpointslice controller's for each Service with a selector (one per port
 * list, a placeholder without ports or endpoints when no Pod matches), the API server's `kubernetes`,
 * and the folder's hand-made and mirrored ones (cluster.endpointSlices).
 */
import type { Cluster, EndpointPort, ServiceState } from '../../model/cluster';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, SLICE_CONTROLLER, type EndpointSliceState } from '../../model/endpointSlice';
import { randomSuffix, streamRng } from '../../cluster/naming';
import { age } from './common';

export const ENDPOINT_SLICE_COLUMNS = ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'];

/** What a row needs: a slice as stored, or as the controllers keep it. */
export type SliceRow = Pick<EndpointSliceState, 'name' | 'namespace' | 'labels' | 'addressType' | 'ports' | 'createdAt'> & {
  addresses: string[];
};

export function allEndpointSlices(cluster: Cluster): SliceRow[] {
  const out: SliceRow[] = [];
  for (const s of cluster.services) out.push(...controllerSlices(cluster, s));
  for (const s of cluster.endpointSlices ?? []) out.push({ ...s, addresses: s.endpoints.flatMap((e) => e.addresses) });
  return out;
}

function isApiserverService(svc: ServiceState): boolean {
  return svc.builtIn === true && svc.namespace === 'default' && svc.name === 'kubernetes';
}

/** The endpointslice controller's slices for one Service, grouped by resolved port list as its reconciler does. */
function controllerSlices(cluster: Cluster, svc: ServiceState): SliceRow[] {
  const base = { namespace: svc.namespace, addressType: 'IPv4', createdAt: svc.createdAt };
  if (isApiserverService(svc)) {
    const own = svc.endpoints;
    return [
      {
        ...base,
        name: 'kubernetes',
        labels: { [LABEL_SERVICE_NAME]: 'kubernetes' },
        ports: own[0]?.ports ?? [],
        addresses: own.map((e) => e.ip),
      },
    ];
  }
  if (svc.selector === null || svc.type === 'ExternalName') return [];
  const labels: Record<string, string> = { ...svc.labels, [LABEL_SERVICE_NAME]: svc.name, [LABEL_MANAGED_BY]: SLICE_CONTROLLER };
  if (svc.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  const groups = new Map<string, { ports: EndpointPort[]; addresses: string[] }>();
  for (const e of svc.endpoints) {
    if (e.origin) continue; // a hand-made slice's, listed as that slice
    const key = e.ports.map((p) => `${p.name}/${p.port}/${p.protocol}`).join(',');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports: e.ports, addresses: [] }));
    g.addresses.push(e.ip);
  }
  // No endpoint at all: the controller keeps one placeholder slice, without ports or endpoints.
  if (groups.size === 0) groups.set('', { ports: [], addresses: [] });
  let i = 0;
  const out: SliceRow[] = [];
  for (const g of groups.values()) {
    // generateName `<service>-`: a stable draw per Service and slice, from the cluster's seed.
    const name = `${svc.name}-${randomSuffix(streamRng(cluster.settings.seed, `endpointslice:${svc.namespace}/${svc.name}#${i++}`))}`;
    out.push({ ...base, name, labels, ports: g.ports, addresses: g.addresses });
  }
  return out;
}

/** formatDiscoveryPorts / formatDiscoveryEndpoints: at most 3, then ` + N more...`; `<unset>` when empty. */
function listWithMore(items: string[]): string {
  const MAX = 3;
  if (items.length === 0) return '<unset>';
  const shown = items.slice(0, MAX).join(',');
  return items.length > MAX ? `${shown} + ${items.length - MAX} more...` : shown;
}

export function endpointSliceRow(cluster: Cluster, s: SliceRow): string[] {
  const ports = s.ports.map((p) => (p.port !== null ? String(p.port) : p.name || '*'));
  return [s.name, s.addressType, listWithMore(ports), listWithMore(s.addresses), age(cluster, s.createdAt)];
}
