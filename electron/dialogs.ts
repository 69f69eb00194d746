/** Native dialogs. Only the main process shows them; the renderer asks through openFolder(). */
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
