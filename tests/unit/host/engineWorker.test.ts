/**
 * The engine runs in a worker with budgets: a folder over its time, heap or size budget ends that
 * load with a problem while the previous cluster stays shown, and a new open cancels the old one.
 * Budgets are injected small; the folders over them are generated (tests/bench/generate.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../../src/api/contract';
import { readFolder } from '../../../src/load/fsFolder';
import { loadCluster } from '../../../src/engine/index';
import type { EngineBudgets } from '../../../host/budgets';
import { Session } from '../../../host/session';
import { snapshotOf } from '../../../host/snapshot';
import { writeAppFolder } from '../../bench/generate';

const SEED = path.resolve(__dirname, '../../../assets/examples/seed');

let tmp: string;
/** 9,000 Pods: about ten seconds of simulation on one core, far over the budgets below. */
let big: string;
/** 300 Pods: a 0.5 MB cluster. */
let medium: string;
let session: Session | null = null;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-engine-'));
  big = path.join(tmp, 'big');
  medium = path.join(tmp, 'medium');
  writeAppFolder(big, 9000);
  writeAppFolder(medium, 300);
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

afterEach(() => {
  session?.close();
  session = null;
});

function start(budgets: Partial<EngineBudgets> = {}): Session {
  session = new Session({ configDir: path.join(tmp, 'config'), watch: false, budgets });
  return session;
}

async function openSeed(s: Session): Promise<ClusterSnapshot> {
  const opened = await s.openFolder(SEED);
  if (!opened.ok) throw new Error(opened.error);
  return opened.value;
}

/** The open failed with `message`; the seed is still the cluster shown, with the problem listed. */
async function expectSeedKept(s: Session, seed: ClusterSnapshot, message: RegExp): Promise<void> {
  const shown = await s.getSnapshot();
  expect(shown.folder).toBe(SEED);
  expect(shown.pods.map((p) => [p.name, p.ip])).toEqual(seed.pods.map((p) => [p.name, p.ip]));
  expect(shown.diagnostics[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(message) });
  expect(s.folder).toBe(SEED);
  // The seed still answers requests: the session was not hurt.
  expect((await s.sendRequest({ from: 'external', to: 'node/k8s-node1:30000', count: 1 })).ok).toBe(true);
}

describe('the engine worker', () => {
  it('gives the same snapshot as the engine run in this process', async () => {
    const s = start();
    const opened = await openSeed(s);
    const read = readFolder(SEED);
    const inProcess = snapshotOf(loadCluster(read.files, read.diagnostics, { seed: 1 }), SEED, opened.revision);
    expect(JSON.stringify(opened)).toBe(JSON.stringify(inProcess));
  });

  it('stops a folder over the time budget, says so, and keeps the previous cluster', async () => {
    const s = start({ timeMs: 2500 });
    const seed = await openSeed(s);
    const started = Date.now();
    const result = await s.openFolder(big);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^This folder needs more than 2\.5 s to simulate/) });
    await expectSeedKept(s, seed, /needs more than 2\.5 s to simulate \(.*big\): the load was stopped/);
  });

  it('stops a folder over the heap budget, says so, and keeps the previous cluster', async () => {
    const s = start({ heapMb: 16 });
    const seed = await openSeed(s);
    const result = await s.openFolder(big);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('needs more than 16 MB of memory to simulate') });
    await expectSeedKept(s, seed, /needs more than 16 MB of memory to simulate/);
  });

  it('refuses a cluster over the size budget before the host deserializes it', async () => {
    const s = start({ resultBytes: 256 * 1024 });
    const seed = await openSeed(s);
    const result = await s.openFolder(medium);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('needs more than 256 KB of cluster state to simulate') });
    await expectSeedKept(s, seed, /needs more than 256 KB of cluster state to simulate/);
  });

  it('shows the problem over an empty view when the first folder is over budget', async () => {
    const s = start({ timeMs: 1 });
    expect((await s.openFolder(SEED)).ok).toBe(false);
    const shown = await s.getSnapshot();
    expect(shown.nodes).toEqual([]);
    expect(shown.diagnostics).toEqual([expect.objectContaining({ message: expect.stringContaining('needs more than 1 ms to simulate') })]);
  });

  it('a new open cancels the one still loading', async () => {
    const s = start();
    const slow = s.openFolder(big);
    // Let the big folder's job reach the worker before the next open.
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const seed = await s.openFolder(SEED);
    expect(await slow).toEqual({ ok: false, error: `Loading ${big} was cancelled: another folder was opened` });
    expect(seed.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await s.getSnapshot()).folder).toBe(SEED);
    expect(await s.getRecentFolders()).toEqual([SEED]);
  });

  it('of two opens made at once, the later one wins', async () => {
    const s = start();
    const [first, second] = await Promise.all([s.openFolder(big), s.openFolder(SEED)]);
    expect(first).toEqual({ ok: false, error: `Loading ${big} was cancelled: another folder was opened` });
    expect(second).toMatchObject({ ok: true, value: { folder: SEED } });
    expect(s.folder).toBe(SEED);
  });

  it('a cluster operation waits for the reload in flight instead of being overwritten by it', async () => {
    const s = start();
    await openSeed(s);
    const reloading = s.operate({ op: 'reset' });
    const deleted = await s.operate({ op: 'deletePod', namespace: 'default', name: 'pod-2' });
    expect((await reloading).ok).toBe(true);
    expect(deleted.ok).toBe(true);
    expect((await s.getSnapshot()).pods.some((p) => p.namespace === 'default' && p.name === 'pod-2')).toBe(false);
  });
});
