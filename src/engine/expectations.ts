/**
 * Connectivity expectations as code (`kube-traffic test`): each entry's request is traced once and
 * its outcome compared with the expected one. Like the reachability matrix, every entry is traced on a
 * fresh NetState with the run's seed, so an entry's verdict is what `kube-traffic trace` shows for it
 * and does not depend on the entries before it.
 */
import type { Cluster } from '../model/cluster';
import type { Outcome } from '../model/trace';
import { newNetState, parseSource, traceRequests, clusterIndex, TraceUsageError } from '../trace/index';
import { type Expectation, type ExpectationProblem, parseExpectations } from './expectationsFile';

export interface ExpectationResult {
  expectation: Expectation;
  outcome: Outcome;
  /** The trace's reason, whether the expectation holds or not. */
  reason: string;
  passed: boolean;
}

/** Results in the file's order, or the mistakes that keep the file from running (a usage error). */
export type ExpectationsRun = { ok: true; results: ExpectationResult[] } | { ok: false; problems: ExpectationProblem[] };

/** Where a bad request is written: its `from` when the source is what the engine refused, else its `to`. */
function misnamed(cluster: Cluster, e: Expectation, message: string): ExpectationProblem {
  let sourceOk = true;
  try {
    parseSource(e.from, clusterIndex(cluster));
  } catch (err) {
    if (!(err instanceof TraceUsageError)) throw err;
    sourceOk = false;
  }
  return { ...(sourceOk ? e.toAt : e.fromAt), message: `expectation ${e.index}: ${message}` };
}

/** Every expectation's trace; any request the engine cannot read makes the whole run a usage error. */
export function runExpectations(cluster: Cluster, expectations: readonly Expectation[], seed = 1): ExpectationsRun {
  const results: ExpectationResult[] = [];
  const problems: ExpectationProblem[] = [];
  for (const e of expectations) {
    let trace;
    try {
      trace = traceRequests(cluster, { from: e.from, to: e.to, count: 1, seed }, newNetState()).run.traces[0];
    } catch (err) {
      if (!(err instanceof TraceUsageError)) throw err;
      problems.push(misnamed(cluster, e, err.message));
      continue;
    }
    results.push({ expectation: e, outcome: trace.outcome, reason: trace.reason, passed: trace.outcome === e.expect });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, results };
}

/**
 * An expectations file's text → its results. A file with mistakes is not run, but its entries that
 * read well are still traced, so that one report lists every mistake: bad YAML, fields and names alike.
 */
export function checkExpectations(cluster: Cluster, text: string, seed = 1): ExpectationsRun {
  const parsed = parseExpectations(text);
  const run = runExpectations(cluster, parsed.expectations, seed);
  if (parsed.problems.length === 0) return run;
  const problems = [...parsed.problems, ...(run.ok ? [] : run.problems)];
  return { ok: false, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
}
