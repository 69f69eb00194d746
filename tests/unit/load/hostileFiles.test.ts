/**
 * Issue 13, the folder reader: what a folder someone else wrote can hold besides manifests (links
 * out of it, /proc files, FIFOs, a link to `/`) costs a warning, never a hang, a crash or a file read
 * from outside the folder; the good Pod beside it still loads.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManifests } from '../../../src/load';
import { MAX_FILE_BYTES } from '../../../src/load/budgets';
import { readFileBounded, readFolder } from '../../../src/load/fsFolder';

const GOOD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: good\nspec:\n  containers:\n  - {name: c, image: nginx}\n';
const linux = process.platform === 'linux';

let dir: string;
let outside: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kt-hostile-'));
  outside = mkdtempSync(join(tmpdir(), 'kt-outside-'));
  writeFileSync(join(dir, 'good.yaml'), GOOD);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

/** Reads the folder and loads it; the good Pod must be there, whatever else happened. */
function readAndLoad(): ReturnType<typeof readFolder> {
  const started = performance.now();
  const folder = readFolder(dir);
  const load = loadManifests(folder.files);
  expect(performance.now() - started).toBeLessThan(5000);
  expect(load.objects.map((o) => o.metadata.name)).toContain('good');
  return folder;
}

function diagnostic(folder: ReturnType<typeof readFolder>, file: string) {
  return folder.diagnostics.find((d) => d.file === file);
}

describe('symbolic links stay inside the folder', () => {
  it.runIf(linux)('x.yaml → /proc/self/pagemap is not followed', () => {
    symlinkSync('/proc/self/pagemap', join(dir, 'x.yaml'));
    const folder = readAndLoad();
    expect(folder.files.map((f) => f.path)).toEqual(['good.yaml']);
    expect(diagnostic(folder, 'x.yaml')).toMatchObject({ severity: 'warning', line: 1, column: 1 });
    expect(diagnostic(folder, 'x.yaml')?.message).toMatch(/^skipped: symbolic link to \/proc\/\d+\/pagemap, outside the folder/);
  });

  it('a link to / is not walked', () => {
    symlinkSync('/', join(dir, 'root'));
    const folder = readAndLoad();
    expect(folder.files.map((f) => f.path)).toEqual(['good.yaml']);
    expect(folder.diagnostics).toEqual([
      {
        severity: 'warning',
        file: 'root',
        line: 1,
        column: 1,
        message: 'skipped: symbolic link to /, outside the folder (links are followed only inside it)',
      },
    ]);
  });

  it('a link to a manifest outside the folder is not loaded, and says so', () => {
    writeFileSync(join(outside, 'secret.yaml'), GOOD.replace('good', 'secret'));
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'borrowed.yaml'));
    mkdirSync(join(outside, 'more'));
    writeFileSync(join(outside, 'more', 'pod.yaml'), GOOD.replace('good', 'more'));
    symlinkSync(join(outside, 'more'), join(dir, 'more'));
    const folder = readAndLoad();
    expect(folder.files.map((f) => f.path)).toEqual(['good.yaml']);
    expect(diagnostic(folder, 'borrowed.yaml')?.message).toMatch(/^skipped: symbolic link to .*secret\.yaml, outside the folder/);
    expect(diagnostic(folder, 'more')?.message).toMatch(/^skipped: symbolic link to .*more, outside the folder/);
  });

  it('links inside the folder are followed; a folder reached twice is read under its own name', () => {
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app', 'pod.yaml'), GOOD.replace('good', 'app'));
    symlinkSync(join(dir, 'app'), join(dir, 'again'));
    symlinkSync(join(dir, 'app', 'pod.yaml'), join(dir, 'same.yaml'));
    const folder = readAndLoad();
    expect(folder.files.map((f) => f.path)).toEqual(['app/pod.yaml', 'good.yaml', 'same.yaml']);
    expect(folder.diagnostics.map((d) => [d.file, d.message])).toEqual([
      ['again', 'skipped: this folder was already read (a symbolic link leads back to it)'],
    ]);
  });

  it('link loops end with a warning', () => {
    symlinkSync(join(dir, 'b.yaml'), join(dir, 'a.yaml'));
    symlinkSync(join(dir, 'a.yaml'), join(dir, 'b.yaml'));
    mkdirSync(join(dir, 'deep'));
    symlinkSync(dir, join(dir, 'deep', 'up'));
    const folder = readAndLoad();
    expect(folder.files.map((f) => f.path)).toEqual(['good.yaml']);
    expect(folder.diagnostics.map((d) => [d.file, d.message])).toEqual([
      ['a.yaml', 'skipped: too many levels of symbolic links'],
      ['b.yaml', 'skipped: too many levels of symbolic links'],
      ['deep/up', 'skipped: this folder was already read (a symbolic link leads back to it)'],
    ]);
  });
});

