/**
 * Maps an API field path to where it is written in the YAML source. Computed on demand from the
 * retained YAML node (no per-field position map is built), falling back to the nearest ancestor
 * that exists — a defaulted `targetPort` points at its port entry, a missing `containers` at `spec:`.
 */
import { isAlias, isMap, isScalar, isSeq, visit, type Alias, type Document, type LineCounter, type Node } from 'yaml';
import type { Locator } from '../model/objects';
import type { SourceRef } from '../model/source';
import { parsePath, type FieldPath } from './fieldPath';

export interface SourceNode {
  file: string;
  doc: Document.Parsed;
  lc: LineCounter;
  /** The object's own node (a document's contents, or an item of a `kind: List`). */
  node: Node;
}

export function positionOf(src: SourceNode, offset: number): SourceRef {
  const { line, col } = src.lc.linePos(offset);
  return { file: src.file, line, column: col };
}

export function nodeStart(node: Node | null | undefined): number | undefined {
  return node?.range ? node.range[0] : undefined;
}

/** Byte offset of the deepest existing node along `path`. */
export function locateOffset(src: SourceNode, path: FieldPath): number {
  let node: unknown = src.node;
  let offset = nodeStart(src.node) ?? 0;
  for (const seg of path) {
    if (isAlias(node)) node = resolveAlias(src.doc, node);
    if (isMap(node) && typeof seg !== 'number') {
      const key = typeof seg === 'string' ? seg : seg.key;
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (!pair) break;
      let value: unknown = pair.value;
      if (isAlias(value)) value = resolveAlias(src.doc, value);
      const keyOffset = nodeStart(pair.key as Node) ?? offset;
      // A scalar value is what is wrong; a collection is better shown by its key line.
      const scalarOffset = isScalar(value) && value.value !== null ? nodeStart(value) : undefined;
      offset = scalarOffset ?? keyOffset;
      node = value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      const start = nodeStart(item as Node | undefined);
      if (item === undefined || start === undefined) break;
      offset = start;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

/** Each document's aliases, resolved in one walk the first time one is needed. */
const resolved = new WeakMap<Document.Parsed, Map<Alias, Node>>();

/**
 * What `alias.resolve(doc)` returns (the last node with that anchor before the alias), without its
 * walk over the whole document on every call: a Pod template's 250 containers behind one alias
 * are located 250 times.
 */
function resolveAlias(doc: Document.Parsed, alias: Alias): Node | undefined {
  let targets = resolved.get(doc);
  if (!targets) {
    const anchors = new Map<string, Node>();
    const found = new Map<Alias, Node>();
    visit(doc, {
      Node(_key, node) {
        if (isAlias(node)) {
          const target = anchors.get(node.source);
          if (target) found.set(node, target);
        } else if (node.anchor) anchors.set(node.anchor, node);
      },
    });
    resolved.set(doc, (targets = found));
  }
  return targets.get(alias);
}

export function makeLocator(src: SourceNode): Locator {
  return (path: string) => positionOf(src, locateOffset(src, parsePath(path)));
}

export function locatePath(src: SourceNode, path: FieldPath): SourceRef {
  return positionOf(src, locateOffset(src, path));
}
