/**
 * Shared by the renderer's profiling tools (rendererProfile, rendererArrival): Chromium's tracing and
 * the JS sampling profiler over CDP, the renderer main thread picked out of the trace, and `--css RULES`
 * for experiments.
 */
import type { Page } from '@playwright/test';

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs: what the task cost, whatever else the machine was doing. */
  tdur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: Record<string, unknown>; beginData?: Record<string, unknown> };
}

/** The timeline's categories (script, style, layout, paint, GC, frames), as DevTools' Performance panel records them. */
const CATEGORIES = 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink,cc,disabled-by-default-devtools.timeline.frame';

/**
 * Starts tracing (with `extra` categories) and the JS profiler (a sample every 200 µs) on the page;
 * the function it returns stops both and gives back the trace events and the CPU profile.
 */
export async function startTrace(page: Page, extra: string[] = []) {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await cdp.send('Tracing.start', { categories: [CATEGORIES, ...extra].join(','), transferMode: 'ReportEvents' });
  return async () => {
    await cdp.send('Tracing.end');
    const { profile } = await cdp.send('Profiler.stop');
    await done;
    return { events, profile };
  };
}

/** The page's renderer main thread: of the threads named CrRendererMain, the busiest; its events of the phases given. */
export function mainThreadEvents(events: TraceEvent[], phases: readonly string[] = ['X']): TraceEvent[] {
  const busy = new Map<string, number>();
  for (const e of events) if (e.name === 'thread_name' && e.args?.name === 'CrRendererMain') busy.set(`${e.pid}:${e.tid}`, 0);
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (busy.has(k) && e.ph === 'X' && e.dur) busy.set(k, busy.get(k)! + e.dur);
  }
  const mainKey = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  return events.filter((e) => `${e.pid}:${e.tid}` === mainKey && phases.includes(e.ph));
}

/** `--css RULES` on the command line: a constructed style sheet (the page's CSP refuses <style>), for experiments. */
export async function applyCssArgument(page: Page): Promise<void> {
  const at = process.argv.indexOf('--css');
  const rules = at > 0 ? process.argv[at + 1] : undefined;
  if (!rules) return;
  await page.evaluate((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, rules);
}
