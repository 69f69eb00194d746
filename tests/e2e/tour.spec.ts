/**
 * Issue 9's screen, point by point, at a laptop (1280×720) and a large screen (1920×1080), light and
 * dark: one lesson a student would run (ten requests from outside to the NodePort with
 * `externalTrafficPolicy: Local`), with what each point promises checked in each of the four looks.
 * The point-by-point specs (map-layout, playback, teaching, scenarios…) go deeper at one size.
 */
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './support/app';
import { copyFolder, SEED, screenshotPath, startWeb, type WebServer } from './support/webServer';

let server: WebServer;

test.beforeAll(async () => {
  // A copy: Save scenario writes kube-traffic.scenarios.yaml into the folder.
  server = await startWeb(copyFolder(SEED));
});
test.afterAll(async () => {
  await server?.stop();
});

const LOOKS = [
  { width: 1280, height: 720, scheme: 'light' },
  { width: 1280, height: 720, scheme: 'dark' },
  { width: 1920, height: 1080, scheme: 'light' },
  { width: 1920, height: 1080, scheme: 'dark' },
] as const;

interface TextBox {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Every visible text of the map, with its box on screen. */
function mapTexts(page: Page): Promise<TextBox[]> {
  return page.getByRole('region', { name: 'Cluster map' }).evaluate((map) => {
    const out: { text: string; x: number; y: number; w: number; h: number }[] = [];
    const view = map.getBoundingClientRect();
    for (const t of map.querySelectorAll('svg text')) {
      const text = (t.textContent ?? '').trim();
      if (!text) continue;
      const style = getComputedStyle(t);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      if ((t as SVGTextElement).closest('[display="none"], [visibility="hidden"], [aria-hidden="true"][opacity="0"]')) continue;
      const r = t.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) continue;
      // Only what is on screen: the map may be panned.
      if (r.right < view.left || r.left > view.right || r.bottom < view.top || r.top > view.bottom) continue;
      out.push({ text, x: r.left, y: r.top, w: r.width, h: r.height });
    }
    return out;
  });
}

/** Pairs of texts whose boxes overlap by more than a sliver (glyph boxes include some leading). */
function overlapping(boxes: TextBox[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (ox > 2 && oy > Math.min(a.h, b.h) * 0.35) found.push(`"${a.text}" × "${b.text}"`);
    }
  }
  return found;
}

