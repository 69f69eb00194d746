/**
 * The folder named on the command line: `kube-traffic-app DIR`, `npm start -- DIR`, or a second
 * launch forwarded by the single-instance lock. Pure, so the argv shapes are unit-tested.
 */
import * as path from 'node:path';

/**
 * `argv` is process.argv (or the second instance's). Electron keeps Chromium/Node switches in
 * argv, and they may come before the app path (Playwright launches `electron --inspect=0
 * --remote-debugging-port=0 . DIR`), so switches are dropped first. Unpackaged (`electron . DIR`,
 * process.defaultApp true) the first remaining word is the app path; packaged, it is the folder.
 */
export function folderFromArgv(argv: readonly string[], defaultApp: boolean, cwd: string): string | null {
  const words = argv.slice(1).filter((arg) => arg !== '' && !arg.startsWith('-'));
  const folder = defaultApp ? words[1] : words[0];
  return folder === undefined ? null : path.resolve(cwd, folder);
}
