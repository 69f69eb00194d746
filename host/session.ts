/**
 * The engine host: owns the open folder, the simulated Cluster and the network state (conntrack,
 * session affinity) that successive requests share. Implements KubeTrafficApi for both shells —
 * the Electron main process (over IPC) and browser mode (over HTTP) — and knows nothing of either.
 * Arguments are assumed already validated by src/api/validate.ts at the process boundary.
 *
 * Reading and simulating a folder runs in the engine worker (host/engineThread.ts), within budgets;
 * traces, selectors and operations are cheap and bounded and run here. Everything that replaces the
 * cluster goes through one queue (host/jobQueue.ts), and opening a folder cancels the rest.
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
  SourceFile,
  Scenario,
  Scenarios,
} from '../src/api/contract';
import type { Cluster } from '../src/model/cluster';
import type { Diagnostic } from '../src/model/source';
import { shownRun, type ShownRun } from '../src/model/trace';
import { matchPods, type NetState, newNetState } from '../src/engine/index';
import { type EngineBudgets, overBudgetDiagnostic } from './budgets';
import { requestChoices } from './choices';
import { suggestRequest } from './suggest';
import * as scenarioFile from './scenarios';
import { applyOperation, runTrace } from './engine';
import { type EngineOutcome, EngineThread } from './engineThread';
import type { FolderJobResult } from './folderJob';
import { JobQueue, SUPERSEDED } from './jobQueue';
import type { LastGood } from './lastGood';
import { addRecent, readRecentFolders, removeRecent, writeRecentFolders } from './recent';
import { reachability } from './reach';
import { readSourceFile } from './sourceFile';
import { normalizeSource, normalizeTargetRequest } from './requestText';
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
  /** The built engine worker script (default: engineWorker.js beside host/engineThread's module). */
  engineWorker?: string;
  /** What one folder load may cost (default DEFAULT_BUDGETS). */
  budgets?: Partial<EngineBudgets>;
}

interface Loaded {
  folder: string;
  /** Content identity of the last read, to skip reloads when nothing changed on disk. */
  key: string;
  cluster: Cluster;
  net: NetState;
  /** Each file's last text that parsed (host/lastGood.ts). */
  lastGood: LastGood;
}

// saveFile is the window's (a Save dialog, or a browser download), not the session's.
type Api = Omit<KubeTrafficApi, 'pathForFile' | 'onMenuCommand' | 'saveFile'>;
type Loadable = Extract<FolderJobResult, { kind: 'loaded' }>;

const NO_CLUSTER = 'No cluster is loaded: open a folder first';

function deletedProblem(folder: string): Diagnostic {
  // Keep showing the last cluster: the folder may be mid-rename or on a remounting drive.
  return folderDiagnostic(`The folder ${folder} was deleted or moved; showing the cluster as it was last loaded`);
}

function notAFolderProblem(folder: string): Diagnostic {
  return folderDiagnostic(`The folder ${folder} was replaced by a file; showing the cluster as it was last loaded`);
}

function cancelled(folder: string): Result<never> {
  return { ok: false, error: `Loading ${folder} was cancelled: another folder was opened` };
}

export class Session implements Api {
  private loaded: Loaded | null = null;
  /** Problems with the folder itself (deleted, over budget), shown on top of the manifests' diagnostics. */
  private problems: Diagnostic[] = [];
  private revision = 0;
  private snapshot: ClusterSnapshot = emptySnapshot(0);
  private readonly listeners = new Set<(snapshot: ClusterSnapshot) => void>();
  private watcher: FolderWatcher | null = null;
  private recent: string[];
  private readonly seed: number;
  private readonly engine: EngineThread;
  private readonly queue = new JobQueue();
  /** Counts openFolder calls, so an open that finishes looking at its path after a later one started yields. */
  private opens = 0;
  /** The generation a watcher reload is already queued for: one queued reload covers any number of events. */
  private reloadQueuedFor: number | null = null;

  constructor(private readonly options: SessionOptions) {
    this.seed = options.seed ?? 1;
    this.recent = readRecentFolders(options.configDir);
    this.engine = new EngineThread({ script: options.engineWorker, budgets: options.budgets });
  }

  /** The open folder's absolute path, or null before the first successful open. */
  get folder(): string | null {
    return this.loaded?.folder ?? null;
  }

  async getSnapshot(): Promise<ClusterSnapshot> {
    return this.snapshot;
  }

  async getChoices(): Promise<RequestChoices> {
    if (!this.loaded) return { sources: [], targets: [] };
    const choices = requestChoices(this.loaded.cluster);
    const suggested = suggestRequest(this.loaded.cluster, choices);
    return suggested ? { ...choices, suggested } : choices;
  }

