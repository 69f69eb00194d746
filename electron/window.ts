/**
 * The ONE place a BrowserWindow is created. The security flags are written out literally (not
 * spread from a variable) so a reviewer — and Electronegativity, which reads the literal — sees
 * them at a glance: isolated, sandboxed, no Node in the page, web security on, no <webview>.
 */
import { BrowserWindow } from 'electron';

export interface MainWindowOptions {
  /** Bundled preload script (out/preload/index.js). */
  preload: string;
  /** app://app/index.html, or the dev server's URL in development. */
  url: string;
  /** Window icon (Linux/Windows; macOS uses the bundle's). */
  icon?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Kube Traffic',
    icon: options.icon,
    // Shown once the first paint is ready, so the window never flashes white.
    show: false,
    backgroundColor: '#0f172a',
    webPreferences: {
      preload: options.preload,
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
      safeDialogs: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url);
  return win;
}
