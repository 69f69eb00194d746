/**
 * Checks that need the whole folder, applied in file order as `kubectl apply -f DIR` would meet
 * them: one ClusterSettings, one object per name (a later definition replaces an earlier one, with
 * a warning), node ports inside the range and allocated once, namespaces that exist.
 */
import { pushAll } from '../util/arrays';
import type { LoadedService, LoadedSettings } from '../model/objects';
import { invalid } from './fieldErrors';
import { nodeStart, positionOf } from './locate';
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

  replaceRedefined(candidates);
  const allocated = new Set<number>();
  for (const c of candidates) {
    if (!c.object || c.object.kind !== 'Service') continue;
    const errs = nodePortErrors(c.object as LoadedService, range, allocated);
    if (errs.length) {
      c.object = undefined;
      pushAll(c.errors, errs);
    }
  }
}

/**
 * `kubectl apply -f DIR` walks the folder as filepath.Walk does (each directory's entries in lexical
 * order, a subdirectory's files where its name falls) and applies every document in turn: a second
 * definition of the same object configures it again, so the last one met is what the cluster holds.
 */
function replaceRedefined(candidates: Candidate[]): void {
  const order = new Map<Candidate, number>(candidates.map((c, i) => [c, i]));
  const applied = candidates
    .filter((c) => c.object && c.kind !== 'ClusterSettings')
    .sort((a, b) => walkOrder(a.src.file, b.src.file) || (order.get(a) as number) - (order.get(b) as number));
  const last = new Map<string, Candidate>();
  for (const c of applied) {
    const key = identityKey(c);
    const earlier = last.get(key);
    last.set(key, c);
    if (!earlier) continue;
    earlier.object = undefined;
    const what = `${qualifiedResource(c.kind, c.apiVersion)} ${JSON.stringify(c.meta.name)}`;
    const ns = c.meta.namespace ? ` in namespace ${JSON.stringify(c.meta.namespace)}` : '';
    earlier.warnings.push({
      path: ['metadata', 'name'],
      message: `${what}${ns} is defined again at ${place(c)}: kubectl apply -f applies both in turn, so the later definition replaces this one (${place(earlier)})`,
    });
  }
}

function identityKey(c: Candidate): string {
  const group = c.apiVersion.includes('/') ? c.apiVersion.slice(0, c.apiVersion.indexOf('/')) : '';
  return `${group}\u0000${c.kind}\u0000${c.meta.namespace}\u0000${c.meta.name}`;
}

function place(c: Candidate): string {
  return `${c.src.file}:${c.object?.source.line ?? positionOf(c.src, nodeStart(c.src.node) ?? 0).line}`;
}

/** filepath.Walk's order of two paths: directory by directory, each level's names compared as strings. */
export function walkOrder(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
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
