/**
 * The host's side of the engine worker: runs folder jobs (host/folderJob.ts) off the main thread,
 * one at a time, each within the time, heap and result-size budgets. A job over budget, cancelled
 * or superseded by the next one ends its worker (`terminate()` stops even a tight loop); the next
 * job starts a fresh one. Between jobs the worker holds nothing and keeps no process alive.
 */
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { type BudgetKind, DEFAULT_BUDGETS, type EngineBudgets } from './budgets';
import type { WorkerConfig, WorkerReply, WorkerRequest } from './engineProtocol';
import type { FolderJob, FolderJobResult } from './folderJob';

export type EngineOutcome =
  | { kind: 'done'; result: FolderJobResult }
  | { kind: 'failed'; message: string }
  | { kind: 'over-budget'; budget: BudgetKind }
  | { kind: 'cancelled' };

export interface EngineThreadOptions {
  /** The built worker script (default: engineWorker.js beside this module, as tsc and electron-vite emit it). */
  script?: string;
  budgets?: Partial<EngineBudgets>;
}

let defaultScript = path.join(__dirname, 'engineWorker.js');

/** For tests that run host/ from its TypeScript sources: the worker bundled for them. */
export function setDefaultEngineWorkerScript(script: string): void {
  defaultScript = script;
}

interface Running {
  id: number;
  resolve: (outcome: EngineOutcome) => void;
  timer: NodeJS.Timeout;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class EngineThread {
  readonly budgets: EngineBudgets;
  private readonly script: string;
  private worker: Worker | null = null;
  private running: Running | null = null;
  private nextId = 1;

  constructor(options: EngineThreadOptions = {}) {
    this.script = options.script ?? defaultScript;
    this.budgets = { ...DEFAULT_BUDGETS, ...options.budgets };
  }

  /** Runs one job; a job still running is cancelled first. */
  run(job: FolderJob): Promise<EngineOutcome> {
    this.cancel();
    return new Promise<EngineOutcome>((resolve) => {
      const id = this.nextId++;
      // The clock includes starting a worker: a folder pays for what it makes the host do.
      const timer = setTimeout(() => this.finish(id, { kind: 'over-budget', budget: 'time' }, true), this.budgets.timeMs);
      this.running = { id, resolve, timer };
      let worker: Worker;
      try {
        worker = this.worker ?? this.spawn();
        worker.ref();
        worker.postMessage({ id, job } satisfies WorkerRequest);
      } catch (error) {
        this.finish(id, { kind: 'failed', message: messageOf(error) }, true);
      }
    });
  }

  /** Stops the running job, if any: its promise resolves `cancelled`. */
  cancel(): void {
    if (this.running) this.finish(this.running.id, { kind: 'cancelled' }, true);
  }

  close(): void {
    this.cancel();
    this.kill();
  }

  private spawn(): Worker {
    const worker = new Worker(this.script, {
      workerData: { resultBytes: this.budgets.resultBytes } satisfies WorkerConfig,
      resourceLimits: { maxOldGenerationSizeMb: this.budgets.heapMb },
    });
    worker.on('message', (reply: WorkerReply) => {
      if (worker === this.worker) this.onReply(reply);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (worker !== this.worker) return;
      this.worker = null;
      const outcome: EngineOutcome =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'over-budget', budget: 'memory' } : { kind: 'failed', message: error.message };
      if (this.running) this.finish(this.running.id, outcome);
    });
    worker.on('exit', (code) => {
      if (worker !== this.worker) return;
      this.worker = null;
      if (this.running) this.finish(this.running.id, { kind: 'failed', message: `the engine worker stopped (exit code ${code})` });
    });
    this.worker = worker;
    return worker;
  }

  private onReply(reply: WorkerReply): void {
    if (reply.kind === 'too-large') this.finish(reply.id, { kind: 'over-budget', budget: 'size' });
    else if (reply.kind === 'error') this.finish(reply.id, { kind: 'failed', message: reply.message });
    else {
      let result: FolderJobResult;
      try {
        result = v8.deserialize(Buffer.from(reply.payload)) as FolderJobResult;
      } catch (error) {
        this.finish(reply.id, { kind: 'failed', message: messageOf(error) });
        return;
      }
      this.finish(reply.id, { kind: 'done', result });
    }
  }

  /** Settles job `id` if it is still the running one; `kill` ends its worker too. */
  private finish(id: number, outcome: EngineOutcome, kill = false): void {
    const running = this.running;
    if (!running || running.id !== id) return;
    this.running = null;
    clearTimeout(running.timer);
    if (kill) this.kill();
    else this.worker?.unref();
    running.resolve(outcome);
  }

  private kill(): void {
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate();
  }
}
