/**
 * Checks that need the whole folder, applied in file order as `kubectl create -f DIR` would meet
 * them: one ClusterSettings, no two objects with the same name, node ports inside the range and
 * allocated once, namespaces that exist.
 */
import { pushAll } from '../util/arrays';
import type { LoadedService, LoadedSettings } from '../model/objects';
import { invalid } from './fieldErrors';
import { qualifiedResource } from './kinds';
import type { Candidate } from './objectLoader';
import { DEFAULT_NODE_PORT_RANGE, parseNodePortRange } from './settings';

/** Namespaces every kubeadm cluster starts with. */
export const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function crossCheck(candidates: Candidate[]): void {
  const settings = candidates.filter((c) => c.kind === 'ClusterSettings' && c.object);
  const first = settings[0];
  for (const extra of settings.slice(1)) {
    extra.object = undefined;
    const where = first ? `${first.src.file}:${first.object?.source.line ?? 1}` : '';
    extra.fatal = {
      message: `only one ClusterSettings object is allowed per folder; the one in ${where} is used`,
      path: ['kind'],
    };
  }
  const rangeText = (first?.object as LoadedSettings | undefined)?.spec.nodePortRange;
  const range = (rangeText && parseNodePortRange(rangeText)) || DEFAULT_NODE_PORT_RANGE;

  const names = new Set<string>();
  const allocated = new Set<number>();
  for (const c of candidates) {
    if (!c.object || c.kind === 'ClusterSettings') continue;
    const group = c.apiVersion.includes('/') ? c.apiVersion.slice(0, c.apiVersion.indexOf('/')) : '';
    const key = `${group}\u0000${c.kind}\u0000${c.meta.namespace}\u0000${c.meta.name}`;
    if (names.has(key)) {
      c.object = undefined;
      c.fatal = {
        message: `${qualifiedResource(c.kind, c.apiVersion)} ${JSON.stringify(c.meta.name)} already exists`,
        path: ['metadata', 'name'],
      };
      continue;
    }
    if (c.object.kind === 'Service') {
      const errs = nodePortErrors(c.object as LoadedService, range, allocated);
      if (errs.length) {
        c.object = undefined;
        pushAll(c.errors, errs);
        continue;
      }
    }
    names.add(key);
  }
}

/** The node-port allocator's answers for user-chosen ports (healthCheckNodePort comes from the same pool). */
function nodePortErrors(svc: LoadedService, range: { min: number; max: number }, allocated: Set<number>) {
  const errs = [];
  const mine = new Set<number>();
  const wanted: { port: number; path: (string | number)[] }[] = svc.spec.ports
    .map((p, i) => ({ port: p.nodePort ?? 0, path: ['spec', 'ports', i, 'nodePort'] }))
    .filter((w) => w.port > 0);
  if (svc.spec.healthCheckNodePort) wanted.push({ port: svc.spec.healthCheckNodePort, path: ['spec', 'healthCheckNodePort'] });
  for (const w of wanted) {
    if (w.port < range.min || w.port > range.max)
      errs.push(invalid(w.path, w.port, `provided port is not in the valid range. The range of valid ports is ${range.min}-${range.max}`));
    else if (allocated.has(w.port)) errs.push(invalid(w.path, w.port, 'provided port is already allocated'));
    mine.add(w.port);
  }
  if (errs.length === 0) for (const port of mine) allocated.add(port);
  return errs;
}

/** Namespaced objects whose namespace is neither built in nor defined in the folder. */
export function missingNamespaces(candidates: Candidate[]): Map<string, Candidate> {
  const known = new Set(BUILTIN_NAMESPACES);
  for (const c of candidates) if (c.object && c.kind === 'Namespace') known.add(c.meta.name);
  const firstUse = new Map<string, Candidate>();
  for (const c of candidates) {
    if (!c.object || !c.meta.namespace || known.has(c.meta.namespace) || firstUse.has(c.meta.namespace)) continue;
    firstUse.set(c.meta.namespace, c);
  }
  return firstUse;
}
