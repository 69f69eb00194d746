/**
 * What a document's aliases would make of it, measured on its YAML nodes before they become data:
 * - an alias inside the node it names (`metadata: &a {name: *a}`) would become a circular object that
 *   every later walk follows until the stack runs out; go-yaml refuses it: "anchor 'a' value contains itself";
 * - the bytes aliases expand to, for the whole file (a 100 KB value aliased 5,000 times is 500 MB of
 *   output from a 600 KB file), and how many aliases there are (resolving each walks the document);
 * - how deep the data nests once aliases are expanded (an alias of a deep node, inside a deep node).
 * One pass without recursion: every node is measured once, an alias reuses its anchor's measure.
 */
import { isAlias, isCollection, isPair, isScalar, type Document, type Node } from 'yaml';
import { formatBytes, MAX_ALIAS_EXPANSION_BYTES, MAX_ALIASES_PER_FILE, MAX_YAML_DEPTH } from './budgets';

/** What one file's aliases have used so far. */
export interface AliasUse {
  bytes: number;
  count: number;
}

export interface AliasProblem {
  /** Offset of the alias at fault. */
  offset: number;
  /** The words after `yaml: `. */
  message: string;
}

interface Measure {
  bytes: number;
  depth: number;
}

interface Frame {
  node: unknown;
  children: unknown[];
  next: number;
  /** Collections add a level; a map's key/value pair does not. */
  level: 0 | 1;
  bytes: number;
  depth: number;
}

/**
 * Checks one document against the file's alias budget, adding what it uses to `use` unless it is
 * refused (a refused document is not loaded, so it costs the file's other documents nothing).
 */
export function checkAliases(doc: Document.Parsed, text: string, use: AliasUse): AliasProblem | undefined {
  const [start, , end] = doc.range;
  if (!text.slice(start, end).includes('*')) return undefined; // no alias can be written without one
  const before = { ...use };
  const problem = walk(doc.contents, use);
  if (problem) Object.assign(use, before);
  return problem;
}

function walk(root: unknown, use: AliasUse): AliasProblem | undefined {
  const anchors = new Map<string, unknown>();
  const measured = new Map<unknown, Measure>();
  const open = new Set<unknown>();
  const stack: Frame[] = [];
  let levels = 0;

  const finish = (node: unknown, m: Measure): void => {
    if (hasAnchor(node)) {
      measured.set(node, m);
      open.delete(node);
    }
    const parent = stack[stack.length - 1];
    if (!parent) return;
    parent.bytes += m.bytes;
    if (m.depth > parent.depth) parent.depth = m.depth;
  };

  const enter = (node: unknown): AliasProblem | undefined => {
    if (hasAnchor(node)) {
      anchors.set(node.anchor, node);
      open.add(node);
    }
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const offset = node.range?.[0] ?? 0;
      if (target === undefined) {
        finish(node, { bytes: 1, depth: 0 }); // an unknown anchor: converting the document reports it
        return undefined;
      }
      if (open.has(target)) return { offset, message: `anchor '${node.source}' value contains itself` };
      const m = measured.get(target) ?? { bytes: 1, depth: 0 };
      use.count += 1;
      use.bytes += m.bytes;
      if (use.count > MAX_ALIASES_PER_FILE)
        return {
          offset,
          message: `document contains excessive aliasing: more than ${MAX_ALIASES_PER_FILE} aliases in one file (the simulator's limit)`,
        };
      if (use.bytes > MAX_ALIAS_EXPANSION_BYTES)
        return {
          offset,
          message: `document contains excessive aliasing: the file's aliases expand to more than ${formatBytes(MAX_ALIAS_EXPANSION_BYTES)} (the simulator's limit)`,
        };
      if (levels + m.depth > MAX_YAML_DEPTH) return { offset, message: `exceeded max depth of ${MAX_YAML_DEPTH} (the simulator's limit)` };
      finish(node, m);
      return undefined;
    }
    if (isCollection(node)) {
      stack.push({ node, children: node.items, next: 0, level: 1, bytes: 2, depth: 0 });
      levels += 1;
    } else if (isPair(node)) {
      stack.push({ node, children: [node.key, node.value], next: 0, level: 0, bytes: 1, depth: 0 });
    } else {
      const range = isScalar(node) ? node.range : undefined;
      finish(node, { bytes: range ? range[1] - range[0] + 1 : 1, depth: 0 });
    }
    return undefined;
  };

  const problem = enter(root);
  if (problem) return problem;
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    if (top.next < top.children.length) {
      const p = enter(top.children[top.next++]);
      if (p) return p;
      continue;
    }
    stack.pop();
    levels -= top.level;
    finish(top.node, { bytes: top.bytes, depth: top.depth + top.level });
  }
  return undefined;
}

function hasAnchor(node: unknown): node is Node & { anchor: string } {
  return (
    typeof node === 'object' && node !== null && typeof (node as { anchor?: unknown }).anchor === 'string' && (node as Node).anchor !== ''
  );
}