  async sendRequest(req: { from: string; to: string; count: number; intervalSeconds?: number }): Promise<Result<ShownRun>> {
    if (!this.loaded) return { ok: false, error: NO_CLUSTER };
    // A curl line keeps its URL and -H headers: an Ingress controller on the way routes on Host and path.
    const target = normalizeTargetRequest(req.to);
    const headers = target.headers.length > 0 ? { headers: target.headers } : {};
    const interval = req.intervalSeconds !== undefined ? { intervalSeconds: req.intervalSeconds } : {};
    const request = { from: normalizeSource(req.from), to: target.to, count: req.count, ...headers, ...interval };
    const traced = runTrace(this.loaded.cluster, this.loaded.net, request);
    if (!traced.ok) return traced;
    // Conntrack entries and ClientIP affinity carry over to the next request, as on a real node.
    this.loaded.net = traced.value.net;
    // The clock moved on with the requests; what changed on the way (a grace period ended, a rollout step) is shown.
    this.loaded.cluster = traced.value.cluster;
    if (traced.value.run.changes) this.publish();
    return { ok: true, value: shownRun(traced.value.run) };
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
    const done = await this.queue.enqueue(() => this.operateNow(op));
    return done === SUPERSEDED ? { ok: false, error: 'Cancelled: another folder was opened' } : done;
  }

