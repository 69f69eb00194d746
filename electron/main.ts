/**
 * Electron main process: lifecycle only. Sandbox and the app:// scheme before `ready`, one
 * instance per user (a second launch hands its folder to the first), then the controller.
 */
import { app, protocol, session as electronSession } from 'electron';
import { folderFromArgv } from './args';
import { AppController } from './controller';
import { Session } from '../host/session';
import { appPaths } from './paths';
import { APP_INDEX_URL, APP_ORIGIN, handleAppProtocol, registerAppScheme } from './protocol';
import { installSecurityGuards } from './security';

// Every renderer sandboxed, whatever a window's own flags say (checklist item 4).
app.enableSandbox();
registerAppScheme(protocol);

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const paths = appPaths(__dirname, app.getAppPath(), app.isPackaged, process.resourcesPath);
let controller: AppController | null = null;
/** Folders named before the window was ready (macOS open-file at launch). */
const pendingFolders: string[] = [];

function openFolder(folder: string): void {
  if (controller) {
    controller.showWindow();
    void controller.openPath(folder);
  } else {
    pendingFolders.push(folder);
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const folder = folderFromArgv(argv, process.defaultApp === true, workingDirectory);
    if (folder) openFolder(folder);
    else controller?.showWindow();
  });

  // macOS: a folder dropped on the Dock icon or chosen from the Dock's recent list.
  app.on('open-file', (event, folder) => {
    event.preventDefault();
    openFolder(folder);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => controller?.showWindow());

  void app.whenReady().then(async () => {
    installSecurityGuards(app, electronSession.defaultSession);
    handleAppProtocol(protocol, paths.renderer);
    const host = new Session({ configDir: app.getPath('userData'), engineWorker: paths.engineWorker });
    app.on('will-quit', () => host.close());
    controller = new AppController(host, {
      paths,
      url: devServerUrl ?? APP_INDEX_URL,
      allowedOrigins: devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN],
      isDevelopment: !app.isPackaged,
    });
    const fromArgv = folderFromArgv(process.argv, process.defaultApp === true, process.cwd());
    await controller.start(pendingFolders.pop() ?? fromArgv);
  });
}
