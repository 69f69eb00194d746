#!/usr/bin/env node
'use strict';
/**
 * `kube-traffic`: runs the built CLI (out/node/cli/main.js). When it is missing or older than the
 * sources it is compiled from, compiles them first with `tsc -p tsconfig.node.json`; compiler
 * output goes to stderr, so stdout carries only the command's own output (JSON stays parseable).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'out', 'node', 'cli', 'main.js');
// What tsconfig.node.json compiles, plus the configuration that shapes the output.
const SOURCE_DIRS = ['src', 'host', 'cli', 'web', path.join('tests', 'bench')];
const SOURCE_FILES = ['tsconfig.base.json', 'tsconfig.node.json', 'package.json'];

function newestSource(entryPath) {
  let stat;
  try {
    stat = fs.statSync(entryPath);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.(ts|json)$/.test(entryPath) ? stat.mtimeMs : 0;
  let newest = 0;
  for (const name of fs.readdirSync(entryPath)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestSource(path.join(entryPath, name)));
  }
  return newest;
}

function builtAt() {
  try {
    return fs.statSync(entry).mtimeMs;
  } catch {
    return 0;
  }
}

function buildIfStale() {
  // An installed package without sources runs what it ships.
  if (!fs.existsSync(path.join(root, 'src'))) return;
  const built = builtAt();
  const sources = Math.max(
    ...SOURCE_DIRS.map((d) => newestSource(path.join(root, d))),
    ...SOURCE_FILES.map((f) => newestSource(path.join(root, f))),
  );
  if (built > 0 && built >= sources) return;
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    process.stderr.write('kube-traffic: cannot build: typescript is not installed (run npm ci)\n');
    process.exit(1);
  }
  process.stderr.write(
    built === 0 ? 'kube-traffic: building the CLI (first run)…\n' : 'kube-traffic: sources changed, rebuilding the CLI…\n',
  );
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.node.json')], { cwd: root, stdio: ['ignore', 2, 2] });
  // tsc still emits JavaScript when only types are wrong; refuse only when there is nothing to run.
  if (builtAt() === 0) {
    process.stderr.write(`kube-traffic: the build failed (tsc exit status ${result.status})\n`);
    process.exit(1);
  }
  if (result.status !== 0) process.stderr.write('kube-traffic: tsc reported errors (above); running what it built\n');
}

buildIfStale();
require(entry).main();
