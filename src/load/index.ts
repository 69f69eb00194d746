/**
 * loadManifests: a folder's files → the objects the API server would accept, with defaults applied,
 * and diagnostics in its words that point at the offending line. Pure: no fs, no clock.
 */
import type { Diagnostic } from '../model/source';
import type { LoadedObject, LoadResult } from '../model/objects';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { MAX_DIAGNOSTICS_PER_OBJECT, MAX_OBJECTS_PER_FOLDER } from './budgets';
import { crossCheck, missingNamespaces } from './crossChecks';
import { isObj } from './decode';
import { formatFieldError } from './fieldErrors';
import { formatPath } from './fieldPath';
import { locatePath, nodeStart, positionOf, type SourceNode } from './locate';
import { loadObject, type Candidate } from './objectLoader';
import type { RawFile } from './types';
import { parseFile } from './yamlDocs';

export type { RawFile, RawFolder } from './types';

export function loadManifests(files: RawFile[]): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const candidates: Candidate[] = [];
  const budget: ObjectBudget = { objects: 0, full: false };
  for (const file of files) {
    if (file.text.includes('\u0000')) {
      diagnostics.push({
        severity: 'warning',
        file: file.path,
        line: 1,
        column: 1,
        message: 'skipped: binary file (it contains NUL characters), not a text manifest',
      });
      continue;
    }
    for (const doc of parseFile(file, diagnostics)) collect(doc.value, doc, { out: candidates, diagnostics }, budget);
    if (budget.full) break; // the files after it would not be loaded either
  }

  crossCheck(candidates);
  // Diagnostics are ordered by where their object starts, so one object's keep the API server's order.
  const sorted: { d: Diagnostic; line: number; column: number }[] = diagnostics.map((d) => ({ d, line: d.line, column: d.column }));
  const objects: LoadedObject[] = [];
  for (const c of candidates) {
    const at = positionOf(c.src, nodeStart(c.src.node) ?? 0);
    for (const d of candidateDiagnostics(c)) sorted.push({ d, line: at.line, column: at.column });
    if (c.object) objects.push(c.object);
  }
  for (const [namespace, c] of missingNamespaces(candidates)) {
    const d: Diagnostic = {
      severity: 'warning',
      ...locatePath(c.src, ['metadata', 'namespace']),
      path: 'metadata.namespace',
      message: `namespaces ${JSON.stringify(namespace)} not found (no Namespace object in the folder; the simulator creates it)`,
      ...identity(c),
    };
    sorted.push({ d, line: d.line, column: d.column });
  }

  const order = new Map(files.map((f, i) => [f.path, i]));
  sorted.sort((a, b) => (order.get(a.d.file) ?? -1) - (order.get(b.d.file) ?? -1) || a.line - b.line || a.column - b.column);
  return { objects, diagnostics: sorted.map((s) => s.d), files: files.map((f) => f.path) };
}

interface ObjectBudget {
  /** Documents and `kind: List` items met so far in the folder. */
  objects: number;
  full: boolean;
}

interface Collected {
  out: Candidate[];
  diagnostics: Diagnostic[];
}

/** One document (or `kind: List` item): a Kubernetes object, a list of them, or something else. */
function collect(value: unknown, src: SourceNode, to: Collected, budget: ObjectBudget): void {
  const apiVersion = isObj(value) && typeof value.apiVersion === 'string' && value.apiVersion ? value.apiVersion : undefined;
  const kind = isObj(value) && typeof value.kind === 'string' && value.kind ? value.kind : undefined;
  const isList = !!kind && (kind === 'List' || kind.endsWith('List')) && isObj(value) && Array.isArray(value.items);
  if (!isList && !withinBudget(src, to, budget)) return;
  if (!isObj(value) || !apiVersion || !kind) {
    const missing = [!apiVersion && 'apiVersion not set', !kind && 'kind not set'].filter(Boolean).join(', ');
    to.diagnostics.push({
      severity: 'warning',
      ...positionOf(src, nodeStart(src.node) ?? 0),
      message: `skipped: not a Kubernetes object: [${missing}]`,
    });
    return;
  }
  if (isList) {
    const itemsNode = childNode(src.node, 'items');
    (value.items as unknown[]).forEach((item, i) => {
      const node = isSeq(itemsNode) ? (itemsNode.items[i] as Node | undefined) : undefined;
      collect(item, { ...src, node: node ?? src.node }, to, budget);
    });
    return;
  }
  try {
    to.out.push(loadObject(value, apiVersion, kind, src));
  } catch (err) {
    // A bug must cost this object only, never the folder: the tests look for this message.
    to.diagnostics.push({
      severity: 'error',
      ...positionOf(src, nodeStart(src.node) ?? 0),
      message: `the simulator could not load this object: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
}

/** Counts one object against the folder's budget; past it, one error says so and nothing more loads. */
function withinBudget(src: SourceNode, to: Collected, budget: ObjectBudget): boolean {
  if (budget.full) return false;
  if (++budget.objects <= MAX_OBJECTS_PER_FOLDER) return true;
  budget.full = true;
  to.diagnostics.push({
    severity: 'error',
    ...positionOf(src, nodeStart(src.node) ?? 0),
    message: `skipped: more than ${MAX_OBJECTS_PER_FOLDER} objects in the folder (the simulator's limit): this object and the ones after it were not loaded`,
  });
  return false;
}

function childNode(node: Node, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
  return (pair?.value ?? undefined) as Node | undefined;
}

function identity(c: Candidate): Pick<Diagnostic, 'kind' | 'name' | 'namespace'> {
  return { kind: c.kind, name: c.meta.name, namespace: c.meta.namespace };
}

/**
 * The object's diagnostics in the API server's order (decoder failure, field errors, warnings), at
 * most MAX_DIAGNOSTICS_PER_OBJECT of them (errors first), then one line counting the rest. Only those
 * listed are located in the source: a broken list of 100,000 ports costs 50 lookups, not 100,000.
 */
function candidateDiagnostics(c: Candidate): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (c.fatal) {
    const path = c.fatal.path ? formatPath(c.fatal.path) : undefined;
    out.push({
      severity: 'error',
      ...locatePath(c.src, c.fatal.path ?? []),
      ...(path ? { path } : {}),
      message: c.fatal.message,
      ...identity(c),
    });
  }
  const room = MAX_DIAGNOSTICS_PER_OBJECT - out.length;
  const errors = c.errors.slice(0, room);
  const warnings = c.warnings.slice(0, room - errors.length);
  for (const e of errors)
    out.push({
      severity: 'error',
      ...locatePath(c.src, e.at ?? e.path),
      path: formatPath(e.path),
      message: formatFieldError(e),
      ...identity(c),
    });
  for (const w of warnings)
    out.push({
      severity: 'warning',
      ...locatePath(c.src, w.at ?? w.path),
      path: formatPath(w.path),
      message: w.message,
      ...identity(c),
    });
  const unlisted = c.errors.length - errors.length + (c.warnings.length - warnings.length);
  const last = out[out.length - 1];
  if (unlisted > 0 && last)
    out.push({
      severity: c.errors.length > errors.length ? 'error' : 'warning',
      file: last.file,
      line: last.line,
      column: last.column,
      message: `${unlisted} more ${unlisted === 1 ? 'problem' : 'problems'} with this object not listed (the simulator lists ${MAX_DIAGNOSTICS_PER_OBJECT} per object)`,
      ...identity(c),
    });
  return out;
}
