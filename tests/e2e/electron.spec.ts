/**
 * The real Electron window (Playwright `_electron`): hardened webPreferences, no Node in the page,
 * navigation blocked, the native menu, File → Open Folder…, and the seed cluster drawn.
 * Runs against the unpackaged build (`electron .` on out/, after `npm run build`): release packages
 * turn off the inspect fuse Playwright needs. Skipped, with the reason, where the Electron binary
 * is not installed (`npm ci` downloads it; ELECTRON_SKIP_BINARY_DOWNLOAD=1 or no network skip it).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { _electron as electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';

const root = path.resolve(__dirname, '..', '..');
const seed = path.join(root, 'assets', 'examples', 'seed');

/** The binary's path, or why there is none. */
function findElectron(): { path: string } | { reason: string } {
  try {
    // In Node the electron package exports its binary's path, and throws when it was never downloaded.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an import cannot be caught; the suite must skip instead
    const binary = require('electron') as unknown as string;
    return fs.existsSync(binary) ? { path: binary } : { reason: `the Electron binary is missing at ${binary}` };
  } catch (error) {
    return { reason: `the Electron binary is not installed (${(error as Error).message.split('\n')[0]})` };
  }
}

const found = findElectron();
const built = fs.existsSync(path.join(root, 'out', 'main', 'index.js')) && fs.existsSync(path.join(root, 'out', 'renderer', 'index.html'));

test.describe('Electron window', () => {
  test.skip('reason' in found, `Skipped: ${'reason' in found ? found.reason : ''}; npm ci with network access installs it`);
  test.skip(!built, 'Skipped: the app is not built (run npm run build first)');
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let page: Page;
  let configHome: string;

  test.beforeAll(async () => {
    // Recent folders and window state go to a throw-away profile, never the developer's own.
    configHome = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-e2e-'));
    const args = [root, seed];
    // Chromium refuses to start as root with its sandbox; this is the test harness, not the app's setting.
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    app = await electron.launch({
      executablePath: (found as { path: string }).path,
      args,
      env: { ...process.env, XDG_CONFIG_HOME: configHome, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (configHome) fs.rmSync(configHome, { recursive: true, force: true });
  });

  test('the window is isolated, sandboxed and served from app://', async () => {
    // getLastWebPreferences is undocumented (absent from Electron's typings); check it where it exists.
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0].webContents as unknown as { getLastWebPreferences?: () => unknown };
      return typeof contents.getLastWebPreferences === 'function' ? contents.getLastWebPreferences() : null;
    });
    if (prefs)
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    // app.enableSandbox() sandboxes every renderer by adding this switch.
    expect(await app.evaluate(({ app: electronApp }) => electronApp.commandLine.hasSwitch('enable-sandbox'))).toBe(true);
    // contextBridge hands the page a frozen copy: it cannot patch the API to reach the main world's objects.
    expect(await page.evaluate(() => Object.isFrozen(window.kubeTraffic))).toBe(true);
    expect(page.url()).toBe('app://app/index.html');
    const globals = await page.evaluate(() => {
      const page = window as unknown as Record<string, unknown>;
      return {
        require: typeof page.require,
        process: typeof page.process,
        ipcRenderer: typeof page.ipcRenderer,
        api: Object.keys(window.kubeTraffic ?? {}).sort(),
      };
    });
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      api: [
        'getChoices',
        'getReachability',
        'getRecentFolders',
        'getSnapshot',
        'matchSelector',
        'onMenuCommand',
        'onSnapshot',
        'openFolder',
        'operate',
        'pathForFile',
        'readSource',
        'sendRequest',
      ],
    });
  });

  test('navigation away from the app is blocked', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://app/index.html');
  });

  test('opens the bundled seed cluster and draws its nodes', async () => {
    const snapshot = await page.evaluate(() => window.kubeTraffic!.getSnapshot());
    expect(snapshot.folder).toBe(seed);
    expect(snapshot.nodes.map((n: { name: string }) => n.name)).toEqual(['k8s-master', 'k8s-node1', 'k8s-node2']);
    await expect(page.getByLabel(/k8s-node1/).first()).toBeVisible();
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].getTitle())).toBe('seed — Kube Traffic');
  });

  test('the native menu has File, View, Simulation and Help, with Ctrl+O for Open Folder…', async () => {
    const menu = await app.evaluate(({ Menu }) => {
      const bar = Menu.getApplicationMenu();
      const open = bar?.getMenuItemById('file.open');
      return { labels: bar?.items.map((item) => item.label) ?? [], open: open?.label, accelerator: open?.accelerator };
    });
    for (const label of ['File', 'View', 'Simulation', 'Help']) expect(menu.labels).toContain(label);
    expect(menu.open).toBe('Open Folder…');
    expect(menu.accelerator).toBe('CmdOrCtrl+O');
  });

  test('File → Open Folder… loads the chosen folder and lists it under Open Recent', async () => {
    const folder = path.join(seed, '3-clusterip');
    await app.evaluate(({ dialog }, chosen) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [chosen] })) as typeof dialog.showOpenDialog;
    }, folder);
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('file.open')?.click());
    await expect.poll(async () => (await page.evaluate(() => window.kubeTraffic!.getSnapshot())).folder).toBe(folder);
    const recent = await app.evaluate(({ Menu }) =>
      (Menu.getApplicationMenu()?.getMenuItemById('file.recent')?.submenu?.items ?? []).map((item) => item.label),
    );
    expect(recent[0]).toContain(folder);
  });

  test('a request sent through the bridge comes back as a trace', async () => {
    const result = await page.evaluate(() => window.kubeTraffic!.sendRequest({ from: 'node/k8s-master', to: 'svc/svc-1:9000', count: 1 }));
    if (!result.ok) throw new Error(`sendRequest failed: ${result.error}`);
    expect(result.value.traces).toHaveLength(1);
    expect(result.value.events.length).toBeGreaterThan(0);
  });
});
