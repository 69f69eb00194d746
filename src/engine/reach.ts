/**
 * The reachability matrix (`kube-traffic reach`, and the app's heat map): every sending Pod against
 * every target, one traced request each, like the truth tables of the upstream NetworkPolicy e2e suite.
 *
 * Each cell is traced on a fresh NetState with the run's seed, so a cell's outcome depends only on the
 * cluster, its pair and the seed: it is exactly what `kube-traffic trace --from S --to T --seed N`
 * gives, and neither the order of the cells nor a filter that adds or drops rows can change it.
 */
import type { Cluster } from '../model/cluster';
import type { Outcome } from '../model/trace';
import { newNetState, traceRequests } from '../trace/index';
import { type Checked, parseReachPort, reachSources, reachTargets } from './reachSubjects';

export interface ReachRequest {
  /** Label selector for the source Pods; absent: every Pod outside kube-system. Only Pods that can send are kept. */
  from?: string;
  /** Label selector for the target Pods (needs `port`); absent: every Pod outside kube-system. */
  to?: string;
  /** `PORT` or `PORT/PROTO`: the targets are Pods on this port. Absent: every Service port outside kube-system. */
  port?: string;
  /** Seed of every cell's trace; default 1. */
  seed?: number;
}

export interface ReachMatrix {
  /** `pod/NS/NAME`, by namespace then name. */
  sources: string[];
  /** `pod/NS/NAME:PORT` or `svc/NS/NAME:PORT` (`:PORT/UDP` for UDP), by namespace, name, then spec order. */
  targets: string[];
  /** `outcomes[i][j]`: sources[i] → targets[j]. */
  outcomes: Outcome[][];
  /** The trace's reason for each cell, for a tooltip or a failing expectation. */
  reasons: string[][];
}

export type ReachResult = Checked<ReachMatrix>;

export function reachMatrix(cluster: Cluster, req: ReachRequest = {}): ReachResult {
  let port;
  if (req.port !== undefined) {
    const parsed = parseReachPort(req.port);
    if (!parsed.ok) return parsed;
    port = parsed.value;
  }
  const sources = reachSources(cluster, req.from);
  if (!sources.ok) return sources;
  const targets = reachTargets(cluster, req.to, port);
  if (!targets.ok) return targets;
  const seed = req.seed ?? 1;
  const outcomes: Outcome[][] = [];
  const reasons: string[][] = [];
  for (const from of sources.value) {
    const row: Outcome[] = [];
    const why: string[] = [];
    for (const to of targets.value) {
      const trace = traceRequests(cluster, { from, to, count: 1, seed }, newNetState()).run.traces[0];
      row.push(trace.outcome);
      why.push(trace.reason);
    }
    outcomes.push(row);
    reasons.push(why);
  }
  return { ok: true, value: { sources: sources.value, targets: targets.value, outcomes, reasons } };
}
