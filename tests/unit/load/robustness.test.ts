import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../../src/load';
import type { RawFile } from '../../../src/load/types';
import { parseAllDocuments } from 'yaml';

const KINDS: [string, string][] = [
  ['v1', 'Pod'],
  ['v1', 'Service'],
  ['v1', 'Node'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['batch/v1', 'Job'],
  ['v1', 'ReplicationController'],
  ['kube-traffic.dev/v1alpha1', 'ClusterSettings'],
  ['v1', 'ConfigMap'],
];

/** Objects shaped like manifests, with arbitrary values where the fields go. */
const manifest = fc
  .tuple(
    fc.constantFrom(...KINDS),
    fc.anything({ maxDepth: 3 }),
    fc.dictionary(
      fc.constantFrom('ports', 'containers', 'selector', 'template', 'type', 'replicas', 'nodes', 'taints'),
      fc.anything({ maxDepth: 4 }),
    ),
  )
  .map(([[apiVersion, kind], meta, spec]) => ({ apiVersion, kind, metadata: meta, spec }));

function checkDiagnostics(files: { path: string; text: string }[]): void {
  const r = loadManifests(files);
  const paths = new Set(files.map((f) => f.path));
  for (const d of r.diagnostics) {
    expect(paths.has(d.file)).toBe(true);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(typeof d.message).toBe('string');
  }
  for (const o of r.objects) expect(o.locate('spec.no.such[3].field').file).toBe(o.source.file);
}

describe('the loader never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => checkDiagnostics([{ path: 'x.yaml', text }])),
      { numRuns: 300 },
    );
  });

  it('on manifests with arbitrary field values', () => {
    fc.assert(
      fc.property(fc.array(manifest, { minLength: 1, maxLength: 3 }), (docs) => {
        checkDiagnostics([{ path: 'm.yaml', text: docs.map((d) => stringify(d)).join('---\n') }]);
        checkDiagnostics([{ path: 'm.json', text: JSON.stringify(docs[0]) ?? '' }]);
      }),
      { numRuns: 300 },
    );
  });

  it('on deeply nested input', () => {
    const deep = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    expect(() => checkDiagnostics([{ path: 'deep.yaml', text: deep }])).not.toThrow();
  });
});

describe('cost', () => {
  it('loads a few thousand objects within a small factor of a bare YAML parse', () => {
    const docs: string[] = [];
    for (let i = 0; i < 250; i++) {
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: app-${i}}\n  template:\n    metadata:\n      labels: {app: app-${i}}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        ports:\n        - {containerPort: 80, name: http}\n        resources:\n          requests: {cpu: 100m, memory: 128Mi}\n          limits: {cpu: 500m, memory: 256Mi}\n`,
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: app-${i}\nspec:\n  selector: {app: app-${i}}\n  ports:\n  - {name: http, port: 80, targetPort: http}\n`,
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\ndata:\n  LOG_LEVEL: info\n`,
      );
    }
    const files: RawFile[] = [];
    for (let i = 0; i < docs.length; i += 50) files.push({ path: `part-${i}.yaml`, text: docs.slice(i, i + 50).join('---\n') });
    const bare = () => {
      for (const f of files) {
        const parsed = parseAllDocuments(f.text);
        if (Array.isArray(parsed)) for (const d of parsed) d.toJS();
      }
    };
    const time = (fn: () => void) => {
      const t0 = performance.now();
      fn();
      return performance.now() - t0;
    };
    let best = { bare: Infinity, load: Infinity };
    // Best of five: other test files share the CPU, and the fuzz test beside this one is heavy.
    for (let round = 0; round < 5; round++) {
      best = {
        bare: Math.min(best.bare, time(bare)),
        load: Math.min(
          best.load,
          time(() => loadManifests(files)),
        ),
      };
    }
    expect(loadManifests(files).objects).toHaveLength(750);
    expect(best.load / best.bare).toBeLessThan(3);
  });
});
