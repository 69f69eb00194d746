/**
 * Typed reads from a parsed manifest, failing the way the API server's JSON decoder fails:
 * `json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32`.
 * The decoder stops at the first such error (the object is rejected as a whole), so a type error
 * throws DecodeError; unknown fields are only reported (fieldValidation=Warn) and never stop decoding.
 */
import { jsonFieldPath, type FieldPath, type Seg } from './fieldPath';
import { renderValue } from './fieldErrors';

export class DecodeError extends Error {
  constructor(
    readonly path: FieldPath,
    readonly value: unknown,
    /** What a person should fix: "must be an integer". */
    readonly expected: string,
    /** The decoder's own words. */
    readonly decoderMessage: string,
  ) {
    super(decoderMessage);
  }

  /** `spec.ports[0].port: Invalid value: "9000 // …": must be an integer (json: cannot unmarshal …)` */
  describe(pathText: string): string {
    return `${pathText}: Invalid value: ${truncate(renderValue(this.value))}: ${this.expected} (${this.decoderMessage})`;
  }
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export interface DecodeSink {
  unknownField(path: FieldPath): void;
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How encoding/json names a JSON value in UnmarshalTypeError. */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function expectedText(goType: string): string {
  if (/^u?int(8|16|32|64)?$/.test(goType)) return 'must be an integer';
  if (goType === 'string') return 'must be a string';
  if (goType === 'bool') return 'must be true or false';
  if (goType.startsWith('[]')) return 'must be a list';
  if (goType === 'intstr.IntOrString') return 'must be an integer or a string';
  return 'must be an object';
}

const INT_RANGE: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** A view of one JSON object at an API path, whose fields are read with Go's type rules. */
export class Reader {
  constructor(
    readonly raw: Obj,
    readonly path: readonly Seg[],
    /** Go struct name of this object, e.g. `ServicePort`; used in decoder messages. */
    readonly struct: string,
    readonly sink: DecodeSink,
    known?: ReadonlySet<string>,
  ) {
    if (known) for (const key of Object.keys(raw)) if (!known.has(key)) sink.unknownField([...path, key]);
  }

  at(key: Seg, ...more: Seg[]): Seg[] {
    return [...this.path, key, ...more];
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  get(key: string): unknown {
    const v = this.raw[key];
    return v === null ? undefined : v;
  }

  fail(path: FieldPath, value: unknown, goType: string, field?: string): never {
    const target = field ?? jsonFieldPath(path);
    throw new DecodeError(
      path,
      value,
      expectedText(goType),
      `json: cannot unmarshal ${jsonKind(value)}${numberDetail(value, goType)} into Go struct field ${this.struct}.${target} of type ${goType}`,
    );
  }

  str(key: string): string | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') this.fail(this.at(key), v, 'string');
    return v;
  }

  int(key: string, goType: 'int32' | 'int64' = 'int32'): number | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    const [lo, hi] = INT_RANGE[goType] as [number, number];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) this.fail(this.at(key), v, goType);
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail(this.at(key), v, 'bool');
    return v;
  }

  /** map[string]string, e.g. labels. A null value decodes to "". */
  strMap(key: string): Record<string, string> | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (!isObj(v)) this.fail(this.at(key), v, 'map[string]string');
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) {
      if (val === null || val === undefined) out[k] = '';
      else if (typeof val === 'string') out[k] = val;
      else this.fail(this.at(key, { key: k }), val, 'string', jsonFieldPath(this.at(key)));
    }
    return out;
  }

  strList(key: string): string[] | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) this.fail(this.at(key), v, '[]string');
    return v.map((item, i) => {
      if (item === null || item === undefined) return '';
      if (typeof item !== 'string') this.fail(this.at(key, i), item, 'string', jsonFieldPath(this.at(key)));
      return item;
    });
  }

  obj(key: string, struct: string, known?: ReadonlySet<string>): Reader | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (!isObj(v)) this.fail(this.at(key), v, `v1.${struct}`);
    return new Reader(v, this.at(key), struct, this.sink, known);
  }

  list(key: string, struct: string, known?: ReadonlySet<string>): Reader[] | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) this.fail(this.at(key), v, `[]v1.${struct}`);
    return v.map((item, i) => {
      if (item === null || item === undefined) return new Reader({}, this.at(key, i), struct, this.sink, known);
      if (!isObj(item)) this.fail(this.at(key, i), item, `v1.${struct}`, jsonFieldPath(this.at(key)));
      return new Reader(item, this.at(key, i), struct, this.sink, known);
    });
  }

  /** intstr.IntOrString: a JSON number becomes an int32, a JSON string stays a string. */
  intOrString(key: string): number | string | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) return v;
    throw new DecodeError(
      this.at(key),
      v,
      expectedText('intstr.IntOrString'),
      `json: cannot unmarshal ${jsonKind(v)}${numberDetail(v, 'int32')} into Go value of type int32`,
    );
  }
}

/** encoding/json names the number when it does not fit the integer type: "number 80.5". */
function numberDetail(v: unknown, goType: string): string {
  return typeof v === 'number' && /^u?int/.test(goType) ? ` ${goNumber(v)}` : '';
}

function goNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

export function fieldSet(...names: string[]): ReadonlySet<string> {
  return new Set(names);
}
