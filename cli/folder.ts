/** Read a cluster folder and build its cluster (the only place the CLI touches the file system). */
import { statSync } from 'node:fs';
import type { Cluster } from '../src/model/cluster';
import { readFolder } from '../src/load/fsFolder';
import { loadCluster, reloadCluster } from '../src/engine/index';
import { UsageError } from './usage';

export function clusterFromFolder(dir: string, seed: number, command: string): Cluster {
  const folder = readDir(dir, command);
  return loadCluster(folder.files, folder.diagnostics, { seed });
}

/**
 * `--previous OLD_DIR`: the cluster OLD_DIR describes, then DIR applied over it as an edit of the folder
 * (`kubectl apply -f DIR`), so a changed Deployment template starts a rollout.
 */
export function clusterFromEdit(previousDir: string, dir: string, seed: number, command: string): Cluster {
  const previous = clusterFromFolder(previousDir, seed, command);
  const folder = readDir(dir, command);
  return reloadCluster(previous, folder.files, folder.diagnostics);
}

function readDir(dir: string, command: string): ReturnType<typeof readFolder> {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // kubectl's words for `-f` with a missing path.
    throw new UsageError(`the path ${JSON.stringify(dir)} does not exist`, command);
  }
  if (!isDir) throw new UsageError(`the path ${JSON.stringify(dir)} is not a directory`, command);
  return readFolder(dir);
}

/** One line on stderr when the folder has errors, so a table or trace never hides them. */
export function problemsNote(cluster: Cluster, dir: string): string {
  const errors = cluster.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors === 0) return '';
  return `warning: ${errors} error${errors === 1 ? '' : 's'} in the manifests (objects with errors are left out); see: kube-traffic load ${dir}\n`;
}
