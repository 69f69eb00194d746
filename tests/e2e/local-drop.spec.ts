/**
 * externalTrafficPolicy: Local on a node without a local endpoint: with pod-2 removed, k8s-node2
 * runs no `app: pod` Pod, so a request to k8s-node2:30000 is dropped there and the client hangs.
 */
import * as fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { AppPage } from './support/app';
import { copyFolder, SEED, screenshotPath, startWeb, type WebServer } from './support/webServer';

let server: WebServer;
let dir: string;

test.beforeAll(async () => {
  dir = copyFolder(SEED, ['4-nodeport/pod-2.yaml']);
  server = await startWeb(dir);
});
test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the request to the node without a Pod is dropped where it arrives, and the inspector says why', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await expect(app.pod('pod-2')).toHaveCount(0);
  await app.send('external', { pick: 'node/k8s-node2:30000' });
  const drop = app
    .eventRows()
    .filter({ hasText: /drop|timeout/ })
    .first();
  await expect(drop).toBeVisible();
  await app.stepTo('drop');
  await expect(app.inspector).toContainText('k8s-node2');
  await expect(app.inspector).toContainText('externalTrafficPolicy: Local');
  await expect(app.inspector).toContainText(/timeout|dropped/);
  await page.screenshot({ path: screenshotPath('06-local-drop') });
  await app.stepBack();
  await expect(app.inspector.locator('.action-line .action')).not.toHaveText('drop');
});

test('the same Service still answers on the node that has the Pod', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('external', { pick: 'node/k8s-node1:30000' });
  await page.keyboard.press('End');
  await expect(page.getByText('1 delivered')).toBeVisible();
});
