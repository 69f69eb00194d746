/**
 * Watches a cluster folder so saving a manifest updates the view in place. Editors write files in
 * bursts (truncate, write, rename, chmod), so events are debounced into one reload.
 *
 * A watch follows the folder it was set on, not its path: a folder deleted and re-created, or
 * swapped by a rename, leaves it watching nothing. So the watcher knows the folder by identity
 * (device, inode and birth time: a re-created folder often reuses the inode number) and checks it
 * after every burst and every `pollMs`; when the path holds another folder it watches that one
 * instead. A folder that vanishes or becomes a file is reported, then polled for until it is back.
 */
import * as fs from 'node:fs';
import { type TreeWatch, watchTree } from './treeWatch';

export interface WatcherOptions {
  /** Quiet time after the last event before `onEvent('changed')` runs. */
  debounceMs?: number;
  /** How often to check the folder is still the one watched, or to look for it once it is gone. */
  pollMs?: number;
}

export type WatchEvent = 'changed' | 'missing' | 'not-a-folder' | 'restored';

type Look = { state: 'folder'; identity: string } | { state: 'missing' | 'not-a-folder' };

function look(dir: string): Look {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return { state: 'missing' };
  }
  if (!stat.isDirectory()) return { state: 'not-a-folder' };
  return { state: 'folder', identity: `${stat.dev}:${stat.ino}:${stat.birthtimeMs}` };
}

export class FolderWatcher {
  private watcher: TreeWatch | null = null;
  /** The identity of the folder `watcher` watches. */
  private identity: string | null = null;
  private debounce: NodeJS.Timeout | null = null;
  /** While watching: the identity check. While the folder is gone: the search for it. */
  private poll: NodeJS.Timeout | null = null;
  /** Why the folder is not watched, while it is not. */
  private gone: 'missing' | 'not-a-folder' | null = null;
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
    const now = look(dir);
    if (now.state === 'folder') this.start(now.identity);
    else this.waitForFolder(now.state);
  }

  close(): void {
    this.closed = true;
    this.stopWatching();
    if (this.debounce) clearTimeout(this.debounce);
    if (this.poll) clearInterval(this.poll);
    this.debounce = null;
    this.poll = null;
  }

  private start(identity: string): void {
    this.gone = null;
    this.identity = identity;
    this.setPoll(() => this.verify(false));
    try {
      const watcher: TreeWatch = watchTree(this.dir, {
        changed: () => this.schedule(),
        // A watch that breaks or closes by itself (its folder deleted) is checked, not trusted.
        broken: () => {
          if (watcher !== this.watcher) return;
          this.watcher = null;
          this.schedule();
        },
      });
      this.watcher = watcher;
    } catch {
      // Cannot watch (out of inotify watches, say): the identity check retries every pollMs, and
      // each retry reloads, which publishes only what changed. Polling, in effect.
    }
  }

  private stopWatching(): void {
    const watcher = this.watcher;
    this.watcher = null;
    try {
      watcher?.close();
    } catch {
      // Already closed by the platform: nothing to release.
    }
  }

  private schedule(): void {
    if (this.closed || this.gone) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.verify(true);
    }, this.debounceMs);
  }

  /** After a burst (`changed`) or on the clock: is the path still the folder watched? */
  private verify(changed: boolean): void {
    if (this.closed || this.gone) return;
    const now = look(this.dir);
    if (now.state !== 'folder') {
      this.lost(now.state);
    } else if (this.watcher === null || now.identity !== this.identity) {
      // Re-created, swapped by a rename, or the watch broke: watch what the path holds now.
      this.stopWatching();
      this.start(now.identity);
      this.onEvent('changed');
    } else if (changed) {
      this.onEvent('changed');
    }
  }

  /** The folder is gone or is a file now: report it and poll until a folder is back. */
  private lost(state: 'missing' | 'not-a-folder'): void {
    this.stopWatching();
    this.waitForFolder(state);
    this.onEvent(state);
  }

  private waitForFolder(state: 'missing' | 'not-a-folder'): void {
    this.gone = state;
    this.setPoll(() => {
      const now = look(this.dir);
      if (now.state === 'folder') {
        this.start(now.identity);
        this.onEvent('restored');
      } else if (now.state !== this.gone) {
        // Deleted, then a file put in its place (or the reverse): say what is there now.
        this.gone = now.state;
        this.onEvent(now.state);
      }
    });
  }

  private setPoll(tick: () => void): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = setInterval(() => {
      if (!this.closed) tick();
    }, this.pollMs);
    this.poll.unref?.();
  }
}
