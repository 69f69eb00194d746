/**
 * Who the reachability matrix asks about: the Pods that can send (its rows) and what they send to (its
 * columns): Pods on one port, or every Service port. Ids always carry the namespace (`pod/NS/NAME`,
 * `svc/NS/NAME:PORT`), as the CLI contract spells them; traceRequests reads them as they are.
 */
import type { Cluster, PodState } from '../model/cluster';
import { matchesSelector } from '../util/selector';
import { byNamespaceAndName } from '../view/kubectl/common';
import { parseListSelector } from '../view/kubectl/listSelector';
import type { Protocol } from '../model/k8s';

export interface ReachPort {
  port: number;
  protocol: Protocol;
}

/** A value, or why not: `apiServer` errors are the API server's own words, which kubectl prints as they are. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string; apiServer: boolean };

/** Left out unless a selector asks for them: the control plane's own Pods and Services. */
const SYSTEM_NAMESPACE = 'kube-system';

const usage = (error: string): { ok: false; error: string; apiServer: boolean } => ({ ok: false, error, apiServer: false });

/** `--port 8080`, `--port 53/udp`, `--port 3868/sctp`. */
export function parseReachPort(text: string): Checked<ReachPort> {
  const m = /^(\d+)(?:\/(tcp|udp|sctp))?$/i.exec(text.trim());
  const port = m ? Number(m[1]) : NaN;
  if (!m || port < 1 || port > 65535) {
    return usage(
      `invalid argument ${JSON.stringify(text)} for "--port" flag: expected PORT or PORT/PROTO, PORT 1-65535 and PROTO TCP, UDP or SCTP`,
    );
  }
  return { ok: true, value: { port, protocol: (m[2]?.toUpperCase() ?? 'TCP') as Protocol } };
}

/** `:8080` or `:53/UDP`, the suffix trace targets take. */
export function portSuffix(port: number, protocol: string): string {
  return protocol === 'TCP' ? `:${port}` : `:${port}/${protocol}`;
}

/**
 * Pods a selector picks in every namespace (so `k8s-app=kube-dns` can ask about CoreDNS); without
 * one, every Pod outside kube-system. In the API server's order: namespace, then name.
 */
function selectPods(cluster: Cluster, selector: string | undefined): Checked<PodState[]> {
  if (selector === undefined) {
    return { ok: true, value: cluster.pods.filter((p) => p.namespace !== SYSTEM_NAMESPACE).sort(byNamespaceAndName) };
  }
  const parsed = parseListSelector('pods', selector);
  if (!parsed.ok) return { ok: false, error: parsed.error, apiServer: true };
  return { ok: true, value: cluster.pods.filter((p) => matchesSelector(parsed.requirements, p.labels)).sort(byNamespaceAndName) };
}

/** What `trace --from pod/…` accepts: a running Pod with an address on a node. */
function canSend(pod: PodState): boolean {
  return pod.phase === 'Running' && pod.ip !== null && pod.nodeName !== null;
}

const podText = (p: PodState): string => `pod/${p.namespace}/${p.name}`;

/** The matrix's rows: Pods `from` picks (every Pod outside kube-system without it) that can send. */
export function reachSources(cluster: Cluster, from: string | undefined): Checked<string[]> {
  const pods = selectPods(cluster, from);
  return pods.ok ? { ok: true, value: pods.value.filter(canSend).map(podText) } : pods;
}

/**
 * The matrix's columns. With a port: the Pods `to` picks (every Pod outside kube-system without it),
 * Pending ones too, since "nobody can reach it" is part of the answer. Without a port: every port of
 * every Service outside kube-system, in spec order (SCTP ports are left out: no trace speaks SCTP).
 */
export function reachTargets(cluster: Cluster, to: string | undefined, port: ReachPort | undefined): Checked<string[]> {
  if (port) {
    const pods = selectPods(cluster, to);
    return pods.ok ? { ok: true, value: pods.value.map((p) => podText(p) + portSuffix(port.port, port.protocol)) } : pods;
  }
  if (to !== undefined) return usage('--to picks Pods and needs --port PORT: without --port the targets are every Service port');
  const targets: string[] = [];
  for (const svc of cluster.services.filter((s) => s.namespace !== SYSTEM_NAMESPACE).sort(byNamespaceAndName)) {
    for (const p of svc.ports) {
      if (p.protocol !== 'SCTP') targets.push(`svc/${svc.namespace}/${svc.name}${portSuffix(p.port, p.protocol)}`);
    }
  }
  for (const h of cluster.settings.externalHosts ?? []) {
    for (const p of h.ports) if (p.protocol !== 'SCTP') targets.push(`host/${h.name ?? h.ip}${portSuffix(p.port, p.protocol)}`);
  }
  return { ok: true, value: targets };
}
