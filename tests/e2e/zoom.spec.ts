/**
 * Bigger folders stay readable (issue 9, points 1 and 10): semantic zoom keeps every name legible and
 * no two words on top of each other, from the seed after a run to 500 Pods; Service names read at fit;
 * replicas of a workload on a node group into one card (`Group replicas`), which opens into its Pods.
 * Screenshots at 1280×720 and 1920×1080, light and dark.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeAppFolder } from '../bench/generate';
import { AppPage } from './support/app';
import { screenshotEverySize, zoomOn } from './support/screenshots';
import { ROOT, SEED, screenshotPath, startWeb, type WebServer } from './support/webServer';

// The repo's copy of the corpus (tests/fixtures/corpus), so a clean clone in CI has it.
const MICROSERVICES_DIR = path.join(ROOT, 'tests', 'fixtures', 'corpus', 'GoogleCloudPlatform__microservices-demo', 'kubernetes-manifests');

interface Word {
  text: string;
  cls: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Font size on screen, in CSS px (the font size times the map's zoom). */
  px: number;
}

/** Every word drawn in the map's SVG that is visible in the map's viewport: its box and size on screen. */
async function mapWords(page: Page): Promise<Word[]> {
  return page.locator('.topology').evaluate((root) => {
    const view = root.getBoundingClientRect();
    const out: Word[] = [];
    for (const t of root.querySelectorAll<SVGTextElement>('svg text')) {
      if (!t.textContent?.trim()) continue;
      const r = t.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (t.closest('[aria-hidden="true"]') && t.closest('.endpoint-links')) continue;
      const style = getComputedStyle(t);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
      // Only what is on screen.
      if (r.right < view.left || r.left > view.right || r.bottom < view.top || r.top > view.bottom) continue;
      const k = t.getScreenCTM()?.a ?? 1;
      out.push({
        text: t.textContent,
        cls: t.getAttribute('class') ?? t.parentElement?.getAttribute('class') ?? '',
        x: r.x,
        y: r.y,
        w: r.width,
        h: r.height,
        px: parseFloat(style.fontSize) * k,
      });
    }
    return out;
  });
}

/**
 * Pairs of words whose ink overlaps. A text's box is its line box (about 1.25× the font size), so
 * boxes are shrunk vertically to the glyphs' middle 70% before comparing; a touch is not an overlap.
 */
function overlaps(words: Word[]): string[] {
  const ink = (w: Word) => ({ x1: w.x + 0.5, x2: w.x + w.w - 0.5, y1: w.y + w.h * 0.15, y2: w.y + w.h * 0.85 });
  const bad: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const a = ink(words[i]!);
    for (let j = i + 1; j < words.length; j++) {
      const b = ink(words[j]!);
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) bad.push(`"${words[i]!.text}" × "${words[j]!.text}"`);
    }
  }
  return bad;
}

async function fit(page: Page) {
  await page.getByRole('button', { name: 'Fit to view' }).click();
  await page.waitForTimeout(250);
}

/** Names of cards (Pods, Services, nodes, the client): drawn legibly or not at all. */
const NAME = /\b(pod-name|svc-name|node-name|client-title)\b/;

/**
 * At both sizes, at fit: nothing overlaps, and every name drawn is at least `minPx` on screen. Some
 * words must be drawn, unless `mayBeBare` (500 single Pods at fit are tiles: too small for any word).
 */
async function expectReadable(page: Page, minPx: number, mayBeBare = false) {
  for (const size of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await fit(page);
    const words = await mapWords(page);
    if (!mayBeBare) expect(words.length, 'words on the map').toBeGreaterThan(0);
    expect(overlaps(words), `overlapping words at ${size.width}×${size.height}`).toEqual([]);
    const small = words.filter((w) => NAME.test(w.cls) && w.px < minPx).map((w) => `${w.text} (${w.cls}) ${w.px.toFixed(1)}px`);
    expect(small, `words under ${minPx}px at ${size.width}×${size.height}`).toEqual([]);
  }
}