  /** Opens a folder (a file opens the folder it is in, so dropping a manifest works too). */
  async openFolder(folderPath?: string): Promise<Result<ClusterSnapshot>> {
    if (folderPath === undefined) return { ok: false, error: 'No folder given: type the path of a folder of manifests' };
    const open = ++this.opens;
    let folder = path.resolve(folderPath);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(folder);
    } catch {
      this.forgetRecent(folder);
      return { ok: false, error: `The folder ${folder} does not exist` };
    }
    if (!stat.isDirectory()) folder = path.dirname(folder);
    if (open !== this.opens) return cancelled(folder);
    // A new open supersedes whatever the engine was doing for the folder before.
    this.queue.nextGeneration();
    this.engine.cancel();
    const done = await this.queue.enqueue(() => this.openNow(folder));
    return done === SUPERSEDED ? cancelled(folder) : done;
  }

  /** A file of the open folder for the Source view (host/sourceFile.ts confines the path). */
  async readSource(file: string): Promise<Result<SourceFile>> {
    if (!this.loaded) return { ok: false, error: NO_CLUSTER };
    return readSourceFile(this.loaded.folder, file);
  }

  async getScenarios(): Promise<Scenarios> {
    return this.loaded ? scenarioFile.readScenarios(this.loaded.folder) : { saved: [], lessons: [], problems: [] };
  }

  async saveScenario(scenario: Scenario): Promise<Result<Scenarios>> {
    if (!this.loaded) return { ok: false, error: NO_CLUSTER };
    return scenarioFile.saveScenario(this.loaded.folder, scenario);
  }

  async deleteScenario(name: string): Promise<Result<Scenarios>> {
    if (!this.loaded) return { ok: false, error: NO_CLUSTER };
    return scenarioFile.deleteScenario(this.loaded.folder, name);
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
   * and IPs where their manifests did not change. Resolves to whether a new snapshot was published.
   */
  async reload(): Promise<boolean> {
    const done = await this.queue.enqueue(() => this.reloadNow());
    return done === true;
  }

  /** Stops watching and the engine worker; the session can still answer calls. */
  close(): void {
    this.queue.nextGeneration();
    this.engine.close();
    this.watcher?.close();
    this.watcher = null;
    this.listeners.clear();
  }

  private async openNow(folder: string): Promise<Result<ClusterSnapshot>> {
    const generation = this.queue.generation;
    const outcome = await this.engine.run({ kind: 'build', folder, seed: this.seed, lastGood: {} });
    if (generation !== this.queue.generation) return cancelled(folder);
    // Gone between our look and the worker's: nothing was shown for it, so there is nothing to keep.
    if (outcome.kind === 'done' && outcome.result.kind === 'unreadable') return { ok: false, error: `The folder ${folder} does not exist` };
    const loaded = this.loadable(folder, outcome);
    if (!loaded.ok) return loaded;
    this.loaded = { folder, key: loaded.value.key, cluster: loaded.value.cluster, net: newNetState(), lastGood: loaded.value.lastGood };
    this.problems = [];
    this.rememberRecent(folder);
    this.watch(folder);
    return { ok: true, value: this.publish() };
  }

  private async operateNow(op: ClusterOperation): Promise<Result<ClusterSnapshot>> {
    const loaded = this.loaded;
    if (!loaded) return { ok: false, error: NO_CLUSTER };
    if (op.op === 'reset' || op.op === 'apply') {
      const outcome =
        op.op === 'reset'
          ? await this.engine.run({ kind: 'build', folder: loaded.folder, seed: this.seed, lastGood: loaded.lastGood })
          : await this.engine.run({
              kind: 'reload',
              folder: loaded.folder,
              previous: loaded.cluster,
              previousKey: null,
              lastGood: loaded.lastGood,
            });
      if (this.loaded !== loaded) return cancelled(loaded.folder);
      const result = this.loadable(loaded.folder, outcome);
      if (!result.ok) return { ok: false, error: `Cannot ${op.op === 'reset' ? 'reload' : 'apply'} ${loaded.folder}: ${result.error}` };
      const { key, cluster, lastGood } = result.value;
      // Reset undoes the operations, so the network state (conntrack, affinity) starts afresh too.
      this.loaded = { ...this.loaded, key, cluster, lastGood, net: op.op === 'reset' ? newNetState() : this.loaded.net };
      this.problems = [];
      return { ok: true, value: this.publish() };
    }
    const applied = applyOperation(loaded.cluster, op);
    if (!applied.ok) return applied;
    loaded.cluster = applied.value;
    return { ok: true, value: this.publish() };
  }

  private async reloadNow(): Promise<boolean> {
    const loaded = this.loaded;
    if (!loaded) return false;
    const job = {
      kind: 'reload',
      folder: loaded.folder,
      previous: loaded.cluster,
      previousKey: loaded.key,
      lastGood: loaded.lastGood,
    } as const;
    const outcome = await this.engine.run(job);
    if (this.loaded !== loaded || outcome.kind === 'cancelled') return false;
    if (outcome.kind === 'done' && outcome.result.kind === 'unchanged') {
      if (this.problems.length === 0) return false;
      // The folder came back unchanged: only the problem goes away.
      this.problems = [];
      this.publish();
      return true;
    }
    const result = this.loadable(loaded.folder, outcome);
    // Over budget or gone is already a problem on screen; a failure becomes one.
    if (!result.ok) return outcome.kind === 'failed' && this.setProblem(folderDiagnostic(result.error));
    const { key, cluster, lastGood } = result.value;
    this.loaded = { ...loaded, key, cluster, lastGood };
    this.problems = [];
    this.publish();
    return true;
  }

  /**
   * A job's outcome as a cluster to show, or the reason there is none. A folder over budget or gone
   * also becomes a problem in the Problems list, beside the cluster shown before.
   */
  private loadable(folder: string, outcome: EngineOutcome): Result<Loadable> {
    switch (outcome.kind) {
      case 'cancelled':
        return cancelled(folder);
      case 'failed':
        return { ok: false, error: `Cannot load ${folder}: ${outcome.message}` };
      case 'over-budget':
        return this.refused(overBudgetDiagnostic(outcome.budget, this.engine.budgets, folder));
    }
    const result = outcome.result;
    if (result.kind === 'loaded') return { ok: true, value: result };
    if (result.kind === 'unchanged') return { ok: false, error: `${folder} did not change` };
    return this.refused(result.reason === 'missing' ? deletedProblem(folder) : notAFolderProblem(folder));
  }

  private refused(problem: Diagnostic): Result<never> {
    this.setProblem(problem);
    return { ok: false, error: problem.message };
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
    if (event === 'missing' || event === 'not-a-folder') {
      // Queued like a reload, so a reload already running cannot clear the problem after it is shown.
      const problem = event === 'missing' ? deletedProblem(folder) : notAFolderProblem(folder);
      void this.queue.enqueue(() => this.loaded?.folder === folder && this.setProblem(problem));
      return;
    }
    if (this.reloadQueuedFor === this.queue.generation) return;
    this.reloadQueuedFor = this.queue.generation;
    void this.queue.enqueue(() => {
      this.reloadQueuedFor = null;
      return this.reloadNow();
    });
  }

  /** Shows `problem` beside the current cluster (once: a repeat publishes nothing). */
  private setProblem(problem: Diagnostic): boolean {
    if (this.problems.length === 1 && this.problems[0].message === problem.message) return false;
    this.problems = [problem];
    this.publish();
    return true;
  }

  private publish(): ClusterSnapshot {
    this.revision += 1;
    const loaded = this.loaded;
    this.snapshot = loaded
      ? snapshotOf(loaded.cluster, loaded.folder, this.revision, this.problems)
      : emptySnapshot(this.revision, '', this.problems);
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
