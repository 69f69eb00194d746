/**
 * What one folder load may cost the engine worker before it is stopped: wall time, heap, and the
 * size of the cluster it hands back (the main thread must deserialize that, so it is capped too).
 * A folder over any of them ends that load with a problem and the previous cluster stays shown.
 */
import type { Diagnostic } from '../src/model/source';

export interface EngineBudgets {
  /** Wall-clock time for reading and simulating the folder, from the job's start. */
  timeMs: number;
  /** The worker's V8 old-generation heap (`resourceLimits.maxOldGenerationSizeMb`). */
  heapMb: number;
  /** The serialized cluster the worker sends back. */
  resultBytes: number;
}

/**
 * Far above what real folders need: 3,000 objects (1,000 Deployments, 3,000 Pods) load in about 3 s
 * and 200 MB, a 20,000-Pod cluster serializes to 16 MB. A runaway (`replicas: 2147483647`) hits one
 * of them within seconds instead of freezing the app.
 */
export const DEFAULT_BUDGETS: Readonly<EngineBudgets> = {
  timeMs: 20_000,
  heapMb: 1024,
  resultBytes: 64 * 1024 * 1024,
};

export type BudgetKind = 'time' | 'memory' | 'size';

function bytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.round(n / 1024)} KB`;
}

function amount(kind: BudgetKind, budgets: EngineBudgets): string {
  if (kind === 'time') return budgets.timeMs >= 1000 ? `${budgets.timeMs / 1000} s` : `${budgets.timeMs} ms`;
  if (kind === 'memory') return `${budgets.heapMb} MB of memory`;
  return `${bytes(budgets.resultBytes)} of cluster state`;
}

/** The problem a folder over budget shows in the Problems list. */
export function overBudgetDiagnostic(kind: BudgetKind, budgets: EngineBudgets, folder: string): Diagnostic {
  return {
    severity: 'error',
    file: '',
    line: 1,
    column: 1,
    message: `This folder needs more than ${amount(kind, budgets)} to simulate (${folder}): the load was stopped`,
  };
}