for (const look of LOOKS) {
  test(`the NodePort lesson at ${look.width}×${look.height}, ${look.scheme}: every point of the teaching screen`, async ({ page }) => {
    const app = new AppPage(page);
    await page.setViewportSize({ width: look.width, height: look.height });
    await page.emulateMedia({ colorScheme: look.scheme, reducedMotion: 'reduce' });
    await app.open(server.url);
    const name = (step: string) => `tour-${look.width}-${look.scheme}-${step}`;

    // The theme follows the system's.
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
    const luminance = (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    if (look.scheme === 'dark') expect(luminance, `body ${background}`).toBeLessThan(0.3);
    else expect(luminance, `body ${background}`).toBeGreaterThan(0.7);

    // 11. A skip link comes first in the tab order and lands on the map, which is one tab stop.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to map' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Cluster map' })).toBeFocused();

    // 5. The node network and the overlay are drawn, their addresses written when there is room
    // (semantic zoom: zoomed out, the cards' names and IPs come first).
    const map = page.getByRole('region', { name: 'Cluster map' });
    for (let i = 0; i < 6 && !(await map.getByText('192.168.64.0/24').first().isVisible()); i++) {
      await page.getByRole('button', { name: 'Zoom in' }).click();
    }
    await expect(map.getByText('192.168.64.0/24').first()).toBeVisible();
    await expect(map.getByText(/flannel\.1/).first()).toBeAttached();
    await page.getByRole('button', { name: 'Fit to view' }).click();

    // 1 and 11. Ten requests, sent by keyboard: focus stays on Send.
    await page.getByRole('combobox', { name: 'Source' }).selectOption('external');
    await page.getByRole('combobox', { name: 'Target' }).selectOption('node/k8s-node1:30000');
    await page.getByRole('spinbutton', { name: 'Count' }).fill('10');
    const send = page.getByRole('button', { name: 'Send request' });
    await send.focus();
    await page.keyboard.press('Enter');
    await expect(app.eventList.getByRole('row').nth(1)).toBeVisible();
    await expect(send).toBeFocused();
    await app.home();
    // The request bar is one row, the dock at most about 30% of the height.
    const bar = (await page.getByRole('form', { name: 'Request' }).boundingBox())!;
    expect(bar.height).toBeLessThan(44);
    const dock = Number(await page.getByRole('separator', { name: /Resize the event list/ }).getAttribute('aria-valuenow'));
    expect(dock).toBeLessThanOrEqual(Math.round(look.height * 0.3));

    // 2. The inspector counts hops, and Play shows each of them in turn.
    await expect(app.inspector).toContainText(/hop 1 of \d+/);
    const total = Number(/hop 1 of (\d+)/.exec((await app.inspector.textContent()) ?? '')![1]);
    await app.stepForward();
    await expect(app.inspector).toContainText(`hop 2 of ${total}`);
    // Outcomes are not told before the packet gets there.
    await expect(app.results.getByRole('row').filter({ hasText: 'delivered' })).toHaveCount(0);

    // 7. The inspector is a PDU window with room to read: Headers, Rules, YAML.
    await app.stepTo('dnat');
    for (const tab of ['Headers', 'Rules', 'YAML']) await expect(app.inspector.getByRole('tab', { name: new RegExp(tab) })).toBeVisible();
    await app.inspector.getByRole('tab', { name: /Rules/ }).click();
    await expect(app.inspector.getByRole('tabpanel')).toContainText('-j KUBE-');
    const panel = (await app.inspector.getByRole('tabpanel').boundingBox())!;
    expect(panel.height, 'the tab body shows more than a few lines').toBeGreaterThan(140);
    await page.screenshot({ path: screenshotPath(name('1-dnat')) });

    // 4. Results: one row per request with the Pod that answered and the client it saw; a tally.
    await app.toEnd();
    await expect(app.results.getByRole('row').filter({ hasText: 'delivered' })).toHaveCount(10);
    await expect(app.results.getByRole('row').filter({ hasText: '192.168.64.1' })).toHaveCount(10);
    await expect(app.results.getByRole('list', { name: 'Requests per endpoint' }).getByRole('listitem').first()).toBeVisible();

    // 1. After ten requests nothing on the map overlaps, and the Pod IPs are readable.
    await page.getByRole('button', { name: 'Fit to view' }).click();
    await page.waitForTimeout(300);
    const texts = await mapTexts(page);
    expect(texts.length).toBeGreaterThan(10);
    expect(overlapping(texts)).toEqual([]);
    const podIPs = texts.filter((t) => /^10\.244\.\d+\.\d+$/.test(t.text));
    expect(podIPs.length, 'Pod IPs are drawn').toBeGreaterThan(0);
    for (const ip of podIPs) expect(ip.h, `${ip.text} is ${ip.h.toFixed(1)} px tall`).toBeGreaterThanOrEqual(9);
    await page.screenshot({ path: screenshotPath(name('2-results')) });

    // 6. A file:line opens the Source view at that line.
    await app.home();
    await app.stepTo('dnat');
    await app.inspector.getByRole('tab', { name: /YAML/ }).click();
    await app.inspector
      .getByRole('button', { name: /svc-2\.yaml:\d+/ })
      .first()
      .click();
    const source = page.getByRole('region', { name: 'Source' });
    await expect(source.locator('[aria-current="true"]')).toBeInViewport();
    await page.screenshot({ path: screenshotPath(name('3-source')) });
    await source.getByRole('button', { name: 'Close source' }).click();

    // 9. The request set can be saved as a scenario (on a laptop, in the side column's Scenarios tab).
    const sideTabs = page.getByRole('tablist', { name: 'Side panels' });
    // Narrow, Scenarios sits folded under the side tabs; wide, it is its own panel.
    if (look.width >= 1400) await expect(sideTabs).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Scenarios' })).toBeVisible();
    await page
      .getByRole('region', { name: 'Scenarios' })
      .getByRole('textbox', { name: 'Scenario name' })
      .fill(`tour ${look.width} ${look.scheme}`);
    await page.getByRole('button', { name: 'Save scenario' }).click();
    await expect(page.getByRole('region', { name: 'Scenarios' })).toContainText(`tour ${look.width} ${look.scheme}`);
    // Saving opens a folded Scenarios, so the saved set is there to replay.
    await expect(page.getByRole('button', { name: `Run scenario tour ${look.width} ${look.scheme}` })).toBeVisible();
    await page.screenshot({ path: screenshotPath(name('4-scenarios')) });
  });
}
