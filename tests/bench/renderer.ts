/**
 * Renderer benchmark (prints results; not a test). Needs the built app (`npm run build`); run with
 *   node out/node/tests/bench/renderer.js
 * 1. Time from navigation to the first drawn cluster, for the seed example in browser mode
 *    (target < 1 s).
 * 2. Frame times while playing a synthetic run with 500 Pods and 200 packets in flight (target:
 *    p95 within one 60 Hz vsync, 16.7 ms; intervals jitter by a few tenths of a millisecond around
 *    it, so a run with no dropped frames reads 16.7–16.8), with the engine replaced by a stand-in
 *    API serving fixed data, so only drawing is measured. Also counts dropped frames (intervals
 *    over 1.5 vsyncs).
 * 3. The whole app: a generated folder of about 500 Pods served by browser mode with the real engine,
 *    200 requests sent from the request bar and played with the Event list open. Reports the frame
 *    intervals while it plays (p95 target 16.7 ms) and every long task (> 50 ms, the Long Tasks API)
 *    from the click on Send to the end, split into the Send itself (the run arriving and being laid
 *    out) and the playing.
 * Options: `--renderer DIR` measures frames with another built renderer (say, a saved copy of an
 * older out/renderer) for a before/after comparison on the same machine; `--frames-only`;
 * `--whole-app-only` (section 3 alone).
 * Chromium: $CHROMIUM_PATH or /usr/bin/chromium.
 * Where a frame's time goes: rendererProfile.ts.
 */
import * as path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { writeAppFolder } from './generate';
import { openEveryPod, playIfPaused } from './rendererFixture';
import { ARGS, ROOT, serveStatic, startServer } from './rendererServe';

