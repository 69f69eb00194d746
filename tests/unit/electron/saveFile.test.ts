/** saveFile (Export map, Export run): the request is checked before anything is written or downloaded. */
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../src/api/contract';
import { SAVE_FILE_LIMITS, validateSaveFile } from '../../../src/api/validate';
import { type InvokeEventLike, registerSaveFileHandler } from '../../../electron/ipc';

const svg = { suggestedName: 'kube-traffic-map-seed.svg', data: '<svg/>', mimeType: 'image/svg+xml' };

function error(arg: unknown): string {
  const r = validateSaveFile(arg);
  if (r.ok) throw new Error(`expected ${JSON.stringify(arg)} to be rejected`);
  return r.error;
}

describe('validateSaveFile', () => {
  it('accepts text and base64 files of the known types, utf8 when no encoding is given', () => {
    expect(validateSaveFile(svg)).toEqual({ ok: true, value: { ...svg, encoding: 'utf8' } });
    const png = { suggestedName: 'map.png', data: 'iVBORw0KGgo=', encoding: 'base64', mimeType: 'image/png' };
    expect(validateSaveFile(png)).toEqual({ ok: true, value: png });
    expect(validateSaveFile({ suggestedName: 'run.json', data: '{}', mimeType: 'application/json' }).ok).toBe(true);
  });

  it('takes a file name only: no folder, no `..`, no characters a file system refuses', () => {
    for (const name of ['../x.svg', 'a/b.svg', 'C:\\x.svg', '..', '.', 'a\u0000b', 'a\nb', ' lead.svg', 'a?.svg', 'a|b']) {
      expect(error({ ...svg, suggestedName: name })).toMatch(/^file\.suggestedName: (Invalid value|Required value)/);
    }
    expect(error({ ...svg, suggestedName: '' })).toBe('file.suggestedName: Required value');
    expect(error({ ...svg, suggestedName: 'x'.repeat(256) })).toBe('file.suggestedName: Too long: may not be more than 255 characters');
  });

  it('refuses an unknown type, encoding or field, malformed base64 and missing data', () => {
    expect(error({ ...svg, mimeType: 'text/html' })).toMatch(
      /^file\.mimeType: Unsupported value: "text\/html": supported values: "image\/svg\+xml"/,
    );
    expect(error({ ...svg, encoding: 'hex' })).toBe('file.encoding: Unsupported value: "hex": supported values: "utf8", "base64"');
    expect(error({ ...svg, encoding: 'base64', data: 'not base64!' })).toMatch(/^file\.data: Invalid value: must be base64/);
    expect(error({ ...svg, encoding: 'base64', data: 'abc' })).toMatch(/^file\.data: Invalid value: must be base64/);
    expect(error({ ...svg, data: undefined })).toBe('file.data: Required value');
    expect(error({ ...svg, data: 42 })).toBe('file.data: Invalid value: must be a string');
    expect(error({ ...svg, path: '/etc/passwd' })).toBe('file.path: Forbidden: unknown field "path"');
    expect(error('x')).toMatch(/^file: Invalid value: must be an object/);
    expect(error([svg])).toMatch(/^file: Invalid value: must be an object/);
  });

  it('refuses more data than the limit', () => {
    const big = { ...svg, data: 'x'.repeat(SAVE_FILE_LIMITS.dataLength + 1) };
    expect(error(big)).toMatch(/^file\.data: Too long: may not be more than \d+ characters$/);
  });
});

describe('the saveFile IPC handler', () => {
  function setup() {
    const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
    const ipc = {
      handle: (c: string, l: (event: InvokeEventLike, ...args: unknown[]) => unknown) => handlers.set(c, l),
      removeHandler: (c: string) => handlers.delete(c),
    };
    const save = vi.fn(async () => ({ ok: true as const, value: { saved: true, name: '/home/me/map.svg' } }));
    const remove = registerSaveFileHandler(ipc, save, ['app://app']);
    return { handler: handlers.get(CHANNELS.saveFile)!, handlers, save, remove };
  }
  const fromApp: InvokeEventLike = { senderFrame: { url: 'app://app/index.html', parent: null } };

  it('saves a valid request from our page', async () => {
    const { handler, save } = setup();
    expect(await handler(fromApp, svg)).toEqual({ ok: true, value: { saved: true, name: '/home/me/map.svg' } });
    expect(save).toHaveBeenCalledWith({ ...svg, encoding: 'utf8' });
  });

  it('answers a bad request with the validation error, and never saves it', async () => {
    const { handler, save } = setup();
    expect(await handler(fromApp, { ...svg, suggestedName: '../../.bashrc' })).toMatchObject({ ok: false, error: /^file\.suggestedName/ });
    expect(await handler(fromApp)).toEqual({ ok: false, error: 'saveFile: expected 1 argument, got 0' });
    expect(save).not.toHaveBeenCalled();
  });

  it('blocks other senders, and goes away when removed', async () => {
    const { handler, handlers, save, remove } = setup();
    await expect(handler({ senderFrame: { url: 'https://evil.example/', parent: null } }, svg)).rejects.toThrow(/untrusted sender/);
    expect(save).not.toHaveBeenCalled();
    remove();
    expect(handlers.has(CHANNELS.saveFile)).toBe(false);
  });
});
