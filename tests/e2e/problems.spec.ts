/** A folder with a broken manifest: the problem is listed with file, line, column and field; the rest loads. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './support/app';
import { ROOT, SEED, screenshotPath, startWeb, type WebServer } from './support/webServer';

let server: WebServer;

test.beforeAll(async () => {
  server = await startWeb(path.join(ROOT, 'assets', 'examples', 'seed-typo'));
});
test.afterAll(async () => {
  await server?.stop();
});

test('the seed’s `port: 9000 // comment` is reported at its line with spec.ports[0].port; the Pod still loads', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  const typo = fs.readFileSync(path.join(ROOT, 'assets', 'examples', 'seed-typo', 'svc-1.yaml'), 'utf8').split('\n');
  const line = typo.findIndex((l) => l.includes('//')) + 1;
  await expect(app.problems).toContainText(`svc-1.yaml:${line}:`);
  await expect(app.problems).toContainText('spec.ports[0].port');
  await expect(app.problems).toContainText(/1 error/);
  await expect(app.problems.getByRole('img', { name: 'error' }).first()).toBeVisible();
  await expect(app.pod('pod-1')).toBeVisible();
  await expect(app.service('svc-1')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('07-problems') });
});

test('Open folder… switches to another folder; its problems go with it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await expect(app.problems).toContainText(/1 error/);
  await page.getByRole('button', { name: 'Open folder…' }).click();
  await page.getByRole('dialog', { name: 'Open folder' }).getByRole('textbox', { name: 'Folder path' }).fill(SEED);
  await page.getByRole('dialog', { name: 'Open folder' }).getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Folder opened');
  await expect(app.problems).toContainText('No problems');
  await expect(app.service('svc-2')).toBeVisible();
  await page.getByRole('button', { name: 'Open folder…' }).click();
  await page.getByRole('dialog', { name: 'Open folder' }).getByRole('textbox', { name: 'Folder path' }).fill('/no/such/folder');
  await page.getByRole('dialog', { name: 'Open folder' }).getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Could not open the folder');
  await expect(app.service('svc-2')).toBeVisible();
});
