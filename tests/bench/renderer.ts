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
 * Options: `--renderer DIR` measures frames with another built renderer (say, a saved copy of an
 * older out/renderer) for a before/after comparison on the same machine; `--frames-only`.
 * Chromium: $CHROMIUM_PATH or /usr/bin/chromium.
 * Where a frame's time goes: rendererProfile.ts.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { installFakeApi, syntheticCluster } from './rendererFixture';
import { ARGS, ROOT, serveStatic } from './rendererServe';

const VSYNC_MS = 1000 / 60;
/** rAF timestamps wobble around the vsync interval; an interval this close to it is a frame on time. */
const JITTER_MS = 0.5;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function startServer(folder: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kube-traffic-web.js'), folder, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('http'));
      if (line) resolve(line.trim());
    });
    child.on('exit', (code) => reject(new Error(`browser mode exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
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
  await page.addInitScript(installFakeApi, syntheticCluster(500, 200));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('[role="group"][aria-label^="Pod "]').length >= 500, undefined, {
    timeout: 20_000,
  });
  const pods = await page.locator('[role="group"][aria-label^="Pod "]').count();
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('8');
  await page.getByRole('button', { name: 'Play' }).click();
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

async function main(): Promise<void> {
  const r = process.argv.indexOf('--renderer');
  const rendererDir = r > 0 ? path.resolve(process.argv[r + 1]!) : null;
  const framesOnly = process.argv.includes('--frames-only') || rendererDir !== null;
  const server = framesOnly ? null : await startServer(path.join(ROOT, 'assets', 'examples', 'seed'));
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

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const f = await frameTimes(page, statics.url);
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
