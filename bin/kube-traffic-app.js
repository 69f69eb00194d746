#!/usr/bin/env node
'use strict';
/**
 * `kube-traffic-app [DIR]`: opens the desktop app (Electron) on DIR, or on the bundled example.
 * Builds when out/ is missing or stale, then launches Electron on this package (its `main` is
 * out/main/index.js) and mirrors Electron's exit status.
 */
const path = require('node:path');
const { spawn } = require('node:child_process');
const { buildIfStale, root } = require('./build-if-stale');

let electron;
try {
  // In Node, the electron package exports the path of its binary (and throws when it was not downloaded).
  electron = require('electron');
} catch (error) {
  process.stderr.write(
    `kube-traffic-app: the Electron binary is not installed (${error.message}).\n` +
      'Run `npm ci` with internet access to download it, or use browser mode: npm run web -- [DIR]\n',
  );
  process.exit(1);
}

buildIfStale(['out/main/index.js', 'out/main/engineWorker.js', 'out/preload/index.js', 'out/renderer/index.html']);

// Folder arguments are resolved here, against the caller's directory (npm's INIT_CWD under `npm start -- DIR`),
// not Electron's.
const callerDir = process.env.INIT_CWD || process.cwd();
const args = process.argv.slice(2).map((arg) => (arg.startsWith('-') ? arg : path.resolve(callerDir, arg)));
const child = spawn(electron, [root, ...args], { stdio: 'inherit', windowsHide: false });
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!child.killed) child.kill(signal);
  });
}
