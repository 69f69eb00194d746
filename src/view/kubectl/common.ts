/** Small helpers shared by the `kubectl get` tables (printers.go). */
import type { Cluster } from '../../model/cluster';
import { humanDuration } from './humanDuration';

/** The kubelet/kube-proxy version the simulated nodes report (VERSION column, documented in the README). */
export const SIMULATED_KUBELET_VERSION = 'v1.31.4';
export const SIMULATED_OS_IMAGE = 'Ubuntu 22.04.5 LTS';
export const SIMULATED_KERNEL_VERSION = '5.15.0-131-generic';
export const SIMULATED_CONTAINER_RUNTIME = 'containerd://1.7.24';

/** translateTimestampSince on the simulated clock. */
export function age(cluster: Cluster, createdAt: number): string {
  return humanDuration(cluster.clock - createdAt);
}

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | null | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(byCodeUnit);
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${(labels as Record<string, string>)[k]}`).join(',');
}

/** Plain code-unit order (Go's string comparison for ASCII names), never locale-dependent. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Objects listed the way the API server returns them: by namespace, then name. */
export function byNamespaceAndName<T extends { namespace: string; name: string }>(a: T, b: T): number {
  return byCodeUnit(a.namespace, b.namespace) || byCodeUnit(a.name, b.name);
}

/** net.JoinHostPort. */
export function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
