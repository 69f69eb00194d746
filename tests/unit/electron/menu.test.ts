/** The native menu, built as data: labels, shortcuts, and what each item does. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions, type MenuState } from '../../../electron/menu';

function recorder() {
  const log: string[] = [];
  const actions: MenuActions = {
    openFolder: () => log.push('openFolder'),
    openRecent: (folder) => log.push(`openRecent ${folder}`),
    clearRecent: () => log.push('clearRecent'),
    reloadFolder: () => log.push('reloadFolder'),
    sendCommand: (command) => log.push(`command ${command}`),
    showShortcuts: () => log.push('showShortcuts'),
  };
  return { log, actions };
}

const state: MenuState = { recentFolders: ['/home/me/shop', '/srv/seed'], hasFolder: true, isDevelopment: false };

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function byId(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = items(template).find((item) => item.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Simulation and Help menus on Linux and Windows', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const template = buildMenuTemplate(state, platform, recorder().actions);
      expect(template.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'Simulation', 'help']);
      // Quit lives in File where there is no application menu.
      expect(items(template).some((i) => i.role === 'quit')).toBe(true);
    }
  });

  it('on macOS starts with the application menu and adds the Window menu', () => {
    const template = buildMenuTemplate(state, 'darwin', recorder().actions);
    expect(template[0].label).toBe('Kube Traffic');
    expect((template[0].submenu as MenuItemConstructorOptions[]).map((i) => i.role).filter(Boolean)).toContain('quit');
    expect(template.some((m) => m.role === 'windowMenu')).toBe(true);
    const file = template.find((m) => m.label === 'File')!;
    expect((file.submenu as MenuItemConstructorOptions[]).some((i) => i.role === 'close')).toBe(true);
  });

  it('File → Open Folder… is Ctrl/Cmd+O and opens the dialog', () => {
    const { log, actions } = recorder();
    const open = byId(buildMenuTemplate(state, 'linux', actions), 'file.open');
    expect(open.label).toBe('Open Folder…');
    expect(open.accelerator).toBe('CmdOrCtrl+O');
    click(open);
    expect(log).toEqual(['openFolder']);
  });

  it('Open Recent lists the recent folders newest first and opens the one chosen', () => {
    const { log, actions } = recorder();
    const template = buildMenuTemplate(state, 'linux', actions);
    const recent = byId(template, 'file.recent').submenu as MenuItemConstructorOptions[];
    expect(recent.filter((i) => i.id?.startsWith('file.recent.') && i.id !== 'file.recent.clear').map((i) => i.label)).toEqual([
      'shop  —  /home/me/shop',
      'seed  —  /srv/seed',
    ]);
    click(byId(template, 'file.recent.1'));
    click(byId(template, 'file.recent.clear'));
    expect(log).toEqual(['openRecent /srv/seed', 'clearRecent']);
  });

  it('with no recent folders, Open Recent says so and cannot be cleared', () => {
    const template = buildMenuTemplate({ ...state, recentFolders: [] }, 'linux', recorder().actions);
    expect(byId(template, 'file.recent.none')).toMatchObject({ label: 'No Recent Folders', enabled: false });
    expect(byId(template, 'file.recent.clear').enabled).toBe(false);
  });

  it('Reload Folder is Ctrl/Cmd+R, and disabled until a folder is open', () => {
    const { log, actions } = recorder();
    const reload = byId(buildMenuTemplate(state, 'linux', actions), 'file.reload');
    expect(reload.accelerator).toBe('CmdOrCtrl+R');
    expect(reload.enabled).toBe(true);
    click(reload);
    expect(log).toEqual(['reloadFolder']);
    expect(byId(buildMenuTemplate({ ...state, hasFolder: false }, 'linux', actions), 'file.reload').enabled).toBe(false);
  });

  it('View has no page-reload item (Ctrl+R reloads the folder, not the UI)', () => {
    const view = buildMenuTemplate(state, 'linux', recorder().actions).find((m) => m.label === 'View')!;
    const roles = (view.submenu as MenuItemConstructorOptions[]).map((i) => i.role);
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
    expect(roles).toContain('zoomIn');
    expect(roles).not.toContain('toggleDevTools');
    const devView = buildMenuTemplate({ ...state, isDevelopment: true }, 'linux', recorder().actions).find((m) => m.label === 'View')!;
    expect((devView.submenu as MenuItemConstructorOptions[]).map((i) => i.role)).toContain('toggleDevTools');
  });

  it('Simulation → Play/Pause, Step Forward, Step Back send their commands, showing keys the renderer handles', () => {
    const { log, actions } = recorder();
    const template = buildMenuTemplate(state, 'linux', actions);
    const expected: [string, string, string][] = [
      ['sim.playPause', 'Space', 'command play-pause'],
      ['sim.stepForward', 'Right', 'command step-forward'],
      ['sim.stepBack', 'Left', 'command step-back'],
    ];
    for (const [id, key, logged] of expected) {
      const item = byId(template, id);
      expect(item.accelerator).toBe(key);
      // Registered, Space would be stolen from every text field in the window.
      expect(item.registerAccelerator).toBe(false);
      click(item);
      expect(log.at(-1)).toBe(logged);
    }
  });

  it('Help lists the keyboard shortcuts', () => {
    const { log, actions } = recorder();
    click(byId(buildMenuTemplate(state, 'linux', actions), 'help.shortcuts'));
    expect(log).toEqual(['showShortcuts']);
  });

  it('every custom item has a unique id', () => {
    const ids = items(buildMenuTemplate(state, 'darwin', recorder().actions))
      .map((i) => i.id)
      .filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
