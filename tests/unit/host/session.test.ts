/**
 * The engine host as the renderer uses it: open the seed folder, list choices, send the study
 * note's requests, change the cluster, and watch revisions and recent folders.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../../src/api/contract';
import { Session } from '../../../host/session';

const SEED = path.resolve(__dirname, '../../../assets/examples/seed');

let tmp: string;
let folder: string;
let configDir: string;
let session: Session;

function svc(snapshot: ClusterSnapshot, namespace: string, name: string) {
  const found = snapshot.services.find((s) => s.namespace === namespace && s.name === name);
  if (!found) throw new Error(`no service ${namespace}/${name}`);
  return found;
}

async function open(dir = folder): Promise<ClusterSnapshot> {
  const result = await session.openFolder(dir);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-session-'));
  folder = path.join(tmp, 'seed');
  configDir = path.join(tmp, 'config');
  fs.cpSync(SEED, folder, { recursive: true });
  session = new Session({ configDir, watch: false });
});

afterEach(() => {
  session.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('Session', () => {
  it('before any folder: an empty snapshot, no choices, and requests refused', async () => {
    expect((await session.getSnapshot()).nodes).toEqual([]);
    expect(await session.getChoices()).toEqual({ sources: [], targets: [] });
    expect(await session.sendRequest({ from: 'external', to: 'svc/svc-1:9000', count: 1 })).toMatchObject({ ok: false });
  });

  it('opens the seed: three nodes, the practice Pods and Services, no diagnostics', async () => {
    const snapshot = await open();
    expect(snapshot.folder).toBe(folder);
    expect(snapshot.revision).toBe(1);
    expect(snapshot.nodes.map((n) => n.name)).toEqual(['k8s-master', 'k8s-node1', 'k8s-node2']);
    expect(
      snapshot.pods
        .filter((p) => p.namespace === 'default')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['pod-1', 'pod-2']);
    expect(svc(snapshot, 'default', 'svc-3').externalIP).toBe('<pending>');
    expect(snapshot.settings.loadBalancer).toMatch(/^none/);
    expect(snapshot.diagnostics).toEqual([]);
    expect(await session.getSnapshot()).toEqual(snapshot);
  });

  it('opening a file opens its folder; a missing folder is refused', async () => {
    const snapshot = await open(path.join(folder, '3-clusterip', 'svc-1.yaml'));
    expect(snapshot.folder).toBe(path.join(folder, '3-clusterip'));
    const missing = await session.openFolder(path.join(tmp, 'nope'));
    expect(missing).toEqual({ ok: false, error: `The folder ${path.join(tmp, 'nope')} does not exist` });
    expect(session.folder).toBe(path.join(folder, '3-clusterip'));
    expect(await session.openFolder()).toMatchObject({ ok: false });
  });

  it('lists every source and target, including those that will fail', async () => {
    await open();
    const choices = await session.getChoices();
    const sources = choices.sources.map((s) => s.id);
    expect(sources.slice(0, 4)).toEqual(['external', 'node/k8s-master', 'node/k8s-node1', 'node/k8s-node2']);
    expect(sources).toContain('pod/pod-1');
    expect(sources).toContain('pod/pod-practice/pod-1');
    // kube-system's own Pods are not offered.
    expect(sources.some((s) => s.includes('kube-proxy'))).toBe(false);
    const targets = new Map(choices.targets.map((t) => [t.id, t]));
    expect(targets.get('svc/svc-1:9000')?.group).toBe('Service');
    for (const node of ['k8s-master', 'k8s-node1', 'k8s-node2']) expect(targets.get(`node/${node}:30000`)?.group).toBe('NodePort');
    expect(targets.get('lb/svc-3:9000')).toMatchObject({ group: 'LoadBalancer', label: expect.stringContaining('<pending>') });
    expect(targets.get('pod/pod-practice/pod-1:8000')?.label).toContain('container1');
    expect(targets.get('pod/pod-practice/pod-1:8080')?.label).toContain('container2');
  });

  it('sends the study note’s `curl <ClusterIP>:9000` and the CLI syntax alike', async () => {
    const snapshot = await open();
    const clusterIP = svc(snapshot, 'default', 'svc-1').clusterIP;
    const curl = await session.sendRequest({ from: 'node/k8s-master', to: `curl ${clusterIP}:9000`, count: 3 });
    if (!curl.ok) throw new Error(curl.error);
    expect(curl.value.traces).toHaveLength(3);
    for (const trace of curl.value.traces) {
      expect(trace.outcome).toBe('delivered');
      expect(['pod-1', 'pod-2']).toContain(trace.pod);
    }
    expect(curl.value.events.length).toBeGreaterThan(0);
    const cli = await session.sendRequest({ from: 'external', to: 'node/k8s-node1:30000', count: 1 });
    expect(cli.ok).toBe(true);
  });

  it('refuses a request the engine cannot parse, with its reason', async () => {
    await open();
    const result = await session.sendRequest({ from: 'node/nope', to: 'svc/svc-1:9000', count: 1 });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('"nope" not found') });
  });

  it('matches label selectors with kubectl syntax and explains a bad one', async () => {
    await open();
    const matched = await session.matchSelector('app=pod');
    expect(matched).toEqual({ ok: true, value: expect.arrayContaining(['pod/pod-1', 'pod/pod-2']) });
    expect(await session.matchSelector('app in (')).toMatchObject({
      ok: false,
      error: expect.stringContaining('unable to parse requirement'),
    });
  });

  it('operations publish a new revision to listeners; refusals change nothing', async () => {
    await open();
    const seen: number[] = [];
    session.onSnapshot((s) => seen.push(s.revision));
    const cordoned = await session.operate({ op: 'cordon', node: 'k8s-node2' });
    if (!cordoned.ok) throw new Error(cordoned.error);
    expect(cordoned.value.nodes.find((n) => n.name === 'k8s-node2')?.unschedulable).toBe(true);
    const deleted = await session.operate({ op: 'deletePod', namespace: 'default', name: 'pod-2' });
    if (!deleted.ok) throw new Error(deleted.error);
    expect(deleted.value.pods.some((p) => p.namespace === 'default' && p.name === 'pod-2')).toBe(false);
    expect(seen).toEqual([2, 3]);

    const refused = await session.operate({ op: 'deletePod', namespace: 'default', name: 'ghost' });
    expect(refused).toEqual({ ok: false, error: 'Error from server (NotFound): pods "ghost" not found' });
    const drain = await session.operate({ op: 'drain', node: 'k8s-node1' });
    expect(drain).toMatchObject({ ok: false, error: expect.stringContaining('use --force') });
    expect(seen).toEqual([2, 3]);
    expect((await session.getSnapshot()).revision).toBe(3);
  });

  it('deletePod without wait leaves the Pod Terminating; requests spaced past its grace period see it go', async () => {
    await open();
    const deleted = await session.operate({ op: 'deletePod', namespace: 'default', name: 'pod-2', wait: false });
    if (!deleted.ok) throw new Error(deleted.error);
    expect(deleted.value.pods.find((p) => p.namespace === 'default' && p.name === 'pod-2')).toMatchObject({ status: 'Terminating' });
    const sent = await session.sendRequest({ from: 'external', to: 'node/k8s-node1:30000', count: 2, intervalSeconds: 30 });
    if (!sent.ok) throw new Error(sent.error);
    expect(sent.value.changes?.map((c) => c.text)).toEqual(['pod-2 is gone (its 30 s grace period ended)']);
    expect((await session.getSnapshot()).pods.some((p) => p.namespace === 'default' && p.name === 'pod-2')).toBe(false);
  });

  it('reset brings back the cluster the folder describes', async () => {
    await open();
    await session.operate({ op: 'deletePod', namespace: 'default', name: 'pod-2' });
    const reset = await session.operate({ op: 'reset' });
    if (!reset.ok) throw new Error(reset.error);
    expect(reset.value.pods.some((p) => p.namespace === 'default' && p.name === 'pod-2')).toBe(true);
    expect(reset.value.revision).toBe(3);
  });

  it("apply re-creates a deleted bare Pod with a new IP; the Service keeps its IP (the seed's lesson)", async () => {
    const before = await open();
    const podIP = (snap: ClusterSnapshot) => snap.pods.find((p) => p.namespace === 'default' && p.name === 'pod-2')?.ip;
    await session.operate({ op: 'deletePod', namespace: 'default', name: 'pod-2' });
    const applied = await session.operate({ op: 'apply' });
    if (!applied.ok) throw new Error(applied.error);
    expect(podIP(applied.value)).toMatch(/^10\.244\.2\.\d+$/);
    expect(podIP(applied.value)).not.toBe(podIP(before));
    expect(svc(applied.value, 'default', 'svc-1').clusterIP).toBe(svc(before, 'default', 'svc-1').clusterIP);
    expect(svc(applied.value, 'default', 'svc-1').endpoints.map((e) => e.ip)).toContain(podIP(applied.value));
  });

  it('remembers opened folders, newest first, across sessions', async () => {
    await open(path.join(folder, '1-pod'));
    await open(path.join(folder, '4-nodeport'));
    await open(path.join(folder, '1-pod'));
    expect(await session.getRecentFolders()).toEqual([path.join(folder, '1-pod'), path.join(folder, '4-nodeport')]);
    const later = new Session({ configDir, watch: false });
    expect(await later.getRecentFolders()).toEqual([path.join(folder, '1-pod'), path.join(folder, '4-nodeport')]);
    later.clearRecent();
    expect(await new Session({ configDir, watch: false }).getRecentFolders()).toEqual([]);
  });

  it('forgets a recent folder that no longer exists when it is opened', async () => {
    await open(path.join(folder, '1-pod'));
    fs.rmSync(path.join(folder, '1-pod'), { recursive: true });
    expect((await session.openFolder(path.join(folder, '1-pod'))).ok).toBe(false);
    expect(await session.getRecentFolders()).toEqual([]);
  });
});