const VSYNC_MS = 1000 / 60;
/** rAF timestamps wobble around the vsync interval; an interval this close to it is a frame on time. */
const JITTER_MS = 0.5;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Records, in the page, when the first node is drawn (performance.now() is relative to navigation start). */
function watchFirstDraw(): void {
  const w = window as unknown as { __ktFirstDraw?: number };
  new MutationObserver((_, obs) => {
    if (document.querySelector('[role="group"][aria-label^="Node "]')) {
      w.__ktFirstDraw = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

async function firstDraw(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __ktFirstDraw?: number }).__ktFirstDraw !== undefined, undefined, {
    timeout: 10_000,
  });
  return page.evaluate(() => (window as unknown as { __ktFirstDraw: number }).__ktFirstDraw);
}

async function frameTimes(page: Page, url: string): Promise<{ intervals: number[]; draws: number[]; minSprites: number; pods: number }> {
  const pods = await openEveryPod(page, url);
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('8');
  await playIfPaused(page);
  await page.waitForTimeout(1800); // past the staggered starts: now all 200 packets fly
  return page
    .evaluate(
      () =>
        new Promise<{ intervals: number[]; draws: number[]; minSprites: number; pods: number }>((resolve) => {
          const w = window as unknown as { __ktDrawTimes?: number[]; __ktSprites?: number[] };
          w.__ktDrawTimes = [];
          w.__ktSprites = [];
          const intervals: number[] = [];
          let last = performance.now();
          const end = last + 3000;
          const tick = (now: number) => {
            intervals.push(now - last);
            last = now;
            if (now < end) requestAnimationFrame(tick);
            else resolve({ intervals: intervals.slice(1), draws: w.__ktDrawTimes!, minSprites: Math.min(...w.__ktSprites!), pods: 0 });
          };
          requestAnimationFrame(tick);
        }),
    )
    .then((r) => ({ ...r, pods }));
}

/** In the page from its first script: every long task (> 50 ms) the Long Tasks API reports. */
function watchLongTasks(): void {
  const w = window as unknown as { __ktLongTasks: { start: number; ms: number }[] };
  w.__ktLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__ktLongTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** rAF intervals for `ms` milliseconds, in the page. */
function rafIntervals(ms: number): Promise<number[]> {
  return new Promise((resolve) => {
    const intervals: number[] = [];
    let last = performance.now();
    const end = last + ms;
    const tick = (now: number) => {
      intervals.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else resolve(intervals.slice(1));
    };
    requestAnimationFrame(tick);
  });
}

interface WholeApp {
  pods: number;
  events: number;
  sendMs: number;
  intervals: number[];
  sendLong: number[];
  playLong: number[];
}

/** Section 3: the real engine behind browser mode, 500 Pods, 200 requests, the Event list open. */
async function wholeApp(page: Page, url: string): Promise<WholeApp> {
  await page.addInitScript(watchLongTasks);
  await page.goto(url);
  await page
    .getByRole('group', { name: /^Node / })
    .first()
    .waitFor({ timeout: 30_000 });
  // As a user sees it: replicas grouped (on by default above 40 Pods).
  const pods = await page.locator('[role="group"][aria-label^="Pod"]').count();
  await page.getByRole('spinbutton', { name: 'Count' }).fill('200');
  // The request bar's submit button, found by CSS (see below).
  const send = page.locator('.toolbar button[type="submit"]');
  await send.waitFor();
  const t0 = await page.evaluate(() => performance.now());
  // From here to the playing, only CSS selectors: Playwright's role queries walk the accessibility
  // of the whole page (some 5,000 elements) in the page's main thread, and would be measured as
  // the app's own long tasks. The first event row is awaited in the page, once per frame.
  await send.click();
  await page.waitForFunction(() => document.querySelector('[aria-label="Event list"] tbody tr') !== null, undefined, {
    timeout: 60_000,
    polling: 'raf',
  });
  const t1 = await page.evaluate(() => performance.now());
  const events = Number(/of (\d+)$/.exec((await page.locator('[aria-label="Timeline"]').getAttribute('aria-valuetext')) ?? '')?.[1] ?? 0);
  await page.locator('select[aria-label="Speed"]').selectOption('8');
  const play = page.locator('button[aria-label="Play"]');
  if ((await play.count()) > 0) await play.click();
  const t2 = await page.evaluate(() => performance.now());
  const intervals = await page.evaluate(rafIntervals, 5000);
  const long = await page.evaluate(() => (window as unknown as { __ktLongTasks: { start: number; ms: number }[] }).__ktLongTasks);
  return {
    pods,
    events,
    sendMs: t1 - t0,
    intervals,
    sendLong: long.filter((l) => l.start >= t0 && l.start < t2).map((l) => l.ms),
    playLong: long.filter((l) => l.start >= t2).map((l) => l.ms),
  };
}

function describeLong(ms: number[]): string {
  return ms.length ? `${ms.length} (longest ${Math.max(...ms).toFixed(0)} ms)` : 'none';
}

/** Section 2: frame times with the stand-in API (500 Pods, 200 packets in flight). */
async function frameScene(browser: Browser, url: string, rendererDir: string | null): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Closed once measured: left open, its 200 packets kept animating beside the whole-app scene.
  const f = await frameTimes(page, url).finally(() => page.close());
  const p95 = percentile(f.intervals, 95);
  const dropped = f.intervals.filter((ms) => ms > 1.5 * VSYNC_MS).length;
  const ok = p95 <= VSYNC_MS + JITTER_MS;
  console.log(
    `${rendererDir ? `${rendererDir}: ` : ''}${f.pods} Pods, ≥${f.minSprites} packets in flight: frame interval p50 ${percentile(f.intervals, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${f.intervals.length} frames, ${dropped} dropped (${((100 * dropped) / Math.max(1, f.intervals.length)).toFixed(1)}%) (target p95 within one vsync, 16.7 ms) ${ok ? 'OK' : 'SLOW'}`,
  );
  if (f.draws.length)
    console.log(
      `  packet layer draw: p50 ${percentile(f.draws, 50).toFixed(2)} ms, p95 ${percentile(f.draws, 95).toFixed(2)} ms, max ${Math.max(...f.draws).toFixed(2)} ms`,
    );
}

async function main(): Promise<void> {
  const r = process.argv.indexOf('--renderer');
  const rendererDir = r > 0 ? path.resolve(process.argv[r + 1]!) : null;
  const framesOnly = process.argv.includes('--frames-only') || rendererDir !== null;
  const wholeOnly = process.argv.includes('--whole-app-only');
  const server = framesOnly || wholeOnly ? null : await startServer(path.join(ROOT, 'assets', 'examples', 'seed'));
  const statics = await serveStatic(rendererDir ?? path.join(ROOT, 'out', 'renderer'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ARGS });
  try {
    if (server) {
      const cold = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await cold.addInitScript(watchFirstDraw);
      const firsts: number[] = [];
      for (let i = 0; i < 5; i++) firsts.push(await firstDraw(cold, server.url));
      await cold.close();
      const ms = percentile(firsts, 50);
      console.log(
        `seed example: navigation → first drawn cluster: median ${ms.toFixed(0)} ms over ${firsts.length} loads (max ${Math.max(...firsts).toFixed(0)} ms; target < 1000 ms) ${ms < 1000 ? 'OK' : 'SLOW'}`,
      );
    }

    if (!wholeOnly) await frameScene(browser, statics.url, rendererDir);

    if (!framesOnly) {
      const dir = mkdtempSync(path.join(tmpdir(), 'kube-traffic-whole-app-'));
      writeAppFolder(dir, 500); // 166 Deployments × 3 replicas, their Services and ConfigMaps, 5 nodes
      const app = await startServer(dir);
      try {
        const whole = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        const w = await wholeApp(whole, app.url);
        const wp95 = percentile(w.intervals, 95);
        const wDropped = w.intervals.filter((ms) => ms > 1.5 * VSYNC_MS).length;
        console.log(
          `whole app (real engine, 498 Pods in ${w.pods} cards (replicas grouped where they share a node), 200 requests, ${w.events} hops, Event list open): Send → first row ${w.sendMs.toFixed(0)} ms; ` +
            `playing at 8×: frame interval p50 ${percentile(w.intervals, 50).toFixed(1)} ms, p95 ${wp95.toFixed(1)} ms over ${w.intervals.length} frames, ${wDropped} dropped ` +
            `(target p95 ≤ 16.7 ms) ${wp95 <= VSYNC_MS + JITTER_MS ? 'OK' : 'SLOW'}; long tasks > 50 ms: while sending ${describeLong(w.sendLong)}, ` +
            `while playing ${describeLong(w.playLong)} (target none) ${w.sendLong.length + w.playLong.length === 0 ? 'OK' : 'OVER'}`,
        );
      } finally {
        app.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
    server?.stop();
    statics.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
