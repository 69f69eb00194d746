/**
 * Event list at scale: `Filter events` (text, `#N`) and chips (action, outcome, node, request) narrow
 * the rows and never the playback; rows are one tab stop, reachable and playable by keyboard; request
 * numbers on rows; and during Play the list re-renders per hop shown, not per animation frame.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AppPage } from './support/app';
import { screenshotEverySize } from './support/screenshots';
import { screenshotPath, SEED, startWeb, type WebServer } from './support/webServer';

let server: WebServer;

test.beforeAll(async () => {
  server = await startWeb(SEED);
});
test.afterAll(async () => {
  await server?.stop();
});

/** Every row's cells as text: #, time, request, at, action, source → destination. */
async function rowCells(app: AppPage): Promise<string[][]> {
  return app.eventRows().evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => (td.textContent ?? '').trim())));
}

function filterBox(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Filter events' });
}

function chip(app: AppPage, group: string, name: string): Locator {
  return app.eventList.getByRole('group', { name: group }).getByRole('button', { name, exact: true });
}

async function hopOfN(app: AppPage): Promise<[number, number]> {
  const m = /hop (\d+) of (\d+)/.exec((await app.inspector.textContent()) ?? '');
  expect(m, 'hop K of N in the inspector').toBeTruthy();
  return [Number(m![1]), Number(m![2])];
}

