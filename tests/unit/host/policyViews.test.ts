/**
 * What the host tells the renderer about NetworkPolicy: the policies, which Pods each isolates (the
 * engine's own answer), whether they are enforced, and the reachability matrix behind the heat map.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../../host/session';
import { MAX_REACH_CELLS, reachability } from '../../../host/reach';
import { snapshotOf } from '../../../host/snapshot';
import { readFolder } from '../../../src/load/fsFolder';
import { loadCluster, reachMatrix } from '../../../src/engine/index';
import type { Cluster } from '../../../src/model/cluster';

const DEMO = path.resolve(__dirname, '../../fixtures/netpol-demo');
const SEED = path.resolve(__dirname, '../../../assets/examples/seed');

function load(dir: string): Cluster {
  const folder = readFolder(dir);
  return loadCluster(folder.files, folder.diagnostics, { seed: 1 });
}

/** The demo folder with its settings' `cni: canal` swapped for flannel. */
function flannelCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-flannel-'));
  fs.cpSync(DEMO, dir, { recursive: true });
  const model = path.join(dir, 'model.yaml');
  fs.writeFileSync(model, fs.readFileSync(model, 'utf8').replace(/^ {2}cni: canal$/m, '  cni: flannel'));
  return dir;
}

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the snapshot’s NetworkPolicy part', () => {
  it('lists the policies by namespace, with what they select, and says canal enforces them', () => {
    const s = snapshotOf(load(DEMO), DEMO, 1);
    expect(s.settings.cni).toBe('canal');
    expect(s.settings.networkPolicyEnforced).toBe(true);
    expect(s.networkPolicies).toEqual([
      {
        name: 'allow-from-y',
        namespace: 'x',
        policyTypes: ['Ingress'],
        selects: 'pod=a',
        podCount: 1,
        ingressRules: 1,
        egressRules: 0,
        file: 'policies.yaml',
        line: 12,
      },
      {
        name: 'deny-ingress',
        namespace: 'x',
        policyTypes: ['Ingress'],
        selects: 'every Pod in the namespace ({})',
        podCount: 3,
        ingressRules: 0,
        egressRules: 0,
        file: 'policies.yaml',
        line: 3,
      },
      {
        name: 'dns-only',
        namespace: 'z',
        policyTypes: ['Egress'],
        selects: 'pod=c',
        podCount: 1,
        ingressRules: 0,
        egressRules: 1,
        file: 'policies.yaml',
        line: 27,
      },
    ]);
  });

  it('names, per Pod and direction, the policies isolating it, cited at their podSelector line', () => {
    const s = snapshotOf(load(DEMO), DEMO, 1);
    expect(Object.keys(s.podPolicies).sort()).toEqual(['pod/x/a', 'pod/x/b', 'pod/x/c', 'pod/z/c']);
    expect(s.podPolicies['pod/x/a']).toEqual({
      ingress: [
        { name: 'deny-ingress', namespace: 'x', file: 'policies.yaml', line: 9 },
        { name: 'allow-from-y', namespace: 'x', file: 'policies.yaml', line: 18 },
      ],
      egress: [],
    });
    expect(s.podPolicies['pod/z/c']).toEqual({
      ingress: [],
      egress: [{ name: 'dns-only', namespace: 'z', file: 'policies.yaml', line: 33 }],
    });
  });

  it('under flannel the same policies select the same Pods, and the snapshot says they are not enforced', () => {
    const dir = flannelCopy();
    cleanup.push(dir);
    const s = snapshotOf(load(dir), dir, 1);
    expect(s.settings.cni).toBe('flannel');
    expect(s.settings.networkPolicyEnforced).toBe(false);
    expect(s.networkPolicies).toHaveLength(3);
    expect(Object.keys(s.podPolicies).sort()).toEqual(['pod/x/a', 'pod/x/b', 'pod/x/c', 'pod/z/c']);
  });

  it('a folder without policies has none, and no Pod entries', () => {
    const s = snapshotOf(load(SEED), SEED, 1);
    expect(s.settings.cni).toBe('flannel');
    expect(s.networkPolicies).toEqual([]);
    expect(s.podPolicies).toEqual({});
  });
});

describe('reachability', () => {
  it('is the engine’s matrix for the cluster’s seed', () => {
    const cluster = load(DEMO);
    const got = reachability(cluster, { from: 'pod in (a,b)', to: 'pod=a', port: '80' });
    const want = reachMatrix(cluster, { from: 'pod in (a,b)', to: 'pod=a', port: '80', seed: 1 });
    if (!got.ok || !want.ok) throw new Error('expected both to succeed');
    const { sources, targets, outcomes, reasons } = want.value;
    expect(got.value).toEqual({ sources, targets, outcomes, reasons });
    expect(got.value.targets).toEqual(['pod/x/a:80', 'pod/y/a:80', 'pod/z/a:80']);
    // x/a takes 80 from namespace y only (allow-from-y): z/b's request is dropped at its shield.
    const row = (source: string) => got.value.outcomes[got.value.sources.indexOf(source)];
    expect(row('pod/y/b')).toEqual(['delivered', 'delivered', 'delivered']);
    expect(row('pod/z/b')).toEqual(['dropped', 'delivered', 'delivered']);
  });

  it('refuses a bad selector or port in the engine’s words, and a matrix too big to read', () => {
    const cluster = load(DEMO);
    expect(reachability(cluster, { from: 'pod in (a' })).toMatchObject({ ok: false });
    expect(reachability(cluster, { port: '99999' })).toEqual({ ok: false, error: expect.stringMatching(/PORT 1-65535/) });
    expect(reachability(cluster, { to: 'pod=a' })).toEqual({ ok: false, error: expect.stringMatching(/needs --port/) });
    const many = { ...cluster, pods: Array.from({ length: 61 }, () => cluster.pods).flat() };
    const big = reachability(many as Cluster, { port: '80' });
    expect(big).toEqual({ ok: false, error: expect.stringMatching(new RegExp(`more than ${MAX_REACH_CELLS}: narrow them`)) });
  });

  it('is served by the session for the open folder, and refused before one is open', async () => {
    const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-config-'));
    cleanup.push(configDir);
    const session = new Session({ configDir, watch: false });
    try {
      expect(await session.getReachability({})).toMatchObject({ ok: false, error: expect.stringMatching(/open a folder/) });
      expect((await session.openFolder(DEMO)).ok).toBe(true);
      const reach = await session.getReachability({ from: 'pod=c' });
      if (!reach.ok) throw new Error(reach.error);
      expect(reach.value.sources).toEqual(['pod/x/c', 'pod/y/c', 'pod/z/c']);
      // z/c may only ask DNS (dns-only): every Service is out of its reach.
      expect(reach.value.outcomes[2]).toEqual(reach.value.targets.map(() => 'dropped'));
    } finally {
      session.close();
    }
  });
});
