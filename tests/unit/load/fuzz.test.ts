/**
 * Issue 13's audit as a standing test: real manifests (tests/fixtures/corpus, a copy of the shared
 * corpus) mutated the ways a hostile or broken folder differs from a good one, each loaded beside a
 * good Pod. Whatever the mutation, loading never throws, the good Pod loads, every diagnostic points
 * into the folder, and one case stays far from the time that would freeze the app (the bound is
 * loose on purpose: speed goals belong in benchmarks).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../src/cluster';
import { loadManifests } from '../../../src/load';
import type { RawFile } from '../../../src/load/types';
import { toLoadJson } from '../../../src/view/loadJson';

const CORPUS = join(__dirname, '..', '..', 'fixtures', 'corpus');
const GOOD: RawFile = {
  path: 'zz-good.yaml',
  text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: good-neighbour\nspec:\n  containers:\n  - {name: c, image: nginx, ports: [{containerPort: 80}]}\n',
};
/**
 * A bound against blow-ups (work that grows exponentially with the input), not a speed goal: speed is
 * measured by `npm run bench`. Generous, so a loaded 2-core CI machine does not trip it.
 */
const CASE_MS = 10_000;

function manifests(dir: string): RawFile[] {
  const out: RawFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...manifests(abs));
    else if (/\.(ya?ml|json)$/i.test(entry.name)) out.push({ path: relative(CORPUS, abs), text: readFileSync(abs, 'utf8') });
  }
  return out;
}

const corpus = manifests(CORPUS);

type Mutation = (text: string) => string;

/** A position inside the text, from any natural number. */
const at = (t: string, n: number): number => n % (t.length + 1);
const lines = (t: string): string[] => t.split('\n');
const SPECIAL = [
  ' ',
  '\t',
  '\n',
  ':',
  '-',
  '[',
  ']',
  '{',
  '}',
  '&',
  '*',
  '!',
  '|',
  '>',
  '#',
  '"',
  "'",
  '\\',
  ',',
  '?',
  '%',
  '@',
  '`',
  '\r',
  '\u00a0',
  '\ufeff',
  '<<',
];

