/** Recent folders: newest first, no duplicates, capped, and persisted across restarts. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRecent, MAX_RECENT_FOLDERS, readRecentFolders, writeRecentFolders } from '../../../host/recent';

describe('addRecent', () => {
  it('puts the folder first and drops its older entry', () => {
    expect(addRecent(['/a', '/b', '/c'], '/b')).toEqual(['/b', '/a', '/c']);
    expect(addRecent([], '/a')).toEqual(['/a']);
  });

  it('keeps at most the cap, forgetting the oldest', () => {
    const many = Array.from({ length: MAX_RECENT_FOLDERS }, (_, i) => `/f${i}`);
    const next = addRecent(many, '/new');
    expect(next).toHaveLength(MAX_RECENT_FOLDERS);
    expect(next[0]).toBe('/new');
    expect(next).not.toContain(`/f${MAX_RECENT_FOLDERS - 1}`);
  });
});

describe('recent-folders.json', () => {
  it('round-trips, and a missing or corrupt file reads as an empty list', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-recent-'));
    try {
      expect(readRecentFolders(dir)).toEqual([]);
      writeRecentFolders(path.join(dir, 'nested'), ['/x', '/y']);
      expect(readRecentFolders(path.join(dir, 'nested'))).toEqual(['/x', '/y']);
      fs.writeFileSync(path.join(dir, 'recent-folders.json'), '{"folders": [');
      expect(readRecentFolders(dir)).toEqual([]);
      fs.writeFileSync(path.join(dir, 'recent-folders.json'), '{"folders": ["/ok", 3, ""]}');
      expect(readRecentFolders(dir)).toEqual(['/ok']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
