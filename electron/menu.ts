/**
 * The native menu as a pure function of the app's state, so it is unit-tested without Electron.
 * Standard items use roles (the OS supplies labels and behaviour); custom items carry ids for
 * enabling/disabling and for end-to-end tests. Play/Pause and Step show their keys (Space, ←, →)
 * without registering them: the renderer handles those keys, and a menu accelerator would steal
 * Space from text fields.
 */
import * as path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../src/api/contract';

export interface MenuState {
  recentFolders: readonly string[];
  /** A folder is open (Reload makes sense). */
  hasFolder: boolean;
  /** Development build: offer the developer tools. */
  isDevelopment: boolean;
}

export interface MenuActions {
  openFolder(): void;
  openRecent(folder: string): void;
  clearRecent(): void;
  reloadFolder(): void;
  sendCommand(command: MenuCommand): void;
  showShortcuts(): void;
}

function recentSubmenu(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = state.recentFolders.map((folder, index) => ({
    id: `file.recent.${index}`,
    // The folder name first (what people recognise), the full path after it to tell twins apart.
    label: `${path.basename(folder) || folder}  —  ${folder}`,
    click: () => actions.openRecent(folder),
  }));
  if (items.length === 0) items.push({ id: 'file.recent.none', label: 'No Recent Folders', enabled: false });
  items.push(
    { type: 'separator' },
    {
      id: 'file.recent.clear',
      label: 'Clear Recently Opened',
      enabled: state.recentFolders.length > 0,
      click: () => actions.clearRecent(),
    },
  );
  return items;
}

export function buildMenuTemplate(state: MenuState, platform: NodeJS.Platform, actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];

  if (isMac) {
    template.push({
      label: 'Kube Traffic',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }

  template.push({
    label: 'File',
    id: 'file',
    submenu: [
      { id: 'file.open', label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFolder() },
      { id: 'file.recent', label: 'Open Recent', submenu: recentSubmenu(state, actions) },
      { type: 'separator' },
      {
        id: 'file.reload',
        label: 'Reload Folder',
        accelerator: 'CmdOrCtrl+R',
        enabled: state.hasFolder,
        click: () => actions.reloadFolder(),
      },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  });

  template.push({ role: 'editMenu' });

  const viewItems: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (state.isDevelopment) viewItems.push({ type: 'separator' }, { role: 'toggleDevTools' });
  template.push({ label: 'View', id: 'view', submenu: viewItems });

  template.push({
    label: 'Simulation',
    id: 'sim',
    submenu: [
      {
        id: 'sim.playPause',
        label: 'Play/Pause',
        accelerator: 'Space',
        registerAccelerator: false,
        click: () => actions.sendCommand('play-pause'),
      },
      {
        id: 'sim.stepForward',
        label: 'Step Forward',
        accelerator: 'Right',
        registerAccelerator: false,
        click: () => actions.sendCommand('step-forward'),
      },
      {
        id: 'sim.stepBack',
        label: 'Step Back',
        accelerator: 'Left',
        registerAccelerator: false,
        click: () => actions.sendCommand('step-back'),
      },
    ],
  });

  if (isMac) template.push({ role: 'windowMenu' });

  template.push({
    role: 'help',
    submenu: [
      { id: 'help.shortcuts', label: 'Keyboard Shortcuts', click: () => actions.showShortcuts() },
      ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'about' as const, label: 'About Kube Traffic' }]),
    ],
  });

  return template;
}

/** Shown by Help → Keyboard Shortcuts. */
export const SHORTCUTS_TEXT = [
  'Ctrl/Cmd+O   Open Folder…',
  'Ctrl/Cmd+R   Reload Folder',
  'Space        Play / Pause',
  '→ / ←        Step forward / back',
  'Ctrl/Cmd+ / Ctrl/Cmd-   Zoom in / out',
].join('\n');
