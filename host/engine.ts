/**
 * What the host adds around the engine facade in its own process: the API's operations mapped onto
 * the facade's functions, and traces seeded and wrapped as Results. Both are cheap and bounded (a
 * scale is capped at LIMITS.maxReplicas, a trace at LIMITS.maxCount), so they stay on the main
 * thread; reading and simulating a folder is host/folderJob.ts's, in the engine worker.
 * Facade functions that need no glue (newNetState, matchPods) are called by their own names.
 */
import type { ClusterOperation, Result } from '../src/api/contract';
import type { Cluster } from '../src/model/cluster';
import type { TraceRun } from '../src/model/trace';
import {
  advanceCluster,
  cordonNode,
  deletePod,
  drainNode,
  type NetState,
  scaleWorkload,
  traceRequests,
  uncordonNode,
} from '../src/engine/index';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Applies one operation; `reset` and `apply` are the session's job (they re-read the folder). */
export function applyOperation(cluster: Cluster, op: Exclude<ClusterOperation, { op: 'reset' } | { op: 'apply' }>): Result<Cluster> {
  try {
    switch (op.op) {
      case 'deletePod': {
        const deleted = deletePod(cluster, op.namespace, op.name);
        if (op.wait === false) return { ok: true, value: deleted };
        // kubectl delete waits (--wait=true) until the Pod is gone: the clock runs through its grace period.
        const gone = deleted.pods.find((p) => p.namespace === op.namespace && p.name === op.name && p.terminating);
        return {
          ok: true,
          value: gone?.deletionTimestamp !== undefined ? advanceCluster(deleted, gone.deletionTimestamp).cluster : deleted,
        };
      }
      case 'scale':
        return { ok: true, value: scaleWorkload(cluster, op.kind, op.namespace, op.name, op.replicas) };
      case 'cordon':
        return { ok: true, value: cordonNode(cluster, op.node) };
      case 'uncordon':
        return { ok: true, value: uncordonNode(cluster, op.node) };
      case 'drain':
        return { ok: true, value: drainNode(cluster, op.node, { force: op.force ?? false }) };
    }
  } catch (error) {
    return { ok: false, error: message(error) };
  }
}

export function runTrace(
  cluster: Cluster,
  net: NetState,
  request: { from: string; to: string; count: number; headers?: string[]; intervalSeconds?: number },
): Result<{ run: TraceRun; net: NetState; cluster: Cluster }> {
  try {
    // The cluster's seed drives endpoint picks too, so the app and `kube-traffic trace --seed` agree.
    const result = traceRequests(cluster, { ...request, seed: cluster.settings.seed }, net);
    return { ok: true, value: { run: result.run, net: result.state, cluster: result.cluster } };
  } catch (error) {
    return { ok: false, error: message(error) };
  }
}
