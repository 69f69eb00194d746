/**
 * Scenarios (Packet Tracer's): the request last sent is saved with the folder, listed in Scenarios,
 * replayed with one click, still there after a reload, and deleted; the folder README's lessons are
 * one-click scenarios too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './support/app';
import { screenshotEverySize } from './support/screenshots';
import { copyFolder, SEED, startWeb, type WebServer } from './support/webServer';

let server: WebServer;
let dir: string;

test.beforeAll(async () => {
  dir = copyFolder(SEED);
  server = await startWeb(dir);
});
test.afterAll(async () => {
  await server?.stop();
});

test('save a request set, replay it, find it after a reload, delete it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  const scenarios = page.getByRole('region', { name: 'Scenarios' });
  await app.send('pod/pod-2', { pick: 'svc/svc-1:9000' }, 4);
  await scenarios.getByRole('textbox', { name: 'Scenario name' }).fill('ClusterIP ×4');
  await scenarios.getByRole('button', { name: 'Save scenario' }).click();
  await expect(scenarios.getByRole('button', { name: 'Run scenario ClusterIP ×4' })).toBeVisible();
  // Kept in the folder, in the app's own file (which the manifest reader skips: still no problems).
  const file = fs.readFileSync(path.join(dir, 'kube-traffic.scenarios.yaml'), 'utf8');
  expect(file).toContain('to: svc/svc-1:9000');
  expect(file).toContain('count: 4');
  await expect(app.problems).toContainText('No problems');

  // Survives a reload; replaying it sends the same four requests and plays them.
  await page.reload();
  await expect(app.node('k8s-node1')).toBeVisible();
  await scenarios.getByRole('button', { name: 'Run scenario ClusterIP ×4' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue('pod/pod-2');
  await expect(page.getByRole('spinbutton', { name: 'Count' })).toHaveValue('4');
  await app.toEnd();
  await expect(app.results.getByRole('row').filter({ hasText: 'delivered' })).toHaveCount(4);
  await screenshotEverySize(page, 'scenarios-01-saved-replayed');

  await scenarios.getByRole('button', { name: 'Delete scenario ClusterIP ×4' }).click();
  await expect(scenarios.getByRole('button', { name: 'Run scenario ClusterIP ×4' })).toHaveCount(0);
  await page.reload();
  await expect(app.node('k8s-node1')).toBeVisible();
  await expect(scenarios).toContainText('No saved scenarios');
});

test('the Interval between requests is sent, saved with the scenario and restored when it is replayed', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  const scenarios = page.getByRole('region', { name: 'Scenarios' });
  const interval = page.getByRole('spinbutton', { name: 'Interval' });
  await expect(interval).toHaveValue('1');
  await interval.fill('30');
  await app.send('pod/pod-2', { pick: 'svc/svc-1:9000' }, 3);
  await expect(interval).toHaveValue('30');
  await scenarios.getByRole('textbox', { name: 'Scenario name' }).fill('spaced');
  await scenarios.getByRole('button', { name: 'Save scenario' }).click();
  await expect(scenarios.getByRole('button', { name: 'Run scenario spaced' })).toBeVisible();
  expect(fs.readFileSync(path.join(dir, 'kube-traffic.scenarios.yaml'), 'utf8')).toContain('intervalSeconds: 30');

  await page.reload();
  await expect(app.node('k8s-node1')).toBeVisible();
  await expect(interval).toHaveValue('1');
  await scenarios.getByRole('button', { name: 'Run scenario spaced' }).click();
  await expect(interval).toHaveValue('30');
  await expect(page.getByRole('spinbutton', { name: 'Count' })).toHaveValue('3');
  await app.toEnd();
  await expect(app.results.getByRole('row').filter({ hasText: 'delivered' })).toHaveCount(3);
  await scenarios.getByRole('button', { name: 'Delete scenario spaced' }).click();
});

test("the README's lessons are one-click scenarios", async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  const lessons = page.getByRole('region', { name: 'Scenarios' }).getByRole('list', { name: 'Lessons' });
  await lessons.getByRole('button', { name: 'Run lesson NodePort + externalTrafficPolicy: Local' }).click();
  await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue('external');
  await expect(page.getByRole('combobox', { name: 'Target' })).toHaveValue('node/k8s-node1:30000');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await app.toEnd();
  await expect(app.playbackBar).toContainText('1 delivered');
  await screenshotEverySize(page, 'scenarios-02-lesson');
});

test('export a run as one JSON file and open it again after a reload', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('external', { pick: 'node/k8s-node1:30000' }, 3);
  const rows = await app.eventRows().count();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export run' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^kube-traffic-run-external-node-k8s-node1-30000\.json$/);
  const saved = path.join(dir, '..', `run-${Date.now()}.json`);
  await download.saveAs(saved);
  const doc = JSON.parse(fs.readFileSync(saved, 'utf8'));
  expect(doc.kind).toBe('KubeTrafficRun');
  expect(doc.run.traces).toHaveLength(3);
  expect(doc.snapshot.nodes.length).toBeGreaterThan(0);

  await page.reload();
  await expect(app.node('k8s-node1')).toBeVisible();
  await page.getByLabel('Run file').setInputFiles(saved);
  await expect(app.eventRows()).toHaveCount(rows);
  await expect(page.getByRole('combobox', { name: 'Target' })).toHaveValue('node/k8s-node1:30000');
  await app.toEnd();
  await expect(app.results.getByRole('row').filter({ hasText: 'delivered' })).toHaveCount(3);
  await expect(app.playbackBar).toContainText('3 delivered');
  // Not a run: refused with a reason, the run on screen stays.
  const junk = path.join(dir, '..', `junk-${Date.now()}.json`);
  fs.writeFileSync(junk, '{"kind":"Pod"}');
  await page.getByLabel('Run file').setInputFiles(junk);
  await expect(page.getByText(/not a Kube Traffic run/)).toBeVisible();
  await expect(app.eventRows()).toHaveCount(rows);
  await screenshotEverySize(page, 'scenarios-03-run-opened');
});
