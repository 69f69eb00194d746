#!/usr/bin/env node
'use strict';
/**
 * `npm run web -- [DIR] [--port N]`: browser mode. Builds when out/ is missing or stale, then runs
 * the server (out/node/web/main.js) in this process. Its first stdout line is the URL to open.
 */
const path = require('node:path');
const { buildIfStale, root } = require('./build-if-stale');

buildIfStale(['out/node/web/main.js', 'out/node/host/engineWorker.js', 'out/renderer/index.html']);
const { main } = require(path.join(root, 'out', 'node', 'web', 'main.js'));
main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`internal error: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
