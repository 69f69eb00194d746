/**
 * NetworkPolicy in the app, on the netpol-demo folder (the upstream x/y/z model under cni: canal, with a
 * default-deny ingress in x, x/a open to namespace y on 80, and z/c allowed DNS only): shields on the
 * isolated Pods, a denied request stopping at one, the Reachability heat map, and a flannel copy of the
 * same folder that lists the policies without enforcing them. Screenshots at 1280×720 and 1920×1080,
 * light and dark, go to tests/output/screenshots.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './support/app';
import { screenshotEverySize, zoomOn } from './support/screenshots';
import { copyFolder, ROOT, startWeb, type WebServer } from './support/webServer';

const DEMO = path.join(ROOT, 'tests', 'fixtures', 'netpol-demo');
let server: WebServer;

test.beforeAll(async () => {
  server = await startWeb(DEMO);
});
test.afterAll(async () => {
  await server?.stop();
});

test('a shield marks each Pod a policy isolates; its details list the policies with their lines', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new AppPage(page);
  await app.open(server.url);
  await expect(app.pod('x/a')).toHaveAttribute('aria-label', /isolated by NetworkPolicy x\/deny-ingress and x\/allow-from-y \(ingress\)/);
  await expect(app.pod('x/b')).toHaveAttribute('aria-label', /isolated by NetworkPolicy x\/deny-ingress \(ingress\)$/);
  await expect(app.pod('z/c')).toHaveAttribute('aria-label', /isolated by NetworkPolicy z\/dns-only \(egress\)$/);
  await expect(app.pod('y/a')).not.toHaveAttribute('aria-label', /isolated/);
  await expect(app.pod('x/a').locator('.policy-shield.ingress')).toHaveCount(1);
  await expect(app.pod('z/c').locator('.policy-shield.egress')).toHaveCount(1);

  const details = page.getByRole('region', { name: 'Details' });
  const list = details.getByRole('region', { name: 'NetworkPolicies' });
  await expect(list).toContainText('Calico (canal) enforces them');
  await expect(list).toContainText('x/deny-ingress policies.yaml:3');
  await expect(list).toContainText('selects every Pod in the namespace ({}) (3 Pods) · Ingress: nothing allowed');
  await expect(list).toContainText('z/dns-only policies.yaml:27');
  await expect(page.getByRole('contentinfo', { name: 'Simulator settings' })).toContainText('CNI canal');
  await screenshotEverySize(page, 'netpol-01-shields', () => zoomOn(page, app.pod('x/a')));

  await app.pod('x/a').click();
  await expect(details).toContainText('Isolated by');
  await expect(details).toContainText('x/deny-ingress policies.yaml:9');
  await expect(details).toContainText('x/allow-from-y policies.yaml:18');
  await expect(details).toContainText('Egress');
  await expect(details).toContainText('Not isolated: it may connect anywhere.');
  await screenshotEverySize(page, 'netpol-02-pod-details');
  expect(errors).toEqual([]);
});

test('a denied request stops at the shield: dropped by NetworkPolicy, with the policies and lines', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('pod/z/b', { pick: 'svc/x/s-x-a:80' });
  // Outcomes show once playback reaches them.
  await app.toEnd();
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toContainText('1 dropped');
  await app.home();
  await app.stepTo('drop');
  const inspector = app.inspector;
  await expect(inspector).toContainText('pod/x/a');
  await expect(inspector).toContainText('Dropped by NetworkPolicy (Calico)');
  await expect(inspector).toContainText('isolated for ingress by NetworkPolicy x/deny-ingress, x/allow-from-y');
  await expect(inspector).toContainText('policies.yaml:9');
  await expect(inspector).toContainText(/Request #1 ends: dropped/);
  // Nothing is delivered after the drop: the client only times out.
  await app.stepForward();
  await expect(inspector.locator('.action-line .action')).toHaveText('timeout');
  await expect(inspector).toContainText('Outcome: dropped');
  await app.stepBack();
  await screenshotEverySize(page, 'netpol-03-denied-at-shield', () => zoomOn(page, app.pod('x/a')));
});

test('an allowed request passes the shield: the allow hop names the policy rule', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('pod/y/b', { pick: 'svc/x/s-x-a:80' });
  await app.toEnd();
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toContainText('1 delivered');
  await app.home();
  await app.stepTo('allow');
  await expect(app.inspector).toContainText('Allowed by NetworkPolicy (Calico)');
  await expect(app.inspector).toContainText('allowed by NetworkPolicy x/allow-from-y (ingress[0])');
  await expect(app.inspector).toContainText('policies.yaml:21');
  await screenshotEverySize(page, 'netpol-04-allowed', () => zoomOn(page, app.pod('x/a')));
});

test('Reachability: a heat map of every pair, filtered, read and sent by keyboard', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await page.getByRole('button', { name: 'Reachability' }).click();
  const reach = page.getByRole('region', { name: 'Reachability' });
  await expect(reach).toBeVisible();
  await expect(reach.getByRole('grid')).toHaveAttribute('aria-label', /12 sources × 4 targets/);
  await expect(reach.getByRole('gridcell', { name: 'pod/z/b → svc/x/s-x-a:80: dropped' })).toBeVisible();
  await expect(reach.getByRole('gridcell', { name: 'pod/y/b → svc/x/s-x-a:80: delivered' })).toBeVisible();
  await expect(reach.getByRole('gridcell', { name: 'pod/z/c → svc/y/s-y-a:80: dropped' })).toBeVisible();
  const legend = reach.getByRole('list', { name: 'Legend' });
  for (const word of ['delivered', 'refused', 'dropped', 'timeout', 'unreachable', 'unresolved']) await expect(legend).toContainText(word);
  await expect(legend).toContainText('dropped 10');
  await screenshotEverySize(page, 'netpol-05-reachability-services');

  // Pods on port 80, from the Pods labelled pod=b only.
  await reach.getByRole('textbox', { name: 'From selector' }).fill('pod=b');
  await reach.getByRole('textbox', { name: 'Port' }).fill('80');
  await reach.getByRole('button', { name: 'Show' }).click();
  await expect(reach.getByRole('grid')).toHaveAttribute('aria-label', /3 sources × 12 targets/);
  await expect(reach.getByRole('gridcell', { name: 'pod/z/b → pod/x/a:80: dropped' })).toBeVisible();
  await expect(reach.getByRole('gridcell', { name: 'pod/y/b → pod/x/a:80: delivered' })).toBeVisible();
  await reach.getByRole('combobox', { name: 'To namespace' }).selectOption('x');
  await expect(reach.getByRole('grid')).toHaveAttribute('aria-label', /3 sources × 3 targets/);
  await expect(reach.getByRole('gridcell')).toHaveCount(9);
  await reach.getByRole('textbox', { name: 'From selector' }).fill('pod in (');
  await reach.getByRole('button', { name: 'Show' }).click();
  await expect(reach.getByRole('status')).toContainText(/unable to parse requirement|found/);
  await reach.getByRole('textbox', { name: 'From selector' }).fill('');
  await reach.getByRole('button', { name: 'Show' }).click();
  await expect(reach.getByRole('grid')).toHaveAttribute('aria-label', /12 sources × 3 targets/);

  // One cell is in the tab order; arrows move, and the reason follows.
  const first = reach.getByRole('gridcell').first();
  await first.focus();
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(reach.getByRole('gridcell', { name: /^pod\/kube-flannel\/kube-flannel-ds-jvrt8 → pod\/x\/a:80/ })).toBeFocused();
  await page.keyboard.press('Control+End');
  await expect(reach.getByRole('gridcell', { name: 'pod/z/c → pod/x/c:80: dropped' })).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowUp');
  const denied = reach.getByRole('gridcell', { name: 'pod/z/b → pod/x/a:80: dropped' });
  await expect(denied).toBeFocused();
  await expect(reach).toContainText('a is isolated for ingress by NetworkPolicy x/deny-ingress, x/allow-from-y');
  await screenshotEverySize(page, 'netpol-06-reachability-pods');

  // Enter sends that request and shows its trace on the map.
  await page.keyboard.press('Enter');
  await expect(reach).toBeHidden();
  await expect(page.getByRole('button', { name: 'Cluster map' })).toHaveAttribute('aria-pressed', 'true');
  // It plays at 1×: the outcome shows when the packet reaches the shield.
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toContainText('1 dropped', { timeout: 30_000 });
  await expect(page.getByRole('combobox', { name: 'Source' })).toHaveValue('pod/z/b');
  await expect(page.getByRole('combobox', { name: 'Target' })).toHaveValue('pod/x/a:80');
  // It plays by itself; picking a row pauses there.
  await app.eventRows().filter({ hasText: 'drop' }).first().click();
  await expect(app.inspector).toContainText('Dropped by NetworkPolicy (Calico)');

  // A click does the same; Escape closes the view.
  await page.getByRole('button', { name: 'Reachability' }).click();
  await page.keyboard.press('Escape');
  await expect(reach).toBeHidden();
  await page.getByRole('button', { name: 'Reachability' }).click();
  await reach.getByRole('gridcell', { name: 'pod/y/b → svc/x/s-x-a:80: delivered' }).click();
  await app.toEnd();
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toContainText('1 delivered');
});

test('under flannel the policies are listed, said once to be not enforced, and isolate nothing', async ({ page }) => {
  const dir = copyFolder(DEMO);
  const model = path.join(dir, 'model.yaml');
  fs.writeFileSync(model, fs.readFileSync(model, 'utf8').replace(/^ {2}cni: canal$/m, '  cni: flannel'));
  const flannel = await startWeb(dir);
  try {
    const app = new AppPage(page);
    await app.open(flannel.url);
    const notice = page.getByRole('note');
    await expect(notice).toHaveText(/NetworkPolicy is listed but not enforced: this cluster's CNI is flannel; set spec\.cni: canal/);
    await expect(page.getByRole('contentinfo', { name: 'Simulator settings' })).toContainText('CNI flannel · policies not enforced');
    await expect(app.pod('x/a')).not.toHaveAttribute('aria-label', /isolated/);
    await expect(page.locator('.policy-shield')).toHaveCount(0);
    // z/b reaches x/a, which canal would have dropped; the app adds no policy hop to the run.
    await app.send('pod/z/b', { pick: 'svc/x/s-x-a:80' });
    await app.toEnd();
    await expect(page.getByRole('toolbar', { name: 'Playback' })).toContainText('1 delivered');
    await expect(app.eventList).not.toContainText(/allow|policy/i);
    await expect(notice).toHaveCount(1);
    await screenshotEverySize(page, 'netpol-07-flannel-not-enforced');
    await app.pod('x/a').click();
    await expect(page.getByRole('region', { name: 'Details' })).toContainText('Selected by (not enforced under flannel)');
  } finally {
    await flannel.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
