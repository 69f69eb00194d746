/**
 * Where the app's pieces are, unpackaged (`electron .` from the repository, after `npm run build`)
 * and packaged (electron-builder: out/ inside app.asar, the examples as extraResources).
 * The main bundle runs from out/main/index.js, so its siblings are ../preload and ../renderer; the
 * engine worker is bundled beside it (out/main/engineWorker.js: Electron loads workers from app.asar).
 */
import * as path from 'node:path';

export interface AppPaths {
  preload: string;
  renderer: string;
  /** The engine worker's script (host/engineWorker.ts, bundled). */
  engineWorker: string;
  /** The bundled example cluster opened when no folder is given. */
  seedExample: string;
  icon: string;
}

export function appPaths(mainDir: string, appPath: string, isPackaged: boolean, resourcesPath: string): AppPaths {
  return {
    preload: path.join(mainDir, '..', 'preload', 'index.js'),
    renderer: path.join(mainDir, '..', 'renderer'),
    engineWorker: path.join(mainDir, 'engineWorker.js'),
    seedExample: isPackaged ? path.join(resourcesPath, 'examples', 'seed') : path.join(appPath, 'assets', 'examples', 'seed'),
    icon: isPackaged ? path.join(resourcesPath, 'icon.png') : path.join(appPath, 'assets', 'icon.png'),
  };
}
