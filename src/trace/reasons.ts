/** One-line verdicts a person understands, in Kubernetes' own words. */
import type { PodState } from '../model/cluster';
import { displayName, hostOf } from './ids';
import type { Walk } from './walk';

/** The client's own address: the source of the connection's first hop. */
export function clientIP(w: Walk): string {
  const first = w.hops[0];
  return first ? hostOf(first.src) : w.srcIP;
}

export function deliveredReason(w: Walk, pod: string, container: string, node: string | undefined): string {
  const nat = w.nat;
  const rewritten = w.snatTo !== null && w.snatTo !== clientIP(w);
  // The common case (a ClusterIP, nothing else rewritten) reads the same for every connection to this endpoint.
  if (nat !== null && nat.texts !== null && !rewritten && !nat.preserved && !w.cniNote) {
    return w.ix.texts.serviceDelivery(nat.texts, pod, container, node);
  }
  let s = `delivered to ${pod} (${container})${node ? ` on ${node}` : ''}`;
  if (nat) {
    s += ` — ${displayName(nat.svc)} DNATed ${nat.from} to ${nat.to} on ${nat.node.name}`;
    if (w.snatTo && w.snatTo !== clientIP(w))
      s += `; the Pod sees the source ${w.snatTo}${w.cniNote ? '' : ' (masquerade)'}, not ${clientIP(w)}`;
    else if (nat.preserved) s += `; client IP ${clientIP(w)} preserved (externalTrafficPolicy: Local)`;
  } else {
    if (w.hostPortNat) s += ` — ${w.hostPortNat}`;
    if (w.snatTo && w.snatTo !== clientIP(w)) s += `; the Pod sees the source ${w.snatTo}, not ${clientIP(w)}`;
    else if (w.hostPortNat) s += `; no SNAT, so the Pod sees the caller's own address ${clientIP(w)}`;
  }
  if (w.cniNote) s += ` — ${w.cniNote}`;
  return s;
}

/** Why nothing in the pod answers on that port. */
export function silentPodReason(pod: PodState, port: number, protocol: string): string {
  const listening: string[] = [];
  const down: string[] = [];
  for (const c of pod.containers) {
    if (c.state === 'running') {
      for (const l of c.listening) if (l.protocol === protocol) listening.push(`${l.port} (${c.name})`);
    } else {
      down.push(`${c.name} is ${c.reason ?? c.state}${c.message ? `: ${c.message}` : ''} and serves nothing`);
    }
  }
  let s = `nothing in ${pod.name} listens on ${port}/${protocol}`;
  if (listening.length > 0) s += ` (it listens on ${listening.join(', ')})`;
  if (down.length > 0) s += `; ${down.join('; ')}`;
  return s;
}

export function refusedByPodReason(w: Walk, pod: PodState): string {
  const silent = silentPodReason(pod, w.dstPort, w.protocol);
  const nat = w.nat;
  if (nat) {
    return `connection refused: ${displayName(nat.svc)} sent it to ${pod.name} at ${nat.to} (targetPort ${nat.port.targetPort}), but ${silent}`;
  }
  if (w.hostPortNat) return `connection refused: ${w.hostPortNat}, but ${silent}`;
  return `connection refused: ${silent}`;
}
