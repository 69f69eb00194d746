/**
 * An expectations file (`kube-traffic test`) read into entries: a YAML list of `{ from, to, expect }`
 * (each with an optional `name`), at the top level or under `expectations:`. Every entry keeps where it
 * is written, so a mistake is reported as FILE:LINE:COL, as a manifest's is. The file is strict: an
 * unknown field (`expected:`) is an error, since a check that silently tests nothing is worse than none.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLSeq } from 'yaml';
import { isTraceOutcome, TRACE_OUTCOMES, type TraceOutcome } from './outcomes';

export interface Position {
  /** 1-based. */
  line: number;
  column: number;
}

export interface Expectation {
  /** 1-based place in the file's list. */
  index: number;
  name?: string;
  /** As `trace --from` takes it. */
  from: string;
  /** As `trace --to` takes it. */
  to: string;
  expect: TraceOutcome;
  at: Position;
  fromAt: Position;
  toAt: Position;
}

export interface ExpectationProblem extends Position {
  message: string;
}

/** The entries that read well, and a problem for each mistake (the file is usable only without any). */
export interface ParsedExpectations {
  expectations: Expectation[];
  problems: ExpectationProblem[];
}

const FIELDS = ['name', 'from', 'to', 'expect'] as const;
type Field = (typeof FIELDS)[number];
const SHAPE = 'expected a list of { from, to, expect } entries, at the top level or under "expectations:"';

class Reader {
  readonly problems: ExpectationProblem[] = [];
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lc: LineCounter,
  ) {}

  at(node: Node | null | undefined): Position {
    const { line, col } = this.lc.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  }

  problem(node: Node | null | undefined, message: string): void {
    this.problems.push({ ...this.at(node), message });
  }

  /** Aliases (`*web`) read as what they point at. */
  resolve(node: unknown): Node | null {
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return (node as Node | null) ?? null;
  }

  /** The list of entries, or null (with a problem) when the document is not one. */
  list(): YAMLSeq | null {
    const root = this.resolve(this.doc.contents);
    if (isSeq(root)) return root;
    if (isMap(root)) {
      let list: YAMLSeq | null = null;
      for (const pair of root.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = this.resolve(pair.value);
        if (key !== 'expectations') this.problem(pair.key as Node, `unknown field ${JSON.stringify(key)}: ${SHAPE}`);
        else if (!isSeq(value)) this.problem(value ?? (pair.key as Node), `"expectations" must be a list: ${SHAPE}`);
        else list = value;
      }
      if (list === null && this.problems.length === 0) this.problem(root, `no "expectations": ${SHAPE}`);
      return list;
    }
    this.problem(root, `no expectations: ${SHAPE}`);
    return null;
  }

  entry(node: Node, index: number): Expectation | null {
    const map = this.resolve(node);
    if (!isMap(map)) {
      this.problem(map ?? node, `expectation ${index}: expected a mapping with from, to and expect`);
      return null;
    }
    const values: Partial<Record<Field, string>> = {};
    const where: Partial<Record<Field, Node>> = {};
    const seen = new Set<string>();
    const count = this.problems.length;
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = this.resolve(pair.value);
      seen.add(key);
      if (!(FIELDS as readonly string[]).includes(key)) {
        this.problem(pair.key as Node, `expectation ${index}: unknown field ${JSON.stringify(key)} (fields: ${FIELDS.join(', ')})`);
        continue;
      }
      const text = isScalar(value) && value.value !== null ? String(value.value).trim() : '';
      if (text === '') {
        // `from:` with nothing after it: point at the key, the value has no place of its own.
        const blank = value === null || (isScalar(value) && value.value === null);
        this.problem(blank ? (pair.key as Node) : value, `expectation ${index}: "${key}" must be a non-empty string`);
        continue;
      }
      values[key as Field] = text;
      // Where it is written: an alias (`*web`) is reported where it is used, not where its anchor is.
      where[key as Field] = pair.value as Node;
    }
    for (const field of ['from', 'to', 'expect'] as const) {
      if (!seen.has(field)) this.problem(map, `expectation ${index}: missing "${field}"`);
    }
    const { from, to, expect } = values;
    if (expect !== undefined && !isTraceOutcome(expect)) {
      this.problem(
        where.expect,
        `expectation ${index}: unknown expect value ${JSON.stringify(expect)}: expected one of ${TRACE_OUTCOMES.join(', ')}`,
      );
    }
    if (this.problems.length > count || from === undefined || to === undefined || expect === undefined || !isTraceOutcome(expect)) {
      return null;
    }
    return {
      index,
      ...(values.name !== undefined ? { name: values.name } : {}),
      from,
      to,
      expect,
      at: this.at(map),
      fromAt: this.at(where.from),
      toAt: this.at(where.to),
    };
  }
}

/** The first YAML error's text without yaml's own "at line N, column M" (the position is reported apart). */
function yamlMessage(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}

export function parseExpectations(text: string): ParsedExpectations {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const { line, col } = lc.linePos(err.pos?.[0] ?? 0);
    return { expectations: [], problems: [{ line, column: col, message: `invalid YAML: ${yamlMessage(err.message)}` }] };
  }
  const reader = new Reader(doc, lc);
  const list = reader.list();
  const expectations: Expectation[] = [];
  if (list !== null && list.items.length === 0) reader.problem(list, `no expectations: ${SHAPE}`);
  list?.items.forEach((node, i) => {
    const e = reader.entry(node as Node, i + 1);
    if (e) expectations.push(e);
  });
  return { expectations, problems: reader.problems };
}
