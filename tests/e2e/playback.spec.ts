/**
 * Simulation mode that teaches: the first run offers a delivered request and plays it by itself, Play
 * at 1× shows every hop in the inspector (`hop K of N`, none skipped), outcomes appear only when the
 * packet gets there, and Results lists each request with the Pod that answered and a tally.
 */
import { expect, test, type Page } from '@playwright/test';
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

/** Records every `hop K of N` the inspector shows, in order, from now on (in the page, so nothing is missed between polls). */
async function recordHops(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __hops: string[] };
    w.__hops = [];
    const read = () => {
      const region = document.querySelector('[role="region"][aria-label="Packet inspector"]');
      const m = /hop (\d+) of (\d+)/.exec(region?.textContent ?? '');
      if (m && w.__hops[w.__hops.length - 1] !== m[0]) w.__hops.push(m[0]);
    };
    read();
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

test('first run: a delivered request is offered, plays by itself, and Play at 1× shows every hop', async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new AppPage(page);
  await app.open(server.url);
  // The engine's suggestion: from outside the cluster to a NodePort that answers.
  await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue('external');
  await expect(page.getByRole('combobox', { name: 'Target' })).toHaveValue(/^node\/k8s-node\d:30000$/);
  await recordHops(page);
  await page.getByRole('button', { name: 'Send request' }).click();
  // Nobody pressed Play.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  // Nothing says how it ends before the packet gets there.
  await expect(app.results).toContainText('on the way');
  await expect(app.playbackBar).not.toContainText('delivered');
  await screenshotEverySize(page, 'playback-01-first-run-playing');
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 120_000 });
  const hops = await page.evaluate(() => (window as unknown as { __hops: string[] }).__hops);
  const n = Number(/of (\d+)/.exec(hops[hops.length - 1] ?? '')?.[1]);
  expect(n).toBeGreaterThan(4);
  // Every hop the inspector can show was shown, in order, none skipped (the delivery and its reply included).
  expect(hops).toEqual(Array.from({ length: n }, (_, i) => `hop ${i + 1} of ${n}`));
  await expect(app.playbackBar).toContainText('1 delivered');
  const row = app.results.getByRole('row').nth(1);
  await expect(row).toContainText('delivered');
  await expect(row).toContainText(/pod-\d/);
  await expect(row).toContainText(/k8s-node\d/);
  // externalTrafficPolicy: Local — the Pod saw the external client's own address.
  await expect(row).toContainText('192.168.64.1');
  await screenshotEverySize(page, 'playback-02-first-run-done');
});

test('Results: ten requests, one row each with the Pod that answered, a tally per endpoint, counts on the Pod cards', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('pod/pod-2', { pick: 'svc/svc-1:9000' }, 10);
  // Paused at the first hop: no outcome is known yet.
  await expect(app.results.getByRole('row')).toHaveCount(11);
  await expect(app.results.getByRole('row').filter({ hasText: 'delivered' })).toHaveCount(0);
  await app.toEnd();
  await expect(app.results.getByRole('row').filter({ hasText: 'delivered' })).toHaveCount(10);
  const tally = app.results.getByRole('list', { name: 'Requests per endpoint' });
  const items = tally.getByRole('listitem');
  const labels = await items.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const counts = labels.map((l) => Number(/: (\d+) request/.exec(l)?.[1]));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
  // The same counts on the Pod cards.
  for (const label of labels) {
    const [pod, n] = [/^([^:]+):/.exec(label)![1]!, /: (\d+) request/.exec(label)![1]!];
    await expect(page.getByRole('img', { name: `${pod.split('/').pop()} answered ×${n}` })).toBeVisible();
  }
  await screenshotEverySize(page, 'playback-03-results-ten');
});

test('Results: a hundred requests render the rows in view, and the keyboard reaches the last one', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('pod/pod-2', { pick: 'svc/svc-1:9000' }, 100);
  await app.toEnd();
  const table = app.results.getByRole('table', { name: 'Requests' });
  // Assistive technology hears of all hundred (and the header row), while a screenful is in the page.
  await expect(table).toHaveAttribute('aria-rowcount', '101');
  const rendered = await table.locator('tbody tr:not(.spacer)').count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(50);
  // The first row takes the tab stop; End moves to request 100, which is drawn and focused.
  await table.locator('tbody tr[tabindex="0"]').focus();
  await page.keyboard.press('End');
  const last = table.getByRole('row').filter({ has: page.getByRole('cell', { name: '100', exact: true }) });
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await expect(last).toContainText('delivered');
  // Scrolled back by hand, the rows there are drawn (no jump to either end), and request 100 keeps the focus.
  await table.locator('xpath=..').evaluate((el) => (el.scrollTop = 24 * 50));
  await expect(table.getByRole('row').filter({ has: page.getByRole('cell', { name: '51', exact: true }) })).toBeInViewport();
  await expect(last).toBeFocused();
});
