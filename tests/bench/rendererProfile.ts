/**
 * Where the renderer's main thread spends a playing frame (prints results; not a test). Same scene as
 * the frame-time benchmark (500 Pods, 200 packets in flight, 8×), recorded with Chromium's tracing
 * over CDP, then summed per trace event (script, style, layout, paint, GC…) and per JS function.
 *   npm run build && npx tsc -p tsconfig.node.json && node out/node/tests/bench/rendererProfile.js [--renderer DIR]
 */
import * as path from 'node:path';
import { chromium } from '@playwright/test';
import { ARGS, ROOT, serveStatic } from './rendererServe';
import { openEveryPod, playIfPaused } from './rendererFixture';
import { applyCssArgument, mainThreadEvents, startTrace } from './chromeTrace';

/** Trace events worth naming on the main thread (they nest: FunctionCall inside FireAnimationFrame…). */
const INTEREST = new Set([
  'FireAnimationFrame',
  'FunctionCall',
  'TimerFire',
  'EventDispatch',
  'RunMicrotasks',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'PaintImage',
  'Layerize',
  'Commit',
  'UpdateLayer',
  'MinorGC',
  'MajorGC',
  'V8.GC_SCAVENGER',
  'ScheduleStyleRecalculation',
  'InvalidateLayout',
  'HitTest',
  'ParseHTML',
  'v8.execute',
  'CanvasRenderingContext2D::FinalizeFrame',
  'ProxyMain::BeginMainFrame',
]);

async function main(): Promise<void> {
  const i = process.argv.indexOf('--renderer');
  const dir = i > 0 ? path.resolve(process.argv[i + 1]!) : path.join(ROOT, 'out', 'renderer');
  const server = await serveStatic(dir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openEveryPod(page, server.url);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('8');
    await playIfPaused(page);
    await applyCssArgument(page);
    // --hide SELECTOR: take panels out of the page, to see what they cost.
    const hide = process.argv.indexOf('--hide');
    if (hide > 0 && process.argv[hide + 1])
      await page.evaluate(
        (sel) => document.querySelectorAll<HTMLElement>(sel).forEach((el) => (el.style.display = 'none')),
        process.argv[hide + 1]!,
      );
    await page.waitForTimeout(1800);
    const shot = process.argv.indexOf('--shot');
    if (shot > 0) await page.screenshot({ path: process.argv[shot + 1]! });
    if (process.argv.includes('--intervals')) {
      const intervals = await page.evaluate(
        () =>
          new Promise<number[]>((resolve) => {
            const out: number[] = [];
            let last = performance.now();
            const end = last + 3000;
            const tick = (now: number) => {
              out.push(now - last);
              last = now;
              if (now < end) requestAnimationFrame(tick);
              else resolve(out.slice(1));
            };
            requestAnimationFrame(tick);
          }),
      );
      const sorted = [...intervals].sort((a, b) => a - b);
      console.log(
        `frame interval p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(1)} ms over ${sorted.length} frames`,
      );
      return;
    }

    const stopTrace = await startTrace(
      page,
      // Invalidation tracking says what dirtied style and layout, but slows everything down.
      process.argv.includes('--details')
        ? ['disabled-by-default-devtools.timeline.invalidationTracking,disabled-by-default-devtools.timeline.stack']
        : [],
    );
    await page.waitForTimeout(3000);
    const { events, profile } = await stopTrace();

    const onMain = mainThreadEvents(events, ['X', 'B', 'E']);
    const totals = new Map<string, { ms: number; n: number }>();
    for (const e of onMain) {
      if (e.ph !== 'X' || !INTEREST.has(e.name)) continue;
      const t = totals.get(e.name) ?? { ms: 0, n: 0 };
      t.ms += (e.dur ?? 0) / 1000;
      t.n++;
      totals.set(e.name, t);
    }
    const frames = onMain.filter((e) => e.name === 'FireAnimationFrame').length;
    console.log(`renderer: ${dir}`);
    console.log(`main thread over 3 s (${frames} animation frames); nested events are counted in their parents too:`);
    for (const [name, t] of [...totals].sort((a, b) => b[1].ms - a[1].ms))
      console.log(`  ${name.padEnd(28)} ${t.ms.toFixed(1).padStart(8)} ms  ×${t.n}`);

    // The longest tasks, and what they spent their time on (events nested directly inside them).
    const tasks = onMain.filter((e) => e.ph === 'X' && e.name === 'RunTask').sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
    console.log(`tasks over 12 ms: ${tasks.filter((t) => (t.dur ?? 0) > 12_000).length} of ${tasks.length}; the longest:`);
    for (const t of tasks.slice(0, 6)) {
      const end = t.ts + (t.dur ?? 0);
      const inner = onMain.filter((e) => e !== t && e.ph === 'X' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= end && INTEREST.has(e.name));
      const sums = new Map<string, number>();
      for (const e of inner) sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      console.log(
        `  ${((t.dur ?? 0) / 1000).toFixed(1)} ms: ${[...sums]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 7)
          .map(([k, v]) => `${k} ${v.toFixed(1)}`)
          .join(', ')}`,
      );
    }
    if (process.argv.includes('--dump')) {
      const t = tasks.find((x) => onMain.some((e) => e.name === 'Paint' && e.ts >= x.ts && e.ts <= x.ts + (x.dur ?? 0)))!;
      const end = t.ts + (t.dur ?? 0);
      for (const e of onMain
        .filter((e) => e.ph === 'X' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) > 300)
        .sort((a, b) => a.ts - b.ts))
        console.log(
          `    +${((e.ts - t.ts) / 1000).toFixed(1).padStart(5)} ${((e.dur ?? 0) / 1000).toFixed(2).padStart(6)} ms ${e.name} ${JSON.stringify(e.args?.data ?? {}).slice(0, 120)}`,
        );
    }
    console.log('longest layouts:');
    for (const e of onMain
      .filter((e) => e.name === 'Layout')
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
      .slice(0, 5)) {
      const d = (e.args as { beginData?: { dirtyObjects?: number; totalObjects?: number; stackTrace?: { functionName: string }[] } })
        .beginData;
      console.log(
        `  ${((e.dur ?? 0) / 1000).toFixed(1)} ms, ${d?.dirtyObjects}/${d?.totalObjects} objects dirty${
          d?.stackTrace
            ? `, forced by ${d.stackTrace
                .map((f) => f.functionName || '?')
                .slice(0, 3)
                .join(' < ')}`
            : ''
        }`,
      );
    }
    if (process.argv.includes('--details')) {
      const inval = new Map<string, number>();
      for (const e of events) {
        if (!/InvalidationTracking/.test(e.name)) continue;
        const d = (e.args?.data ?? {}) as Record<string, unknown>;
        const k = `${e.name} ${String(d.reason ?? '')} ${String(d.nodeName ?? '')}`;
        inval.set(k, (inval.get(k) ?? 0) + 1);
      }
      for (const [k, n] of [...inval].sort((a, b) => b[1] - a[1]).slice(0, 120)) console.log(`  ${String(n).padStart(5)}  ${k}`);
    }
    // JS self time per function (sampling profiler).
    const self = new Map<number, number>();
    (profile.samples ?? []).forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[k] ?? 0)));
    const byFn = new Map<string, number>();
    for (const n of profile.nodes) {
      const us = self.get(n.id) ?? 0;
      if (!us) continue;
      const f = n.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
      byFn.set(key, (byFn.get(key) ?? 0) + us);
    }
    console.log('JS self time, top functions:');
    for (const [k, us] of [...byFn]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25))
      console.log(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