test('filter by text, #N and chips: rows narrow, the count says so, playback still plays every hop', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('external', { pick: 'node/k8s-node1:30000' }, 10);
  const all = await rowCells(app);
  const total = all.length;
  expect(total).toBeGreaterThan(40);
  await expect(app.eventList).toContainText(`${total} hop events`);
  // Every row carries its request's number, #1 … #10.
  expect(new Set(all.map((c) => c[2]!.replace(' ↩', '')))).toEqual(new Set(Array.from({ length: 10 }, (_, i) => `#${i + 1}`)));

  // #N: request 3's hops only, there and back; #1 is not #10.
  await filterBox(page).fill('#3');
  let rows = await rowCells(app);
  expect(rows.length).toBe(all.filter((c) => /^#3( ↩)?$/.test(c[2]!)).length);
  expect(rows.every((c) => /^#3( ↩)?$/.test(c[2]!))).toBe(true);
  await expect(app.eventList).toContainText(`${rows.length} of ${total} events`);
  await filterBox(page).fill('#1');
  rows = await rowCells(app);
  expect(rows.every((c) => /^#1( ↩)?$/.test(c[2]!))).toBe(true);

  // Filtering never changes the playback: a row picked among request 1's is that hop of all of them,
  // and stepping goes on to the next hop of the run, whichever request it belongs to.
  const third = Number(rows[2]![0]);
  await app.eventRows().nth(2).click();
  expect(await hopOfN(app)).toEqual([third, total]);
  await expect(app.eventRows().nth(2)).toHaveAttribute('aria-current', 'step');
  await app.stepForward();
  expect(await hopOfN(app)).toEqual([third + 1, total]);
  // The current row shows while it matches the filter, and none is marked while it does not.
  const nextIsOne = /^#1( ↩)?$/.test(all[third]![2]!);
  await expect(app.eventList.locator('tbody tr[aria-current="step"]')).toHaveCount(nextIsOne ? 1 : 0);

  // Text: an action, then a Pod and an address.
  await filterBox(page).fill('deliver');
  rows = await rowCells(app);
  expect(rows.length).toBe(all.filter((c) => c[4] === 'deliver').length);
  expect(rows.every((c) => c[4] === 'deliver')).toBe(true);
  const somePod = rows[0]![3]!.split(' @')[0]!;
  await filterBox(page).fill(`${somePod} deliver`);
  rows = await rowCells(app);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((c) => c[3]!.startsWith(somePod) && c[4] === 'deliver')).toBe(true);
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await expect(filterBox(page)).toHaveValue('');
  expect((await rowCells(app)).length).toBe(total);

  // Chips: an action chip, then a request chip with it (kinds are ANDed).
  await chip(app, 'Action', 'dnat').click();
  await expect(chip(app, 'Action', 'dnat')).toHaveAttribute('aria-pressed', 'true');
  rows = await rowCells(app);
  expect(rows.length).toBe(all.filter((c) => c[4] === 'dnat').length);
  expect(rows.every((c) => c[4] === 'dnat')).toBe(true);
  await chip(app, 'Request', '#4').click();
  rows = await rowCells(app);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((c) => c[4] === 'dnat' && c[2] === '#4')).toBe(true);
  await screenshotEverySize(page, 'events-01-chips');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Clear filter' }).click();

  // A node chip keeps the hops on that node.
  const nodeChips = app.eventList.getByRole('group', { name: 'Node' }).getByRole('button');
  expect(await nodeChips.count()).toBeGreaterThan(0);
  const node = (await nodeChips.first().textContent())!;
  await nodeChips.first().click();
  rows = await rowCells(app);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBeLessThan(total);
  expect(rows.every((c) => c[3]!.includes(node))).toBe(true);
  await nodeChips.first().click();
  await expect(nodeChips.first()).toHaveAttribute('aria-pressed', 'false');

  // Outcome chips appear once playback has shown an outcome: at the end, every request's.
  await app.toEnd();
  await chip(app, 'Outcome', 'delivered').click();
  rows = await rowCells(app);
  expect(rows.length).toBe(total);
  await filterBox(page).fill('#7');
  await screenshotEverySize(page, 'events-02-text-and-outcome');
});

test('keyboard: the rows are one tab stop; arrows, Page keys, Home/End move, Enter and Space jump playback there', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('external', { pick: 'node/k8s-node1:30000' }, 10);
  const total = await app.eventRows().count();
  // One row takes the tab stop: the current one.
  await expect(app.eventList.locator('tbody tr[tabindex="0"]')).toHaveCount(1);
  await expect(app.eventList.locator('tbody tr[tabindex="0"]')).toHaveAttribute('aria-current', 'step');

  // The chips are one tab stop too (a toolbar: ←/→ move between them, Space toggles).
  await filterBox(page).focus();
  await page.keyboard.press('Tab');
  const toolbar = app.eventList.getByRole('toolbar', { name: 'Filter chips' });
  await expect(toolbar.getByRole('button').first()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(toolbar.getByRole('button').nth(1)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(toolbar.getByRole('button').first()).toBeFocused();
  // ← did not step playback.
  expect(await hopOfN(app)).toEqual([1, total]);
  // From the chips, the next Tab reaches the rows.
  await page.keyboard.press('Tab');
  const focused = app.eventList.locator('tbody tr:focus');
  await expect(focused).toHaveAttribute('data-pos', '0');

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(focused).toHaveAttribute('data-pos', '3');
  // Moving is not selecting: the inspector stays on hop 1 until Enter.
  expect(await hopOfN(app)).toEqual([1, total]);
  await page.keyboard.press('Enter');
  expect(await hopOfN(app)).toEqual([4, total]);
  await expect(focused).toHaveAttribute('aria-current', 'step');
  await screenshotEverySize(page, 'events-03-keyboard', async () => {
    await focused.focus();
  });
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.eventList.locator('tbody tr[data-pos="3"]').focus();

  await page.keyboard.press('End');
  await expect(focused).toHaveAttribute('data-pos', String(total - 1));
  await expect(focused).toBeInViewport();
  // Space selects the row (it does not start playback, as it would outside the list).
  await page.keyboard.press(' ');
  expect(await hopOfN(app)).toEqual([total, total]);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  await page.keyboard.press('Home');
  await expect(focused).toHaveAttribute('data-pos', '0');
  await expect(focused).toBeInViewport();
  await page.keyboard.press('PageDown');
  const paged = Number(await focused.getAttribute('data-pos'));
  expect(paged).toBeGreaterThan(1);
  await expect(focused).toBeInViewport();
  await page.keyboard.press('PageUp');
  await expect(focused).toHaveAttribute('data-pos', '0');

  // Filtered, the keys walk the rows kept: request 5's.
  await filterBox(page).fill('#5');
  await app.eventList.locator('tbody tr[tabindex="0"]').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const last = (await app.eventList.locator('tbody tr:focus td').nth(0).textContent())!;
  expect(await hopOfN(app)).toEqual([Number(last), total]);
  await expect(app.eventList.locator('tbody tr:focus td').nth(2)).toHaveText(/^#5/);

  // Results rows are reachable the same way: Enter jumps to the hop that decided that request.
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await app.toEnd();
  const resultRow = app.results.locator('tbody tr[tabindex="0"]');
  await expect(resultRow).toHaveCount(1);
  await resultRow.focus();
  await page.keyboard.press('ArrowDown');
  await expect(app.results.locator('tbody tr:focus')).toHaveAttribute('data-pos', '1');
  await page.keyboard.press('Enter');
  const [hop] = await hopOfN(app);
  const decided = (await rowCells(app)).find((c) => Number(c[0]) === hop);
  expect(decided?.[2]).toMatch(/^#2/);
});

test('playing 34 requests (200 hops) re-renders the list once per hop shown at most, never per frame', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('external', { pick: 'node/k8s-node1:30000' }, 34);
  const hops = await app.eventRows().count();
  expect(hops).toBeGreaterThanOrEqual(200);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
  await page.evaluate(() => {
    const w = window as unknown as { __kubeTrafficRenders: Record<string, number>; __frames: number; __counting: boolean };
    w.__kubeTrafficRenders.EventList = 0;
    w.__frames = 0;
    (w as unknown as { __longTasks: number[] }).__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (w as unknown as { __longTasks: number[] }).__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
    w.__counting = true;
    const tick = () => {
      if (!w.__counting) return;
      w.__frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 170_000 });
  const { renders, frames, longTasks, longest } = await page.evaluate(() => {
    const w = window as unknown as { __kubeTrafficRenders: Record<string, number>; __frames: number; __counting: boolean };
    w.__counting = false;
    const long = (w as unknown as { __longTasks: number[] }).__longTasks;
    return { renders: w.__kubeTrafficRenders.EventList ?? 0, frames: w.__frames, longTasks: long.length, longest: Math.max(0, ...long) };
  });
  const measured = `${hops} hops played in ${frames} frames; EventList rendered ${renders} times; ${longTasks} long tasks, longest ${Math.round(longest)} ms`;
  test.info().annotations.push({ type: 'measure', description: measured });
  console.log(`events.spec: ${measured}`);
  expect(renders).toBeGreaterThan(0);
  // Play and the end's pause are a render each; every other render is another hop shown.
  expect(renders).toBeLessThanOrEqual(hops + 2);
  // A loaded machine draws fewer frames, and the list hears of fewer hops: never more renders than frames.
  expect(renders).toBeLessThan(frames);
  await expect(app.inspector).toContainText(`hop ${hops} of ${hops}`);
});

test('packets on the map carry their request number (#N) beside the dot', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('external', { pick: 'node/k8s-node1:30000' }, 10);
  // A hop a little way in, with several requests on the wire at once.
  await app.eventRows().nth(9).click();
  await expect(app.inspector).toContainText('hop 10 of');
  const map = page.getByRole('region', { name: 'Cluster map' });
  await screenshotEverySize(page, 'events-04-packet-tags');
  for (const scheme of ['light', 'dark'] as const) {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(200);
    await map.screenshot({ path: screenshotPath(`events-04-packet-tags-map-1280-${scheme}`) });
  }
});

test('a long run (600 rows) renders only the rows in view, and the keyboard still reaches every row', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('external', { pick: 'node/k8s-node1:30000' }, 100);
  await expect(app.eventList).toContainText('600 hop events');
  const rendered = async () => app.eventList.locator('tbody tr[data-pos]').count();
  expect(await rendered()).toBeLessThan(60);
  await app.eventList.locator('tbody tr[tabindex="0"]').focus();
  await page.keyboard.press('End');
  const focused = app.eventList.locator('tbody tr:focus');
  await expect(focused).toHaveAttribute('data-pos', '599');
  await expect(focused).toBeInViewport();
  await expect(focused).toHaveAttribute('aria-rowindex', '601');
  expect(await rendered()).toBeLessThan(60);
  await page.keyboard.press('PageUp');
  await page.keyboard.press('Enter');
  const pos = Number(await focused.getAttribute('data-pos'));
  expect(pos).toBeLessThan(599);
  await expect(app.inspector).toContainText(`hop ${pos + 1} of 600`);
  // Scrolled far away by hand (wheel, scrollbar), the focused row keeps the focus and the list stays where it was put.
  const scroller = app.eventList.locator('.table-scroll');
  await scroller.evaluate((el) => (el.scrollTop = 26 * 100));
  await expect(app.eventList.locator('tbody tr[data-pos="101"]')).toBeInViewport();
  await expect(focused).toHaveAttribute('data-pos', String(pos));
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(26 * 100);
  expect(await rendered()).toBeLessThan(60);
  // Filtered to one request, the list is short again: every row rendered.
  await filterBox(page).fill('#100');
  await expect(app.eventList).toContainText('6 of 600 events');
  expect(await rendered()).toBe(6);
});
