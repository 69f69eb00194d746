/**
 * Issue 13, objects that ask for too much: 600 containers on one port, thousands of broken fields,
 * two billion replicas, more objects than a folder may hold. Each costs only itself, with a
 * diagnostic in the API server's words at its line; the good Pod beside it still loads.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_CONTAINERS_PER_POD,
  MAX_DIAGNOSTICS_PER_OBJECT,
  MAX_OBJECTS_PER_FOLDER,
  MAX_PODS_PER_WORKLOAD,
} from '../../../src/load/budgets';
import type { LoadResult } from '../../../src/model/objects';
import { find, load, warnings } from './helpers';

const GOOD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: good\nspec:\n  containers:\n  - {name: c, image: nginx}\n';

function withNeighbour(bad: Record<string, string>): LoadResult {
  const started = performance.now();
  const r = load({ ...bad, 'good.yaml': GOOD });
  expect(performance.now() - started).toBeLessThan(5000);
  expect(r.objects.map((o) => o.metadata.name)).toContain('good');
  expect(r.diagnostics.filter((d) => d.file === 'good.yaml')).toEqual([]);
  return r;
}

/** A Pod whose `initContainers` (or `containers`) are `n` containers all on port 80. */
function podOnOnePort(name: string, n: number, list: 'initContainers' | 'containers'): string {
  const items = Array.from({ length: n }, (_, i) => `  - {name: c${i}, image: busybox, ports: [{containerPort: 80}]}`).join('\n');
  const main = list === 'initContainers' ? '  containers:\n  - {name: main, image: nginx}\n' : '';
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${main}  ${list}:\n${items}\n`;
}

describe('containers per Pod and their port warnings', () => {
  it('600 init containers on one port: one warning that counts the rest, and the Too many error', () => {
    const r = withNeighbour({ 'many.yaml': podOnOnePort('many', 600, 'initContainers') });
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['good']);
    expect(r.diagnostics).toEqual([
      {
        severity: 'error',
        file: 'many.yaml',
        line: 8,
        column: 3,
        path: 'spec.initContainers',
        message: `spec.initContainers: Too many: 600: must have at most ${MAX_CONTAINERS_PER_POD} items (the simulator's limit)`,
        kind: 'Pod',
        name: 'many',
        namespace: 'default',
      },
      {
        severity: 'warning',
        file: 'many.yaml',
        line: 10,
        column: 40,
        path: 'spec.initContainers[1].ports[0]',
        message:
          'spec.initContainers[1].ports[0]: duplicate port definition with spec.initContainers[0].ports[0] (and 598 more containers on port 80)',
        kind: 'Pod',
        name: 'many',
        namespace: 'default',
      },
    ]);
  });

  it('a Pod within the budget loads with the one aggregated warning; three definitions keep every pair', () => {
    const r = withNeighbour({ 'some.yaml': podOnOnePort('some', 200, 'containers'), 'three.yaml': podOnOnePort('three', 3, 'containers') });
    expect(find(r, 'Pod', 'some').spec.containers).toHaveLength(200);
    expect(warnings(r).map((d) => d.message)).toEqual([
      'spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0] (and 198 more containers on port 80)',
      'spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]',
      'spec.containers[2].ports[0]: duplicate port definition with spec.containers[0].ports[0]',
      'spec.containers[2].ports[0]: duplicate port definition with spec.containers[1].ports[0]',
    ]);
  });

  it('aggregates per port and protocol, and names the protocol when it is not TCP', () => {
    const ports = Array.from({ length: 5 }, () => '{containerPort: 53, protocol: UDP}, {containerPort: 53}').join(', ');
    const r = withNeighbour({
      'dns.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: dns\nspec:\n  containers:\n${[0, 1, 2, 3, 4].map((i) => `  - {name: c${i}, image: coredns, ports: [${ports}]}`).join('\n')}\n`,
    });
    expect(warnings(r).map((d) => d.message)).toEqual([
      'spec.containers[0].ports[2]: duplicate port definition with spec.containers[0].ports[0] (and 4 more containers on port 53/UDP)',
      'spec.containers[0].ports[3]: duplicate port definition with spec.containers[0].ports[1] (and 4 more containers on port 53)',
    ]);
  });
});

