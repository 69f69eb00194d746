/**
 * The Source view's reader: one file of the open folder, read-only. The path comes from the renderer
 * (the less trusted side), so it is confined twice: lexically (no absolute path, no `..` that leaves
 * the folder) and physically (the real path, after links, must still be inside the folder's real path),
 * as the folder reader follows links only inside the folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Result, SourceFile } from '../src/api/contract';
import { formatBytes, MAX_FILE_BYTES } from '../src/load/budgets';

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export async function readSourceFile(folder: string, file: string): Promise<Result<SourceFile>> {
  const outside: Result<SourceFile> = { ok: false, error: `${file}: not a file of the open folder` };
  if (path.isAbsolute(file) || /^[A-Za-z]:/.test(file)) return outside;
  const resolved = path.resolve(folder, file);
  if (!inside(folder, resolved)) return outside;
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([fs.promises.realpath(resolved), fs.promises.realpath(folder)]);
  } catch {
    return { ok: false, error: `${file}: no such file in the open folder` };
  }
  if (!inside(realRoot, real)) return outside;
  try {
    const stat = await fs.promises.stat(real);
    if (!stat.isFile()) return { ok: false, error: `${file}: not a regular file` };
    if (stat.size > MAX_FILE_BYTES) return { ok: false, error: `${file}: too large to show (${formatBytes(stat.size)})` };
    const text = await fs.promises.readFile(real, 'utf8');
    return { ok: true, value: { file: path.relative(folder, resolved).split(path.sep).join('/'), text } };
  } catch (e) {
    return { ok: false, error: `${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
}
