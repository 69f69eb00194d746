/** What the host tells the renderer about Ingress: each Ingress, who routes it, and each controller's rules. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotOf } from '../../../host/snapshot';
import { readFolder } from '../../../src/load/fsFolder';
import { loadCluster } from '../../../src/engine/index';
import type { Cluster } from '../../../src/model/cluster';

const INGRESS = path.resolve(__dirname, '../../../assets/examples/ingress');

function load(dir: string): Cluster {
  const folder = readFolder(dir);
  return loadCluster(folder.files, folder.diagnostics, { seed: 1 });
}

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the snapshot’s Ingress part', () => {
  it('marks the add-on’s controller Pod with the rules it routes, each with its line', () => {
    const s = snapshotOf(load(INGRESS), INGRESS, 1);
    const keys = Object.keys(s.ingress.controllers);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^pod\/ingress-nginx\/ingress-nginx-controller-/);
    const rules = s.ingress.controllers[keys[0]];
    expect(rules).toContainEqual(
      expect.objectContaining({
        ingress: 'shop',
        host: 'shop.example.com',
        path: '/api',
        pathType: 'Prefix',
        backend: 'api:http',
        file: 'shop.yaml',
      }),
    );
    for (const r of rules) expect(r.line).toBeGreaterThan(0);
    expect(s.ingress.ingresses.map((i) => [i.name, i.className, i.routedBy])).toEqual(
      s.ingress.ingresses.map((i) => [i.name, 'nginx', keys]),
    );
    expect(s.ingress.ingresses.map((i) => i.name).sort()).toEqual(['admin', 'shop']);
  });

  it('lists Ingresses nothing routes when the cluster has no controller', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-noctl-'));
    cleanup.push(dir);
    fs.cpSync(INGRESS, dir, { recursive: true });
    const settings = path.join(dir, 'cluster.yaml');
    fs.writeFileSync(settings, fs.readFileSync(settings, 'utf8').replace(/^ {2}addons: \[ingress-nginx\]\n/m, ''));
    const s = snapshotOf(load(dir), dir, 1);
    expect(s.ingress.controllers).toEqual({});
    expect(s.ingress.ingresses.length).toBeGreaterThan(0);
    for (const i of s.ingress.ingresses) expect(i.routedBy).toEqual([]);
  });
});
