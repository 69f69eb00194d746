/**
 * The README screenshot: the seed cluster mid-animation of the NodePort request
 * `external → node/k8s-node1:30000`, with the packet inspector on the DNAT hop. Always saved with the
 * other screenshots; copied to assets/screenshot.png (the committed one) when
 * UPDATE_README_SCREENSHOT=1:
 *   UPDATE_README_SCREENSHOT=1 npx playwright test --project=browser tests/e2e/readme.spec.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './support/app';
import { ROOT, SEED, screenshotPath, startWeb, type WebServer } from './support/webServer';

let server: WebServer;

test.beforeAll(async () => {
  server = await startWeb(SEED);
});
test.afterAll(async () => {
  await server?.stop();
});

test('README screenshot: NodePort request external → k8s-node1:30000, inspector on the DNAT hop', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('external', { pick: 'node/k8s-node1:30000' }, 2);
  // Request 1 has just been DNATed on k8s-node1 while request 2 is still on its way in.
  await app.stepTo('dnat');
  const inspector = app.inspector;
  await expect(inspector).toContainText('Destination NAT (DNAT)');
  await expect(inspector.getByRole('row', { name: /Destination/ })).toContainText(/10\.244\.1\.\d+:8080/);
  await expect(inspector.getByRole('row', { name: /Destination/ })).toContainText('was 192.168.64.31:30000');
  // Take the focus off the buttons (no focus ring in the picture) and let the frame settle.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(1439, 899);
  await page.waitForTimeout(300);
  const file = screenshotPath('00-readme');
  await page.screenshot({ path: file });
  if (process.env.UPDATE_README_SCREENSHOT === '1') fs.copyFileSync(file, path.join(ROOT, 'assets', 'screenshot.png'));
});
