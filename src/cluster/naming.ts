/**
 * Generated names, as the controllers and the API server make them:
 * - pod-template-hash: FNV-32a of the pod template, its decimal text re-encoded with
 *   SafeEncodeString (controller_utils.go ComputeHash) → e.g. `7c5ddbdf54`;
 * - generateName suffixes: 5 characters from the same alphabet (apiserver names.SimpleNameGenerator).
 * Upstream hashes Go's struct dump of the template; we hash its canonical JSON, so the hashes have the
 * real shape and stability (same template → same hash) but not upstream's exact values.
 */
import { Rng } from '../util/rng';

/** apimachinery util/rand alphanums: no vowels, no 0/1/3, so names never spell words. */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const SUFFIX_LENGTH = 5;

export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return fnv32aBytes(utf8(text));
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** Go's hash.Hash writes bytes: non-ASCII text is hashed as UTF-8. */
function fnv32aBytes(bytes: number[]): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** rand.SafeEncodeString: each byte b of the text becomes SAFE_ALPHABET[b % 27]. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted, so equal objects always serialise the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return value === undefined ? 'null' : JSON.stringify(value);
  if (Array.isArray(value)) {
    // As `value.map(canonicalJson).join(',')`: a hole stays empty, an undefined element is null.
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      if (i in value) out += canonicalJson(value[i]);
    }
    return out + ']';
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += JSON.stringify(k) + ':' + canonicalJson(v);
  }
  return out + '}';
}

/** ComputeHash(template, collisionCount): the pod-template-hash label value (≤ 10 characters). */
export function computeHash(template: unknown, collisionCount?: number): string {
  let text = canonicalJson(template);
  if (collisionCount !== undefined) text += `#${collisionCount}`;
  return safeEncodeString(String(fnv32a(text)));
}

/** The 5-character generateName suffix. */
export function randomSuffix(rng: Rng): string {
  let out = '';
  for (let i = 0; i < SUFFIX_LENGTH; i++) out += SAFE_ALPHABET[rng.int(SAFE_ALPHABET.length)];
  return out;
}

/** `prefix` + suffix, retried until `taken` does not have it (the API server's AlreadyExists retry). */
export function generateName(prefix: string, rng: Rng, taken: (name: string) => boolean): string {
  for (;;) {
    const name = prefix + randomSuffix(rng);
    if (!taken(name)) return name;
  }
}

/**
 * An independent random stream for one object (`svc:default/web`), derived from the cluster's state.
 * Using one stream per object keeps unrelated objects' random choices stable when another object is
 * added to the folder.
 */
export function streamRng(state: number, key: string): Rng {
  let h = (state ^ fnv32a(key)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return new Rng((h ^ (h >>> 16)) >>> 0);
}

/** A UUID-shaped uid (version 4 layout) drawn from the given stream. */
const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
/** Character codes of the uid being built (reused: uids are made one at a time). */
const uidCodes: number[] = new Array<number>(36).fill(0);

/** Writes hex digits `from`…`to`−1 (0 = most significant) of a 32-bit word at `at`. */
function putHex(word: number, from: number, to: number, at: number): void {
  for (let j = from; j < to; j++) uidCodes[at++] = HEX_CODES[(word >>> (28 - 4 * j)) & 15];
}

export function uid(rng: Rng): string {
  const word = (): number => Math.floor(rng.next() * 4294967296) >>> 0;
  const a = word();
  const b = word();
  const c = word();
  const d = word();
  // a[0..8]-b[0..4]-4b[5..8]-{variant}c[1..4]-c[4..8]d[0..8], as hex; one flat 36-character string.
  const dash = 45;
  putHex(a, 0, 8, 0);
  uidCodes[8] = dash;
  putHex(b, 0, 4, 9);
  uidCodes[13] = dash;
  uidCodes[14] = 52; // '4'
  putHex(b, 5, 8, 15);
  uidCodes[18] = dash;
  uidCodes[19] = HEX_CODES[8 + ((c >>> 28) & 3)];
  putHex(c, 1, 4, 20);
  uidCodes[23] = dash;
  putHex(c, 4, 8, 24);
  putHex(d, 0, 8, 28);
  return String.fromCharCode.apply(null, uidCodes);
}
