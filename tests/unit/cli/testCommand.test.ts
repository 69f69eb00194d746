/**
 * `kube-traffic test DIR EXPECTATIONS.yaml [--junit FILE]`: TAP output, exit 0 / 1 / 2, the JUnit
 * report, and every mistake in an expectations file reported at its FILE:LINE:COL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, SEED, SEED_EXPECTATIONS, XY } from './runCli';

const tmp = mkdtempSync(join(tmpdir(), 'kube-traffic-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** An expectations file in the temporary folder. */
function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const FAILING = `expectations:
  - from: pod/pod-2
    to: svc/svc-1:9000
    expect: refused
  - name: odd <&> "quoted" 'chars'
    from: pod/pod-2
    to: pod/pod-practice/pod-1:80
    expect: delivered
  - from: external
    to: svc/svc-1:9000
    expect: unreachable
`;

describe('test: expectations that hold', () => {
  it('the seed expectations hold: a TAP plan, one ok line each, exit 0', () => {
    const r = cli('test', SEED, SEED_EXPECTATIONS);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('1..9');
    expect(lines.slice(1, -1).every((l, i) => l.startsWith(`ok ${i + 1} - `))).toBe(true);
    expect(lines[1]).toBe('ok 1 - a Pod reaches the ClusterIP Service by its port: pod/pod-2 → svc/svc-1:9000 delivered');
    expect(lines.at(-1)).toBe('# 9 expectations: 9 passed, 0 failed');
  });

  it('a top-level list works as well as `expectations:`; an entry without a name reads as its claim', () => {
    const path = file(
      'list.yaml',
      '- { from: pod/x/a, to: svc/y/nobody:8080, expect: refused }\n- { from: pod/x/b, to: web:80, expect: delivered }\n',
    );
    const r = cli('test', XY, path);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '1..2\nok 1 - pod/x/a → svc/y/nobody:8080 refused\nok 2 - pod/x/b → web:80 delivered\n# 2 expectations: 2 passed, 0 failed\n',
    );
  });
});

describe('test: expectations that fail', () => {
  it('print not ok with the outcome, the reason and where the entry is; exit 1', () => {
    const path = file('failing.yaml', FAILING);
    const r = cli('test', SEED, path);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      '1..3',
      'not ok 1 - pod/pod-2 → svc/svc-1:9000 refused',
      expect.stringMatching(/^# {3}expected refused, got delivered: delivered to pod-2 \(container\) on k8s-node2 — svc-1 DNATed /),
      `#   at ${path}:2:5`,
      `not ok 2 - odd <&> "quoted" 'chars': pod/pod-2 → pod/pod-practice/pod-1:80 delivered`,
      '#   expected delivered, got refused: connection refused: nothing in pod-1 listens on 80/TCP (it listens on 8000 (container1), 8080 (container2))',
      `#   at ${path}:5:5`,
      'ok 3 - external → svc/svc-1:9000 unreachable',
      '# 3 expectations: 1 passed, 2 failed',
      '',
    ]);
  });

  it('is byte-identical run to run', () => {
    const path = file('again.yaml', FAILING);
    expect(cli('test', SEED, path).stdout).toBe(cli('test', SEED, path).stdout);
  });
});

