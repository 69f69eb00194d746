/**
 * A file's text → its composed YAML documents, as `parseAllDocuments` makes them, but with the parser
 * driven one token at a time so that budgets stop it before it is too late: the parser keeps open
 * collections on an explicit stack (no recursion), while the composer after it recurses once per
 * level, so a document nested deeper than MAX_YAML_DEPTH is cut off before the composer sees it (and
 * 9 MB of `[` never becomes 4 GB of tokens). Reading resumes at the next `---` line: the file's other
 * documents are no worse for it. The file stops after MAX_DOCUMENTS_PER_FILE documents.
 */
import {
  Composer,
  Lexer,
  LineCounter,
  Parser,
  type CST,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
import { MAX_DOCUMENTS_PER_FILE, MAX_YAML_DEPTH } from './budgets';

export interface ComposedDoc {
  doc: Document.Parsed;
  /** Line positions for the document's offsets. */
  lc: LineCounter;
  /** The text its offsets index (the whole file, or the part read after a too-deep document). */
  text: string;
}

/** A budget that stopped reading: where, and the words after `yaml: `. */
export interface StreamProblem {
  line: number;
  column: number;
  message: string;
}

export interface ComposedFile {
  docs: ComposedDoc[];
  problems: StreamProblem[];
}

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** A document marker at the start of a line: where the next document begins. */
const DOCUMENT_MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;

export function composeDocuments(text: string, options: Options, lc: LineCounter): ComposedFile {
  const docs: ComposedDoc[] = [];
  const problems: StreamProblem[] = [];
  let documents = 0;
  let allLines: LineCounter | undefined;
  let base = 0;
  for (;;) {
    // The first pass fills the caller's line counter as it goes, as parseAllDocuments would.
    const chunk = base === 0 ? text : text.slice(base);
    const lines = base === 0 ? lc : shiftedLines((allLines ??= countLines(text)), base);
    const parser = new Parser(base === 0 ? lc.addNewLine : undefined);
    if (base === 0) lc.addNewLine(0);
    const composer = quietComposer(options);
    let stop: 'depth' | 'documents' | undefined;
    let stopAt = 0;
    const take = (tokens: Iterable<CST.Token>): void => {
      for (const token of tokens) {
        if (token.type === 'document' && ++documents > MAX_DOCUMENTS_PER_FILE) {
          stop = 'documents';
          stopAt = token.offset;
          return;
        }
        composer.errorsKept = 0;
        for (const doc of composer.next(token)) docs.push({ doc, lc: lines, text: chunk });
      }
    };
    for (const lexeme of new Lexer().lex(chunk)) {
      const start = parser.offset;
      take(parser.next(lexeme));
      if (stop) break;
      // stack[0] is the document itself; every open collection adds one.
      if (parser.stack.length - 1 > MAX_YAML_DEPTH) {
        stop = 'depth';
        stopAt = start;
        break;
      }
    }
    if (!stop) take(parser.end());
    for (const doc of composer.end()) docs.push({ doc, lc: lines, text: chunk });
    if (!stop) break;

    const { line, col } = lines.linePos(stopAt);
    if (stop === 'documents') {
      problems.push({
        line,
        column: col,
        message: `more than ${MAX_DOCUMENTS_PER_FILE} documents in one file (the simulator's limit): this document and the ones after it were not read`,
      });
      break;
    }
    problems.push({ line, column: col, message: `exceeded max depth of ${MAX_YAML_DEPTH} (the simulator's limit)` });
    const next = nextDocument(text, base + stopAt);
    if (next === undefined) break;
    base = next;
  }
  return { docs, problems };
}

type OnError = (source: unknown, code: string, message: string, warning?: boolean) => void;

/** Errors and warnings kept per document: the loader reports the first error. */
const ERRORS_KEPT = 10;

/**
 * A composer that keeps the first few errors of each document and drops the rest: it makes an Error
 * object (with a stack trace) for every one, and a hostile 100 KB can hold 50,000 of them (`[x? ? ? …`),
 * which takes seconds and, for a 10 MiB file, gigabytes. `onError` is the composer's own field (yaml 2.x).
 */
function quietComposer(options: Options): Composer & { errorsKept: number } {
  const composer = Object.assign(new Composer(options), { errorsKept: 0 });
  const inner = composer as unknown as { onError: OnError };
  const record = inner.onError;
  inner.onError = (source, code, message, warning) => {
    if (composer.errorsKept++ < ERRORS_KEPT) record(source, code, message, warning);
  };
  return composer;
}

/** Where the document after the one around `from` begins, or undefined at the end of the file. */
function nextDocument(text: string, from: number): number | undefined {
  DOCUMENT_MARKER.lastIndex = from;
  const m = DOCUMENT_MARKER.exec(text);
  if (!m) return undefined;
  if (m[1] === '---') return m.index;
  const eol = text.indexOf('\n', m.index);
  return eol < 0 ? undefined : eol + 1;
}

/** Line starts of the whole text, as the parser reports them (after every `\n`). */
function countLines(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

/** Positions of a part of the text that starts at `base`, in the whole file's lines and columns. */
function shiftedLines(all: LineCounter, base: number): LineCounter {
  const lc = new LineCounter();
  lc.linePos = (offset: number) => all.linePos(offset + base);
  return lc;
}
