/** The Source view's reader: a file of the open folder, and nothing outside it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSourceFile } from '../../../host/sourceFile';
import { validateArgs } from '../../../src/api/validate';

let root: string;
let folder: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-source-'));
  folder = path.join(root, 'manifests');
  fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'sub', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\n');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'not yours');
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(folder, 'link.yaml'));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('readSourceFile', () => {
  it('reads a file of the folder by its folder-relative path', async () => {
    expect(await readSourceFile(folder, 'sub/pod.yaml')).toEqual({
      ok: true,
      value: { file: 'sub/pod.yaml', text: 'apiVersion: v1\nkind: Pod\n' },
    });
  });

  it.each(['../secret.txt', 'sub/../../secret.txt', 'ABSOLUTE', 'link.yaml', '.'])('refuses %s, outside the folder', async (p) => {
    const r = await readSourceFile(folder, p === 'ABSOLUTE' ? path.join(root, 'secret.txt') : p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/not a file of the open folder|not a regular file/);
  });

  it('says when the file is not there', async () => {
    expect(await readSourceFile(folder, 'gone.yaml')).toEqual({ ok: false, error: 'gone.yaml: no such file in the open folder' });
  });
});

describe('readSource validation', () => {
  it('accepts a relative path and refuses absolute ones and .. before the host sees them', () => {
    expect(validateArgs('readSource', ['a/b.yaml'])).toEqual({ ok: true, value: ['a/b.yaml'] });
    expect(validateArgs('readSource', ['/etc/passwd'])).toEqual({
      ok: false,
      error: 'file: Invalid value: "/etc/passwd": must be relative to the open folder',
    });
    expect(validateArgs('readSource', ['C:\\x.yaml']).ok).toBe(false);
    expect(validateArgs('readSource', ['a/../../b'])).toEqual({
      ok: false,
      error: `file: Invalid value: "a/../../b": must not contain '..'`,
    });
    expect(validateArgs('readSource', [])).toEqual({ ok: false, error: 'file: Required value' });
    expect(validateArgs('readSource', [3])).toEqual({ ok: false, error: 'file: Invalid value: must be a string' });
  });
});