describe('test --junit', () => {
  /** A loose read of the report: its elements and their attributes, entities decoded. */
  function readJunit(xml: string): { name: string; attrs: Record<string, string>; body?: string }[] {
    const decode = (s: string): string =>
      s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string);
    const out: { name: string; attrs: Record<string, string>; body?: string }[] = [];
    for (const m of xml.matchAll(/<([a-z]+)((?:\s+[a-z]+="[^"<]*")*)\s*\/?>(?:([^<]*)<\/\1>)?/g)) {
      const attrs: Record<string, string> = {};
      for (const a of m[2].matchAll(/([a-z]+)="([^"]*)"/g)) attrs[a[1]] = decode(a[2]);
      out.push({ name: m[1], attrs, ...(m[3] !== undefined ? { body: decode(m[3]) } : {}) });
    }
    return out;
  }

  it('writes testsuite / testcase / failure with the reason, XML-escaped', () => {
    const path = file('junit.yaml', FAILING);
    const report = join(tmp, 'report.xml');
    expect(cli('test', SEED, path, '--junit', report).code).toBe(1);
    const xml = readFileSync(report, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    // Nothing unescaped inside an attribute: no < > ' and no & that does not start an entity.
    expect(xml).not.toMatch(/="[^"]*([<>']|&(?!(?:lt|gt|quot|apos|amp);))[^"]*"/);
    const elements = readJunit(xml);
    expect(elements.find((e) => e.name === 'testsuite')?.attrs).toMatchObject({ name: path, tests: '3', failures: '2' });
    const cases = elements.filter((e) => e.name === 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual([
      '1 - pod/pod-2 → svc/svc-1:9000 refused',
      `2 - odd <&> "quoted" 'chars': pod/pod-2 → pod/pod-practice/pod-1:80 delivered`,
      '3 - external → svc/svc-1:9000 unreachable',
    ]);
    expect(cases.map((c) => c.attrs.line)).toEqual(['2', '5', '9']);
    const failures = elements.filter((e) => e.name === 'failure');
    expect(failures.map((f) => [f.attrs.message, f.attrs.type])).toEqual([
      ['expected refused, got delivered', 'delivered'],
      ['expected delivered, got refused', 'refused'],
    ]);
    expect(failures[1].body).toBe(
      'connection refused: nothing in pod-1 listens on 80/TCP (it listens on 8000 (container1), 8080 (container2))',
    );
  });

  it('a passing run writes a report without failures, the same bytes each time', () => {
    const report = join(tmp, 'pass.xml');
    expect(cli('test', SEED, SEED_EXPECTATIONS, '--junit', report).code).toBe(0);
    const first = readFileSync(report, 'utf8');
    expect(first).toMatch(/<testsuite name="[^"]+" tests="9" failures="0" errors="0" skipped="0">/);
    expect(first).not.toMatch(/<failure/);
    cli('test', SEED, SEED_EXPECTATIONS, '--junit', report);
    expect(readFileSync(report, 'utf8')).toBe(first);
  });

  it('a report that cannot be written is a usage error', () => {
    const r = cli('test', SEED, SEED_EXPECTATIONS, '--junit', join(tmp, 'no-such-dir', 'r.xml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot write the JUnit report to /);
  });
});

describe('test: usage errors exit 2 with FILE:LINE:COL, nothing on stdout', () => {
  it.each([
    [
      'bad-yaml.yaml',
      'expectations:\n  - from: [pod/pod-2\n',
      /^FILE:3:1: error: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]$/,
    ],
    ['empty.yaml', '', /^FILE:1:1: error: no expectations: expected a list of \{ from, to, expect \} entries/],
    ['empty-list.yaml', 'expectations: []\n', /^FILE:1:15: error: no expectations/],
    ['scalar.yaml', 'hello\n', /^FILE:1:1: error: no expectations/],
    ['other-key.yaml', 'tests:\n  - {}\n', /^FILE:1:1: error: unknown field "tests": expected a list/],
    ['not-a-map.yaml', '- pod/pod-2 svc/svc-1:9000\n', /^FILE:1:3: error: expectation 1: expected a mapping with from, to and expect$/],
    [
      'unknown-expect.yaml',
      '- from: pod/pod-2\n  to: svc/svc-1:9000\n  expect: deliverd\n',
      /^FILE:3:11: error: expectation 1: unknown expect value "deliverd": expected one of delivered, refused, dropped, timeout, unreachable, unresolved$/,
    ],
    [
      'unknown-field.yaml',
      '- from: pod/pod-2\n  to: svc/svc-1:9000\n  expected: delivered\n',
      /^FILE:1:3: error: expectation 1: missing "expect"\nFILE:3:3: error: expectation 1: unknown field "expected" \(fields: name, from, to, expect\)$/,
    ],
    [
      'empty-from.yaml',
      '- from:\n  to: svc/svc-1:9000\n  expect: delivered\n',
      /^FILE:1:3: error: expectation 1: "from" must be a non-empty string$/,
    ],
    [
      'bad-from.yaml',
      '- from: pod/pod-2\n  to: svc/svc-1:9000\n  expect: delivered\n- from: pod/nope\n  to: svc/svc-1:9000\n  expect: delivered\n',
      /^FILE:4:9: error: expectation 2: pods "nope" not found in namespace "default"$/,
    ],
    [
      'bad-to.yaml',
      '- from: pod/pod-2\n  to: svc/nope:9000\n  expect: delivered\n',
      /^FILE:2:7: error: expectation 1: services "nope" not found in namespace "default"/,
    ],
    [
      'duplicate.yaml',
      '- from: pod/pod-2\n  from: pod/pod-1\n  to: svc/svc-1:9000\n  expect: delivered\n',
      /^FILE:2:\d+: error: invalid YAML: Map keys must be unique/,
    ],
  ])('%s', (name, text, message) => {
    const path = file(name, text);
    const r = cli('test', SEED, path);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.replaceAll(path, 'FILE').trimEnd()).toMatch(message);
  });

  it('lists every mistake at once, in file order: fields and names alike', () => {
    const path = file(
      'many.yaml',
      '- from: pod/pod-2\n  to: svc/svc-1:9000\n  expect: nope\n- from: pod/ghost\n  to: svc/svc-1:9000\n  expect: delivered\n- to: x\n',
    );
    const r = cli('test', SEED, path);
    expect(r.code).toBe(2);
    expect(r.stderr.replaceAll(path, 'FILE').split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^FILE:3:11: error: expectation 1: unknown expect value "nope"/),
      'FILE:4:9: error: expectation 2: pods "ghost" not found in namespace "default"',
      'FILE:7:3: error: expectation 3: missing "from"',
      'FILE:7:3: error: expectation 3: missing "expect"',
    ]);
  });

  it.each([
    [['test'], /^error: DIR is required/],
    [['test', SEED], /^error: EXPECTATIONS \(a YAML file\) is required/],
    [['test', SEED, '/nonexistent/expectations.yaml'], /^error: the path "\/nonexistent\/expectations.yaml" does not exist/],
    [['test', SEED, SEED], /^error: the path ".+" is not a file/],
    [['test', SEED, SEED_EXPECTATIONS, 'more'], /^error: unexpected argument "more"/],
    [['test', '/nonexistent/dir', SEED_EXPECTATIONS], /^error: the path "\/nonexistent\/dir" does not exist/],
    [['test', SEED, SEED_EXPECTATIONS, '--junit'], /^error: flag needs an argument: --junit/],
  ])('%j', (argv, message) => {
    const r = cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
