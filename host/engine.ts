/**
 * What the host adds around the engine facade: a folder read with its content identity, the API's
 * operations mapped onto the facade's functions, and traces seeded and wrapped as Results. Facade
 * functions that need no such glue (newNetState, matchPods) are called by their own names.
 */
import type { ClusterOperation, Result } from '../src/api/contract';
import type { Cluster } from '../src/model/cluster';
import type { TraceRun } from '../src/model/trace';
import { readFolder } from '../src/load/fsFolder';
import {
  cordonNode,
  deletePod,
  drainNode,
  loadCluster,
  type NetState,
  reloadCluster,
  scaleWorkload,
  traceRequests,
  uncordonNode,
} from '../src/engine/index';

export interface FolderRead {
  /** Identity of the folder's content: equal keys mean nothing on disk changed. */
  key: string;
  files: ReturnType<typeof readFolder>['files'];
  diagnostics: ReturnType<typeof readFolder>['diagnostics'];
}

export function readClusterFolder(dir: string): FolderRead {
  const folder = readFolder(dir);
  const key = JSON.stringify([folder.files, folder.diagnostics]);
  return { key, files: folder.files, diagnostics: folder.diagnostics };
}

export function buildFromFolder(read: FolderRead, seed: number): Cluster {
  return loadCluster(read.files, read.diagnostics, { seed });
}

/**
 * Re-loads an edited folder, keeping what the previous cluster can keep (Pod names, IPs, node
 * ports), as `kubectl apply -f DIR` would. The seed stays the previous cluster's.
 */
export function rebuildFromFolder(previous: Cluster, read: FolderRead): Cluster {
  return reloadCluster(previous, read.files, read.diagnostics);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Applies one operation; `reset` and `apply` are the session's job (they re-read the folder). */
export function applyOperation(cluster: Cluster, op: Exclude<ClusterOperation, { op: 'reset' } | { op: 'apply' }>): Result<Cluster> {
  try {
    switch (op.op) {
      case 'deletePod':
        return { ok: true, value: deletePod(cluster, op.namespace, op.name) };
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
  request: { from: string; to: string; count: number },
): Result<{ run: TraceRun; net: NetState }> {
  try {
    // The cluster's seed drives endpoint picks too, so the app and `kube-traffic trace --seed` agree.
    const result = traceRequests(cluster, { ...request, seed: cluster.settings.seed }, net);
    return { ok: true, value: { run: result.run, net: result.state } };
  } catch (error) {
    return { ok: false, error: message(error) };
  }
}
