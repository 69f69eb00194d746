/** Native dialogs. Only the main process shows them; the renderer asks through openFolder(). */
import * as path from 'node:path';
import { type BrowserWindow, dialog } from 'electron';

/** The chosen folder, or null when the user cancelled. */
export async function chooseFolder(win: BrowserWindow | null, defaultPath?: string): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open Folder',
    buttonLabel: 'Open',
    defaultPath,
    properties: ['openDirectory', 'createDirectory'],
  };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

/** Save dialog filters per MIME type, so the dialog offers the right extension. */
const FILTERS: Record<string, Electron.FileFilter> = {
  'image/png': { name: 'PNG image', extensions: ['png'] },
  'image/svg+xml': { name: 'SVG drawing', extensions: ['svg'] },
  'application/json': { name: 'JSON', extensions: ['json'] },
  'text/yaml': { name: 'YAML', extensions: ['yaml', 'yml'] },
  'text/plain': { name: 'Text', extensions: ['txt'] },
};

/** The path the user chose to save `suggestedName` at, or null when they cancelled. */
export async function chooseSavePath(
  win: BrowserWindow | null,
  suggestedName: string,
  mimeType: string,
  defaultDir?: string,
): Promise<string | null> {
  const filter = FILTERS[mimeType];
  const options: Electron.SaveDialogOptions = {
    title: 'Save',
    defaultPath: defaultDir ? path.join(defaultDir, suggestedName) : suggestedName,
    filters: filter ? [filter] : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

export async function showError(win: BrowserWindow | null, title: string, detail: string): Promise<void> {
  const options: Electron.MessageBoxOptions = { type: 'error', title, message: title, detail, buttons: ['OK'] };
  if (win) await dialog.showMessageBox(win, options);
  else await dialog.showMessageBox(options);
}

export async function showInfo(win: BrowserWindow | null, title: string, detail: string): Promise<void> {
  const options: Electron.MessageBoxOptions = { type: 'info', title, message: title, detail, buttons: ['OK'] };
  if (win) await dialog.showMessageBox(win, options);
  else await dialog.showMessageBox(options);
}
