/**
 * The screen that teaches: `file:line` references open the Source view at their line, the inspector is
 * a PDU window (Headers, Rules as iptables-save prints them, YAML), and the event list can be filtered
 * and walked by keyboard, also with 100+ requests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './support/app';
import { screenshotEverySize } from './support/screenshots';
import { ROOT, SEED, startWeb, type WebServer } from './support/webServer';

let server: WebServer;

test.beforeAll(async () => {
  server = await startWeb(SEED);
});
test.afterAll(async () => {
  await server?.stop();
});

test('a file:line in the inspector opens the Source view at that line, with the field marked', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('external', { pick: 'node/k8s-node1:30000' });
  await app.stepTo('dnat');
  await app.inspector.getByRole('tab', { name: /YAML/ }).click();
  const link = app.inspector.getByRole('button', { name: '4-nodeport/svc-2.yaml:15' }).first();
  await expect(link).toBeVisible();
  await link.click();
  const source = page.getByRole('region', { name: 'Source' });
  await expect(source).toBeVisible();
  const current = source.locator('[aria-current="true"]');
  await expect(current).toHaveCount(1);
  const text = fs.readFileSync(path.join(SEED, '4-nodeport', 'svc-2.yaml'), 'utf8').split('\n');
  await expect(current).toContainText(text[14].trim());
  await expect(current.locator('mark')).toContainText('Local');
  await expect(current).toBeInViewport();
  await screenshotEverySize(page, 'teaching-source');
  await source.getByRole('button', { name: 'Close source' }).click();
  await expect(source).toHaveCount(0);
});

test('the inspector has Headers, Rules (iptables-save) and YAML tabs; the body starts at the top on every hop', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('pod/pod-2', { pick: 'svc/svc-1:9000' }, 3);
  await app.stepTo('dnat');
  const inspector = app.inspector;
  await expect(inspector).toContainText(/hop \d+ of \d+/);
  const tabs = inspector.getByRole('tab');
  await expect(tabs).toHaveText([/Headers/, /Rules/, /YAML/]);
  await expect(inspector.getByRole('table', { name: 'L3/L4 header' })).toContainText('IPv4 dst');
  await inspector.getByRole('tab', { name: /Rules/ }).click();
  const rules = inspector.getByLabel('iptables-save rules');
  await expect(rules).toContainText('-A KUBE-SERVICES -m comment --comment "default/svc-1 cluster IP"');
  await expect(rules).toContainText(/-A KUBE-SVC-\w+ .*--probability 0\.\d{10}/);
  await expect(rules).toContainText('-j DNAT --to-destination');
  // Keyboard: arrows move between tabs.
  await inspector.getByRole('tab', { name: /Rules/ }).press('ArrowRight');
  await expect(inspector.getByRole('tab', { name: /YAML/ })).toHaveAttribute('aria-selected', 'true');
  await expect(inspector.getByRole('tab', { name: /YAML/ })).toBeFocused();
  await inspector.getByRole('tab', { name: /Rules/ }).click();
  await screenshotEverySize(page, 'teaching-rules');
  // Scroll reset per hop.
  const body = inspector.locator('.inspector-body');
  await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await app.stepForward();
  await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBe(0);
  // The inspector keeps a usable width beside the map.
  await page.setViewportSize({ width: 1280, height: 720 });
  expect((await inspector.boundingBox())!.width).toBeGreaterThanOrEqual(410);
});

test('a problem opens its file at the line and selects its object on the map', async ({ page }) => {
  const typo = await startWeb(path.join(ROOT, 'assets', 'examples', 'seed-typo'));
  try {
    const app = new AppPage(page);
    await app.open(typo.url);
    const lines = fs.readFileSync(path.join(ROOT, 'assets', 'examples', 'seed-typo', 'svc-1.yaml'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('//')) + 1;
    const link = app.problems.getByRole('button', { name: new RegExp(`svc-1\\.yaml:${line}`) });
    await link.click();
    const source = page.getByRole('region', { name: 'Source' });
    await expect(source.locator('[aria-current="true"]')).toContainText('//');
    await screenshotEverySize(page, 'teaching-problem-source');
  } finally {
    await typo.stop();
  }
});
