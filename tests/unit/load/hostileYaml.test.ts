/**
 * Issue 13, YAML and JSON that cost more than they look: a self-containing anchor, nesting millions
 * deep, aliases that expand to gigabytes, a million documents. Each is refused in well under a second
 * with go-yaml's words at the right line, and the good Pod in the same folder still loads.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ALIAS_EXPANSION_BYTES, MAX_ALIASES_PER_FILE, MAX_DOCUMENTS_PER_FILE, MAX_YAML_DEPTH } from '../../../src/load/budgets';
import type { LoadResult } from '../../../src/model/objects';
import { load } from './helpers';

const GOOD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: good\nspec:\n  containers:\n  - {name: c, image: nginx}\n';

/**
 * Loads `bad` beside the good Pod's file and returns the result. The time bound catches a blow-up
 * (a hang or exponential work), not slowness: it is generous, so a loaded CI machine does not trip it.
 */
function withNeighbour(bad: Record<string, string>): LoadResult {
  const started = performance.now();
  const r = load({ ...bad, 'good.yaml': GOOD });
  expect(performance.now() - started).toBeLessThan(20_000);
  expect(r.objects.map((o) => o.metadata.name)).toContain('good');
  return r;
}

function only(r: LoadResult, file: string) {
  const ds = r.diagnostics.filter((d) => d.file === file);
  expect(ds).toHaveLength(1);
  return ds[0];
}

describe('anchors', () => {
  it("`metadata: &a {name: *a}` is go-yaml's self-containing anchor, not a stack overflow", () => {
    const r = withNeighbour({ 'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: &a {name: *a}\n' });
    expect(only(r, 'bad.yaml')).toEqual({
      severity: 'error',
      file: 'bad.yaml',
      line: 3,
      column: 21,
      message: "error converting YAML to JSON: yaml: anchor 'a' value contains itself",
    });
  });

  it('an anchor that contains itself through another anchor, or through a merge key', () => {
    const r = withNeighbour({
      'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: &outer\n  inner: &inner [*outer]\n',
      'b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y}\ndata: &m\n  <<: *m\n',
    });
    expect(only(r, 'a.yaml').message).toBe("error converting YAML to JSON: yaml: anchor 'outer' value contains itself");
    expect(only(r, 'b.yaml').message).toBe("error converting YAML to JSON: yaml: anchor 'm' value contains itself");
  });

  it('a 100 KB value aliased 5,000 times is refused by the bytes it would expand to', () => {
    const value = 'x'.repeat(100_000);
    const keys = Array.from({ length: 5000 }, (_, i) => `  k${i}: *big`).join('\n');
    const r = withNeighbour({
      'bomb.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n  annotations: {big: &big ${value}}\ndata:\n${keys}\n`,
    });
    // The 11th alias crosses 1 MiB: the file's 6th line holds the first.
    expect(MAX_ALIAS_EXPANSION_BYTES).toBe(1024 * 1024);
    expect(only(r, 'bomb.yaml')).toMatchObject({
      severity: 'error',
      line: 17,
      column: 8,
      message:
        "error converting YAML to JSON: yaml: document contains excessive aliasing: the file's aliases expand to more than 1.0 MiB (the simulator's limit)",
    });
  });

  it('20,000 small aliases are refused by their count', () => {
    const items = Array.from({ length: 20_000 }, () => '*v').join(', ');
    const r = withNeighbour({
      'many.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: many}\ndata:\n  v: &v x\n  list: [${items}]\n`,
    });
    expect(only(r, 'many.yaml')).toMatchObject({
      line: 6,
      message: `error converting YAML to JSON: yaml: document contains excessive aliasing: more than ${MAX_ALIASES_PER_FILE} aliases in one file (the simulator's limit)`,
    });
  });

  it('aliases that nest a deep node inside another are held to the depth budget', () => {
    const deep = '['.repeat(150) + ']'.repeat(150);
    const r = withNeighbour({
      'nest.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nest}\ndata:\n  a: &a ${deep}\n  b: ${'['.repeat(100)}*a${']'.repeat(100)}\n`,
    });
    expect(only(r, 'nest.yaml')).toMatchObject({
      line: 6,
      message: `error converting YAML to JSON: yaml: exceeded max depth of ${MAX_YAML_DEPTH} (the simulator's limit)`,
    });
  });

  it('a refused document costs the rest of the file nothing', () => {
    const value = 'y'.repeat(300_000);
    const r = withNeighbour({
      'two.yaml': `a: &v ${value}\nb: [*v, *v, *v, *v]\n---\n${GOOD.replace('good', 'after')}---\nc: &w small\nd: [*w, *w]\n`,
    });
    expect(r.objects.map((o) => o.metadata.name)).toContain('after');
    expect(r.diagnostics.filter((d) => d.file === 'two.yaml').map((d) => d.line)).toEqual([2, 12]); // the alias error, then the last document's own warning: not a Kubernetes object
  });
});

