/**
 * The engine host: owns the open folder, the simulated Cluster and the network state (conntrack,
 * session affinity) that successive requests share. Implements KubeTrafficApi for both shells —
 * the Electron main process (over IPC) and browser mode (over HTTP) — and knows nothing of either.
 * Arguments are assumed already validated by src/api/validate.ts at the process boundary.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  ClusterOperation,
  ClusterSnapshot,
  KubeTrafficApi,
  Reachability,
  ReachabilityRequest,
  RequestChoices,
  Result,
} from '../src/api/contract';
import type { Cluster } from '../src/model/cluster';
import type { Diagnostic } from '../src/model/source';
import type { TraceRun } from '../src/model/trace';
import { matchPods, type NetState, newNetState } from '../src/engine/index';
import { requestChoices } from './choices';
import { applyOperation, buildFromFolder, readClusterFolder, rebuildFromFolder, runTrace } from './engine';
import { addRecent, readRecentFolders, removeRecent, writeRecentFolders } from './recent';
import { reachability } from './reach';
import { normalizeSource, normalizeTarget } from './requestText';
import { emptySnapshot, folderDiagnostic, snapshotOf } from './snapshot';
import { FolderWatcher, type WatchEvent } from './watcher';

export interface SessionOptions {
  /** Where recent-folders.json lives (Electron: app.getPath('userData')). */
  configDir: string;
  /** Seed for every random choice (default 1, as the CLI). */
  seed?: number;
  /** Watch the open folder and reload on change (default true). */
  watch?: boolean;
  debounceMs?: number;
  pollMs?: number;
}

interface Loaded {
  folder: string;
  /** Content identity of the last read, to skip reloads when nothing changed on disk. */
  key: string;
  cluster: Cluster;
  net: NetState;
  /** Problems with the folder itself (deleted, unreadable), on top of the manifests' diagnostics. */
  folderProblems: Diagnostic[];
}

