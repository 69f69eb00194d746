/** Host ports (NodePorts plugin, HostPortInfo): which a pod takes and whether they clash on a node. */
import type { PodSpec } from '../model/k8s';

export interface HostPort {
  /** '0.0.0.0' when the pod did not pin hostIP. */
  ip: string;
  protocol: string;
  port: number;
}

/** A node's host ports in use: "TCP/8080" → host IP → pods using it. */
export type UsedPorts = Map<string, Map<string, number>>;

export function portKey(protocol: string, port: number): string {
  return protocol + '/' + port;
}

/** Host ports a pod occupies; with hostNetwork the API server defaults hostPort to containerPort. */
export function hostPortsOf(spec: PodSpec): HostPort[] {
  const out: HostPort[] = [];
  for (const c of spec.containers) {
    for (const p of c.ports ?? []) {
      const hostPort = p.hostPort ?? (spec.hostNetwork ? p.containerPort : 0);
      if (!hostPort || hostPort <= 0) continue;
      const ip = p.hostIP && p.hostIP !== '' ? p.hostIP : '0.0.0.0';
      out.push({ ip, protocol: p.protocol || 'TCP', port: hostPort });
    }
  }
  return out;
}

/** HostPortInfo.CheckConflict: 0.0.0.0 clashes with any IP on the same protocol/port. */
export function portConflicts(used: UsedPorts, want: HostPort): boolean {
  const ips = used.get(portKey(want.protocol, want.port));
  if (!ips) return false;
  if (want.ip === '0.0.0.0') return ips.size > 0;
  return ips.has('0.0.0.0') || ips.has(want.ip);
}
