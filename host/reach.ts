/**
 * The app's reachability matrix: the engine's reachMatrix (what `kube-traffic reach` prints) for the
 * open cluster, with the cluster's seed, and a ceiling on its size, since every cell is a trace and a
 * matrix too big to read is also too slow to wait for.
 */
import type { Reachability, ReachabilityRequest, Result } from '../src/api/contract';
import type { Cluster } from '../src/model/cluster';
import { parseReachPort, reachMatrix, reachSources, reachTargets } from '../src/engine/index';

/** 60 × 60 pairs: past this the heat map's cells are too small to read or click. */
export const MAX_REACH_CELLS = 3600;

export function reachability(cluster: Cluster, req: ReachabilityRequest): Result<Reachability> {
  try {
    // Counted before tracing, so an oversized matrix is refused at once rather than after its traces.
    const port = req.port === undefined ? undefined : parseReachPort(req.port);
    if (port && !port.ok) return refused(port.error);
    const sources = reachSources(cluster, req.from);
    if (!sources.ok) return refused(sources.error);
    const targets = reachTargets(cluster, req.to, port?.value);
    if (!targets.ok) return refused(targets.error);
    const cells = sources.value.length * targets.value.length;
    if (cells > MAX_REACH_CELLS) {
      return {
        ok: false,
        error: `${sources.value.length} sources × ${targets.value.length} targets is ${cells} pairs, more than ${MAX_REACH_CELLS}: narrow them with a From or To label selector, or a port`,
      };
    }
    const matrix = reachMatrix(cluster, { ...req, seed: cluster.settings.seed });
    if (!matrix.ok) return refused(matrix.error);
    const { sources: s, targets: t, outcomes, reasons } = matrix.value;
    return { ok: true, value: { sources: s, targets: t, outcomes, reasons } };
  } catch (error) {
    return refused(error instanceof Error ? error.message : String(error));
  }
}

function refused(error: string): Result<never> {
  return { ok: false, error };
}
