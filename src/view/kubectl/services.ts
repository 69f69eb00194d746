/** `kubectl get services [-o wide]` rows (printers.go printService, getServiceExternalIP, makePortString). */
import type { Cluster, ServiceState } from '../../model/cluster';
import { age, byCodeUnit, formatLabels } from './common';

export const SERVICE_COLUMNS = ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'];
export const SERVICE_WIDE_COLUMNS = ['SELECTOR'];

/** Non-wide output clips the load-balancer ingress list to 16 characters. */
const LOAD_BALANCER_WIDTH = 16;

export function serviceExternalIP(svc: ServiceState, wide: boolean): string {
  switch (svc.type) {
    case 'ClusterIP':
    case 'NodePort':
      return svc.externalIPs.length > 0 ? svc.externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      // Ingress addresses are a sorted string set.
      let lb = svc.loadBalancerIP ? [svc.loadBalancerIP].sort(byCodeUnit).join(',') : '';
      if (!wide && lb.length > LOAD_BALANCER_WIDTH) lb = lb.slice(0, LOAD_BALANCER_WIDTH - 3) + '...';
      if (svc.externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...svc.externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** `9000/TCP`, or `9000:30000/TCP` when the port has a node port; `<none>` without ports. */
export function servicePorts(svc: ServiceState): string {
  const s = svc.ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
  return s || '<none>';
}

export function serviceRow(cluster: Cluster, svc: ServiceState, wide: boolean): string[] {
  const row = [svc.name, svc.type, svc.clusterIP ?? '<none>', serviceExternalIP(svc, wide), servicePorts(svc), age(cluster, svc.createdAt)];
  if (wide) row.push(formatLabels(svc.selector));
  return row;
}
