/**
 * The expensive, input-driven work of the host: read a folder and simulate it. It runs in the
 * engine worker (host/engineWorker.ts), so a hostile folder can cost the worker its time and heap
 * budget but never block the process that draws the window or answers HTTP.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { Cluster } from '../src/model/cluster';
import { readFolder } from '../src/load/fsFolder';
import { loadCluster, reloadCluster } from '../src/engine/index';
import { type LastGood, loadKeepingLastGood } from './lastGood';

export type FolderJob =
  /** A fresh cluster (open, reset). `lastGood` is empty for a folder opened anew. */
  | { kind: 'build'; folder: string; seed: number; lastGood: LastGood }
  /**
   * The folder again, reconciled with `previous` (watcher, apply). With `previousKey`, a folder
   * whose content has not changed answers `unchanged` without simulating.
   */
  | { kind: 'reload'; folder: string; previous: Cluster; previousKey: string | null; lastGood: LastGood };

export type FolderJobResult =
  | { kind: 'loaded'; key: string; cluster: Cluster; lastGood: LastGood }
  | { kind: 'unchanged' }
  | { kind: 'unreadable'; reason: 'missing' | 'not-a-folder' };

function folderState(folder: string): 'folder' | 'missing' | 'not-a-folder' {
  try {
    return fs.statSync(folder).isDirectory() ? 'folder' : 'not-a-folder';
  } catch {
    return 'missing';
  }
}

export function runFolderJob(job: FolderJob): FolderJobResult {
  // The folder can be swapped for a file between the watcher's look and this read.
  const state = folderState(job.folder);
  if (state !== 'folder') return { kind: 'unreadable', reason: state };
  const read = readFolder(job.folder);
  // Identity of the folder's content: equal keys mean nothing on disk changed.
  const key = createHash('sha256')
    .update(JSON.stringify([read.files, read.diagnostics]))
    .digest('hex');
  if (job.kind === 'reload' && job.previousKey === key) return { kind: 'unchanged' };
  const loaded =
    job.kind === 'build'
      ? loadKeepingLastGood(read.files, read.diagnostics, job.lastGood, (files, diagnostics) =>
          loadCluster(files, diagnostics, { seed: job.seed }),
        )
      : loadKeepingLastGood(read.files, read.diagnostics, job.lastGood, (files, diagnostics) =>
          reloadCluster(job.previous, files, diagnostics),
        );
  return { kind: 'loaded', key, cluster: loaded.cluster, lastGood: loaded.lastGood };
}