type Api = Omit<KubeTrafficApi, 'pathForFile' | 'onMenuCommand'>;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Session implements Api {
  private loaded: Loaded | null = null;
  private revision = 0;
  private snapshot: ClusterSnapshot = emptySnapshot(0);
  private readonly listeners = new Set<(snapshot: ClusterSnapshot) => void>();
  private watcher: FolderWatcher | null = null;
  private recent: string[];
  private readonly seed: number;

  constructor(private readonly options: SessionOptions) {
    this.seed = options.seed ?? 1;
    this.recent = readRecentFolders(options.configDir);
  }

  /** The open folder's absolute path, or null before the first successful open. */
  get folder(): string | null {
    return this.loaded?.folder ?? null;
  }

  async getSnapshot(): Promise<ClusterSnapshot> {
    return this.snapshot;
  }

  async getChoices(): Promise<RequestChoices> {
    return this.loaded ? requestChoices(this.loaded.cluster) : { sources: [], targets: [] };
  }

  async sendRequest(req: { from: string; to: string; count: number }): Promise<Result<TraceRun>> {
    if (!this.loaded) return { ok: false, error: 'No cluster is loaded: open a folder first' };
    const request = { from: normalizeSource(req.from), to: normalizeTarget(req.to), count: req.count };
    const traced = runTrace(this.loaded.cluster, this.loaded.net, request);
    if (!traced.ok) return traced;
    // Conntrack entries and ClientIP affinity carry over to the next request, as on a real node.
    this.loaded.net = traced.value.net;
    return { ok: true, value: traced.value.run };
  }

  async matchSelector(selector: string): Promise<Result<string[]>> {
    if (!this.loaded) return { ok: true, value: [] };
    return matchPods(this.loaded.cluster, selector);
  }

  async getReachability(req: ReachabilityRequest): Promise<Result<Reachability>> {
    if (!this.loaded) return { ok: false, error: 'No cluster is loaded: open a folder first' };
    return reachability(this.loaded.cluster, req);
  }

  async operate(op: ClusterOperation): Promise<Result<ClusterSnapshot>> {
    const loaded = this.loaded;
    if (!loaded) return { ok: false, error: 'No cluster is loaded: open a folder first' };
    if (op.op === 'reset') {
      try {
        const read = readClusterFolder(loaded.folder);
        this.loaded = { ...loaded, key: read.key, cluster: buildFromFolder(read, this.seed), net: newNetState(), folderProblems: [] };
      } catch (error) {
        return { ok: false, error: `Cannot reload ${loaded.folder}: ${errorText(error)}` };
      }
      return { ok: true, value: this.publish() };
    }
    if (op.op === 'apply') {
      try {
        const read = readClusterFolder(loaded.folder);
        this.loaded = { ...loaded, key: read.key, cluster: rebuildFromFolder(loaded.cluster, read) };
      } catch (error) {
        return { ok: false, error: `Cannot apply ${loaded.folder}: ${errorText(error)}` };
      }
      return { ok: true, value: this.publish() };
    }
    const applied = applyOperation(loaded.cluster, op);
    if (!applied.ok) return applied;
    loaded.cluster = applied.value;
    return { ok: true, value: this.publish() };
  }

  /** Opens a folder (a file opens the folder it is in, so dropping a manifest works too). */
  async openFolder(folderPath?: string): Promise<Result<ClusterSnapshot>> {
    if (folderPath === undefined) return { ok: false, error: 'No folder given: type the path of a folder of manifests' };
    let folder = path.resolve(folderPath);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(folder);
    } catch {
      this.forgetRecent(folder);
      return { ok: false, error: `The folder ${folder} does not exist` };
    }
    if (!stat.isDirectory()) folder = path.dirname(folder);
    let read;
    let cluster: Cluster;
    try {
      read = readClusterFolder(folder);
      cluster = buildFromFolder(read, this.seed);
    } catch (error) {
      return { ok: false, error: `Cannot load ${folder}: ${errorText(error)}` };
    }
    this.loaded = { folder, key: read.key, cluster, net: newNetState(), folderProblems: [] };
    this.rememberRecent(folder);
    this.watch(folder);
    return { ok: true, value: this.publish() };
  }

  async getRecentFolders(): Promise<string[]> {
    return [...this.recent];
  }

  clearRecent(): void {
    this.recent = [];
    this.saveRecent();
  }

  onSnapshot(listener: (snapshot: ClusterSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Re-reads the folder after an edit, reconciling with the current cluster so Pods keep their names
   * and IPs where their manifests did not change. Returns whether a new snapshot was published.
   */
  reload(): boolean {
    const loaded = this.loaded;
    if (!loaded) return false;
    let read;
    try {
      read = readClusterFolder(loaded.folder);
    } catch (error) {
      return this.folderProblem(`Cannot read the folder ${loaded.folder}: ${errorText(error)}`);
    }
    if (read.key === loaded.key) {
      if (loaded.folderProblems.length === 0) return false;
      // The folder came back unchanged: only the problem goes away.
      loaded.folderProblems = [];
      this.publish();
      return true;
    }
    try {
      loaded.cluster = rebuildFromFolder(loaded.cluster, read);
    } catch (error) {
      return this.folderProblem(`Cannot load ${loaded.folder}: ${errorText(error)}`);
    }
    loaded.key = read.key;
    loaded.folderProblems = [];
    this.publish();
    return true;
  }

  /** Stops watching; the session can still answer calls. */
  close(): void {
    this.watcher?.close();
    this.watcher = null;
    this.listeners.clear();
  }

  private watch(folder: string): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.options.watch === false) return;
    this.watcher = new FolderWatcher(folder, (event: WatchEvent) => this.onWatchEvent(folder, event), {
      debounceMs: this.options.debounceMs,
      pollMs: this.options.pollMs,
    });
  }

  private onWatchEvent(folder: string, event: WatchEvent): void {
    if (this.loaded?.folder !== folder) return;
    if (event === 'missing') {
      // Keep showing the last cluster: the folder may be mid-rename or on a remounting drive.
      this.folderProblem(`The folder ${folder} was deleted or moved; showing the cluster as it was last loaded`);
    } else {
      this.reload();
    }
  }

  private folderProblem(message: string): boolean {
    if (!this.loaded) return false;
    if (this.loaded.folderProblems.some((d) => d.message === message)) return false;
    this.loaded.folderProblems = [folderDiagnostic(message)];
    this.publish();
    return true;
  }

  private publish(): ClusterSnapshot {
    this.revision += 1;
    const loaded = this.loaded;
    this.snapshot = loaded ? snapshotOf(loaded.cluster, loaded.folder, this.revision, loaded.folderProblems) : emptySnapshot(this.revision);
    for (const listener of [...this.listeners]) {
      try {
        listener(this.snapshot);
      } catch {
        // One broken listener (a closed window, a dropped HTTP stream) must not starve the others.
      }
    }
    return this.snapshot;
  }

  private rememberRecent(folder: string): void {
    this.recent = addRecent(this.recent, folder);
    this.saveRecent();
  }

  private forgetRecent(folder: string): void {
    if (!this.recent.includes(folder)) return;
    this.recent = removeRecent(this.recent, folder);
    this.saveRecent();
  }

  private saveRecent(): void {
    try {
      writeRecentFolders(this.options.configDir, this.recent);
    } catch {
      // A read-only config dir costs the recent list, not the session.
    }
  }
}
