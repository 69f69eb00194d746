/** The one window factory: the webPreferences every window really gets. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** BrowserWindow's options as the factory passed them (webPreferences and the window's own). */
type WindowOptions = { webPreferences: Record<string, unknown>; show?: boolean; [key: string]: unknown };
const created: { options: WindowOptions; loaded: string[]; once: Map<string, () => void>; shown: boolean }[] = [];

vi.mock('electron', () => {
  class FakeBrowserWindow {
    record = { options: {} as WindowOptions, loaded: [] as string[], once: new Map<string, () => void>(), shown: false };
    constructor(options: WindowOptions) {
      this.record.options = options;
      created.push(this.record);
    }
    once(event: string, cb: () => void) {
      this.record.once.set(event, cb);
    }
    show() {
      this.record.shown = true;
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { BrowserWindow: FakeBrowserWindow };
});

import { createMainWindow } from '../../../electron/window';

describe('createMainWindow', () => {
  beforeEach(() => {
    created.length = 0;
  });

  it('isolates and sandboxes the page, with no Node and no <webview>', () => {
    createMainWindow({ preload: '/app/out/preload/index.js', url: 'app://app/index.html' });
    const prefs = created[0].options.webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('loads the given URL and shows the window only once it has painted', () => {
    createMainWindow({ preload: '/p.js', url: 'app://app/index.html' });
    const win = created[0];
    expect(win.loaded).toEqual(['app://app/index.html']);
    expect(win.options.show).toBe(false);
    expect(win.shown).toBe(false);
    win.once.get('ready-to-show')!();
    expect(win.shown).toBe(true);
  });
});
