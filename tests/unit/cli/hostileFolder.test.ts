/**
 * Issue 13 through the headless contract: one folder holding every input of the audit beside a good
 * Pod. `kube-traffic load DIR --json` exits 0 within seconds, the good Pod runs, and each bad file has
 * its diagnostic at its file and line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../cli/main';

const linux = process.platform === 'linux';
let dir: string;

const deployment = (replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: huge\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: huge}\n  template:\n    metadata:\n      labels: {app: huge}\n    spec:\n      containers:\n      - {name: c, image: nginx}\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kt-cli-hostile-'));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  write('good.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: good\nspec:\n  containers:\n  - {name: c, image: nginx}\n');
  write('anchor.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: &a {name: *a}\n');
  write('deep.json', '['.repeat(9 * 1024 * 1024));
  write('replicas.yaml', deployment(2147483647));
  write(
    'job.yaml',
    'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: forever\nspec:\n  completions: 1000000\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: c, image: busybox}\n',
  );
  const inits = Array.from({ length: 600 }, (_, i) => `  - {name: i${i}, image: busybox, ports: [{containerPort: 80}]}`).join('\n');
  write(
    'inits.yaml',
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: inits\nspec:\n  containers:\n  - {name: main, image: nginx}\n  initContainers:\n${inits}\n`,
  );
  const keys = Array.from({ length: 5000 }, (_, i) => `  k${i}: *big`).join('\n');
  write(
    'aliases.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aliases\n  annotations: {big: &big ${'x'.repeat(100_000)}}\ndata:\n${keys}\n`,
  );
  symlinkSync('/', join(dir, 'root'));
  if (linux) {
    symlinkSync('/proc/self/pagemap', join(dir, 'x.yaml'));
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kube-traffic load on a hostile folder', () => {
  it('exits 0 in seconds; the good Pod runs; every bad file says why at its line', () => {
    let stdout = '';
    let stderr = '';
    const started = performance.now();
    const code = run(['load', dir, '--json'], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      pods: { name: string; phase: string }[];
      diagnostics: { severity: string; file: string; line: number; message: string }[];
    };
    expect(out.pods.find((p) => p.name === 'good')?.phase).toBe('Running');
    expect(out.pods.some((p) => p.name.startsWith('huge') || p.name.startsWith('forever'))).toBe(false);
    const at = (file: string) => out.diagnostics.filter((d) => d.file === file).map((d) => `${d.line}: ${d.message}`);
    expect(at('anchor.yaml')).toEqual(["3: error converting YAML to JSON: yaml: anchor 'a' value contains itself"]);
    expect(at('deep.json')).toEqual(["1: error converting YAML to JSON: yaml: line 1: exceeded max depth of 200 (the simulator's limit)"]);
    expect(at('replicas.yaml')).toEqual([
      "6: spec.replicas: Invalid value: 2147483647: exceeds the simulator's limit of 1000 Pods per workload",
    ]);
    expect(at('job.yaml')).toEqual([
      "6: spec.completions: Invalid value: 1000000: exceeds the simulator's limit of 1000 Pods per workload",
    ]);
    expect(at('inits.yaml')).toEqual([
      "8: spec.initContainers: Too many: 600: must have at most 250 items (the simulator's limit)",
      '10: spec.initContainers[1].ports[0]: duplicate port definition with spec.initContainers[0].ports[0] (and 598 more containers on port 80)',
    ]);
    expect(at('aliases.yaml')).toEqual([
      "17: error converting YAML to JSON: yaml: document contains excessive aliasing: the file's aliases expand to more than 1.0 MiB (the simulator's limit)",
    ]);
    expect(at('root')).toEqual(['1: skipped: symbolic link to /, outside the folder (links are followed only inside it)']);
    if (linux) {
      expect(at('x.yaml')[0]).toMatch(/^1: skipped: symbolic link to \/proc\/\d+\/pagemap, outside the folder/);
      expect(at('fifo.yaml')).toEqual(['1: skipped: not a regular file (a FIFO)']);
    }
    expect(stderr).toBe('');
  });
});
