/** Editing the open folder on disk updates the view in place; a vanished folder is survived. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../../src/api/contract';
import { Session } from '../../../host/session';
import { FolderWatcher } from '../../../host/watcher';

const SEED = path.resolve(__dirname, '../../../assets/examples/seed');

let tmp: string;
let folder: string;
let session: Session;
let snapshots: ClusterSnapshot[];

/** Resolves with the first snapshot published after now that satisfies `test`. */
function nextSnapshot(test: (s: ClusterSnapshot) => boolean = () => true, timeoutMs = 5000): Promise<ClusterSnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('no matching snapshot in time'));
    }, timeoutMs);
    const off = session.onSnapshot((s) => {
      if (!test(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-watch-'));
  folder = path.join(tmp, 'cluster');
  fs.cpSync(SEED, folder, { recursive: true });
  session = new Session({ configDir: path.join(tmp, 'config'), debounceMs: 40, pollMs: 50 });
  snapshots = [];
  session.onSnapshot((s) => snapshots.push(s));
  const opened = await session.openFolder(folder);
  if (!opened.ok) throw new Error(opened.error);
  // Let the platform's watcher settle before the first edit.
  await sleep(100);
});

afterEach(() => {
  session.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('watching the open folder', () => {
  it('reloads after an edit, keeping the Pods the edit did not touch', async () => {
    const before = await session.getSnapshot();
    const pod1 = before.pods.find((p) => p.namespace === 'default' && p.name === 'pod-1')!;
    const svcFile = path.join(folder, '3-clusterip', 'svc-1.yaml');
    const changed = nextSnapshot((s) =>
      s.services.some((x) => x.name === 'svc-1' && x.namespace === 'default' && x.ports[0].port === 9100),
    );
    fs.writeFileSync(svcFile, fs.readFileSync(svcFile, 'utf8').replace('port: 9000', 'port: 9100'));
    const after = await changed;
    expect(after.revision).toBeGreaterThan(before.revision);
    // The Service keeps its ClusterIP, the untouched Pod its node and IP.
    const svcBefore = before.services.find((x) => x.name === 'svc-1' && x.namespace === 'default')!;
    expect(after.services.find((x) => x.name === 'svc-1' && x.namespace === 'default')!.clusterIP).toBe(svcBefore.clusterIP);
    const pod1After = after.pods.find((p) => p.namespace === 'default' && p.name === 'pod-1')!;
    expect([pod1After.node, pod1After.ip]).toEqual([pod1.node, pod1.ip]);
  });

  it('a half-written file shows as a problem while every other manifest still loads, then recovers', async () => {
    const file = path.join(folder, '5-loadbalancer', 'svc-3.yaml');
    const original = fs.readFileSync(file, 'utf8');
    const broken = nextSnapshot((s) => s.diagnostics.some((d) => d.file.endsWith('svc-3.yaml')));
    fs.writeFileSync(file, original.slice(0, Math.floor(original.length / 2)) + '\n  ports: [ {');
    const withProblem = await broken;
    expect(withProblem.services.some((s) => s.name === 'svc-1')).toBe(true);
    expect(withProblem.services.some((s) => s.name === 'svc-3')).toBe(false);
    const fixed = nextSnapshot((s) => s.diagnostics.length === 0);
    fs.writeFileSync(file, original);
    expect((await fixed).services.some((s) => s.name === 'svc-3')).toBe(true);
  });

  it('a save that changes nothing publishes nothing', async () => {
    const count = snapshots.length;
    const file = path.join(folder, '1-pod', 'pod-1.yaml');
    fs.writeFileSync(file, fs.readFileSync(file));
    await sleep(400);
    expect(snapshots.length).toBe(count);
  });

  it('picks up files in new sub-folders', async () => {
    fs.mkdirSync(path.join(folder, '6-new'));
    const added = nextSnapshot((s) => s.services.some((x) => x.name === 'svc-new'));
    fs.writeFileSync(
      path.join(folder, '6-new', 'svc.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-new\nspec:\n  selector:\n    app: pod\n  ports:\n  - port: 80\n    targetPort: 8080\n',
    );
    await added;
  });

  it('survives the folder being deleted, keeps the last cluster, and reloads when it returns', async () => {
    const moved = path.join(tmp, 'moved-away');
    const gone = nextSnapshot((s) => s.diagnostics.some((d) => /deleted or moved/.test(d.message)));
    fs.renameSync(folder, moved);
    const missing = await gone;
    expect(missing.nodes).toHaveLength(3);
    expect(missing.services.some((s) => s.name === 'svc-1')).toBe(true);
    const back = nextSnapshot((s) => s.diagnostics.length === 0);
    fs.renameSync(moved, folder);
    await back;
    // And it is watched again.
    const edited = nextSnapshot((s) => s.services.some((x) => x.name === 'svc-2' && x.ports[0].port === 9200));
    const file = path.join(folder, '4-nodeport', 'svc-2.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('port: 9000', 'port: 9200'));
    await edited;
  });
});

describe('FolderWatcher', () => {
  it('debounces a burst of writes into one change', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-burst-'));
    const events: string[] = [];
    const watcher = new FolderWatcher(dir, (e) => events.push(e), { debounceMs: 80 });
    try {
      await sleep(50);
      for (let i = 0; i < 10; i++) fs.writeFileSync(path.join(dir, 'a.yaml'), `n: ${i}\n`);
      await sleep(300);
      expect(events).toEqual(['changed']);
    } finally {
      watcher.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts polling when the folder does not exist yet', async () => {
    const dir = path.join(os.tmpdir(), `kt-later-${process.pid}-${Date.now()}`);
    const events: string[] = [];
    const watcher = new FolderWatcher(dir, (e) => events.push(e), { debounceMs: 20, pollMs: 30 });
    try {
      await sleep(80);
      expect(events).toEqual([]);
      fs.mkdirSync(dir);
      await sleep(150);
      expect(events).toEqual(['restored']);
    } finally {
      watcher.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