describe('locating fields behind aliases', () => {
  it("a template's containers behind an alias point at their anchor, and cost one walk of the document", () => {
    const containers = Array.from({ length: 250 }, (_, i) => `      - {name: c${i}, image: nginx}`).join('\n');
    const text = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: first}\n  spec:\n    containers: &cs\n${containers}\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: again}\n  spec:\n    selector: {matchLabels: {app: a}}\n    template:\n      metadata: {labels: {app: a}}\n      spec:\n        containers: *cs\n`;
    const r = withNeighbour({ 'list.yaml': text });
    const again = r.objects.find((o) => o.metadata.name === 'again');
    const started = performance.now();
    const where = Array.from({ length: 250 }, (_, i) => again?.locate(`spec.template.spec.containers[${i}].image`));
    // A bound against a blow-up (locating behind aliases re-expanding them), not a speed goal.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(where[3]).toEqual({ file: 'list.yaml', line: 12, column: 27 });
  });
});

describe('depth', () => {
  const nine = 9 * 1024 * 1024;

  it.each([
    ['deep.yaml', '['.repeat(nine)],
    ['deep.json', '['.repeat(nine)],
    ['deepmap.json', '{"a":'.repeat(nine / 5)],
    ['block.yaml', '- '.repeat(nine / 2)],
  ])('9 MB nested %s stops at the depth budget', (file, text) => {
    const r = withNeighbour({ [file]: text });
    expect(only(r, file)).toMatchObject({
      severity: 'error',
      line: 1,
      message: `error converting YAML to JSON: yaml: line 1: exceeded max depth of ${MAX_YAML_DEPTH} (the simulator's limit)`,
    });
  });

  it('nesting up to the budget loads; the column points where it went past', () => {
    const ok = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\ndata: {x: "1"}\nextra: ${'['.repeat(MAX_YAML_DEPTH - 2)}${']'.repeat(MAX_YAML_DEPTH - 2)}\n`;
    const r = withNeighbour({ 'ok.yaml': ok, 'over.yaml': `x: ${'['.repeat(MAX_YAML_DEPTH + 50)}` });
    expect(r.objects.map((o) => o.metadata.name)).toContain('ok');
    expect(only(r, 'over.yaml')).toMatchObject({ line: 1, column: 4 + MAX_YAML_DEPTH - 1 });
  });

  it("a too-deep document costs only itself: the file's next documents load, at their own lines", () => {
    const text = `${GOOD.replace('good', 'before')}---\nspec: ${'['.repeat(100_000)}\n---\n${GOOD.replace('good', 'after')}...\n${GOOD.replace('good', 'last')}`;
    const r = withNeighbour({ 'mixed.yaml': text });
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['before', 'after', 'last', 'good']);
    expect(only(r, 'mixed.yaml')).toMatchObject({ line: 9 });
    const after = r.objects.find((o) => o.metadata.name === 'after');
    expect(after?.source).toEqual({ file: 'mixed.yaml', line: 11, column: 1 });
    expect(after?.locate('spec.containers[0].image')).toEqual({ file: 'mixed.yaml', line: 17, column: 22 });
    expect(r.objects.find((o) => o.metadata.name === 'last')?.source).toEqual({ file: 'mixed.yaml', line: 19, column: 1 });
  });
});

describe('syntax errors', () => {
  it('50,000 errors in one document make one diagnostic, quickly', () => {
    const r = withNeighbour({ 'noisy.json': `{\n  "a": [\n  "x"${'? '.repeat(50_000)}]}\n` });
    expect(only(r, 'noisy.json')).toMatchObject({
      line: 3,
      message: 'error converting YAML to JSON: yaml: line 3: Unexpected ? in flow sequence',
    });
  });
});

describe('documents per file', () => {
  it('the file stops after the budget, at the first document past it', () => {
    const docs = [GOOD.replace('good', 'first'), ...Array.from({ length: MAX_DOCUMENTS_PER_FILE }, () => 'x: 1\n')];
    docs.push(GOOD.replace('good', 'late'));
    const r = withNeighbour({ 'many.yaml': docs.join('---\n') });
    const names = r.objects.map((o) => o.metadata.name);
    expect(names).toContain('first');
    expect(names).not.toContain('late');
    const stop = r.diagnostics.filter((d) => d.file === 'many.yaml' && d.severity === 'error');
    expect(stop).toEqual([
      {
        severity: 'error',
        file: 'many.yaml',
        line: 7 + 2 * (MAX_DOCUMENTS_PER_FILE - 1) + 1,
        column: 1,
        message: `error converting YAML to JSON: yaml: line ${7 + 2 * (MAX_DOCUMENTS_PER_FILE - 1) + 1}: more than ${MAX_DOCUMENTS_PER_FILE} documents in one file (the simulator's limit): this document and the ones after it were not read`,
      },
    ]);
  });

  it('a million empty documents cost no more', () => {
    withNeighbour({ 'empty.yaml': '---\n'.repeat(1_000_000) });
  });
});
