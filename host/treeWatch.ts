/**
 * One watch over a folder and its sub-folders. macOS and Windows watch a tree natively, with one
 * handle. On Linux, Node emulates `recursive: true` by walking the whole tree synchronously and
 * setting an inotify watch on every file, node_modules and .git included: seconds of a blocked main
 * thread for a project folder, and the user's inotify watches used up. So on Linux the tree is
 * watched one directory at a time (a directory's watch sees the files in it), only the directories
 * the folder reader reads (no hidden ones, no node_modules, no symbolic links), at most `maxDirs`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TreeWatch {
  close(): void;
}

export interface TreeWatchEvents {
  /** Something in the tree changed: `file`, when the platform names it. */
  changed(file?: string): void;
  /** The watch on the folder itself broke or closed (its folder deleted, say): it sees nothing now. */
  broken(): void;
}

/** Far more sub-folders than a folder of manifests has; deeper ones go unwatched (Reload still reads them). */
export const MAX_WATCHED_DIRS = 2000;

/** The entries the folder reader (src/load/fsFolder.ts) skips. */
function skipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

export function watchTree(root: string, events: TreeWatchEvents, maxDirs = MAX_WATCHED_DIRS): TreeWatch {
  if (process.platform !== 'linux') return nativeTreeWatch(root, events);
  return new DirectoryWatches(root, events, maxDirs);
}

function nativeTreeWatch(root: string, events: TreeWatchEvents): TreeWatch {
  const watcher = fs.watch(root, { recursive: true, persistent: false }, (_event, name) =>
    events.changed(typeof name === 'string' ? path.join(root, name) : undefined),
  );
  let closing = false;
  const broken = (): void => {
    if (!closing) events.broken();
  };
  watcher.on('error', broken);
  watcher.on('close', broken);
  return {
    close: () => {
      closing = true;
      watcher.close();
    },
  };
}

class DirectoryWatches implements TreeWatch {
  private readonly watches = new Map<string, fs.FSWatcher>();
  private closed = false;

  constructor(
    private readonly root: string,
    private readonly events: TreeWatchEvents,
    private readonly maxDirs: number,
  ) {
    // The folder's own watch must exist: without it the caller would trust a watch that sees nothing.
    this.add(root, true);
  }

  close(): void {
    this.closed = true;
    for (const watch of this.watches.values()) watch.close();
    this.watches.clear();
  }

  /** Watches `dir` and the sub-folders under it, breadth first, until the cap. */
  private add(start: string, isRoot = false): void {
    const queue = [start];
    while (queue.length > 0 && !this.closed) {
      const dir = queue.shift() as string;
      if (this.watches.has(dir) || this.watches.size >= this.maxDirs) continue;
      let watch: fs.FSWatcher;
      try {
        watch = fs.watch(dir, { persistent: false }, (event, name) => this.onEvent(dir, event, name));
      } catch (error) {
        if (isRoot && dir === start) throw error;
        continue; // vanished or unreadable: its parent's watch still reports it
      }
      watch.on('error', () => this.lost(dir));
      this.watches.set(dir, watch);
      let entries: fs.Dirent[] = [];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        // Unreadable now: its own watch reports when that changes.
      }
      for (const entry of entries) if (entry.isDirectory() && !skipped(entry.name)) queue.push(path.join(dir, entry.name));
    }
  }

  private onEvent(dir: string, event: string, name: string | Buffer | null): void {
    if (this.closed) return;
    // A new sub-folder needs its own watch; a removed one releases its watches.
    const file = typeof name === 'string' && name !== '' ? path.join(dir, name) : undefined;
    if (event === 'rename' && file && !skipped(path.basename(file))) this.rescan(file);
    this.events.changed(file);
  }

  private rescan(entry: string): void {
    let isDirectory = false;
    try {
      isDirectory = fs.lstatSync(entry).isDirectory();
    } catch {
      // Gone.
    }
    if (isDirectory) this.add(entry);
    else this.remove(entry);
  }

  private remove(dir: string): void {
    for (const [watched, watch] of this.watches) {
      if (watched !== dir && !watched.startsWith(dir + path.sep)) continue;
      watch.close();
      this.watches.delete(watched);
    }
  }

  private lost(dir: string): void {
    if (this.closed) return;
    this.remove(dir);
    if (dir === this.root) this.events.broken();
    else this.events.changed();
  }
}
