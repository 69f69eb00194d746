/** The YAML lines behind a verdict: selector, ports, traffic policies, containerPort. */
import type { ContainerStatus, PodState, ServicePortState, ServiceState } from '../model/cluster';
import type { LabelledRef } from '../model/source';

type ServiceRefKey = keyof ServiceState['refs'];

export function serviceRef(svc: ServiceState, k: ServiceRefKey): LabelledRef[] {
  const r = svc.refs[k];
  return r ? [r] : [];
}

/** Refs are cached per YAML object, so a trace reuses them instead of rebuilding them per request. */
const portRefs = new WeakMap<ServicePortState, Partial<Record<'port' | 'targetPort' | 'nodePort', LabelledRef>>>();

export function portRef(svc: ServiceState, port: ServicePortState, field: 'port' | 'targetPort' | 'nodePort'): LabelledRef {
  let cached = portRefs.get(port);
  if (!cached) {
    cached = {};
    portRefs.set(port, cached);
  }
  let r = cached[field];
  if (!r) {
    const i = svc.ports.indexOf(port);
    const value = field === 'port' ? port.port : field === 'targetPort' ? port.targetPort : port.nodePort;
    const at = port.fieldSources?.[field];
    // A field the manifest leaves out was defaulted (targetPort = port) or allocated (nodePort): say so.
    const unwritten = field === 'nodePort' ? ' (allocated)' : field === 'targetPort' ? ' (defaults to port)' : '';
    r = at
      ? { ...at, path: `spec.ports[${i}].${field}`, label: `${field}: ${value}` }
      : { ...port.source, path: `spec.ports[${i}].${field}`, label: `${field}: ${value}${port.fieldSources ? unwritten : ''}` };
    cached[field] = r;
  }
  return r;
}

const podRefs = new WeakMap<PodState, LabelledRef>();

export function podRef(pod: PodState): LabelledRef {
  let r = podRefs.get(pod);
  if (!r) {
    r = { ...pod.source, label: `Pod ${pod.name}` };
    podRefs.set(pod, r);
  }
  return r;
}

const containerRefs = new WeakMap<ContainerStatus, Map<number, LabelledRef>>();

/** The containerPort a connection reached, or the container itself when the port is not declared. */
export function containerPortRef(pod: PodState, ctr: ContainerStatus, port: number): LabelledRef {
  let m = containerRefs.get(ctr);
  if (!m) {
    m = new Map();
    containerRefs.set(ctr, m);
  }
  let r = m.get(port);
  if (!r) {
    const ci = pod.spec.containers.findIndex((c) => c.name === ctr.name);
    const spec = pod.spec.containers[ci];
    const pi = spec ? spec.ports.findIndex((p) => p.containerPort === port) : -1;
    const at = ctr.source ?? pod.source;
    r =
      pi >= 0
        ? { ...at, path: `spec.containers[${ci}].ports[${pi}].containerPort`, label: `containerPort: ${port} (${ctr.name})` }
        : { ...at, path: `spec.containers[${Math.max(ci, 0)}]`, label: `${ctr.name} listens on ${port} (not declared as a containerPort)` };
    m.set(port, r);
  }
  return r;
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
