/** saveFile in browser mode: checked like Electron's, then the exact bytes go into the download. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadFile, fileBytes } from '../../../renderer/bridge/download';
import { createHttpApi } from '../../../renderer/bridge/httpApi';

afterEach(() => vi.unstubAllGlobals());

describe('browser-mode saveFile', () => {
  it('decodes base64 to the exact bytes, and keeps text as it is', async () => {
    const png = fileBytes({ suggestedName: 'a.png', data: 'iVBORw0KGgo=', encoding: 'base64', mimeType: 'image/png' });
    expect([...(png as Uint8Array)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(fileBytes({ suggestedName: 'a.svg', data: '<svg/>', mimeType: 'image/svg+xml' })).toBe('<svg/>');
  });

  it('refuses a bad request before touching the page, and never asks the server', async () => {
    const document = { createElement: vi.fn() };
    vi.stubGlobal('document', document);
    const fetchImpl = vi.fn();
    const api = createHttpApi({ fetch: fetchImpl as unknown as typeof fetch, EventSource: vi.fn() as unknown as typeof EventSource });
    const r = await api.saveFile({ suggestedName: '../x.svg', data: '<svg/>', mimeType: 'image/svg+xml' });
    expect(r).toMatchObject({ ok: false, error: /^file\.suggestedName: Invalid value/ });
    expect(document.createElement).not.toHaveBeenCalled();
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('downloads through an anchor named after the file, with a blob of its bytes', async () => {
    const anchor = { href: '', download: '', click: vi.fn(), remove: vi.fn() };
    vi.stubGlobal('document', { createElement: () => anchor, body: { appendChild: vi.fn() } });
    const blobs: Blob[] = [];
    vi.stubGlobal('URL', { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:x'), revokeObjectURL: vi.fn() });
    const r = await downloadFile({ suggestedName: 'map.svg', data: '<svg/>', mimeType: 'image/svg+xml' });
    expect(r).toEqual({ ok: true, value: { saved: true, name: 'map.svg' } });
    expect(anchor).toMatchObject({ href: 'blob:x', download: 'map.svg' });
    expect(anchor.click).toHaveBeenCalledOnce();
    expect(blobs[0]!.type).toBe('image/svg+xml');
    expect(await blobs[0]!.text()).toBe('<svg/>');
  });
});
