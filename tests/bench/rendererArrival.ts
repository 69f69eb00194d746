/**
 * Where the main thread goes when a 200-request run arrives (prints results; not a test). The whole
 * app's scene of the renderer benchmark (a generated folder of about 500 Pods in browser mode with the
 * real engine, the Event list open), recorded with Chromium's tracing over CDP from the click on Send
 * until the run is laid out and playing; prints every task over 30 ms with what it spent its time on,
 * the longest layouts (and what forced them) and the JS self time per function inside those tasks.
 *   npm run build && node out/node/tests/bench/rendererArrival.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium } from '@playwright/test';
import { applyCssArgument, mainThreadEvents, startTrace } from './chromeTrace';
import { writeAppFolder } from './generate';
import { ARGS, startServer } from './rendererServe';

const INTEREST = new Set([
  'FunctionCall',
  'TimerFire',
  'EventDispatch',
  'RunMicrotasks',
  'FireAnimationFrame',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'MinorGC',
  'MajorGC',
  'HitTest',
  'v8.compile',
  'ParseHTML',
]);

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kube-traffic-arrival-'));
  writeAppFolder(dir, 500);
  const app = await startServer(dir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    if (process.argv.includes('--log')) page.on('console', (m) => m.text().startsWith('KT') && console.log(m.text()));
    await page.goto(app.url);
    await page
      .getByRole('group', { name: /^Node / })
      .first()
      .waitFor({ timeout: 30_000 });
    await page.getByRole('spinbutton', { name: 'Count' }).fill('200');
    // --css RULES, for experiments such as taking a panel out ('.results { display: none }') to see what it costs.
    await applyCssArgument(page);
    await page.waitForTimeout(1000);

    const stopTrace = await startTrace(page, process.argv.includes('--details') ? ['disabled-by-default-devtools.timeline.stack'] : []);
    if (process.argv.includes('--log')) console.log('SEND', await page.evaluate(() => performance.now()));
    // CSS, not a role query: Playwright's role engine walks the whole page in the page's main thread.
    await page.locator('.toolbar button[type="submit"]').click();
    // Awaited in the page: Playwright's role queries would be recorded as the page's own work.
    await page.waitForFunction(() => document.querySelector('[aria-label="Event list"] tbody tr') !== null, undefined, {
      timeout: 60_000,
      polling: 'raf',
    });
    await page.waitForTimeout(1500);
    const { events, profile } = await stopTrace();

    const onMain = mainThreadEvents(events);
    const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 30_000).sort((a, b) => a.ts - b.ts);
    const t0 = Math.min(...onMain.map((e) => e.ts));
    console.log(
      `trace ${t0}..${Math.max(...onMain.map((e) => e.ts))}, profile ${profile.startTime}..${profile.endTime}, ${profile.samples?.length} samples`,
    );
    console.log(`tasks over 30 ms: ${tasks.length}`);
    const layouts = onMain.filter((e) => e.name === 'Layout' && (e.dur ?? 0) > 2000);
    console.log(
      `LAYOUTS ${layouts.map((e) => `${((e.tdur ?? 0) / 1000).toFixed(1)}ms ${String(e.args?.beginData?.dirtyObjects)}/${String(e.args?.beginData?.totalObjects)}`).join(', ')}`,
    );
    const all = onMain.filter((e) => e.name === 'RunTask').map((e) => (e.tdur ?? 0) / 1000);
    console.log(
      `CPU: longest tasks ${all
        .sort((a, b) => b - a)
        .slice(0, 5)
        .map((ms) => ms.toFixed(0))
        .join(', ')} ms; ${all.filter((ms) => ms > 50).length} over 50 ms, total ${all.reduce((a, b) => a + b, 0).toFixed(0)} ms`,
    );
    // One line for comparing runs: CPU ms of each task over 30 ms (wall), in order.
    console.log(
      `SUMMARY cpu ${tasks.map((t) => ((t.tdur ?? 0) / 1000).toFixed(0)).join(' ')} | wall ${tasks.map((t) => ((t.dur ?? 0) / 1000).toFixed(0)).join(' ')}`,
    );
    const inTasks: [number, number][] = [];
    for (const t of tasks) {
      const end = t.ts + (t.dur ?? 0);
      inTasks.push([t.ts, end]);
      // --names: every trace event inside, not only the ones above (what a task with none of them did).
      const names = process.argv.includes('--names');
      const inner = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= end && (names || INTEREST.has(e.name)));
      const sums = new Map<string, number>();
      for (const e of inner) sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      console.log(
        `  at +${((t.ts - t0) / 1000).toFixed(0)} ms: ${((t.dur ?? 0) / 1000).toFixed(1)} ms (CPU ${((t.tdur ?? 0) / 1000).toFixed(1)}): ${[
          ...sums,
        ]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([k, v]) => `${k} ${v.toFixed(1)}`)
          .join(', ')}`,
      );
      for (const e of inner.filter((x) => (x.dur ?? 0) > 3000 && x.name !== 'RunMicrotasks').sort((a, b) => a.ts - b.ts))
        console.log(
          `      +${((e.ts - t.ts) / 1000).toFixed(1).padStart(5)} ${((e.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms ${e.name} ${
            e.name === 'Layout'
              ? JSON.stringify({
                  dirty: e.args?.beginData?.dirtyObjects,
                  total: e.args?.beginData?.totalObjects,
                  forced: ((e.args?.beginData?.stackTrace as { functionName: string }[] | undefined) ?? [])
                    .map((f) => f.functionName)
                    .slice(0, 4),
                })
              : e.name === 'UpdateLayoutTree'
                ? JSON.stringify(e.args?.beginData ?? {}).slice(0, 160)
                : JSON.stringify({ ...(e.args?.data ?? {}), frame: undefined, isolate: undefined }).slice(0, 200)
          }`,
        );
    }
    // JS self time per function, only samples inside the long tasks.
    const byFn = new Map<string, number>();
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    let ts = profile.startTime;
    (profile.samples ?? []).forEach((id, k) => {
      ts += profile.timeDeltas?.[k] ?? 0;
      if (!inTasks.some(([a, b]) => ts >= a && ts <= b)) return;
      const f = nodes.get(id)!.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
      byFn.set(key, (byFn.get(key) ?? 0) + (profile.timeDeltas?.[k + 1] ?? 200));
    });
    // Inclusive time per function (a component's render with everything under it), per long task.
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const label = (id: number): string => {
      const f = nodes.get(id)!.callFrame;
      return `${f.functionName || '(anonymous)'}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    };
    inTasks.forEach(([a, b], k) => {
      const incl = new Map<string, number>();
      let t = profile.startTime;
      (profile.samples ?? []).forEach((id, j) => {
        t += profile.timeDeltas?.[j] ?? 0;
        if (t < a || t > b) return;
        const seen = new Set<string>();
        for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
          const l = label(n);
          if (seen.has(l)) continue;
          seen.add(l);
          incl.set(l, (incl.get(l) ?? 0) + (profile.timeDeltas?.[j + 1] ?? 200));
        }
      });
      const top = [...incl]
        .filter(([l]) => /^[A-Z]/.test(l) || process.argv.includes('--all'))
        .sort((x, y) => y[1] - x[1])
        .slice(0, 25);
      console.log(`task ${k + 1}, inclusive (components, or --all): ${top.map(([l, us]) => `${l} ${(us / 1000).toFixed(1)}`).join(', ')}`);
    });
    console.log('JS self time inside those tasks, top functions:');
    for (const [k, us] of [...byFn]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30))
      console.log(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  } finally {
    await browser.close();
    app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
