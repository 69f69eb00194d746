/**
 * Field errors in the API server's words and format (k8s.io/apimachinery/pkg/util/validation/field):
 * `spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive`.
 */
import { formatPath, type FieldPath } from './fieldPath';

export type FieldErrorType =
  'Invalid value' | 'Required value' | 'Duplicate value' | 'Unsupported value' | 'Forbidden' | 'Too long' | 'Too many' | 'Not found';

export interface FieldError {
  type: FieldErrorType;
  path: FieldPath;
  /** Rendered bad value (ErrorBody's: numbers bare, strings %q, slices, maps and structs %#v). */
  value?: string;
  detail?: string;
  /** Where to point in the source when it differs from `path` (e.g. the offending map key). */
  at?: FieldPath;
}

/** A value whose Go type the caller knows, already written as `%#v` prints it (`map[string]string{"app":"web"}`). */
export class GoLiteral {
  constructor(readonly text: string) {}
}

/** Go's strconv.Quote (`%q`): printable characters kept, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp === 0x07) out += '\\a';
    else if (cp === 0x08) out += '\\b';
    else if (cp === 0x0c) out += '\\f';
    else if (cp === 0x0a) out += '\\n';
    else if (cp === 0x0d) out += '\\r';
    else if (cp === 0x09) out += '\\t';
    else if (cp === 0x0b) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (ch !== ' ' && /[\p{C}\p{Z}]/u.test(ch))
      out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** `%#v` of a map[string]string: keys sorted, `"k":"v"` pairs. */
export function goStringMap(m: Record<string, string>): GoLiteral {
  const pairs = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(m[k])}`);
  return new GoLiteral(`map[string]string{${pairs.join(', ')}}`);
}

/** `%#v` of a slice: `[]string{"a", "b"}`; numbers as int32 (every numeric list the API validates is). */
function goSlice(items: unknown[]): string {
  const type = items.every((x) => typeof x === 'string')
    ? 'string'
    : items.every((x) => typeof x === 'number' && Number.isInteger(x))
      ? 'int32'
      : 'interface {}';
  return `[]${type}{${items.map((x) => (typeof x === 'string' ? goQuote(x) : renderValue(x))).join(', ')}}`;
}

/**
 * A bad value as field.Error's ErrorBody prints it: numbers and booleans bare, strings `%q`, slices
 * and what the caller wrote as a GoLiteral `%#v`; other objects (our own settings) as JSON.
 */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof GoLiteral) return value.text;
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return goSlice(value);
  return JSON.stringify(sortMaps(value));
}

/** json.Marshal writes map keys sorted; plain objects here stand for Go maps unless built as structs. */
function sortMaps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortMaps);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortMaps((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

export function formatFieldError(e: FieldError): string {
  let body: string = e.type;
  const showsValue = e.type !== 'Required value' && e.type !== 'Forbidden' && e.type !== 'Too long';
  if (showsValue && e.value !== undefined) body += `: ${e.value}`;
  if (e.detail) body += `: ${e.detail}`;
  const where = formatPath(e.path);
  return where ? `${where}: ${body}` : body;
}

export const invalid = (path: FieldPath, value: unknown, detail: string, at?: FieldPath): FieldError => ({
  type: 'Invalid value',
  path,
  value: renderValue(value),
  detail,
  at,
});

export const required = (path: FieldPath, detail = '', at?: FieldPath): FieldError => ({
  type: 'Required value',
  path,
  detail,
  at,
});

export const duplicate = (path: FieldPath, value: unknown, at?: FieldPath): FieldError => ({
  type: 'Duplicate value',
  path,
  value: renderValue(value),
  at,
});

export const forbidden = (path: FieldPath, detail: string, at?: FieldPath): FieldError => ({
  type: 'Forbidden',
  path,
  detail,
  at,
});

export const notSupported = (path: FieldPath, value: unknown, supported: readonly string[], at?: FieldPath): FieldError => ({
  type: 'Unsupported value',
  path,
  value: renderValue(value),
  detail: supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : undefined,
  at,
});

export const tooLong = (path: FieldPath, maxBytes: number, at?: FieldPath): FieldError => ({
  type: 'Too long',
  path,
  detail: `may not be more than ${maxBytes} ${maxBytes === 1 ? 'byte' : 'bytes'}`,
  at,
});

/** field.TooMany: `spec.containers: Too many: 600: must have at most 250 items`. */
export const tooMany = (path: FieldPath, actual: number, max: number, detail = ''): FieldError => ({
  type: 'Too many',
  path,
  value: renderValue(actual),
  detail: `must have at most ${max} items${detail}`,
});

export const notFound = (path: FieldPath, value: unknown, detail?: string, at?: FieldPath): FieldError => ({
  type: 'Not found',
  path,
  value: renderValue(value),
  detail,
  at,
});

/** One message per validator result, as `for _, msg := range IsX(v) { Invalid(path, v, msg) }` does. */
export function invalidEach(path: FieldPath, value: unknown, msgs: readonly string[], at?: FieldPath): FieldError[] {
  return msgs.map((m) => invalid(path, value, m, at));
}
