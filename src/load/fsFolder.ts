/**
 * The only module of src/ that touches the file system: reads a folder of manifests into RawFiles.
 * It never throws, never loops and never reads without a bound, whatever the folder holds:
 * - symbolic links are followed only to targets inside the folder (a link to `/` or `~/.ssh` is not
 *   followed, with a warning); a folder reached twice (a link back to a parent) is read once;
 * - only regular files are opened (a FIFO would block the open, a device never ends), without
 *   following a link swapped in meanwhile, and never /proc or /sys files;
 * - bytes are counted while reading, whatever `stat` said (a /proc file says 0);
 * - the walk, each file and the folder's total have budgets (./budgets);
 * - unreadable, binary and oversized files become diagnostics; entries that vanish mid-read are skipped.
 * Files are read in path order, so which ones a budget leaves out does not depend on the disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../model/source';
import { formatBytes, MAX_FILE_BYTES, MAX_FOLDER_BYTES, MAX_FOLDER_ENTRIES } from './budgets';
import { decodeText } from './fileText';
import type { RawFile, RawFolder } from './types';
import { SCENARIOS_FILE } from '../scenarios/name';

export { MAX_FILE_BYTES } from './budgets';

const MANIFEST_EXT = /\.(ya?ml|json)$/i;

/** O_NONBLOCK: a FIFO swapped in after the check must not block the open; O_NOFOLLOW: nor a link. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);
const CHUNK_BYTES = 64 * 1024;

/** File systems that describe the running system: their files report size 0 and some never end. */
const SYSTEM_ROOTS = ['/proc', '/sys'];

type Problem = (severity: Diagnostic['severity'], file: string, message: string) => void;

interface Manifest {
  /** The path to open: the link's resolved target for a symbolic link. */
  open: string;
  /** Real path, for the /proc and /sys check. */
  real: string;
  rel: string;
  size: number;
}

/** The reader's budgets; tests pass smaller ones rather than write 64 MiB or 100,000 files. */
export interface FolderLimits {
  fileBytes: number;
  folderBytes: number;
  folderEntries: number;
}

const LIMITS: FolderLimits = { fileBytes: MAX_FILE_BYTES, folderBytes: MAX_FOLDER_BYTES, folderEntries: MAX_FOLDER_ENTRIES };

export function readFolder(dir: string, limits: FolderLimits = LIMITS): RawFolder {
  const diagnostics: Diagnostic[] = [];
  const problem: Problem = (severity, file, message) => {
    diagnostics.push({ severity, file, line: 1, column: 1, message });
  };

  let rootStat: fs.Stats;
  let rootReal: string;
  try {
    rootStat = fs.statSync(dir);
    rootReal = fs.realpathSync(dir);
  } catch (err) {
    problem('error', '.', `cannot read folder ${dir}: ${errorText(err)}`);
    return { root: dir, files: [], diagnostics };
  }
  let manifests: Manifest[];
  if (rootStat.isFile()) {
    // A single manifest file: read it as a folder of one.
    manifests = [{ open: rootReal, real: rootReal, rel: path.basename(dir), size: rootStat.size }];
  } else if (rootStat.isDirectory()) {
    manifests = walk(path.resolve(dir), rootReal, limits.folderEntries, problem);
  } else {
    problem('error', '.', `cannot read folder ${dir}: not a folder or a regular file (${specialKind(rootStat)})`);
    return { root: dir, files: [], diagnostics };
  }

  const files = readAll(manifests, limits, problem);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { root: dir, files, diagnostics };
}

/**
 * Every manifest file under the folder, in path order. Real folders are walked before those reached
 * through a link, so a folder that is both is read under its own name.
 */
