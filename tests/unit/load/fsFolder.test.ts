import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, readFolder } from '../../../src/load/fsFolder';
import { loadManifests } from '../../../src/load';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - {name: c, image: nginx}\n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kt-folder-'));
});
afterEach(() => {
  try {
    chmodSync(join(dir, 'locked.yaml'), 0o644);
  } catch {
    /* not created by this test */
  }
  rmSync(dir, { recursive: true, force: true });
});

function write(rel: string, content: string | Buffer): void {
  const abs = join(dir, rel);
  mkdirSync(join(abs, '..'), { recursive: true });
  writeFileSync(abs, content);
}

describe('readFolder', () => {
  it('reads *.yaml, *.yml and *.json recursively, sorted, with / separated relative paths', () => {
    write('b.yaml', POD);
    write('a/z.yml', POD);
    write('a/c.json', '{}');
    write('notes.txt', 'ignored');
    write('README.md', '# ignored');
    const r = readFolder(dir);
    expect(r.files.map((f) => f.path)).toEqual(['a/c.json', 'a/z.yml', 'b.yaml']);
    expect(r.files[2]!.text).toBe(POD);
    expect(r.diagnostics).toEqual([]);
  });

  it('skips hidden folders and node_modules', () => {
    write('.git/config.yaml', POD);
    write('node_modules/pkg/x.yaml', POD);
    write('app/pod.yaml', POD);
    expect(readFolder(dir).files.map((f) => f.path)).toEqual(['app/pod.yaml']);
  });

  it('follows a symbolic link loop once and says so, without hanging', () => {
    write('app/pod.yaml', POD);
    symlinkSync(dir, join(dir, 'app', 'loop'));
    symlinkSync(join(dir, 'app'), join(dir, 'again'));
    const r = readFolder(dir);
    expect(r.files.map((f) => f.path)).toEqual(['app/pod.yaml']);
    expect(r.diagnostics.length).toBeGreaterThanOrEqual(1);
    expect(r.diagnostics.every((d) => d.severity === 'warning' && /already read/.test(d.message))).toBe(true);
  });

  it('warns about a dangling symbolic link to a manifest', () => {
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'link.yaml'));
    const r = readFolder(dir);
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => [d.severity, d.file])).toEqual([['warning', 'link.yaml']]);
  });

  it('skips binary files with a warning', () => {
    write('image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]));
    write('latin1.yaml', Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0xff]));
    write('pod.yaml', POD);
    const r = readFolder(dir);
    expect(r.files.map((f) => f.path)).toEqual(['pod.yaml']);
    expect(r.diagnostics.map((d) => [d.severity, d.file])).toEqual([
      ['warning', 'image.yaml'],
      ['warning', 'latin1.yaml'],
    ]);
    expect(r.diagnostics[0]!.message).toMatch(/binary/);
  });

  it('decodes UTF-16 files that carry a byte-order mark, and drops a UTF-8 BOM', () => {
    write('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POD, 'utf16le')]));
    write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(POD)]));
    const r = readFolder(dir);
    expect(r.files.map((f) => f.text)).toEqual([POD, POD]);
  });

  it('refuses files over the size limit with an error naming the file', () => {
    write('huge.yaml', Buffer.alloc(MAX_FILE_BYTES + 1, 0x61));
    write('pod.yaml', POD);
    const r = readFolder(dir);
    expect(r.files.map((f) => f.path)).toEqual(['pod.yaml']);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', file: 'huge.yaml', line: 1, column: 1 });
    expect(r.diagnostics[0]!.message).toMatch(/too large/);
  });

  it.skipIf(process.getuid?.() === 0)('warns about unreadable files', () => {
    write('locked.yaml', POD);
    chmodSync(join(dir, 'locked.yaml'), 0o000);
    const r = readFolder(dir);
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => [d.severity, d.file])).toEqual([['warning', 'locked.yaml']]);
    expect(r.diagnostics[0]!.message).toMatch(/permission denied/);
  });

  it('reports a missing folder instead of throwing', () => {
    const r = readFolder(join(dir, 'nope'));
    expect(r.files).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error' });
  });

  it('reads a single file given instead of a folder', () => {
    write('one.yaml', POD);
    expect(readFolder(join(dir, 'one.yaml')).files.map((f) => f.path)).toEqual(['one.yaml']);
  });

  it('feeds the loader: objects point at the relative file', () => {
    write('team/a/pod.yaml', POD);
    const r = loadManifests(readFolder(dir).files);
    expect(r.objects[0]!.source).toEqual({ file: 'team/a/pod.yaml', line: 1, column: 1 });
  });
});
