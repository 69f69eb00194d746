/**
 * Wires the engine host to Electron: the window, the IPC handlers, the native menu, recent
 * documents, and the folder-opening paths (dialog, menu, drop, command line, second launch,
 * macOS open-file). main.ts only drives the lifecycle.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu } from 'electron';
import { CHANNELS, type ClusterSnapshot, type MenuCommand, type Result, type SavedFile, type SaveFileRequest } from '../src/api/contract';
import type { HostApi } from '../host/dispatch';
import type { Session } from '../host/session';
import { chooseFolder, chooseSavePath, showError, showInfo } from './dialogs';
import { registerIpcHandlers, registerSaveFileHandler } from './ipc';
import { buildMenuTemplate, SHORTCUTS_TEXT } from './menu';
import type { AppPaths } from './paths';
import { createMainWindow } from './window';

export interface ControllerOptions {
  paths: AppPaths;
  url: string;
  allowedOrigins: readonly string[];
  isDevelopment: boolean;
}

export class AppController {
  private win: BrowserWindow | null = null;
  private lastFolder: string | null = null;

  constructor(
    private readonly session: Session,
    private readonly options: ControllerOptions,
  ) {}

  /** Registers IPC, opens the first folder (falling back to the bundled example) and shows the window. */
  async start(initialFolder: string | null): Promise<void> {
    registerIpcHandlers(ipcMain, this.hostApi(), this.options.allowedOrigins);
    registerSaveFileHandler(ipcMain, (file) => this.saveFile(file), this.options.allowedOrigins);
    this.session.onSnapshot((snapshot) => this.onSnapshot(snapshot));
    const first = await this.session.openFolder(initialFolder ?? this.options.paths.seedExample);
    if (!first.ok && initialFolder !== null) {
      await this.session.openFolder(this.options.paths.seedExample);
      this.showWindow();
      await showError(this.win, 'Cannot open the folder', first.error);
      return;
    }
    await this.rebuildMenu();
    this.showWindow();
  }

  showWindow(): void {
    if (this.win && !this.win.isDestroyed()) {
      if (this.win.isMinimized()) this.win.restore();
      this.win.focus();
      return;
    }
    const win = createMainWindow({ preload: this.options.paths.preload, url: this.options.url, icon: this.options.paths.icon });
    this.win = win;
    this.updateTitle();
    win.on('closed', () => {
      if (this.win === win) this.win = null;
    });
  }

  /** Opens a folder named outside the window (command line, second launch, Finder, recent menu). */
  async openPath(folder: string): Promise<Result<ClusterSnapshot>> {
    const result = await this.session.openFolder(folder);
    if (!result.ok) await showError(this.win, 'Cannot open the folder', result.error);
    await this.rebuildMenu();
    return result;
  }

  async openWithDialog(): Promise<Result<ClusterSnapshot>> {
    const folder = await chooseFolder(this.win, this.session.folder ?? undefined);
    if (folder === null) return { ok: false, error: 'Cancelled' };
    const result = await this.session.openFolder(folder);
    await this.rebuildMenu();
    return result;
  }

  /** saveFile: the Save dialog (starting in the open folder), then the bytes written where the user chose. */
  private async saveFile(file: SaveFileRequest): Promise<Result<SavedFile>> {
    const target = await chooseSavePath(this.win, file.suggestedName, file.mimeType, this.session.folder ?? undefined);
    if (target === null) return { ok: true, value: { saved: false, name: file.suggestedName } };
    try {
      await fs.promises.writeFile(target, Buffer.from(file.data, file.encoding === 'base64' ? 'base64' : 'utf8'));
      return { ok: true, value: { saved: true, name: target } };
    } catch (e) {
      return { ok: false, error: `Could not save ${target}: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  /** The API the renderer reaches over IPC: the session, except that openFolder() without a path asks the user. */
  private hostApi(): HostApi {
    const session = this.session;
    return {
      getSnapshot: () => session.getSnapshot(),
      getChoices: () => session.getChoices(),
      sendRequest: (req) => session.sendRequest(req),
      matchSelector: (selector) => session.matchSelector(selector),
      getReachability: (req) => session.getReachability(req),
      operate: (op) => session.operate(op),
      getRecentFolders: () => session.getRecentFolders(),
      readSource: (file) => session.readSource(file),
      getScenarios: () => session.getScenarios(),
      saveScenario: (scenario) => session.saveScenario(scenario),
      deleteScenario: (name) => session.deleteScenario(name),
      openFolder: async (folder) => {
        if (folder === undefined) return this.openWithDialog();
        const result = await session.openFolder(folder);
        await this.rebuildMenu();
        return result;
      },
    };
  }

  private onSnapshot(snapshot: ClusterSnapshot): void {
    if (snapshot.folder !== this.lastFolder && snapshot.folder !== '') {
      this.lastFolder = snapshot.folder;
      // Mirrors our own recent list into the OS (macOS Dock, Windows jump list).
      if (process.platform === 'darwin' || process.platform === 'win32') app.addRecentDocument(snapshot.folder);
    }
    this.updateTitle();
    if (this.win && !this.win.isDestroyed()) this.win.webContents.send(CHANNELS.snapshot, snapshot);
  }

  private updateTitle(): void {
    if (!this.win || this.win.isDestroyed()) return;
    const folder = this.session.folder;
    this.win.setTitle(folder ? `${path.basename(folder)} — Kube Traffic` : 'Kube Traffic');
    if (folder && process.platform === 'darwin') this.win.setRepresentedFilename(folder);
  }

  private sendCommand(command: MenuCommand): void {
    if (this.win && !this.win.isDestroyed()) this.win.webContents.send(CHANNELS.menuCommand, command);
  }

  private async rebuildMenu(): Promise<void> {
    const recentFolders = await this.session.getRecentFolders();
    const template = buildMenuTemplate(
      { recentFolders, hasFolder: this.session.folder !== null, isDevelopment: this.options.isDevelopment },
      process.platform,
      {
        openFolder: () => void this.openWithDialog(),
        openRecent: (folder) => void this.openPath(folder),
        clearRecent: () => {
          this.session.clearRecent();
          app.clearRecentDocuments();
          void this.rebuildMenu();
        },
        // Reload = the cluster as the folder describes it now, operations (deleted Pods, cordons) undone.
        reloadFolder: () => void this.session.operate({ op: 'reset' }),
        sendCommand: (command) => this.sendCommand(command),
        showShortcuts: () => void showInfo(this.win, 'Keyboard Shortcuts', SHORTCUTS_TEXT),
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }
}
