/**
 * The window's layout from a laptop to a large screen: the request bar is one row, the dock opens at
 * most ~30% of the height with a handle, the map is one tab stop reached by a skip link, and toasts
 * stay off the timeline. Screenshots at 1280×720 and 1920×1080, light and dark.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AppPage } from './support/app';
import { screenshotEverySize } from './support/screenshots';
import { SEED, startWeb, type WebServer } from './support/webServer';

let server: WebServer;

test.beforeAll(async () => {
  server = await startWeb(SEED);
});
test.afterAll(async () => {
  await server?.stop();
});

const SIZES = [
  { width: 1024, height: 640 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

async function box(l: Locator) {
  const b = await l.boundingBox();
  expect(b, 'element is laid out').not.toBeNull();
  return b!;
}

const intersects = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every control of the request bar sits on one row: their vertical centres agree. */
async function expectOneRow(page: Page) {
  const bar = page.getByRole('form', { name: 'Request' });
  const controls = [
    page.getByRole('combobox', { name: 'Source' }),
    page.getByRole('combobox', { name: 'Target' }),
    page.getByRole('textbox', { name: 'Target address' }),
    page.getByRole('spinbutton', { name: 'Count' }),
    page.getByRole('spinbutton', { name: 'Interval' }),
    page.getByRole('button', { name: 'Send request' }),
  ];
  const centres: number[] = [];
  for (const c of controls) {
    const b = await box(c);
    centres.push(b.y + b.height / 2);
    // Nothing is pushed out of the window either.
    expect(b.x + b.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  }
  expect(Math.max(...centres) - Math.min(...centres)).toBeLessThan(4);
  expect((await box(bar)).height).toBeLessThan(44);
}

test('request bar on one row, dock at most 30% with a handle, toasts off the timeline', async ({ page }) => {
  const app = new AppPage(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open(server.url);
  await expect(page.getByRole('region', { name: 'Cluster map' })).toBeVisible();
  // The label selector lives in the map's toolbar now, not in the request bar.
  await expect(page.getByRole('toolbar', { name: 'Map' }).getByRole('searchbox', { name: 'Label selector' })).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await expectOneRow(page);
  }

  await page.setViewportSize({ width: 1280, height: 720 });
  await app.send('external', { pick: 'node/k8s-node1:30000' }, 10);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await expectOneRow(page);
    const handle = page.getByRole('separator', { name: /Resize the event list/ });
    await expect(handle).toBeVisible();
    const dock = Number(await handle.getAttribute('aria-valuenow'));
    expect(dock).toBeLessThanOrEqual(Math.round(size.height * 0.3));
    const events = await box(app.eventList);
    expect(events.y + events.height - (await box(handle)).y).toBeLessThanOrEqual(size.height * 0.3 + 8);
  }

  // The handle works from the keyboard and says its height.
  await page.setViewportSize({ width: 1280, height: 720 });
  const handle = page.getByRole('separator', { name: /Resize the event list/ });
  // The dock follows the window's height after the resize (at most 30% of it): read it once it has.
  await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(Math.round(720 * 0.3));
  const before = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  await page.keyboard.press('ArrowDown');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before - 26));
  await page.keyboard.press('ArrowUp');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before));

  // A toast (Re-apply folder says what it did) never covers the timeline.
  await page.getByRole('button', { name: 'Re-apply folder' }).click();
  const toast = page.getByRole('status').filter({ hasText: /./ }).first();
  await expect(toast).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const t = await box(page.getByRole('status').locator('.toast').first());
    expect(intersects(t, await box(page.getByRole('slider', { name: 'Timeline' })))).toBe(false);
    expect(intersects(t, await box(app.eventList))).toBe(false);
  }
  await screenshotEverySize(page, 'map-layout-dock');
});

