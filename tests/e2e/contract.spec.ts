/**
 * The UI handles of cli-contract.md, used as an outside check would use them: only by the
 * contract's roles and names, at Playwright's default window (1280×720) and at the smallest the
 * layout supports (1024×640), after a Send. Nothing here clicks a tab first: every handle the
 * contract names must be reachable as it is.
 */
import { expect, test, type Page } from '@playwright/test';
import { SEED, startWeb, type WebServer, copyFolder } from './support/webServer';
import { screenshotPath } from './support/webServer';

let server: WebServer;

test.beforeAll(async () => {
  server = await startWeb(copyFolder(SEED));
});
test.afterAll(async () => {
  await server?.stop();
});

async function sendFromBar(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Source' }).selectOption('pod/pod-2');
  await page.getByRole('combobox', { name: 'Target' }).selectOption('svc/svc-1:9000');
  await page.getByRole('spinbutton', { name: 'Count' }).fill('3');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('region', { name: 'Event list' }).getByRole('row').nth(1)).toBeVisible();
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1024, height: 640 },
]) {
  test(`every contract handle is reachable after a Send at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto(server.url);
    await expect(page.getByRole('region', { name: 'Cluster map' })).toBeVisible();
    await sendFromBar(page);

    for (const name of ['Send request', 'Step forward', 'Step back', 'Save scenario'])
      await expect(page.getByRole('button', { name, exact: true }), name).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Play|Pause)$/ })).toBeVisible();
    await expect(page.getByRole('slider', { name: 'Timeline' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Filter events' })).toBeVisible();
    for (const name of ['Cluster map', 'Packet inspector', 'Event list', 'Results', 'Problems', 'Scenarios'])
      await expect(page.getByRole('region', { name, exact: true }), name).toBeVisible();
    await expect(page.getByRole('region', { name: 'Packet inspector' })).toContainText(/hop \d+ of \d+/);
    // One row per request sent, under the header row.
    await expect(page.getByRole('region', { name: 'Results' }).getByRole('row')).toHaveCount(4);

    // Save scenario works from where it is, and the saved set shows in Scenarios.
    await page.getByRole('button', { name: 'Save scenario', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Scenarios' })).toContainText('svc/svc-1:9000');

    // A file:line reference in the inspector opens Source at that line (the first hop that has one).
    const inspector = page.getByRole('region', { name: 'Packet inspector' });
    const ref = inspector.getByRole('link', { name: /\.ya?ml:\d+/ }).or(inspector.getByRole('button', { name: /\.ya?ml:\d+/ }));
    await page
      .getByRole('button', { name: 'Pause' })
      .click()
      .catch(() => undefined);
    await page.getByRole('button', { name: 'Jump to start' }).click();
    for (let i = 0; i < 8 && !(await ref.first().isVisible()); i++) await page.getByRole('button', { name: 'Step forward' }).click();
    await ref.first().click();
    await expect(page.getByRole('region', { name: 'Source' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Source' }).locator('[aria-current="true"]')).toBeVisible();
    // Nothing pushed the page wider than the window (long source lines and scenario names scroll inside).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    await page.screenshot({ path: screenshotPath(`contract-${size.width}`) });
  });
}
