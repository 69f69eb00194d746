/**
 * Teaching aids (issue 9 points 2, 9, 11): "Why here?" says when nodes tied at the top score and the
 * pick was kube-scheduler's seeded coin toss; the keyboard focus stays on Send request after a send;
 * Export map saves the drawing as a standalone SVG and as a PNG; Predict first hides a run's outcome until
 * the student has guessed it, then plays it and says "You predicted X — it was Y" with the reason.
 * Screenshots at 1280×720 and 1920×1080, light and dark, go to tests/output/screenshots.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './support/app';
import { screenshotEverySize } from './support/screenshots';
import { screenshotPath, startWeb, type WebServer } from './support/webServer';

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
  // The filter list marks both: the chosen one and the one that tied with it.
  const filters = page.getByRole('list', { name: 'Filter results per node' });
  await expect(filters).toContainText(`${node} chosen (tied at the top score)`);
  const other = node === 'k8s-node1' ? 'k8s-node2' : 'k8s-node1';
  await expect(filters).toContainText(`${other} feasible, tied at the top score`);
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

/** Export map as FORMAT through the toolbar's menu; the browser-mode download's bytes. */
async function exportMap(page: Page, format: 'PNG' | 'SVG'): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export map', exact: true }).click();
  // The menu opens with the focus on its first item.
  await expect(page.getByRole('menuitem').first()).toBeFocused();
  const item = page.getByRole('menuitem', { name: `Export map as ${format}` });
  const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

test('Export map saves a standalone SVG with the nodes and Pods, and a PNG twice its size', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await page.getByRole('button', { name: 'Export map', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Export map' });
  await expect(menu).toBeVisible();
  await screenshotEverySize(page, 'teach-export-menu', async () => {
    if (!(await menu.isVisible())) await page.getByRole('button', { name: 'Export map', exact: true }).click();
  });
  // Escape closes the menu and gives the focus back to its button.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export map', exact: true })).toBeFocused();

  const svg = await exportMap(page, 'SVG');
  expect(svg.name).toMatch(/^kube-traffic-map-kt-teach-\w+\.svg$/);
  const text = svg.bytes.toString('utf8');
  expect(text.startsWith('<?xml')).toBe(true);
  // It parses as XML, names what the map draws, and carries its colours inline (no app stylesheet needed).
  const parsed = await page.evaluate((doc) => {
    const d = new DOMParser().parseFromString(doc, 'image/svg+xml');
    const texts = [...d.querySelectorAll('text')].map((t) => t.textContent ?? '');
    return {
      error: d.querySelector('parsererror')?.textContent ?? null,
      root: d.documentElement.nodeName,
      width: Number(d.documentElement.getAttribute('width')),
      texts,
      classes: d.querySelectorAll('[class]').length,
      styled: d.querySelectorAll('[style*="fill"]').length,
    };
  }, text);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.width).toBeGreaterThan(300);
  for (const name of ['k8s-master', 'k8s-node1', 'k8s-node2', 'solo']) expect(parsed.texts).toContain(name);
  expect(parsed.classes).toBe(0);
  expect(parsed.styled).toBeGreaterThan(20);

  const png = await exportMap(page, 'PNG');
  expect(png.name).toMatch(/\.png$/);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: width and height, big-endian, at bytes 16 and 20: twice the SVG's size.
  const width = png.bytes.readUInt32BE(16);
  const height = png.bytes.readUInt32BE(20);
  expect(width).toBe(2 * parsed.width);
  expect(height).toBeGreaterThan(200);
  expect(height).toBeLessThan(8192);

  // The SVG alone, away from the app's CSS, light and dark: what a student pastes into a report.
  fs.writeFileSync(screenshotPath('teach-export-map').replace(/\.png$/, '.svg'), text);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const exported = await exportMap(page, 'SVG');
    const standalone = await page.context().newPage();
    await standalone.setContent(
      `<body style="margin:0;background:#888"><img alt="map" src="data:image/svg+xml;base64,${exported.bytes.toString('base64')}"></body>`,
    );
    await standalone.screenshot({ path: screenshotPath(`teach-export-map-svg-${scheme}`), fullPage: true });
    await standalone.close();
  }
  fs.writeFileSync(screenshotPath('teach-export-map-png').replace(/\.png\.png$/, '.png'), png.bytes);
});

test('Predict first: the outcome stays hidden until a guess, then playback shows it and the verdict', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  const toggle = page.getByRole('checkbox', { name: 'Predict first' });
  await toggle.check();
  await page.getByRole('combobox', { name: 'Source' }).selectOption('external');
  await page.getByRole('combobox', { name: 'Target' }).selectOption('svc/solo:80');
  await page.getByRole('button', { name: 'Send request' }).click();
  const choices = page.getByRole('group', { name: 'Your prediction' });
  await expect(choices).toBeVisible();
  await expect(choices.getByRole('button')).toHaveText(['delivered', 'refused', 'dropped', 'timeout', 'unreachable', 'unresolved']);
  // Nothing gives the answer away: no hop in the inspector or the event list, no outcome in Results.
  await expect(app.inspector).toHaveCount(0);
  await expect(app.eventList).toContainText('No packets yet');
  await expect(app.results).not.toContainText(/delivered|refused|dropped|timeout|unreachable/);
  await screenshotEverySize(page, 'teach-predict-ask');

  // From outside the cluster to a ClusterIP: a newcomer expects it to work.
  await choices.getByRole('button', { name: 'delivered' }).click();
  const verdict = page.getByRole('status').filter({ hasText: 'You predicted' });
  await expect(verdict).toContainText('You predicted delivered');
  // The pressed button went with the question: the focus is on the answer's panel, not lost to the page.
  await expect(page.getByRole('region', { name: 'Predict first' })).toBeFocused();
  await expect(app.inspector).toContainText(/hop \d+ of \d+/);
  // Playback reveals it when it gets there; the end of the run shows it at once.
  await app.toEnd();
  await expect(verdict).toContainText('You predicted delivered — it was unreachable.');
  await expect(verdict).toContainText("solo's ClusterIP, reachable only from Pods and nodes inside the cluster");
  await expect(app.results).toContainText('unreachable');
  await screenshotEverySize(page, 'teach-predict-verdict');

  // The setting is remembered across a reload.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Predict first' })).toBeChecked();
  // Turned off while a guess is awaited, the run goes on screen as any run does.
  await page.getByRole('combobox', { name: 'Source' }).selectOption('external');
  await page.getByRole('combobox', { name: 'Target' }).selectOption('svc/solo:80');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('group', { name: 'Your prediction' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Predict first' }).uncheck();
  await expect(page.getByRole('group', { name: 'Your prediction' })).toHaveCount(0);
  await expect(app.inspector).toContainText('hop 1 of 3');
});
