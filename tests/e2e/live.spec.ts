/** The view follows the cluster: a file edited on disk, and a Pod deleted from the app. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './support/app';
import { copyFolder, SEED, screenshotPath, startWeb, type WebServer } from './support/webServer';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

let server: WebServer;
let dir: string;

test.beforeEach(async () => {
  dir = copyFolder(SEED);
  fs.writeFileSync(path.join(dir, 'web.yaml'), WEB);
  server = await startWeb(dir);
});
test.afterEach(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('editing a manifest on disk updates the drawing', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await expect(app.service('svc-1').first()).toHaveAttribute('aria-label', /ports 9000→8080\/TCP/);
  const file = path.join(dir, '3-clusterip', 'svc-1.yaml');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('port: 9000', 'port: 9100'));
  await expect(app.service('svc-1').first()).toHaveAttribute('aria-label', /ports 9100→8080\/TCP/, { timeout: 15_000 });
  // A broken edit shows up in Problems, and the rest of the cluster stays drawn.
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('port: 9100', 'port: nine-thousand'));
  await expect(app.problems).toContainText('3-clusterip/svc-1.yaml', { timeout: 15_000 });
  await expect(app.pod('pod-1')).toBeVisible();
  await page.screenshot({ path: screenshotPath('08-edited-on-disk') });
});

function clusterIP(label: string | null): string {
  return /ClusterIP (\d+\.\d+\.\d+\.\d+)/.exec(label ?? '')?.[1] ?? '';
}

test('deleting a Pod: its controller re-creates it with a new IP while the Service keeps its IP; then scale', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  const webPods = page.getByRole('group', { name: /^Pod web-/ });
  await expect(webPods).toHaveCount(2, { timeout: 15_000 });
  const svcIP = clusterIP(await app.service('web').getAttribute('aria-label'));
  expect(svcIP).toMatch(/^10\./);
  const victim = webPods.first();
  const victimLabel = (await victim.getAttribute('aria-label'))!;
  const [, victimName, victimIP] = /^Pod ([^,]+), ([\d.]+),/.exec(victimLabel)!;
  await victim.click();
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toContainText('Why here?');
  await expect(details).toContainText('Deployment web');
  await page.screenshot({ path: screenshotPath('09-pod-why-here') });
  await page.getByRole('button', { name: 'Delete pod' }).click();
  const toast = page.getByRole('status');
  await expect(toast).toContainText(`pod "${victimName}" deleted`);
  await expect(toast).toContainText('Replaced by web-');
  await expect(toast).toContainText(`Service web keeps ${svcIP}`);
  await expect(app.pod(victimName!)).toHaveCount(0);
  await expect(webPods).toHaveCount(2);
  const ips = await webPods.evaluateAll((els) => els.map((e) => /, ([\d.]+),/.exec(e.getAttribute('aria-label') ?? '')?.[1]));
  expect(ips).not.toContain(victimIP);
  expect(clusterIP(await app.service('web').getAttribute('aria-label'))).toBe(svcIP);
  await page.screenshot({ path: screenshotPath('10-pod-deleted-new-ip') });

  await webPods.first().click();
  await page.getByRole('spinbutton', { name: 'Replicas' }).fill('3');
  await page.getByRole('button', { name: 'Scale' }).click();
  await expect(toast).toContainText('deployment.apps/web scaled to 3');
  await expect(webPods).toHaveCount(3);
});

test('seed lesson: delete the bare pod-2, re-apply the folder (kubectl apply -f): pod-2 is back with a new IP, svc-1 keeps its ClusterIP', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open(server.url);
  const oldIP = await app.podIP('pod-2');
  const svcIP = clusterIP(await app.service('svc-1').getAttribute('aria-label'));
  expect(svcIP).toMatch(/^10\./);
  await app.pod('pod-2').click();
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toContainText('Placed by kube-scheduler on k8s-node2');
  await page.getByRole('button', { name: 'Delete pod' }).click();
  const toast = page.getByRole('status');
  await expect(toast).toContainText('pod "pod-2" deleted');
  await expect(toast).toContainText('nothing re-creates it');
  await expect(app.pod('pod-2')).toHaveCount(0);
  await expect(details).toContainText('That Pod no longer exists');
  // The toast offers the way back: kubectl apply -f on the folder.
  await toast.getByRole('button', { name: 'Re-apply folder (kubectl apply -f)' }).click();
  await expect(toast).toContainText('pod/pod-2 created');
  await expect(toast).toContainText(`Service svc-1 keeps ${svcIP}`);
  await expect(app.pod('pod-2')).toHaveCount(1);
  const newIP = await app.podIP('pod-2');
  expect(newIP).not.toBe(oldIP);
  await expect(toast).toContainText(`New IP ${newIP} (was ${oldIP})`);
  expect(clusterIP(await app.service('svc-1').getAttribute('aria-label'))).toBe(svcIP);
  // The selection was on pod-2 all along: the details show it again, with its new address.
  await expect(details).toContainText(newIP);
  await page.screenshot({ path: screenshotPath('10-bare-pod-reapplied') });
  // The same from the title bar, after deleting pod-1.
  await app.pod('pod-1').click();
  await page.getByRole('button', { name: 'Delete pod' }).click();
  await expect(app.pod('pod-1')).toHaveCount(0);
  await page.getByRole('banner').getByRole('button', { name: 'Re-apply folder', exact: true }).click();
  await expect(app.pod('pod-1')).toHaveCount(1);
  expect(clusterIP(await app.service('svc-1').getAttribute('aria-label'))).toBe(svcIP);
});

test('cordon and drain a node from its details', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  // The node's named group is its selectable frame.
  await app.node('k8s-node1').click({ position: { x: 40, y: 20 } });
  await page.getByRole('button', { name: 'Cordon' }).click();
  await expect(page.getByRole('status')).toContainText('node/k8s-node1 cordoned');
  await expect(app.node('k8s-node1')).toHaveAttribute('aria-label', /SchedulingDisabled/);
  await page.screenshot({ path: screenshotPath('11-node-cordoned') });
  await page.getByRole('button', { name: 'Uncordon' }).click();
  await expect(app.node('k8s-node1')).not.toHaveAttribute('aria-label', /SchedulingDisabled/);
  // Drain evicts the web Pods from k8s-node1; the Deployment re-creates them on another node.
  const onNode1 = page.getByRole('group', { name: /^Pod web-.*on k8s-node1$/ });
  await page.getByRole('button', { name: 'Drain --force' }).click();
  await expect(page.getByRole('status')).toContainText('node/k8s-node1 drained');
  await expect(onNode1).toHaveCount(0);
  await expect(page.getByRole('group', { name: /^Pod web-/ })).toHaveCount(2);
  // Reset cluster rebuilds from the folder: the node is schedulable again.
  await page.getByRole('button', { name: 'Reset cluster' }).click();
  await expect(app.node('k8s-node1')).not.toHaveAttribute('aria-label', /SchedulingDisabled/);
  await expect(app.pod('pod-1')).toBeVisible();
});
