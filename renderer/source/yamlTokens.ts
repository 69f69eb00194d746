/**
 * A small YAML line tokenizer for the Source view's colours: comments, keys, strings, numbers,
 * booleans/null, anchors/aliases/tags, document markers. Line by line, no parse: a block scalar's
 * continuation lines read as plain text, which is what they are.
 */
export type TokenKind = 'plain' | 'key' | 'string' | 'number' | 'bool' | 'comment' | 'punct' | 'anchor' | 'doc';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based offset in the line. */
  start: number;
}

const SCALAR_BOOL = /^(true|false|null|~|yes|no|on|off)$/i;
const SCALAR_NUMBER = /^[-+]?(0x[0-9a-f]+|0o[0-7]+|\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+)$/i;

function scalarKind(text: string): TokenKind {
  const t = text.trim();
  if (t.startsWith('"') || t.startsWith("'")) return 'string';
  if (SCALAR_BOOL.test(t)) return 'bool';
  if (SCALAR_NUMBER.test(t)) return 'number';
  if (/^[&*!]/.test(t)) return 'anchor';
  return 'plain';
}

/** Where a ` #` comment starts outside quotes, or -1. */
function commentStart(line: string): number {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) return i;
  }
  return -1;
}

/** Where `key:` ends (the colon), outside quotes and flow collections, or -1. */
function keyColon(body: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < body.length; i++) {
    const ch = body[i];
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') return -1;
    else if (ch === ':' && (i + 1 === body.length || body[i + 1] === ' ')) return i;
  }
  return -1;
}

export function tokenizeYamlLine(line: string): Token[] {
  const out: Token[] = [];
  const push = (kind: TokenKind, start: number, end: number) => {
    if (end > start) out.push({ kind, text: line.slice(start, end), start });
  };
  if (/^(---|\.\.\.)(\s|$)/.test(line)) {
    push('doc', 0, 3);
    const c = commentStart(line);
    push('plain', 3, c < 0 ? line.length : c);
    if (c >= 0) push('comment', c, line.length);
    return out;
  }
  const c = commentStart(line);
  const body = c < 0 ? line : line.slice(0, c);
  let i = 0;
  while (i < body.length && body[i] === ' ') i++;
  push('plain', 0, i);
  // Sequence dashes: `- ` (possibly several, `- - a`).
  while (body[i] === '-' && (i + 1 === body.length || body[i + 1] === ' ')) {
    push('punct', i, i + 1);
    const s = i + 1;
    i++;
    while (i < body.length && body[i] === ' ') i++;
    push('plain', s, i);
  }
  const colon = keyColon(body, i);
  if (colon >= 0) {
    push('key', i, colon);
    push('punct', colon, colon + 1);
    i = colon + 1;
    const s = i;
    while (i < body.length && body[i] === ' ') i++;
    push('plain', s, i);
  }
  const rest = body.slice(i);
  const trimmed = rest.trimEnd();
  if (trimmed.length > 0) {
    push(scalarKind(trimmed), i, i + trimmed.length);
    push('plain', i + trimmed.length, body.length);
  } else push('plain', i, body.length);
  if (c >= 0) push('comment', c, line.length);
  return out;
}
