/**
 * A selectorless Service in the app, on assets/examples/external-database: the Service `db` (no
 * selector) in front of a database outside the cluster, its hand-made Endpoints mirrored into an
 * EndpointSlice. Its details list the endpoint with where it comes from (the mirrored slice and the
 * Endpoints line), and a request from an app Pod is DNATed to the outside address and delivered.
 * Screenshots at 1280×720 and 1920×1080, light and dark, go to tests/output/screenshots.
 */
import * as path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './support/app';
import { screenshotEverySize, zoomOn } from './support/screenshots';
import { ROOT, startWeb, type WebServer } from './support/webServer';

const FOLDER = path.join(ROOT, 'assets', 'examples', 'external-database');
let server: WebServer;

test.beforeAll(async () => {
  server = await startWeb(FOLDER);
});
test.afterAll(async () => {
  await server?.stop();
});

/** One of the app Deployment's Pods, as its card names it. */
async function appPod(page: Page): Promise<string> {
  const card = page.getByRole('group', { name: /^Pod app-\S+,/ }).first();
  const label = (await card.getAttribute('aria-label')) ?? '';
  const name = /^Pod (app-\S+),/.exec(label)?.[1];
  expect(name, `Pod name in "${label}"`).toBeTruthy();
  return name!;
}

test('the Service without a selector lists its hand-made endpoint and where it comes from', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new AppPage(page);
  await app.open(server.url);
  const card = app.service('db');
  await expect(card).toBeVisible();
  await card.click();
  const details = page.getByRole('region', { name: 'Details' });
  const table = details.locator('table.endpoints');
  await expect(table).toContainText('192.168.64.100');
  await expect(table).toContainText(/EndpointSlice db-\w{5} \(mirrored from Endpoints db\) database\.yaml:19/);
  await expect(details).not.toContainText('No endpoints');
  await screenshotEverySize(page, 'selectorless-01-details', async () => {
    await page.waitForTimeout(200);
    await table.scrollIntoViewIfNeeded();
  });

  // The hand-made EndpointSlice of node addresses: its own slice, hand-made.
  await app.service('kubelets').click();
  await expect(details.locator('table.endpoints')).toContainText('EndpointSlice kubelets-1 (hand-made) metrics.yaml:24');
  expect(errors).toEqual([]);
});

test('a request from an app Pod is DNATed to the outside address and the database answers', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new AppPage(page);
  await app.open(server.url);
  const pod = await appPod(page);
  await app.send(`pod/${pod}`, { pick: 'svc/db:5432' });
  await app.stepTo('dnat');
  await expect(app.inspector).toContainText('DNAT to 192.168.64.100:5432');
  await expect(app.inspector).toContainText('mirrored from Endpoints db');
  await app.stepTo('deliver');
  await expect(app.inspector).toContainText('db.example.com');
  await app.toEnd();
  await expect(app.playbackBar).toContainText('1 delivered');
  await app.home();
  await app.stepTo('dnat');
  await screenshotEverySize(page, 'selectorless-02-dnat', async () => {
    await page.waitForTimeout(200);
    await zoomOn(page, app.service('db'));
  });
  expect(errors).toEqual([]);
});
