/**
 * The folder named on the command line: `kube-traffic-app DIR`, `npm start -- DIR`, or a second
 * launch forwarded by the single-instance lock. Pure, so the argv shapes are unit-tested.
 */
import * as path from 'node:path';

/**
 * `argv` is process.argv (or the second instance's). Unpackaged (`electron . DIR`, where
 * process.defaultApp is true) the first two entries are electron and the app path; packaged, only
 * the executable. Switches (`--inspect`, Chromium's own `--allow-file-access-from-files`…) are skipped.
 */
export function folderFromArgv(argv: readonly string[], defaultApp: boolean, cwd: string): string | null {
  const args = argv.slice(defaultApp ? 2 : 1);
  const folder = args.find((arg) => arg !== '' && !arg.startsWith('-'));
  return folder === undefined ? null : path.resolve(cwd, folder);
}