function walk(rootAbs: string, rootReal: string, maxEntries: number, problem: Problem): Manifest[] {
  const out: Manifest[] = [];
  const visited = new Set<string>();
  const pending: { abs: string; rel: string }[] = [{ abs: rootAbs, rel: '' }];
  const linked: { abs: string; rel: string }[] = [];
  let entriesSeen = 0;
  for (;;) {
    const next = pending.pop() ?? linked.shift();
    if (!next) break;
    const { abs, rel } = next;
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch (err) {
      problem('warning', rel || '.', `skipped: ${errorText(err)}`);
      continue;
    }
    if (visited.has(real)) {
      problem('warning', rel || '.', 'skipped: this folder was already read (a symbolic link leads back to it)');
      continue;
    }
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      problem('warning', rel || '.', `skipped: cannot read folder: ${errorText(err)}`);
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: { abs: string; rel: string }[] = [];
    for (const entry of entries) {
      if (++entriesSeen > maxEntries) {
        problem(
          'error',
          '.',
          `stopped reading the folder after ${maxEntries} entries (the simulator's limit): files further on were not read`,
        );
        return out;
      }
      const name = entry.name;
      if (name.startsWith('.') || name === 'node_modules') continue;
      // The app's own file of saved request sets lives in the folder but is no manifest.
      if (name === SCENARIOS_FILE && rel === '') continue;
      const childAbs = path.join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      const isManifest = MANIFEST_EXT.test(name);
      let childReal = path.join(real, name);
      if (entry.isSymbolicLink()) {
        try {
          childReal = fs.realpathSync(childAbs);
        } catch (err) {
          if (isManifest) problem('warning', childRel, `skipped: ${errorText(err)}`);
          continue;
        }
        if (!isInside(childReal, rootReal)) {
          if (isManifest || isFolder(childReal))
            problem('warning', childRel, `skipped: symbolic link to ${childReal}, outside the folder (links are followed only inside it)`);
          continue;
        }
      }
      let stat: fs.Stats;
      try {
        stat = fs.statSync(childReal);
      } catch (err) {
        if (isManifest) problem('warning', childRel, `skipped: ${errorText(err)}`);
        continue;
      }
      if (stat.isDirectory()) (entry.isSymbolicLink() ? linked : subfolders).push({ abs: childAbs, rel: childRel });
      else if (!isManifest) continue;
      else if (stat.isFile()) out.push({ open: childReal, real: childReal, rel: childRel, size: stat.size });
      else problem('warning', childRel, `skipped: not a regular file (${specialKind(stat)})`);
    }
    // Popped last-in first-out: push in reverse so subfolders are read in name order.
    for (let i = subfolders.length - 1; i >= 0; i--) pending.push(subfolders[i] as { abs: string; rel: string });
  }
  out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return out;
}

/** Reads the manifests in path order until the folder's byte budget is spent. */
function readAll(manifests: Manifest[], limits: FolderLimits, problem: Problem): RawFile[] {
  const files: RawFile[] = [];
  let folderBytes = 0;
  for (let i = 0; i < manifests.length; i++) {
    const m = manifests[i] as Manifest;
    const system = SYSTEM_ROOTS.find((root) => isInside(m.real, root));
    if (system) {
      problem('warning', m.rel, `skipped: a file of ${system}, which describes the running system: not a manifest`);
      continue;
    }
    if (m.size > limits.fileBytes) {
      problem('error', m.rel, `file is too large to load: ${formatBytes(m.size)} (the limit is ${formatBytes(limits.fileBytes)})`);
      continue;
    }
    const read = readFileBounded(m.open, limits.fileBytes);
    if (!('bytes' in read)) {
      problem(read.severity, m.rel, read.message);
      continue;
    }
    const bytes = read.bytes;
    if (folderBytes + bytes.length > limits.folderBytes) {
      const after = manifests.length - i - 1;
      problem(
        'error',
        m.rel,
        `skipped: the folder's files add up to more than ${formatBytes(limits.folderBytes)} (the simulator's limit): ` +
          `this file and the ${after} after it were not read`,
      );
      break;
    }
    folderBytes += bytes.length;
    const text = decodeText(bytes);
    if (typeof text !== 'string') {
      problem('warning', m.rel, `skipped: ${text.reason}`);
      continue;
    }
    files.push({ path: m.rel, text });
  }
  return files;
}

/** A file's bytes, or why it was not read (a warning, or an error for a file past the budget). */
export type ReadOutcome = { bytes: Buffer } | { severity: Diagnostic['severity']; message: string };

/**
 * Reads a regular file in chunks and gives up past `limit` bytes, whatever `stat` says: a /proc
 * file reports size 0 and /proc/self/pagemap goes on for gigabytes.
 */
export function readFileBounded(file: string, limit: number = MAX_FILE_BYTES): ReadOutcome {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (err) {
    return { severity: 'warning', message: `skipped: cannot read file: ${errorText(err)}` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { severity: 'warning', message: `skipped: not a regular file (${specialKind(stat)})` };
    const chunks: Buffer[] = [];
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      total += n;
      if (total > limit)
        return {
          severity: 'error',
          message: `file is too large to load: more than ${formatBytes(limit)} (the limit is ${formatBytes(limit)})`,
        };
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (err) {
    return { severity: 'warning', message: `skipped: cannot read file: ${errorText(err)}` };
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether `target` is `root` or under it (both real paths). */
function isInside(target: string, root: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** What a file that is not a regular file is, in `ls -l`'s terms. */
function specialKind(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isDirectory()) return 'a folder';
  return 'a special file';
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string') {
    const reasons: Record<string, string> = {
      ENOENT: 'no such file or directory',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      ELOOP: 'too many levels of symbolic links',
      ENOTDIR: 'not a directory',
      EISDIR: 'is a directory',
      EAGAIN: 'resource temporarily unavailable',
    };
    return reasons[e.code] ?? e.code;
  }
  return String(err);
}
