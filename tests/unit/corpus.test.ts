/**
 * 411 real manifests (kubernetes/examples, kubernetes/website, microservices-demo, ingress-nginx;
 * see tests/fixtures/corpus/SOURCES.md). Each example folder is loaded the way a user would open it.
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFolder } from '../../src/load/fsFolder';
import { loadManifests } from '../../src/load';
import type { LoadResult } from '../../src/model/objects';
import type { Diagnostic } from '../../src/model/source';
import type { RawFile } from '../../src/load/types';

const corpus = readFolder('tests/fixtures/corpus');

function byFolder(files: RawFile[]): Map<string, RawFile[]> {
  const groups = new Map<string, RawFile[]>();
  for (const f of files) {
    const d = dirname(f.path);
    groups.set(d, [...(groups.get(d) ?? []), f]);
  }
  return groups;
}

function wellFormed(d: Diagnostic, lineCount: (file: string) => number): string[] {
  const problems: string[] = [];
  if (d.severity !== 'error' && d.severity !== 'warning') problems.push('severity');
  if (!d.file) problems.push('no file');
  if (!(d.line >= 1 && d.line <= Math.max(1, lineCount(d.file)))) problems.push(`line ${d.line}`);
  if (!(d.column >= 1)) problems.push(`column ${d.column}`);
  if (!d.message || /undefined|\[object Object\]|NaN/.test(d.message)) problems.push(`message ${d.message}`);
  if (
    d.path &&
    d.severity === 'error' &&
    !d.message.startsWith(`${d.path}:`) &&
    d.path !== 'apiVersion' &&
    d.path !== 'kind' &&
    d.path !== 'metadata.name'
  )
    problems.push(`message does not start with its path ${d.path}`);
  return problems;
}

describe('the real-manifest corpus', () => {
  it('is all there and readable', () => {
    expect(corpus.files.length).toBe(411);
    expect(corpus.diagnostics).toEqual([]);
  });

  it('loads every file on its own without throwing, with well-formed diagnostics', () => {
    const lines = new Map(corpus.files.map((f) => [f.path, f.text.split('\n').length]));
    const bad: string[] = [];
    for (const file of corpus.files) {
      const r = loadManifests([file]);
      for (const d of r.diagnostics) {
        if (d.file !== file.path) bad.push(`${file.path}: diagnostic for another file ${d.file}`);
        for (const p of wellFormed(d, (f) => lines.get(f) ?? 0)) bad.push(`${d.file}:${d.line}: ${p}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('loads most Deployments, Services and Pods of each example folder', () => {
    const totals = { folders: 0, objects: 0, errors: 0, warnings: 0 };
    const tally: Record<string, { loaded: number; rejected: number }> = {};
    const byKind: Record<string, number> = {};
    for (const files of byFolder(corpus.files).values()) {
      const r: LoadResult = loadManifests(files);
      totals.folders++;
      totals.objects += r.objects.length;
      for (const o of r.objects) byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
      for (const d of r.diagnostics) totals[d.severity === 'error' ? 'errors' : 'warnings']++;
      for (const kind of ['Deployment', 'Service', 'Pod']) {
        const t = (tally[kind] ??= { loaded: 0, rejected: 0 });
        t.loaded += r.objects.filter((o) => o.kind === kind).length;
        // Doc folders hold variants of one example under the same name; "already exists" says so, it is no defect.
        const rejected = new Set(
          r.diagnostics
            .filter((d) => d.severity === 'error' && d.kind === kind && !d.message.endsWith('already exists'))
            .map((d) => `${d.file}/${d.namespace}/${d.name}`),
        );
        t.rejected += rejected.size;
      }
    }
    console.log(
      `corpus: ${corpus.files.length} files in ${totals.folders} folders → ${totals.objects} objects, ${totals.errors} errors, ${totals.warnings} warnings`,
    );
    console.log('corpus objects by kind:', JSON.stringify(byKind));
    console.log('corpus Deployment/Service/Pod loaded vs rejected:', JSON.stringify(tally));
    for (const [kind, t] of Object.entries(tally)) {
      expect(t.loaded, kind).toBeGreaterThan(20);
      expect(t.loaded / (t.loaded + t.rejected), kind).toBeGreaterThan(0.9);
    }
  });

  it('reports the real defects a current API server rejects', () => {
    const r = loadManifests(corpus.files);
    const messages = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    // A lowercase protocol, a removed apiVersion, a duplicated mapping key: each is somewhere in the corpus.
    expect(messages.some((m) => /protocol: Unsupported value: "tcp"/.test(m))).toBe(true);
    expect(messages.some((m) => /^no matches for kind "DaemonSet" in version "extensions\/v1beta1"/.test(m))).toBe(true);
    expect(messages.some((m) => /key "selector" already set in map/.test(m))).toBe(true);
  });
});
