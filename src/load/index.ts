/**
 * loadManifests: a folder's files → the objects the API server would accept, with defaults applied,
 * and diagnostics in its words that point at the offending line. Pure: no fs, no clock.
 */
import type { Diagnostic } from '../model/source';
import type { LoadedObject, LoadResult } from '../model/objects';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
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
    for (const doc of parseFile(file, diagnostics)) collect(doc.value, doc, candidates, diagnostics);
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

/** One document (or `kind: List` item): a Kubernetes object, a list of them, or something else. */
function collect(value: unknown, src: SourceNode, out: Candidate[], diagnostics: Diagnostic[]): void {
  const apiVersion = isObj(value) && typeof value.apiVersion === 'string' && value.apiVersion ? value.apiVersion : undefined;
  const kind = isObj(value) && typeof value.kind === 'string' && value.kind ? value.kind : undefined;
  if (!isObj(value) || !apiVersion || !kind) {
    const missing = [!apiVersion && 'apiVersion not set', !kind && 'kind not set'].filter(Boolean).join(', ');
    diagnostics.push({
      severity: 'warning',
      ...positionOf(src, nodeStart(src.node) ?? 0),
      message: `skipped: not a Kubernetes object: [${missing}]`,
    });
    return;
  }
  if ((kind === 'List' || kind.endsWith('List')) && Array.isArray(value.items)) {
    const itemsNode = childNode(src.node, 'items');
    value.items.forEach((item, i) => {
      const node = isSeq(itemsNode) ? (itemsNode.items[i] as Node | undefined) : undefined;
      collect(item, { ...src, node: node ?? src.node }, out, diagnostics);
    });
    return;
  }
  out.push(loadObject(value, apiVersion, kind, src));
}

function childNode(node: Node, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
  return (pair?.value ?? undefined) as Node | undefined;
}

function identity(c: Candidate): Pick<Diagnostic, 'kind' | 'name' | 'namespace'> {
  return { kind: c.kind, name: c.meta.name, namespace: c.meta.namespace };
}

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
  for (const e of c.errors)
    out.push({
      severity: 'error',
      ...locatePath(c.src, e.at ?? e.path),
      path: formatPath(e.path),
      message: formatFieldError(e),
      ...identity(c),
    });
  for (const w of c.warnings)
    out.push({
      severity: 'warning',
      ...locatePath(c.src, w.at ?? w.path),
      path: formatPath(w.path),
      message: w.message,
      ...identity(c),
    });
  return out;
}
