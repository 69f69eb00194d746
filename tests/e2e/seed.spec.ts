/**
 * The seed example in browser mode: the cluster is drawn, the seed's requests travel hop by hop,
 * and stepping shows each hop's headers in the inspector.
 */
import { expect, test } from '@playwright/test';
import { AppPage } from './support/app';
import { SEED, screenshotPath, startWeb, type WebServer } from './support/webServer';

let server: WebServer;

test.beforeAll(async () => {
  server = await startWeb(SEED);
});
test.afterAll(async () => {
  await server?.stop();
});

test('draws the seed cluster: nodes, Pods, Services, the pending load balancer; no problems', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new AppPage(page);
  await app.open(server.url);
  for (const n of ['k8s-master', 'k8s-node1', 'k8s-node2']) await expect(app.node(n)).toBeVisible();
  await expect(app.pod('pod-1')).toBeVisible();
  await expect(app.pod('pod-2')).toBeVisible();
  await expect(app.pod('pod-practice/pod-1')).toBeVisible();
  await expect(app.pod('label-practice/pod-2')).toBeVisible();
  for (const s of ['svc-1', 'svc-2', 'svc-3']) await expect(app.service(s)).toBeVisible();
  await expect(app.service('svc-3')).toHaveAttribute('aria-label', /LoadBalancer.*external IP <pending>/);
  await expect(page.getByRole('group', { name: /^Load balancer for svc-3, <pending>/ })).toBeVisible();
  await expect(app.node('k8s-node1')).toHaveAttribute('aria-label', /192\.168\.64\.\d+.*podCIDR 10\.244\.\d+\.0\/24/);
  await expect(app.problems).toContainText('No problems');
  await expect(page.getByText('Simulated', { exact: true })).toBeVisible();
  await page.screenshot({ path: screenshotPath('01-seed-cluster') });
  // The strict Content-Security-Policy holds: nothing was refused, nothing threw.
  expect(errors).toEqual([]);
});

test('Pod lesson: from the master, curl <pod-1 IP>:8080 reaches container2', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  const ip = await app.podIP('pod-practice/pod-1');
  await app.send('node/k8s-master', { type: `curl ${ip}:8080` });
  await page.getByRole('button', { name: 'Step forward' }).focus();
  await page.keyboard.press('End');
  await expect(app.eventRows().filter({ hasText: 'deliver' }).first()).toBeVisible();
  await app.eventRows().filter({ hasText: 'pod-practice/pod-1' }).filter({ hasText: 'deliver' }).first().click();
  await expect(app.inspector).toContainText('container2');
  await expect(app.inspector).toContainText(`${ip}:8080`);
  await page.screenshot({ path: screenshotPath('02-pod-lesson-container2') });
});

test('ClusterIP lesson: pod-2 → svc-1:9000 is DNATed to a Pod’s 8080; step forward and back', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('pod/pod-2', { pick: 'svc/svc-1:9000' });
  const inspector = app.inspector;
  await expect(inspector).toContainText('hop 1 of');
  await expect(inspector.getByRole('row', { name: /Destination/ })).toContainText(/10\.\d+\.\d+\.\d+:9000/);
  await app.stepTo('dnat');
  const dst = inspector.getByRole('row', { name: /Destination/ });
  await expect(dst).toContainText(/10\.244\.\d+\.\d+:8080/);
  await expect(dst).toContainText(/was 10\.\d+\.\d+\.\d+:9000/);
  await expect(inspector).toContainText('KUBE-SVC-');
  await expect(inspector).toContainText('targetPort');
  await page.screenshot({ path: screenshotPath('03-clusterip-dnat') });
  const before = await inspector.textContent();
  await app.stepBack();
  await expect(inspector).not.toHaveText(before ?? '');
  await expect(inspector.getByRole('row', { name: /Destination/ })).toContainText(':9000');
  await app.stepForward();
  await expect(inspector.getByRole('row', { name: /Destination/ })).toContainText(':8080');
  // Keyboard: End jumps to the last hop, Home back to the first.
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('End');
  await expect(inspector).toContainText(/delivered/);
  await page.keyboard.press('Home');
  await expect(inspector).toContainText('hop 1 of');
  await page.keyboard.press('ArrowRight');
  await expect(inspector).toContainText('hop 2 of');
  await page.keyboard.press('ArrowLeft');
  await expect(inspector).toContainText('hop 1 of');
  // Space plays and pauses from anywhere outside a text field.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('NodePort lesson: external → k8s-node1:30000 (externalTrafficPolicy: Local keeps the client IP), played to the end', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('external', { pick: 'node/k8s-node1:30000' }, 2);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('8');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('04-nodeport-playing') });
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('2 delivered')).toBeVisible();
  await app.eventRows().filter({ hasText: 'dnat' }).first().click();
  await expect(app.inspector).toContainText('externalTrafficPolicy: Local');
  await expect(app.inspector.getByRole('row', { name: /Source/ })).toContainText('192.168.64.1:');
  await page.screenshot({ path: screenshotPath('05-nodeport-dnat-local') });
});

test('label selector: matching Pods light up, the others dim; a bad selector says why', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  const box = page.getByRole('searchbox', { name: 'Label selector' });
  await box.fill('app=pod');
  await expect(page.getByText('2 pods match')).toBeVisible();
  await expect(app.pod('pod-1')).toHaveClass(/matched/);
  await expect(app.pod('pod-2')).toHaveClass(/matched/);
  await expect(app.pod('label-practice/pod-2')).toHaveClass(/dimmed/);
  await box.fill('type in (web),lo=dev');
  await expect(page.getByText('1 pod match')).toBeVisible();
  await expect(app.pod('label-practice/pod-2')).toHaveClass(/matched/);
  await page.screenshot({ path: screenshotPath('13-label-selector') });
  await box.fill('app in (pod');
  await expect(page.getByRole('alert').filter({ hasText: /./ }).first()).toBeVisible();
  await expect(app.pod('pod-1')).not.toHaveClass(/dimmed/);
});

test('follows the OS dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const app = new AppPage(page);
  await app.open(server.url);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g)!.map(Number);
  expect(r! + g! + b!).toBeLessThan(120);
  await app.send('external', { pick: 'node/k8s-node2:30000' });
  await app.stepTo('dnat');
  await page.screenshot({ path: screenshotPath('12-dark-theme') });
});
