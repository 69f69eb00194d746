/**
 * The host's one door into the engine: reading a folder, building or reconciling the cluster,
 * applying operations and tracing requests. Keeping every engine call here means the session
 * logic (revisions, listeners, recent folders) does not care how the facade is shaped.
 */
import type { ClusterOperation, Result } from '../src/api/contract';
import type { Cluster } from '../src/model/cluster';
import type { TraceRun } from '../src/model/trace';
import { readFolder } from '../src/load/fsFolder';
import { loadManifests } from '../src/load/index';
import {
  cordonNode,
  deletePod,
  drainNode,
  loadCluster,
  matchPods,
  newNetState,
  reconcileCluster,
  scaleWorkload,
  traceRequests,
  uncordonNode,
} from '../src/engine/index';
import type { NetState } from '../src/engine/index';

export type { NetState };

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
  const load = loadManifests([...read.files]);
  // The reader's diagnostics (unreadable files) come first, as loadCluster orders them.
  return reconcileCluster(previous, { ...load, diagnostics: [...read.diagnostics, ...load.diagnostics] });
}

export function freshNetState(): NetState {
  return newNetState();
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

/** Pods a kubectl-syntax selector matches, as ComponentIds; apimachinery's message when it does not parse. */
export function selectPods(cluster: Cluster, selectorText: string): Result<string[]> {
  return matchPods(cluster, selectorText);
}