test('the map is one tab stop after a skip link; arrow keys move inside, Enter selects', async ({ page }) => {
  const app = new AppPage(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open(server.url);
  // On a fresh page the first Tab reaches the skip link, and it takes the focus to the map.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to map' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  const map = page.getByRole('region', { name: 'Cluster map' });
  await expect(map).toBeFocused();

  await app.send('external', { pick: 'node/k8s-node1:30000' }, 3);
  const slider = page.getByRole('slider', { name: 'Timeline' });
  const time = await slider.inputValue();
  await map.focus();

  // The first arrow goes to the first card in reading order (the top-left Service), then onwards.
  await page.keyboard.press('ArrowRight');
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('aria-label', /^Service /);
  const first = await focused.getAttribute('aria-label');
  await page.keyboard.press('ArrowRight');
  await expect(focused).toHaveAttribute('aria-label', /^Service /);
  expect(await focused.getAttribute('aria-label')).not.toBe(first);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(focused).toHaveAttribute('aria-label', /^(Node|Pod) /);
  // Arrows inside the map move between cards, not through the run.
  await expect(slider).toHaveValue(time);

  // Down to a Pod, and Enter selects it: the details panel shows it.
  for (let i = 0; i < 3 && !/^Pod /.test((await focused.getAttribute('aria-label')) ?? ''); i++) await page.keyboard.press('ArrowDown');
  const label = (await focused.getAttribute('aria-label')) ?? '';
  expect(label).toMatch(/^Pod /);
  await page.keyboard.press('Enter');
  await expect(page.locator('.pod.selected')).toHaveAttribute('aria-label', label);
  await screenshotEverySize(page, 'map-layout-keyboard', async () => {
    await page.locator('.pod.selected').focus();
  });

  // Escape leaves the cards for the map; Tab then leaves the map (its cards are not tab stops).
  await page.keyboard.press('Escape');
  await expect(map).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).not.toHaveAttribute('data-key', /.+/);
});

test('below 1400 px the side panels are tabs: the map keeps two thirds of the width; a Pod shows Details, a run shows Packet', async ({
  page,
}) => {
  const app = new AppPage(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open(server.url);
  await app.send('external', { pick: 'node/k8s-node1:30000' }, 3);
  const tabs = page.getByRole('tablist', { name: 'Side panels' });
  await expect(tabs.getByRole('tab', { name: 'Packet' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.inspector).toBeVisible();
  const map = await box(page.getByRole('region', { name: 'Cluster map' }));
  expect(map.width).toBeGreaterThanOrEqual(1280 * 0.6);
  // The column runs past the dock, so the inspector has most of the window's height; the playback
  // bar goes across the window below.
  expect((await box(app.inspector)).height).toBeGreaterThanOrEqual(720 * 0.6);
  expect((await box(app.playbackBar)).width).toBeGreaterThanOrEqual(1270);
  // Scenarios and Problems stay on screen under the tabs, folded to their headers (the seed has no
  // problems: folded, it says so in its header); a click opens one.
  await expect(app.problems).toBeVisible();
  await expect(app.problems).toContainText('0 errors, 0 warnings');
  await expect(page.getByRole('button', { name: 'Save scenario' })).toBeVisible();
  const problemsFold = app.problems.getByRole('button', { name: 'Problems' });
  await expect(problemsFold).toHaveAttribute('aria-expanded', 'false');
  await expect(app.problems.getByText('No problems')).toBeHidden();
  await problemsFold.click();
  await expect(app.problems.getByText('No problems')).toBeVisible();
  await problemsFold.click();
  // Choosing a Pod on the map shows its details; the inspector waits in its tab.
  await app.pod('pod-1').first().click();
  await expect(tabs.getByRole('tab', { name: 'Details' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('Why here?')).toBeVisible();
  await expect(app.inspector).toBeHidden();
  // The tabs are one tab stop with arrow keys.
  await tabs.getByRole('tab', { name: 'Details' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'Packet' })).toBeFocused();
  await expect(app.inspector).toBeVisible();
  await expect(page.getByRole('region', { name: 'Scenarios' })).toBeVisible();
  // A new run brings the packet back.
  await app.send('external', { pick: 'node/k8s-node1:30000' }, 1);
  await expect(app.inspector).toBeVisible();
  // Wide enough, they are columns again.
  await page.setViewportSize({ width: 1600, height: 900 });
  await expect(tabs).toHaveCount(0);
  await expect(app.inspector).toBeVisible();
  await expect(page.getByRole('region', { name: 'Scenarios' })).toBeVisible();
});
