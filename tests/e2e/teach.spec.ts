/**
 * Teaching aids (issue 9 points 2, 9, 11): "Why here?" says when nodes tied at the top score and the
 * pick was kube-scheduler's seeded coin toss; the keyboard focus stays on Send request after a send.
 * Screenshots at 1280×720 and 1920×1080, light and dark, go to tests/output/screenshots.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './support/app';
import { screenshotEverySize } from './support/screenshots';
import { startWeb, type WebServer } from './support/webServer';

/** One bare Pod on the default cluster: k8s-node1 and k8s-node2 are equal and empty, so they tie for it. */
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: solo
  labels: { app: solo }
spec:
  containers:
  - name: web
    image: nginx
    ports: [{ containerPort: 80 }]
---
apiVersion: v1
kind: Service
metadata:
  name: solo
spec:
  selector: { app: solo }
  ports: [{ port: 80 }]
`;

let server: WebServer;
let folder: string;

test.beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-teach-'));
  fs.writeFileSync(path.join(folder, 'solo.yaml'), POD);
  server = await startWeb(folder);
});
test.afterAll(async () => {
  await server?.stop();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

test('"Why here?" says the two equal workers tied and kube-scheduler picked one at random, seeded', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.pod('solo').click();
  const why = page.getByText(/tied at score/);
  await expect(why).toHaveText(
    /^k8s-node1 and k8s-node2 tied at score [\d.]+; kube-scheduler picks at random among the top scores \(seeded here, so replays match\) and this time picked k8s-node[12]\.$/,
  );
  // The pick it names is the node the Pod runs on.
  const label = (await app.pod('solo').getAttribute('aria-label')) ?? '';
  const node = /on (k8s-node\d)/.exec(label)?.[1];
  await expect(why).toContainText(`this time picked ${node}.`);
  await screenshotEverySize(page, 'teach-tie', async () => {
    await why.scrollIntoViewIfNeeded();
  });
});

test('the focus stays on Send request after Enter and after a click', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  const send = page.getByRole('button', { name: 'Send request' });
  await send.focus();
  await page.keyboard.press('Enter');
  await expect(app.eventList.getByRole('row').nth(1)).toBeVisible();
  await expect(send).toBeFocused();
  await page.getByRole('spinbutton', { name: 'Count' }).fill('2');
  await send.click();
  await expect(app.results).toContainText('2');
  await expect(send).toBeFocused();
  // Enter again from there sends again: the focus never fell to the page.
  await page.keyboard.press('Enter');
  await expect(send).toBeFocused();
});