describe('special files are skipped, never opened', () => {
  it.runIf(linux)('a FIFO named like a manifest does not block the read', () => {
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const folder = readAndLoad();
    expect(folder.files.map((f) => f.path)).toEqual(['good.yaml']);
    expect(diagnostic(folder, 'pipe.yaml')).toMatchObject({ severity: 'warning', message: 'skipped: not a regular file (a FIFO)' });
  });

  it.runIf(linux)('a FIFO given as the folder is refused', () => {
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const folder = readFolder(join(dir, 'pipe.yaml'));
    expect(folder.files).toEqual([]);
    expect(folder.diagnostics[0]?.message).toMatch(/not a folder or a regular file \(a FIFO\)/);
  });

  it.runIf(linux)('a /proc file opened directly is not read', () => {
    const folder = readFolder('/proc/self/pagemap');
    expect(folder.files).toEqual([]);
    expect(folder.diagnostics).toEqual([
      {
        severity: 'warning',
        file: 'pagemap',
        line: 1,
        column: 1,
        message: 'skipped: a file of /proc, which describes the running system: not a manifest',
      },
    ]);
  });
});

describe('bytes are counted while reading', () => {
  it.runIf(linux && existsSync('/proc/self/pagemap'))('/proc/self/pagemap says 0 bytes and is stopped at the limit', () => {
    const started = performance.now();
    expect(readFileBounded('/proc/self/pagemap')).toEqual({
      severity: 'error',
      message: 'file is too large to load: more than 10.0 MiB (the limit is 10.0 MiB)',
    });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a file larger than the limit is stopped at the limit', () => {
    writeFileSync(join(dir, 'big.yaml'), Buffer.alloc(4096, 0x61));
    expect(readFileBounded(join(dir, 'big.yaml'), 1000)).toMatchObject({
      severity: 'error',
      message: /^file is too large to load: more than/,
    });
    expect(readFileBounded(join(dir, 'big.yaml'), 4096)).toEqual({ bytes: Buffer.alloc(4096, 0x61) });
    expect(MAX_FILE_BYTES).toBe(10 * 1024 * 1024);
  });
});

describe("the folder's budgets", () => {
  it('files past the folder byte budget are not read, in path order', () => {
    for (const name of ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']) writeFileSync(join(dir, name), GOOD.replace('good', name[0] as string));
    const folder = readFolder(dir, { fileBytes: 1000, folderBytes: 3 * GOOD.length, folderEntries: 100 });
    expect(folder.files.map((f) => f.path)).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    expect(folder.diagnostics).toEqual([
      {
        severity: 'error',
        file: 'd.yaml',
        line: 1,
        column: 1,
        message: `skipped: the folder's files add up to more than ${3 * GOOD.length} bytes (the simulator's limit): this file and the 1 after it were not read`,
      },
    ]);
  });

  it('the walk stops after the entry budget', () => {
    for (let i = 0; i < 30; i++) writeFileSync(join(dir, `p${String(i).padStart(2, '0')}.yaml`), GOOD);
    const folder = readFolder(dir, { fileBytes: 1000, folderBytes: 1e6, folderEntries: 10 });
    expect(folder.files).toHaveLength(10);
    expect(folder.diagnostics).toEqual([
      {
        severity: 'error',
        file: '.',
        line: 1,
        column: 1,
        message: "stopped reading the folder after 10 entries (the simulator's limit): files further on were not read",
      },
    ]);
  });
});
