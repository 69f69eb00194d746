/**
 * Hosts outside the cluster (settings.externalHosts) in the app, on assets/examples/outside: each is drawn
 * beside the external client under its name, the Target list has an 'Outside' group, and a Pod's
 * request to the outside database is delivered there. One screenshot at 1280×720, light.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './support/app';
import { ROOT, screenshotPath, startWeb, type WebServer } from './support/webServer';

let server: WebServer;

test.beforeAll(async () => {
  server = await startWeb(path.join(ROOT, 'assets', 'examples', 'outside'));
});
test.afterAll(async () => {
  await server?.stop();
});

test('a Pod reaches the outside database, drawn on the map under its name', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  const app = new AppPage(page);
  await app.open(server.url);

  const db = page.getByRole('group', { name: /^Outside host db\.example\.com 192\.168\.64\.100, serves 5432\/TCP/ });
  await expect(db).toBeVisible();
  await expect(page.getByRole('group', { name: /^Outside host 192\.168\.64\.101, serves 6379\/TCP, 53\/UDP/ })).toBeVisible();
  const outside = page.getByRole('combobox', { name: 'Target' }).locator('optgroup[label="Outside"] option');
  await expect(outside.first()).toHaveAttribute('value', 'host/db.example.com:5432');

  const from = await page.getByRole('combobox', { name: 'Source' }).locator('option[value^="pod/app-"]').first().getAttribute('value');
  await app.send(from!, { pick: 'host/db.example.com:5432' });
  await app.toEnd();
  await expect(app.playbackBar).toContainText('1 delivered');
  await expect(app.eventList).toContainText('host/db.example.com');
  await page.waitForTimeout(200);
  await page.screenshot({ path: screenshotPath('outside-01-db-1280-light') });
  expect(errors).toEqual([]);
});
