'use strict';
/**
 * Shared by bin/kube-traffic-app.js and bin/kube-traffic-web.js: runs `npm run build` when the
 * built output is missing or older than any source it is built from. Build output goes to stderr,
 * so a caller's stdout stays clean (browser mode's first stdout line is its URL).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const SOURCE_DIRS = ['src', 'host', 'electron', 'renderer', 'web', 'cli'];
const SOURCE_FILES = ['package.json', 'electron.vite.config.ts', 'tsconfig.base.json', 'tsconfig.node.json'];

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

function oldestMtime(files) {
  let oldest = Infinity;
  for (const file of files) {
    try {
      oldest = Math.min(oldest, fs.statSync(file).mtimeMs);
    } catch {
      return 0;
    }
  }
  return oldest;
}

/** `outputs` are paths relative to the repository root that the build must have produced. */
function buildIfStale(outputs) {
  // An installed package without sources (only out/) never rebuilds.
  if (!fs.existsSync(path.join(root, 'src'))) return;
  const built = oldestMtime(outputs.map((p) => path.join(root, p)));
  const sources = Math.max(
    ...SOURCE_DIRS.map((d) => newestMtime(path.join(root, d))),
    ...SOURCE_FILES.map((f) => newestMtime(path.join(root, f))),
  );
  if (built > 0 && built >= sources) return;
  process.stderr.write(built === 0 ? 'Kube Traffic: building (first run)…\n' : 'Kube Traffic: sources changed, rebuilding…\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (result.status !== 0) {
    process.stderr.write('Kube Traffic: the build failed (see above)\n');
    process.exit(1);
  }
}

module.exports = { buildIfStale, root };
