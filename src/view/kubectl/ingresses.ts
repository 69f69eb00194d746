/** `kubectl get ingress` rows (printers.go printIngress, formatHosts, formatPorts). */
import type { Cluster } from '../../model/cluster';
import type { IngressState } from '../../model/ingress';
import { age } from './common';

export const INGRESS_COLUMNS = ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'];

/** The first three hosts, `*` when no rule names one. */
function formatHosts(ing: IngressState): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  for (const rule of ing.rules) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${ing.rules.length - max} more...` : list.join(',');
}

/**
 * CLASS is spec.ingressClassName as stored: written, or set by the default-class admission plugin;
 * an Ingress classed only by the deprecated annotation shows `<none>`. ADDRESS is the controller's
 * status.loadBalancer, which the simulation does not write yet: empty, as before a controller reports.
 */
export function ingressRow(cluster: Cluster, ing: IngressState): string[] {
  const className = ing.classFrom === 'spec' || ing.classFrom === 'default' ? (ing.ingressClassName ?? '<none>') : '<none>';
  const ports = ing.tls.length > 0 ? '80, 443' : '80';
  return [ing.name, className, formatHosts(ing), '', ports, age(cluster, ing.createdAt ?? cluster.clock)];
}
