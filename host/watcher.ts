/**
 * Watches a cluster folder so saving a manifest updates the view in place. Editors write files in
 * bursts (truncate, write, rename, chmod), so events are debounced into one reload. The folder may
 * vanish (deleted, unmounted, renamed) and come back: the watcher then polls for it instead of dying.
 */
import * as fs from 'node:fs';

export interface WatcherOptions {
  /** Quiet time after the last event before `onChange` runs. */
  debounceMs?: number;
  /** How often to look for the folder again once it is gone. */
  pollMs?: number;
}

export type WatchEvent = 'changed' | 'missing' | 'restored';

export class FolderWatcher {
  private watcher: fs.FSWatcher | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private poll: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly debounceMs: number;
  private readonly pollMs: number;

  constructor(
    readonly dir: string,
    private readonly onEvent: (event: WatchEvent) => void,
    options: WatcherOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 150;
    this.pollMs = options.pollMs ?? 1000;
    if (fs.existsSync(dir)) this.start();
    else this.startPolling();
  }

  close(): void {
    this.closed = true;
    this.stopWatching();
    if (this.debounce) clearTimeout(this.debounce);
    if (this.poll) clearInterval(this.poll);
    this.debounce = null;
    this.poll = null;
  }

  private start(): void {
    try {
      // Recursive watching is native on macOS/Windows and emulated by Node ≥ 20 on Linux.
      this.watcher = fs.watch(this.dir, { recursive: true, persistent: false }, () => this.schedule());
      this.watcher.on('error', () => this.lost());
    } catch {
      this.lost();
    }
  }

  private stopWatching(): void {
    try {
      this.watcher?.close();
    } catch {
      // Already closed by the platform: nothing to release.
    }
    this.watcher = null;
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      if (this.closed) return;
      if (fs.existsSync(this.dir)) this.onEvent('changed');
      else this.lost();
    }, this.debounceMs);
  }

  /** The folder is gone (or the watch broke): report it once and poll until it is back. */
  private lost(): void {
    if (this.closed || this.poll) return;
    this.stopWatching();
    this.onEvent('missing');
    this.startPolling();
  }

  private startPolling(): void {
    this.poll = setInterval(() => {
      if (this.closed || !fs.existsSync(this.dir)) return;
      if (this.poll) clearInterval(this.poll);
      this.poll = null;
      this.start();
      this.onEvent('restored');
    }, this.pollMs);
    this.poll.unref?.();
  }
}
