/**
 * Badges and callouts never cover text (issue 9, point 5): during a run, every hop callout ("DNAT dst →
 * …"), outcome badge ("dropped ✕", "timed out") and packet tag drawn on the packet layer, and every
 * answered count ("×6") on a card, keeps off every word drawn on the map (card titles, Pod names, IPs,
 * node names, port tabs) and off each other. Measured at several hops while stepping and while
 * playing, at 1280×720 and 1920×1080, on the seed and on microservices-demo. Screenshots light and dark.
 */
import * as path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './support/app';
import { screenshotEverySize } from './support/screenshots';
import { ROOT, SEED, startWeb, type WebServer } from './support/webServer';

const MICROSERVICES_DIR = path.join(ROOT, 'tests', 'fixtures', 'corpus', 'GoogleCloudPlatform__microservices-demo', 'kubernetes-manifests');

interface Box {
  kind: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * What is on the map now, in page pixels: its words (SVG text, the answered counts' text excluded),
 * the answered counts' pills, and what the packet layer drew over it (window.__ktDrawnBoxes, on the
 * canvas), after the next frame is drawn.
 */
async function mapBoxes(page: Page): Promise<{ words: Box[]; covers: Box[] }> {
  return page.locator('.topology').evaluate(async (root) => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const view = root.getBoundingClientRect();
    const inView = (r: DOMRect) =>
      r.width > 0 && r.height > 0 && r.right > view.left && r.left < view.right && r.bottom > view.top && r.top < view.bottom;
    const words: Box[] = [];
    const covers: Box[] = [];
    for (const t of root.querySelectorAll<SVGTextElement>('svg text')) {
      if (!t.textContent?.trim() || t.closest('.endpoint-count')) continue;
      const r = t.getBoundingClientRect();
      if (!inView(r)) continue;
      words.push({ kind: t.getAttribute('class') ?? '', text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height });
    }
    for (const b of root.querySelectorAll<SVGGElement>('.endpoint-count')) {
      const r = b.getBoundingClientRect();
      if (inView(r)) covers.push({ kind: 'answered', text: b.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height });
    }
    const canvas = root.querySelector('canvas')!.getBoundingClientRect();
    for (const b of window.__ktDrawnBoxes ?? []) covers.push({ ...b, x: b.x + canvas.x, y: b.y + canvas.y });
    return { words, covers };
  });
}

/**
 * Pairs where a badge or callout covers a word or another badge. A word's box is its line box, so it
 * is taken at the glyphs' middle 70% (as zoom.spec's overlap test); a touch is not a cover.
 */
function covered({ words, covers }: { words: Box[]; covers: Box[] }): string[] {
  const ink = (b: Box, shrink: number) => ({ x1: b.x + 0.5, x2: b.x + b.w - 0.5, y1: b.y + b.h * shrink, y2: b.y + b.h * (1 - shrink) });
  const hit = (a: ReturnType<typeof ink>, b: ReturnType<typeof ink>) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  const bad: string[] = [];
  for (let i = 0; i < covers.length; i++) {
    const c = ink(covers[i]!, 0.02);
    const name = `${covers[i]!.kind} "${covers[i]!.text}"`;
    for (const w of words) if (hit(c, ink(w, 0.15))) bad.push(`${name} covers "${w.text}" (${w.kind})`);
    for (let j = i + 1; j < covers.length; j++)
      if (hit(c, ink(covers[j]!, 0.02))) bad.push(`${name} covers ${covers[j]!.kind} "${covers[j]!.text}"`);
  }
  return bad;
}

/** Checks the map now; returns what the packet layer drew, so the test knows callouts were there at all. */
async function expectNothingCovered(page: Page, when: string): Promise<Box[]> {
  const boxes = await mapBoxes(page);
  expect(covered(boxes), `covered text ${when}`).toEqual([]);
  return boxes.covers;
}

/** Steps through the first `hops` hops, then plays and samples, then the end: nothing covered at any of them. */
async function walkRun(page: Page, app: AppPage, hops: number, label: string): Promise<Box[]> {
  const seen: Box[] = [];
  await app.home();
  for (let i = 1; i <= hops; i++) {
    seen.push(...(await expectNothingCovered(page, `${label}, hop ${i}`)));
    await app.stepForward();
  }
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  for (let i = 0; i < 5; i++) {
    await page.waitForTimeout(400);
    seen.push(...(await expectNothingCovered(page, `${label}, playing (${i + 1})`)));
  }
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await app.toEnd();
  seen.push(...(await expectNothingCovered(page, `${label}, at the end`)));
  return seen;
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    window.__ktDrawnBoxes = [];
  });
});

test.describe('seed', () => {
  let server: WebServer;
  test.beforeAll(async () => {
    server = await startWeb(SEED);
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  for (const size of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    test(`10 requests to a NodePort at ${size.width}×${size.height}: no callout or badge covers a word`, async ({ page }) => {
      const app = new AppPage(page);
      await page.setViewportSize(size);
      await app.open(server.url);
      await app.send('external', { pick: 'node/k8s-node1:30000' }, 10);
      const seen = await walkRun(page, app, 14, `${size.width}×${size.height}`);
      // The check saw what it is about: the DNAT callout, the answered counts and the outcomes.
      expect(seen.some((b) => b.kind === 'callout' && b.text.startsWith('DNAT dst → 10.244.'))).toBe(true);
      expect(seen.some((b) => b.kind === 'answered')).toBe(true);
      expect(seen.some((b) => b.kind === 'outcome')).toBe(true);
    });
  }

  test('a callout moved off the text it would cover: screenshots on the DNAT hop', async ({ page }) => {
    const app = new AppPage(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await app.open(server.url);
    await app.send('external', { pick: 'node/k8s-node1:30000' }, 2);
    await app.stepTo('dnat');
    await screenshotEverySize(page, 'placement-seed-dnat', async () => {
      await page.getByRole('button', { name: 'Fit to view' }).click();
      await page.waitForTimeout(250);
      expect(covered(await mapBoxes(page))).toEqual([]);
    });
  });
});

test.describe('microservices-demo', () => {
  let server: WebServer;
  test.beforeAll(async () => {
    server = await startWeb(MICROSERVICES_DIR);
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('10 requests from the frontend to a Service: no callout or badge covers a word', async ({ page }) => {
    const app = new AppPage(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await app.open(server.url);
    const source = page.getByRole('combobox', { name: 'Source' });
    // The Source list fills in after the map is drawn: wait for the frontend's Pod before reading it
    // (read at once, it was empty in a clean-clone CI run).
    await expect(source.locator('option[value^="pod/frontend-"]').first()).toBeAttached();
    const sources = await source.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const from = sources.find((s) => /^pod\/frontend-/.test(s));
    expect(from, sources.join(' ')).toBeTruthy();
    await app.send(from!, { type: 'productcatalogservice:3550' }, 10);
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      await page.getByRole('button', { name: 'Fit to view' }).click();
      const seen = await walkRun(page, app, 12, `microservices-demo ${size.width}×${size.height}`);
      expect(seen.some((b) => b.kind === 'callout')).toBe(true);
      expect(seen.some((b) => b.kind === 'answered')).toBe(true);
    }
    await screenshotEverySize(page, 'placement-microservices-end', async () => {
      await page.getByRole('button', { name: 'Fit to view' }).click();
      await page.waitForTimeout(250);
    });
  });
});
