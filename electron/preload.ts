/**
 * Preload: exposes exactly KubeTrafficApi as `window.kubeTraffic`, one function per channel.
 * Never ipcRenderer itself, never an IPC event object (checklist item 20): listeners get the
 * payload only, and every subscription returns its own unsubscribe (holding the wrapper, so the
 * listener really goes away). Bundled as CommonJS: a sandboxed preload cannot load ES modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent, webUtils } from 'electron';
import { CHANNELS, type ClusterSnapshot, type KubeTrafficApi, type MenuCommand } from '../src/api/contract';

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const wrapper = (_event: IpcRendererEvent, payload: T): void => listener(payload);
  ipcRenderer.on(channel, wrapper);
  return () => {
    ipcRenderer.removeListener(channel, wrapper);
  };
}

const api: KubeTrafficApi = {
  getSnapshot: () => ipcRenderer.invoke(CHANNELS.getSnapshot),
  getChoices: () => ipcRenderer.invoke(CHANNELS.getChoices),
  sendRequest: (req) => ipcRenderer.invoke(CHANNELS.sendRequest, req),
  matchSelector: (selector) => ipcRenderer.invoke(CHANNELS.matchSelector, selector),
  getReachability: (req) => ipcRenderer.invoke(CHANNELS.getReachability, req),
  operate: (op) => ipcRenderer.invoke(CHANNELS.operate, op),
  openFolder: (path) => ipcRenderer.invoke(CHANNELS.openFolder, path),
  getRecentFolders: () => ipcRenderer.invoke(CHANNELS.getRecentFolders),
  readSource: (file) => ipcRenderer.invoke(CHANNELS.readSource, file),
  getScenarios: () => ipcRenderer.invoke(CHANNELS.getScenarios),
  saveScenario: (scenario) => ipcRenderer.invoke(CHANNELS.saveScenario, scenario),
  deleteScenario: (name) => ipcRenderer.invoke(CHANNELS.deleteScenario, name),
  saveFile: (file) => ipcRenderer.invoke(CHANNELS.saveFile, file),
  onSnapshot: (listener) => subscribe<ClusterSnapshot>(CHANNELS.snapshot, listener),
  onMenuCommand: (listener) => subscribe<MenuCommand>(CHANNELS.menuCommand, listener),
  pathForFile: (file) => {
    // File.path is gone since Electron 32; webUtils is the supported way to a dropped item's path.
    try {
      return webUtils.getPathForFile(file as File);
    } catch {
      return '';
    }
  },
};

contextBridge.exposeInMainWorld('kubeTraffic', api);
