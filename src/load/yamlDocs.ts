/**
 * Splits a file into its documents and turns each into plain data, the way kubectl's YAML → JSON
 * step does. YAML 1.1 scalars (yes/no/on/off, 0777, 0x1F) as go-yaml v2 reads them; JSON files are
 * read as plain JSON-compatible YAML. A document with a syntax error is reported and skipped while the
 * file's other documents still load. Budgets (./budgets) bound what a document can cost: its depth
 * and the file's document count while it is parsed (./yamlStream), its aliases before it becomes
 * data (./aliasBudget).
 */
import { LineCounter, type Tags, type YAMLError } from 'yaml';
import type { Diagnostic } from '../model/source';
import type { RawFile } from './types';
import { checkAliases, type AliasUse } from './aliasBudget';
import { MAX_YAML_DEPTH } from './budgets';
import { positionOf, type SourceNode } from './locate';
import { composeDocuments, type ComposedDoc } from './yamlStream';

/** The yaml package's own alias check, kept behind ours (it counts aliases times their nested aliases). */
export const MAX_ALIAS_COUNT = 10_000;

export interface ParsedDoc extends SourceNode {
  /** The document as plain data (null for an empty document). */
  value: unknown;
}

/** Tags go-yaml v2 does not resolve implicitly (sexagesimal ints, timestamps) or that have no JSON form. */
const DROPPED_TAGS = new Set([
  'tag:yaml.org,2002:timestamp',
  'tag:yaml.org,2002:binary',
  'tag:yaml.org,2002:set',
  'tag:yaml.org,2002:omap',
  'tag:yaml.org,2002:pairs',
]);

const DROPPED_TAG_NAMES = new Set(['timestamp', 'binary', 'set', 'omap', 'pairs', 'intTime', 'floatTime']);

function kubernetesTags(tags: Tags): Tags {
  return tags.filter((t) =>
    typeof t === 'string' ? !DROPPED_TAG_NAMES.has(t) : !(DROPPED_TAGS.has(t.tag) || ('format' in t && t.format === 'TIME')),
  );
}

export function parseFile(file: RawFile, diagnostics: Diagnostic[]): ParsedDoc[] {
  const lc = new LineCounter();
  const isJson = /\.json$/i.test(file.path);
  let composed: ComposedDoc[];
  try {
    const stream = composeDocuments(
      file.text,
      {
        prettyErrors: false,
        uniqueKeys: true,
        ...(isJson ? { version: '1.2' as const, schema: 'core' } : { version: '1.1' as const, customTags: kubernetesTags }),
      },
      lc,
    );
    composed = stream.docs;
    for (const p of stream.problems)
      diagnostics.push({
        severity: 'error',
        file: file.path,
        line: p.line,
        column: p.column,
        message: `error converting YAML to JSON: yaml: line ${p.line}: ${p.message}`,
      });
  } catch (err) {
    diagnostics.push({
      severity: 'error',
      file: file.path,
      line: 1,
      column: 1,
      message: `error converting YAML to JSON: yaml: ${err instanceof RangeError ? `exceeded max depth of ${MAX_YAML_DEPTH}` : String(err)}`,
    });
    return [];
  }

  const out: ParsedDoc[] = [];
  const aliases: AliasUse = { bytes: 0, count: 0 };
  for (const { doc, lc: lines, text } of composed) {
    const src = { file: file.path, doc, lc: lines, node: doc.contents as NonNullable<typeof doc.contents> };
    if (doc.errors.length > 0) {
      diagnostics.push(syntaxDiagnostic(file.path, text, lines, doc.errors[0] as YAMLError));
      continue;
    }
    if (doc.contents === null) continue; // empty document: nothing to load, nothing to report
    const aliasProblem = checkAliases(doc, text, aliases);
    if (aliasProblem) {
      diagnostics.push({
        severity: 'error',
        ...positionOf(src, aliasProblem.offset),
        message: `error converting YAML to JSON: yaml: ${aliasProblem.message}`,
      });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      const start = doc.range?.[0] ?? 0;
      const text = String((err as Error)?.message ?? err);
      const reason = /call stack/i.test(text)
        ? `exceeded max depth of ${MAX_YAML_DEPTH}`
        : /excessive alias/i.test(text)
          ? 'document contains excessive aliasing'
          : text;
      diagnostics.push({
        severity: 'error',
        ...positionOf(src, start),
        message: `error converting YAML to JSON: yaml: ${reason}`,
      });
      continue;
    }
    if (value === null || value === undefined) continue; // `---` with nothing after it
    out.push({ ...src, value });
  }
  return out;
}

function syntaxDiagnostic(path: string, text: string, lc: LineCounter, err: YAMLError): Diagnostic {
  const offset = err.pos?.[0] ?? 0;
  const { line, col } = lc.linePos(offset);
  let firstLine =
    String(err.message)
      .split('\n')[0]
      ?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
  if (/call stack/i.test(firstLine)) firstLine = `exceeded max depth of ${MAX_YAML_DEPTH}`;
  let message = `error converting YAML to JSON: yaml: line ${line}: ${firstLine}`;
  if (err.code === 'DUPLICATE_KEY') {
    const key = keyText(text, err.pos);
    message = `error converting YAML to JSON: yaml: unmarshal errors: line ${line}: key ${JSON.stringify(key)} already set in map`;
  }
  return { severity: 'error', file: path, line, column: col, message };
}

/** The duplicated key as written: from the error position to the key's colon. */
function keyText(text: string, pos: [number, number] | undefined): string {
  if (!pos) return '';
  const eol = text.indexOf('\n', pos[0]);
  const line = text.slice(pos[0], eol < 0 ? text.length : eol);
  const raw = /^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^:]*)/.exec(line)?.[1]?.trim() ?? '';
  return raw.replace(/^["']|["']$/g, '');
}