/** The mutation families of the audit, each a small function of the text. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Byte flips: one character replaced by something YAML gives meaning to.
  fc.tuple(fc.nat(), fc.constantFrom(...SPECIAL)).map(
    ([n, ch]): Mutation =>
      (t) =>
        t.slice(0, at(t, n)) + ch + t.slice(at(t, n) + 1),
  ),
  // Truncation, as a half-written file.
  fc.nat().map(
    (n): Mutation =>
      (t) =>
        t.slice(0, at(t, n)),
  ),
  // A line or a block repeated: lists that grow (containers, ports), keys set twice.
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 2, max: 120 })).map(([n, size, times]): Mutation => (t) => {
    const ls = lines(t);
    const from = n % ls.length;
    const block = ls.slice(from, from + size);
    return [...ls.slice(0, from), ...Array.from({ length: times }, () => block).flat(), ...ls.slice(from)].join('\n');
  }),
  // Nesting: thousands of open brackets or maps somewhere.
  fc.tuple(fc.nat(), fc.constantFrom('[', '{"a":', '{a: ', '- ', '? '), fc.integer({ min: 50, max: 5_000 })).map(
    ([n, open, times]): Mutation =>
      (t) =>
        t.slice(0, at(t, n)) + open.repeat(times) + t.slice(at(t, n)),
  ),
  // Numbers: replicas, ports and counts pushed to the edges.
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom('2147483647', '1000000', '100000', '-1', '0', '99999999999999999999', '1e400', '0.5', '0x7fffffff', '1_000'),
    )
    .map(([n, value]): Mutation => (t) => {
      const numbers = [...t.matchAll(/\b\d+\b/g)];
      const m = numbers[n % Math.max(1, numbers.length)];
      return m?.index === undefined ? t : t.slice(0, m.index) + value + t.slice(m.index + m[0].length);
    }),
  // Anchors and aliases: a value that names itself, an alias bomb, a big value aliased many times.
  fc.tuple(fc.nat(), fc.constantFrom('self', 'bomb', 'wide', 'unknown', 'merge')).map(([n, kind]): Mutation => (t) => {
    const ls = lines(t);
    const i = n % ls.length;
    const line = ls[i] ?? '';
    const colon = line.indexOf(': ');
    if (kind === 'self' && colon > 0) ls[i] = `${line.slice(0, colon)}: &s [${line.slice(colon + 2)}, *s]`;
    else if (kind === 'bomb') {
      const levels = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let k = 1; k < 10; k++)
        levels.push(
          `l${k}: &l${k} [${Array(10)
            .fill(`*l${k - 1}`)
            .join(', ')}]`,
        );
      return `${levels.join('\n')}\n${t}`;
    } else if (kind === 'wide') return `big: &big ${'w'.repeat(20_000)}\nrefs: [${Array(100).fill('*big').join(', ')}]\n${t}`;
    else if (kind === 'unknown' && colon > 0) ls[i] = `${line.slice(0, colon)}: *nowhere`;
    else if (kind === 'merge' && colon > 0) ls[i] = `${line.slice(0, colon)}: &m {<<: *m}`;
    return ls.join('\n');
  }),
  // Type confusion: a scalar becomes a list, a map, null, a tag.
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom('[$]', '{a: $}', 'null', '~', '!!binary aGVsbG8=', '!!set {a}', '"$"', '[[[$]]]', '{}', '[]', '!custom $'),
    )
    .map(([n, shape]): Mutation => (t) => {
      const ls = lines(t);
      const i = n % ls.length;
      const line = ls[i] ?? '';
      const colon = line.indexOf(': ');
      if (colon > 0) ls[i] = `${line.slice(0, colon)}: ${shape.replace('$', line.slice(colon + 2))}`;
      return ls.join('\n');
    }),
  // Documents: separators inserted, sometimes around the per-file budget.
  fc
    .tuple(
      fc.nat(),
      fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 50 }) }, { weight: 1, arbitrary: fc.integer({ min: 4990, max: 5010 }) }),
    )
    .map(([n, times]): Mutation => (t) => {
      const ls = lines(t);
      const i = n % ls.length;
      return [...ls.slice(0, i), ...Array(times).fill('---'), ...ls.slice(i)].join('\n');
    }),
  // Encodings and line ends.
  fc.constantFrom<Mutation>(
    (t) => t.replace(/\n/g, '\r\n'),
    (t) => `\ufeff${t}`,
    (t) => t.replace(/^( +)/gm, (s) => '\t'.repeat(s.length / 2)),
    (t) => `%YAML 1.2\n---\n${t}`,
    (t) => t.replace(/:/g, ': :'),
  ),
  // Lines deleted.
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 20 })).map(([n, count]): Mutation => (t) => {
    const ls = lines(t);
    const i = n % ls.length;
    return [...ls.slice(0, i), ...ls.slice(i + count)].join('\n');
  }),
);

const mutatedFile = fc
  .tuple(fc.nat(corpus.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([i, steps, asJson]): RawFile => {
    const original = corpus[i] as RawFile;
    const text = steps.reduce((t, step) => step(t), original.text);
    const path = asJson ? original.path.replace(/\.ya?ml$/i, '.json') : original.path;
    // fast-check prints a failing case: its start, not a megabyte of brackets.
    const file: RawFile & { [fc.toStringMethod]: () => string } = {
      path,
      text,
      [fc.toStringMethod]: () => `${path} (${text.length} chars): ${JSON.stringify(text.slice(0, 300))}…`,
    };
    return file;
  });

/** Loads one mutated file beside the good Pod and checks what must hold whatever the input. */
function check(file: RawFile, build: boolean): void {
  const started = performance.now();
  const r = loadManifests([file, GOOD]);
  // Plain checks, one expect at the end: thousands of expect() calls per case would be the test's own cost.
  const wrong = r.diagnostics.filter(
    (d) =>
      (d.file !== file.path && d.file !== GOOD.path) ||
      d.file === GOOD.path ||
      !(d.line >= 1 && d.column >= 1) ||
      /could not load this object/.test(d.message),
  );
  expect(wrong).toEqual([]);
  expect(r.objects.some((o) => o.kind === 'Pod' && o.metadata.name === 'good-neighbour')).toBe(true);
  if (build) {
    const c = buildCluster(r, { seed: 1 });
    expect(c.pods.some((p) => p.name === 'good-neighbour')).toBe(true);
    expect(JSON.stringify(toLoadJson(c)).length).toBeGreaterThan(0);
  }
  expect(performance.now() - started).toBeLessThan(CASE_MS);
}

describe('mutated corpus manifests beside a good Pod', () => {
  it('finds the corpus', () => {
    expect(corpus.length).toBeGreaterThan(400);
  });

  it('load: never throws, keeps the neighbour, stays in bounds', () => {
    fc.assert(
      fc.property(mutatedFile, (file) => check(file, false)),
      { numRuns: 1600 },
    );
  }, 120_000);

  it('load and build the cluster', () => {
    fc.assert(
      fc.property(mutatedFile, (file) => check(file, true)),
      { numRuns: 400 },
    );
  }, 120_000);
});
