/** A file that fails to parse keeps its last good objects (kubectl apply leaves what exists alone). */
import { describe, expect, it } from 'vitest';
import { loadCluster, type RawFile } from '../../../src/engine/index';
import { type LastGood, loadKeepingLastGood } from '../../../host/lastGood';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n';
const BROKEN = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: [ {\n';

function load(files: RawFile[], lastGood: LastGood = {}) {
  let loads = 0;
  const result = loadKeepingLastGood(files, [], lastGood, (f, d) => {
    loads += 1;
    return loadCluster(f, d, { seed: 1 });
  });
  const pods = result.cluster.pods.filter((p) => !p.builtIn).map((p) => p.name);
  return { ...result, pods, loads };
}

describe('loadKeepingLastGood', () => {
  it('records the text of every file that parses, in one load', () => {
    const { lastGood, pods, loads } = load([
      { path: 'pod.yaml', text: POD },
      { path: 'svc.yaml', text: SVC },
    ]);
    expect(lastGood).toEqual({ 'pod.yaml': POD, 'svc.yaml': SVC });
    expect(pods).toEqual(['web']);
    expect(loads).toBe(1);
  });

  it('loads the last good text of a file that stopped parsing, and shows the parse error beside a note', () => {
    const { cluster, lastGood, pods, loads } = load([{ path: 'pod.yaml', text: BROKEN }], { 'pod.yaml': POD });
    expect(pods).toEqual(['web']);
    expect(lastGood).toEqual({ 'pod.yaml': POD });
    expect(loads).toBe(2);
    expect(cluster.diagnostics.map((d) => [d.file, d.severity, d.message.slice(0, 41)])).toEqual([
      ['pod.yaml', 'error', 'error converting YAML to JSON: yaml: line'],
      ['pod.yaml', 'warning', 'this file does not parse: its objects sta'],
    ]);
  });

  it('treats an empty file as one being written when it had objects before', () => {
    const { cluster, pods } = load([{ path: 'pod.yaml', text: '\n' }], { 'pod.yaml': POD });
    expect(pods).toEqual(['web']);
    expect(cluster.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^this file is empty: its objects stay/)]);
  });

  it('a broken file never seen parsing loads as the loader says, with no note', () => {
    const { cluster, lastGood, pods } = load([{ path: 'pod.yaml', text: BROKEN }]);
    expect(pods).toEqual([]);
    expect(lastGood).toEqual({});
    expect(cluster.diagnostics).toHaveLength(1);
  });

  it('a deleted file takes its objects with it', () => {
    const { lastGood, pods } = load([{ path: 'svc.yaml', text: SVC }], { 'pod.yaml': POD, 'svc.yaml': SVC });
    expect(pods).toEqual([]);
    expect(lastGood).toEqual({ 'svc.yaml': SVC });
  });
});
