/**
 * The only module of src/ that touches the file system: reads a folder of manifests into RawFiles.
 * It never throws and never loops: symlinked directories are followed once (tracked by real path),
 * unreadable, binary and oversized files become diagnostics, and entries that vanish mid-read are skipped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../model/source';
import type { RawFile, RawFolder } from './types';

/** Larger files are refused: no hand-written manifest folder needs more, and parsing them would stall the app. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const MANIFEST_EXT = /\.(ya?ml|json)$/i;

export function readFolder(dir: string): RawFolder {
  const files: RawFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const problem = (severity: Diagnostic['severity'], file: string, message: string): void => {
    diagnostics.push({ severity, file, line: 1, column: 1, message });
  };

  let rootStat: fs.Stats;
  try {
    rootStat = fs.statSync(dir);
  } catch (err) {
    problem('error', '.', `cannot read folder ${dir}: ${errorText(err)}`);
    return { root: dir, files, diagnostics };
  }
  if (rootStat.isFile()) {
    // A single manifest file: read it as a folder of one.
    readOne(path.resolve(dir), path.basename(dir), rootStat.size, files, problem);
    return { root: dir, files, diagnostics };
  }

  const visited = new Set<string>();
  const pending: { abs: string; rel: string }[] = [{ abs: path.resolve(dir), rel: '' }];
  while (pending.length > 0) {
    const { abs, rel } = pending.pop() as { abs: string; rel: string };
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
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith('.') || name === 'node_modules') continue;
      const childAbs = path.join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      let stat: fs.Stats;
      try {
        stat = fs.statSync(childAbs); // follows symlinks
      } catch (err) {
        if (MANIFEST_EXT.test(name)) problem('warning', childRel, `skipped: ${errorText(err)}`);
        continue;
      }
      if (stat.isDirectory()) pending.push({ abs: childAbs, rel: childRel });
      else if (stat.isFile() && MANIFEST_EXT.test(name)) readOne(childAbs, childRel, stat.size, files, problem);
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { root: dir, files, diagnostics };
}

function readOne(
  abs: string,
  rel: string,
  size: number,
  files: RawFile[],
  problem: (severity: Diagnostic['severity'], file: string, message: string) => void,
): void {
  if (size > MAX_FILE_BYTES) {
    problem('error', rel, `file is too large to load: ${mib(size)} (the limit is ${mib(MAX_FILE_BYTES)})`);
    return;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch (err) {
    problem('warning', rel, `skipped: cannot read file: ${errorText(err)}`);
    return;
  }
  if (bytes.length > MAX_FILE_BYTES) {
    problem('error', rel, `file is too large to load: ${mib(bytes.length)} (the limit is ${mib(MAX_FILE_BYTES)})`);
    return;
  }
  const text = decodeText(bytes);
  if (typeof text !== 'string') {
    problem('warning', rel, `skipped: ${text.reason}`);
    return;
  }
  files.push({ path: rel, text });
}

/** UTF-8 (BOM optional) or BOM-marked UTF-16, as the YAML decoder accepts; anything else is binary. */
export function decodeText(bytes: Uint8Array): string | { reason: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  if (bytes.includes(0)) return { reason: 'binary file (it contains NUL bytes), not a text manifest' };
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return decodeWith('utf-8', bytes.subarray(start));
}

function decodeWith(encoding: string, bytes: Uint8Array): string | { reason: string } {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) return { reason: 'binary file (it contains NUL characters), not a text manifest' };
    return text;
  } catch {
    return { reason: `binary file (not valid ${encoding.toUpperCase()} text), not a text manifest` };
  }
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
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
    };
    return reasons[e.code] ?? e.code;
  }
  return String(err);
}