test.describe('seed', () => {
  let server: WebServer;
  test.beforeAll(async () => {
    server = await startWeb(SEED);
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('after 10 requests at 1280×720: Pod IPs readable, no words overlap', async ({ page }) => {
    const app = new AppPage(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await app.open(server.url);
    await app.send('external', { pick: 'node/k8s-node1:30000' }, 10);
    await app.toEnd();
    await fit(page);
    const words = await mapWords(page);
    const ips = words.filter((w) => w.cls.includes('pod-ip'));
    expect(ips.length, 'Pod IPs drawn').toBeGreaterThanOrEqual(4);
    for (const ip of ips) expect(ip.px, `Pod IP ${ip.text} on screen`).toBeGreaterThanOrEqual(10);
    expect(overlaps(words)).toEqual([]);
    await expectReadable(page, 9);
    await screenshotEverySize(page, 'zoom-seed-10', () => fit(page));
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

  test('12 Services and 11 Deployments: names read at fit, nothing overlaps', async ({ page }) => {
    const app = new AppPage(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await app.open(server.url);
    await expect(app.service('frontend')).toBeVisible();
    await expectReadable(page, 9);
    await screenshotEverySize(page, 'zoom-microservices', () => fit(page));
  });
});

for (const pods of [100]) {
  test.describe(`${pods} Pods`, () => {
    let server: WebServer;
    let dir: string;
    test.beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), `kt-zoom-${pods}-`));
      writeAppFolder(dir, pods);
      server = await startWeb(dir);
    });
    test.afterAll(async () => {
      await server?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test(`${pods} Pods: every Service name reads at fit, nothing overlaps`, async ({ page }) => {
      const app = new AppPage(page);
      await page.setViewportSize({ width: 1280, height: 720 });
      await app.open(server.url);
      await expectReadable(page, 9);
      await screenshotEverySize(page, `zoom-${pods}`, () => fit(page));
    });
  });
}

test.describe('500 Pods: 20 Deployments × 25 replicas on 5 nodes', () => {
  let server: WebServer;
  let dir: string;
  test.beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-zoom-500-'));
    writeAppFolder(dir, 60, 25);
    server = await startWeb(dir);
  });
  test.afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('grouped by default: one card per workload and node, names readable, requests counted on the group', async ({ page }) => {
    const app = new AppPage(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await app.open(server.url);
    const toggle = page.getByRole('toolbar', { name: 'Map' }).getByRole('button', { name: 'Group replicas' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const groups = page.getByRole('button', { name: /^Pods app-\d+ ×\d+ on node-\d, / });
    expect(await groups.count()).toBeGreaterThanOrEqual(20);
    expect(await groups.count()).toBeLessThanOrEqual(100);
    await expect(page.getByRole('group', { name: /^Pod app-/ })).toHaveCount(0);
    await expectReadable(page, 9);
    await screenshotEverySize(page, 'zoom-500-grouped', () => fit(page));

    // Requests to app-0's NodePort: the answers are counted on the group cards of app-0's Pods.
    await page.setViewportSize({ width: 1280, height: 720 });
    const svc = (await app.service('app-0').getAttribute('aria-label')) ?? '';
    const nodePort = /80:(\d+)→/.exec(svc)?.[1];
    expect(nodePort, svc).toBeTruthy();
    await app.send('external', { pick: `node/node-0:${nodePort}` }, 6);
    await app.toEnd();
    await expect(page.getByRole('img', { name: /^Pods of ReplicaSet\/app-0-\w+ on node-\d answered ×\d+$/ }).first()).toBeVisible();
    await fit(page);
    await expect.poll(async () => overlaps(await mapWords(page))).toEqual([]);
    await screenshotEverySize(page, 'zoom-500-grouped-run', () => fit(page));

    // The answered counts stay legible: at fit (both sizes) and zoomed in, a count's number is never
    // under 9.5 px on screen; where it cannot be that big on its card it is a dot, named by its label.
    const badges = page.locator('.endpoint-count');
    const numbers = async () =>
      badges.evaluateAll((els) =>
        els.flatMap((b) => {
          const t = b.querySelector('text');
          return t ? [{ text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM()!.a }] : [];
        }),
      );
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      await fit(page);
      expect(await badges.count()).toBeGreaterThan(0);
      for (const n of await numbers()) expect(n.px, `${n.text} at fit, ${size.width}×${size.height}`).toBeGreaterThanOrEqual(9.5);
      for (const label of await badges.evaluateAll((els) => els.map((b) => b.getAttribute('aria-label'))))
        expect(label).toMatch(/^Pods of ReplicaSet\/app-0-\w+ on node-\d answered ×\d+$/);
    }
    const answered = page.getByRole('button', { name: /^Pods app-0 ×\d+ on node-0, / });
    await zoomOn(page, answered);
    const close = await numbers();
    expect(close.length, 'counts drawn as numbers close up').toBeGreaterThan(0);
    for (const n of close) expect(n.px, `${n.text} zoomed in`).toBeGreaterThanOrEqual(9.5);
    await page.screenshot({ path: screenshotPath('zoom-500-answered-close') });
  });

  test('an opened group closes again: by its Collapse button (mouse or keyboard) and by Escape on one of its Pods', async ({ page }) => {
    const app = new AppPage(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await app.open(server.url);
    const group = page.getByRole('button', { name: /^Pods app-3 ×\d+ on node-0, / });
    const count = Number(/×(\d+)/.exec((await group.getAttribute('aria-label')) ?? '')![1]);
    const members = page.getByRole('group', { name: /^Pod app-3-\w+-\w+, .*, on node-0/ });
    const collapse = page.getByRole('button', { name: `Collapse app-3 ×${count} on node-0 into one card` });
    await expect(collapse).toHaveCount(0);

    // Opened by Enter, the focus on its first Pod: Escape there closes it, and the focus is on the group's card.
    await group.focus();
    await page.keyboard.press('Enter');
    await expect(members).toHaveCount(count);
    await expect(collapse).toBeVisible();
    await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Pod app-3-/);
    await members.nth(1).focus();
    await page.keyboard.press('Escape');
    await expect(members).toHaveCount(0);
    await expect(collapse).toHaveCount(0);
    await expect(group).toBeFocused();

    // The button, by keyboard: arrow keys reach it from the first Pod (↑), Enter closes the group.
    await page.keyboard.press('Enter');
    await expect(members).toHaveCount(count);
    await page.keyboard.press('ArrowUp');
    await expect(collapse).toBeFocused();
    await fit(page);
    await expect.poll(async () => overlaps(await mapWords(page))).toEqual([]);
    // Legible: its words at least 9.5 px on screen at fit.
    const px = await collapse
      .locator('text')
      .evaluate((t) => parseFloat(getComputedStyle(t).fontSize) * (t as SVGTextElement).getScreenCTM()!.a);
    expect(px).toBeGreaterThanOrEqual(9.5);
    await screenshotEverySize(page, 'zoom-500-collapse-button', () => fit(page));
    await collapse.focus();
    await page.keyboard.press('Enter');
    await expect(members).toHaveCount(0);
    await expect(group).toBeFocused();

    // And by mouse.
    await group.click();
    await expect(members).toHaveCount(count);
    await collapse.click();
    await expect(members).toHaveCount(0);
    await expect(group).toBeVisible();
  });

  test('a group opens into its Pods (click or Enter); the toggle works by keyboard', async ({ page }) => {
    const app = new AppPage(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await app.open(server.url);
    const group = page.getByRole('button', { name: /^Pods app-3 ×\d+ on node-0, / });
    const label = (await group.getAttribute('aria-label')) ?? '';
    const count = Number(/×(\d+)/.exec(label)![1]);
    expect(count).toBeGreaterThanOrEqual(2);
    // Enter on the focused group card: its Pods drawn one by one, the focus on the first.
    await group.focus();
    await page.keyboard.press('Enter');
    await expect(group).toHaveCount(0);
    const members = page.getByRole('group', { name: /^Pod app-3-\w+-\w+, .*, on node-0/ });
    await expect(members).toHaveCount(count);
    await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Pod app-3-/);
    await fit(page);
    await expect.poll(async () => overlaps(await mapWords(page))).toEqual([]);
    await screenshotEverySize(page, 'zoom-500-expanded', () => fit(page));

    // A click opens another.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await fit(page);
    const other = page.getByRole('button', { name: /^Pods app-5 ×\d+ on node-1, / });
    await other.click();
    await expect(other).toHaveCount(0);
    await expect(page.getByRole('group', { name: /^Pod app-5-\w+-\w+, .*, on node-1/ }).first()).toBeVisible();

    // The toolbar's toggle, by keyboard: off draws all 500 Pods, on groups them again.
    const toggle = page.getByRole('toolbar', { name: 'Map' }).getByRole('button', { name: 'Group replicas' });
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('group', { name: /^Pod app-/ })).toHaveCount(500);
    await expect(page.getByRole('button', { name: /^Pods app-/ })).toHaveCount(0);
    await expectReadable(page, 9, true);
    // Too small at fit for a legible word, a tile still names its Pod: its accessible name and its tooltip.
    const tile = page.getByRole('group', { name: /^Pod app-7-/ }).first();
    const tileLabel = (await tile.getAttribute('aria-label')) ?? '';
    expect(tileLabel).toMatch(/^Pod app-7-\w+-\w+, \d+\.\d+\.\d+\.\d+, Running, on node-\d/);
    await expect(tile.locator('title')).toHaveText(tileLabel);
    await screenshotEverySize(page, 'zoom-500-ungrouped', () => fit(page));
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(await page.getByRole('button', { name: /^Pods app-/ }).count()).toBeGreaterThanOrEqual(20);
  });
});
