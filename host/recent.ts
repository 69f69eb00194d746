/**
 * Recently opened folders, newest first. Linux has no OS list of recent documents, so the app keeps
 * its own (as VS Code does) in a small JSON file in the config directory; Electron mirrors it to the
 * OS with app.addRecentDocument where one exists.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const MAX_RECENT_FOLDERS = 10;
const FILE_NAME = 'recent-folders.json';

/** Puts `folder` first, drops its older entry, caps the list. Pure. */
export function addRecent(list: readonly string[], folder: string, max = MAX_RECENT_FOLDERS): string[] {
  return [folder, ...list.filter((entry) => entry !== folder)].slice(0, max);
}

export function removeRecent(list: readonly string[], folder: string): string[] {
  return list.filter((entry) => entry !== folder);
}

/** Reads the list; a missing or corrupt file is an empty list, never an error that blocks start-up. */
export function readRecentFolders(configDir: string): string[] {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(configDir, FILE_NAME), 'utf8'));
    const folders = (parsed as { folders?: unknown })?.folders;
    if (!Array.isArray(folders)) return [];
    return folders.filter((f): f is string => typeof f === 'string' && f !== '').slice(0, MAX_RECENT_FOLDERS);
  } catch {
    return [];
  }
}

/** Writes atomically (temp file + rename) so a crash never leaves half a JSON file. */
export function writeRecentFolders(configDir: string, folders: readonly string[]): void {
  fs.mkdirSync(configDir, { recursive: true });
  const target = path.join(configDir, FILE_NAME);
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify({ folders }, null, 2) + '\n');
  fs.renameSync(temp, target);
}
