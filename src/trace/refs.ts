/**
 * The YAML lines behind a verdict: selector, ports, traffic policies, containerPort. Pure builders;
 * the trace keeps one copy of each per cluster (texts.ts), so refs compare by identity.
 */
import type { ContainerStatus, PodState, ServicePortState, ServiceState } from '../model/cluster';
import type { LabelledRef } from '../model/source';

type ServiceRefKey = keyof ServiceState['refs'];
export type PortField = 'port' | 'targetPort' | 'nodePort';

export function serviceRef(svc: ServiceState, k: ServiceRefKey): LabelledRef[] {
  const r = svc.refs[k];
  return r ? [r] : [];
}

/** The Service port field a verdict rests on; a field the manifest leaves out says it was defaulted or allocated. */
export function buildPortRef(svc: ServiceState, port: ServicePortState, field: PortField): LabelledRef {
  const i = svc.ports.indexOf(port);
  const value = field === 'port' ? port.port : field === 'targetPort' ? port.targetPort : port.nodePort;
  const at = port.fieldSources?.[field];
  const unwritten = field === 'nodePort' ? ' (allocated)' : field === 'targetPort' ? ' (defaults to port)' : '';
  return at
    ? { ...at, path: `spec.ports[${i}].${field}`, label: `${field}: ${value}` }
    : { ...port.source, path: `spec.ports[${i}].${field}`, label: `${field}: ${value}${port.fieldSources ? unwritten : ''}` };
}

export function buildPodRef(pod: PodState): LabelledRef {
  return { ...pod.source, label: `Pod ${pod.name}` };
}

/** The containerPort a connection reached, or the container itself when the port is not declared. */
export function buildContainerPortRef(pod: PodState, ctr: ContainerStatus, port: number): LabelledRef {
  const ci = pod.spec.containers.findIndex((c) => c.name === ctr.name);
  const spec = pod.spec.containers[ci];
  const pi = spec ? spec.ports.findIndex((p) => p.containerPort === port) : -1;
  const at = ctr.source ?? pod.source;
  return pi >= 0
    ? { ...at, path: `spec.containers[${ci}].ports[${pi}].containerPort`, label: `containerPort: ${port} (${ctr.name})` }
    : { ...at, path: `spec.containers[${Math.max(ci, 0)}]`, label: `${ctr.name} listens on ${port} (not declared as a containerPort)` };
}

/** Refs without duplicates, in first-seen order (refs are shared objects, so identity is enough). */
export function uniqueRefs(lists: (LabelledRef[] | undefined)[]): LabelledRef[] {
  const out: LabelledRef[] = [];
  for (const list of lists) {
    if (!list) continue;
    for (const r of list) if (r.file !== '' && !out.includes(r)) out.push(r);
  }
  return out;
}

/** `app=pod,tier=web`, as kubectl prints a selector. */
export function selectorText(sel: Record<string, string> | null): string {
  if (!sel) return '<none>';
  return Object.keys(sel)
    .sort()
    .map((k) => `${k}=${sel[k]}`)
    .join(',');
}
