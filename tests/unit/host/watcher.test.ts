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

function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

const service = (s: ClusterSnapshot, name: string) => s.services.find((x) => x.namespace === 'default' && x.name === name);
const svcPort = (s: ClusterSnapshot, name: string) => service(s, name)?.ports[0].port;
/** What a reload must not change for objects whose files it did not touch. */
const podFacts = (s: ClusterSnapshot) => s.pods.map((p) => [p.namespace, p.name, p.node, p.ip, p.status]);

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

  it('an edit of one file changes only what it touches', async () => {
    const before = await session.getSnapshot();
    const changed = nextSnapshot((s) => svcPort(s, 'svc-1') === 9100);
    edit(path.join(folder, '3-clusterip', 'svc-1.yaml'), 'port: 9000', 'port: 9100');
    const after = await changed;
    expect(podFacts(after)).toEqual(podFacts(before));
    expect(service(after, 'svc-1')!.clusterIP).toBe(service(before, 'svc-1')!.clusterIP);
    const others = (s: ClusterSnapshot) => s.services.filter((x) => !(x.namespace === 'default' && x.name === 'svc-1'));
    expect(others(after)).toEqual(others(before));
  });

  it('a half-written file keeps its last good objects, Pod IPs and node ports, and shows the problem until it parses', async () => {
    const before = await session.getSnapshot();
    const pod1 = before.pods.find((p) => p.namespace === 'default' && p.name === 'pod-1')!;
    const svc3 = service(before, 'svc-3')!;
    const podFile = path.join(folder, '3-clusterip', 'pod-1.yaml');
    const svcFile = path.join(folder, '5-loadbalancer', 'svc-3.yaml');
    const [podText, svcText] = [fs.readFileSync(podFile, 'utf8'), fs.readFileSync(svcFile, 'utf8')];

    // Cut mid-way with an unclosed flow sequence: a YAML syntax error.
    const broken = nextSnapshot((s) => s.diagnostics.some((d) => d.file === '3-clusterip/pod-1.yaml'));
    fs.writeFileSync(podFile, podText.slice(0, Math.floor(podText.length / 2)) + '\n  ports: [ {');
    const withBrokenPod = await broken;
    const podProblems = withBrokenPod.diagnostics.filter((d) => d.file === '3-clusterip/pod-1.yaml');
    expect(podProblems).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringMatching(/^error converting YAML to JSON/) }),
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('its objects stay as its last version that parsed'),
      }),
    ]);
    expect(podFacts(withBrokenPod)).toEqual(podFacts(before));

    // An editor's truncate before it writes: the file is empty for a moment.
    const emptied = nextSnapshot((s) => s.diagnostics.some((d) => d.file === '5-loadbalancer/svc-3.yaml'));
    fs.writeFileSync(svcFile, '');
    const withEmptyService = await emptied;
    expect(withEmptyService.diagnostics.find((d) => d.file === '5-loadbalancer/svc-3.yaml')!.message).toMatch(/^this file is empty/);
    expect(service(withEmptyService, 'svc-3')).toEqual(svc3);

    const fixed = nextSnapshot((s) => s.diagnostics.length === 0);
    fs.writeFileSync(podFile, podText);
    fs.writeFileSync(svcFile, svcText);
    const after = await fixed;
    expect(after.pods.find((p) => p.namespace === 'default' && p.name === 'pod-1')).toMatchObject({ ip: pod1.ip, node: pod1.node });
    expect(podFacts(after)).toEqual(podFacts(before));
    expect(service(after, 'svc-3')).toEqual(svc3);
  });

  it('a folder deleted and re-created within the debounce is read again and still watched', async () => {
    const recreated = nextSnapshot((s) => svcPort(s, 'svc-1') === 9100);
    fs.rmSync(folder, { recursive: true });
    fs.cpSync(SEED, folder, { recursive: true });
    edit(path.join(folder, '3-clusterip', 'svc-1.yaml'), 'port: 9000', 'port: 9100');
    await recreated;
    // The new folder is the one watched now.
    const edited = nextSnapshot((s) => svcPort(s, 'svc-2') === 9200);
    edit(path.join(folder, '4-nodeport', 'svc-2.yaml'), 'port: 9000', 'port: 9200');
    expect(svcPort(await edited, 'svc-1')).toBe(9100);
  });

  it('a folder swapped by a rename is read again and the new one watched', async () => {
    const next = path.join(tmp, 'next');
    fs.cpSync(SEED, next, { recursive: true });
    edit(path.join(next, '3-clusterip', 'svc-1.yaml'), 'port: 9000', 'port: 9100');
    const swapped = nextSnapshot((s) => svcPort(s, 'svc-1') === 9100);
    fs.renameSync(folder, path.join(tmp, 'previous'));
    fs.renameSync(next, folder);
    await swapped;
    const edited = nextSnapshot((s) => svcPort(s, 'svc-2') === 9200);
    edit(path.join(folder, '4-nodeport', 'svc-2.yaml'), 'port: 9000', 'port: 9200');
    await edited;
    // A file created at the top of the new folder is seen too (the old watch saw only known paths).
    const added = nextSnapshot((s) => s.services.some((x) => x.name === 'svc-new'));
    fs.writeFileSync(
      path.join(folder, 'svc-new.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-new\nspec:\n  ports:\n  - port: 80\n',
    );
    await added;
  });

  it('a folder replaced by a file is a problem, not a cluster, until a folder is back', async () => {
    const problem = nextSnapshot((s) => s.diagnostics.some((d) => /was replaced by a file/.test(d.message)));
    fs.rmSync(folder, { recursive: true });
    fs.writeFileSync(folder, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: from-a-file\nspec:\n  ports:\n  - port: 80\n');
    const shown = await problem;
    expect(shown.services.some((s) => s.name === 'from-a-file')).toBe(false);
    expect(shown.nodes).toHaveLength(3);
    expect(service(shown, 'svc-1')).toBeDefined();
    const back = nextSnapshot((s) => s.diagnostics.length === 0);
    fs.rmSync(folder);
    fs.cpSync(SEED, folder, { recursive: true });
    await back;
    const edited = nextSnapshot((s) => svcPort(s, 'svc-2') === 9200);
    edit(path.join(folder, '4-nodeport', 'svc-2.yaml'), 'port: 9000', 'port: 9200');
    await edited;
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
