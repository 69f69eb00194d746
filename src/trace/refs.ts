/** The YAML lines behind a verdict: selector, ports, traffic policies, containerPort. */
import type { ContainerStatus, PodState, ServicePortState, ServiceState } from '../model/cluster';
import type { LabelledRef } from '../model/source';

type ServiceRefKey = keyof ServiceState['refs'];

export function serviceRef(svc: ServiceState, k: ServiceRefKey): LabelledRef[] {
  const r = svc.refs[k];
  return r ? [r] : [];
}

export function portRef(svc: ServiceState, port: ServicePortState, field: 'port' | 'targetPort' | 'nodePort'): LabelledRef {
  const i = svc.ports.indexOf(port);
  const value = field === 'port' ? port.port : field === 'targetPort' ? port.targetPort : port.nodePort;
  return { ...port.source, path: `spec.ports[${i}].${field}`, label: `${field}: ${value}` };
}

export function podRef(pod: PodState): LabelledRef {
  return { ...pod.source, label: `Pod ${pod.name}` };
}

/** The containerPort a connection reached, or the container itself when the port is not declared. */
export function containerPortRef(pod: PodState, ctr: ContainerStatus, port: number): LabelledRef {
  const ci = pod.spec.containers.findIndex((c) => c.name === ctr.name);
  const spec = pod.spec.containers[ci];
  const pi = spec ? spec.ports.findIndex((p) => p.containerPort === port) : -1;
  const at = ctr.source ?? pod.source;
  if (pi >= 0) return { ...at, path: `spec.containers[${ci}].ports[${pi}].containerPort`, label: `containerPort: ${port} (${ctr.name})` };
  return { ...at, path: `spec.containers[${Math.max(ci, 0)}]`, label: `${ctr.name} listens on ${port} (not declared as a containerPort)` };
}

/** Refs without duplicates (same file, line and path), in first-seen order. */
export function uniqueRefs(lists: (LabelledRef[] | undefined)[]): LabelledRef[] {
  const seen = new Set<string>();
  const out: LabelledRef[] = [];
  for (const list of lists) {
    if (!list) continue;
    for (const r of list) {
      const k = `${r.file}:${r.line}:${r.column}:${r.path ?? ''}:${r.label}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(r);
    }
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
