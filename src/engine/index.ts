/**
 * The engine facade: the few functions the shells (CLI, the host behind Electron and browser mode) call.
 * Pure: files come in as text, the cluster goes out as plain data.
 */
import type { Cluster } from '../model/cluster';
import type { Diagnostic } from '../model/source';
import type { RawFile } from '../load/types';
import { loadManifests } from '../load/index';
import { buildCluster, reconcileCluster } from '../cluster/index';

export interface LoadClusterOptions {
  /** Every random choice (IPs, generated names, node ports) derives from it. Default 1. */
  seed?: number;
}

/**
 * Folder text → simulated cluster. `folderDiagnostics` are the reader's (unreadable or skipped
 * files); they come first, then the loader's, so Problems lists them in the order they arise.
 */
export function loadCluster(files: readonly RawFile[], folderDiagnostics: readonly Diagnostic[], opts: LoadClusterOptions = {}): Cluster {
  const load = loadManifests([...files]);
  return buildCluster({ ...load, diagnostics: [...folderDiagnostics, ...load.diagnostics] }, { seed: opts.seed ?? 1 });
}

/**
 * An edited folder → the next cluster, keeping what `kubectl apply -f DIR` would keep (Pod names,
 * IPs, node ports) and the previous cluster's seed. Diagnostics merge as in loadCluster.
 */
export function reloadCluster(previous: Cluster, files: readonly RawFile[], folderDiagnostics: readonly Diagnostic[]): Cluster {
  const load = loadManifests([...files]);
  return reconcileCluster(previous, { ...load, diagnostics: [...folderDiagnostics, ...load.diagnostics] });
}

export type { RawFile, RawFolder } from '../load/types';
export * from '../cluster/index';
export * from '../trace/index';
export { toLoadJson, type LoadJson } from '../view/loadJson';
export { kubectlGet, resolveGetKind, type GetKind, type GetOptions, type GetResult } from '../view/kubectl/get';
export { formatTraceRun } from '../view/traceText';
export { formatLoadSummary, formatDiagnostic } from '../view/loadSummary';
export { parseSelector, matchesSelector, selectorToString, SelectorParseError, type Requirement } from '../util/selector';
export { matchPods } from './matchPods';
export { selectorText } from '../cluster/policies';
export { reachMatrix, type ReachMatrix, type ReachRequest, type ReachResult } from './reach';
export { parseReachPort, reachSources, reachTargets, type Checked, type ReachPort } from './reachSubjects';
export { TRACE_OUTCOMES, isTraceOutcome, type TraceOutcome } from './outcomes';
export { parseExpectations, type Expectation, type ExpectationProblem, type ParsedExpectations, type Position } from './expectationsFile';
export { checkExpectations, runExpectations, type ExpectationResult, type ExpectationsRun } from './expectations';
export { formatReach, OUTCOME_LETTERS } from './reachText';
export { describeExpectation, failureMessage, formatExpectationProblem, formatExpectationResults } from './expectationsText';
