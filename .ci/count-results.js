// Sums the test reports written by vitest (JSON) and Playwright (JSON) and prints
// "N passed, N failed" alone on the last line. Exits 1 when no test ran or any failed.
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
let passed = 0,
  failed = 0,
  skipped = 0;
const read = (f) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  } catch {
    return null;
  }
};
const vitest = read('vitest.json');
if (vitest) {
  passed += vitest.numPassedTests || 0;
  failed += vitest.numFailedTests || 0;
  skipped += (vitest.numPendingTests || 0) + (vitest.numTodoTests || 0);
}
const pw = read('playwright.json');
if (pw && pw.stats) {
  passed += (pw.stats.expected || 0) + (pw.stats.flaky || 0);
  failed += pw.stats.unexpected || 0;
  skipped += pw.stats.skipped || 0;
}
console.log(`vitest: ${vitest ? 'report found' : 'NO REPORT'}; playwright: ${pw ? 'report found' : 'NO REPORT'}; ${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
if (!vitest || !pw || passed === 0 || failed > 0) process.exit(1);