describe('diagnostics per object', () => {
  it('lists the first ones, errors first, and counts the rest in one line after them', () => {
    const ports = Array.from({ length: 1000 }, (_, i) => `{containerPort: 0, name: P${i}}`).join(', ');
    const r = withNeighbour({
      'broken.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers:\n  - {name: c, image: nginx, ports: [${ports}]}\n`,
    });
    // Three errors per port (the name: two of IsValidPortName's messages; containerPort: Required), one port warning.
    const mine = r.diagnostics.filter((d) => d.file === 'broken.yaml');
    expect(mine).toHaveLength(MAX_DIAGNOSTICS_PER_OBJECT + 1);
    expect(mine.slice(0, MAX_DIAGNOSTICS_PER_OBJECT).every((d) => d.severity === 'error')).toBe(true);
    expect(mine[0]?.message).toMatch(/^spec\.containers\[0\]\.ports\[0\]\.name: Invalid value: "P0"/);
    expect(mine.at(-1)).toMatchObject({
      severity: 'error',
      line: 7,
      message: `${3000 + 1 - MAX_DIAGNOSTICS_PER_OBJECT} more problems with this object not listed (the simulator lists ${MAX_DIAGNOSTICS_PER_OBJECT} per object)`,
      kind: 'Pod',
      name: 'broken',
    });
  });
});

describe('Pods per workload', () => {
  const deployment = (replicas: number) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - {name: c, image: nginx}\n`;

  it.each([2147483647, 100000, MAX_PODS_PER_WORKLOAD + 1])('replicas: %i is refused the way a quota refuses it', (replicas) => {
    const r = withNeighbour({ 'web.yaml': deployment(replicas) });
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['good']);
    expect(r.diagnostics).toEqual([
      {
        severity: 'error',
        file: 'web.yaml',
        line: 6,
        column: 13,
        path: 'spec.replicas',
        message: `spec.replicas: Invalid value: ${replicas}: exceeds the simulator's limit of ${MAX_PODS_PER_WORKLOAD} Pods per workload`,
        kind: 'Deployment',
        name: 'web',
        namespace: 'default',
      },
    ]);
  });

  it('replicas at the budget load', () => {
    const r = withNeighbour({ 'web.yaml': deployment(MAX_PODS_PER_WORKLOAD) });
    expect(find(r, 'Deployment', 'web').spec.replicas).toBe(MAX_PODS_PER_WORKLOAD);
  });

  it.each([
    ['completions', 1000000],
    ['parallelism', 5000],
  ])('a Job with %s: %i is refused', (field, value) => {
    const job = `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: batch\nspec:\n  ${field}: ${value}\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: c, image: busybox}\n`;
    const r = withNeighbour({ 'job.yaml': job });
    expect(r.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [6, `spec.${field}: Invalid value: ${value}: exceeds the simulator's limit of ${MAX_PODS_PER_WORKLOAD} Pods per workload`],
    ]);
  });
});

describe('objects per folder', () => {
  it('loads the first ones, says where it stopped, and reads no further', () => {
    const items = Array.from({ length: MAX_OBJECTS_PER_FOLDER + 5 }, () => '- {}').join('\n');
    const r = load({
      'a-good.yaml': GOOD,
      'b-list.yaml': `apiVersion: v1\nkind: List\nitems:\n${items}\n`,
      'c-late.yaml': GOOD.replace('good', 'late'),
    });
    expect(r.objects.map((o) => o.metadata.name)).toEqual(['good']);
    const stop = r.diagnostics.filter((d) => d.severity === 'error');
    expect(stop).toEqual([
      {
        severity: 'error',
        file: 'b-list.yaml',
        line: 4 + MAX_OBJECTS_PER_FOLDER - 1,
        column: 3,
        message: `skipped: more than ${MAX_OBJECTS_PER_FOLDER} objects in the folder (the simulator's limit): this object and the ones after it were not loaded`,
      },
    ]);
    expect(r.diagnostics.filter((d) => d.file === 'c-late.yaml')).toEqual([]);
  });
});
