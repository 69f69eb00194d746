/**
 * A rollout in the app: a Deployment's template edited on disk (the folder is watched) rolls out over
 * simulated time; ten requests spaced by the Interval reach old and new Pods, and the Timeline shows
 * the rollout's steps as marks that jump playback to the request after them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './support/app';
import { screenshotEverySize, zoomOn } from './support/screenshots';
import { copyFolder, SEED, startWeb, type WebServer } from './support/webServer';

const web = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
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
        image: ${image}
        ports:
        - containerPort: 80
        readinessProbe:
          httpGet:
            path: /
            port: 80
          initialDelaySeconds: 2
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
  fs.writeFileSync(path.join(dir, 'web.yaml'), web('nginx:1.25'));
  server = await startWeb(dir);
});
test.afterEach(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The ReplicaSet names (`web-HASH`) of the Pods drawn now. */
async function replicaSets(app: AppPage): Promise<Set<string>> {
  const labels = await app.page
    .getByRole('group', { name: /^Pod web-/ })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return new Set(labels.map((l) => /^Pod (web-[a-z0-9]+)-/.exec(l)?.[1] ?? ''));
}

test('an edited template rolls out: old and new Pods answer, the timeline marks each step', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new AppPage(page);
  await app.open(server.url);
  const webPods = page.getByRole('group', { name: /^Pod web-/ });
  await expect(webPods).toHaveCount(3, { timeout: 15_000 });
  const before = await replicaSets(app);
  expect(before.size).toBe(1);
  const [oldRS] = [...before];

  // The edit: a new image is a new template, so a new ReplicaSet (maxSurge 25% → one Pod at a time).
  fs.writeFileSync(path.join(dir, 'web.yaml'), web('nginx:1.26'));
  await expect.poll(async () => (await replicaSets(app)).size, { timeout: 15_000 }).toBe(2);
  const newRS = [...(await replicaSets(app))].find((rs) => rs !== oldRS)!;
  // Mid-rollout, each Pod says which template it runs: its ReplicaSet, old or new.
  await expect(page.getByRole('group', { name: new RegExp(`^Pod ${newRS}-.*ReplicaSet ${newRS} \\(new template\\)`) })).toHaveCount(1);
  await expect(page.getByRole('group', { name: new RegExp(`^Pod ${oldRS}-.*ReplicaSet ${oldRS} \\(old template\\)`) })).toHaveCount(3);

  await page.getByRole('spinbutton', { name: 'Interval' }).fill('2');
  await app.send('pod/pod-1', { pick: 'svc/web:80' }, 10);
  await app.toEnd();
  await expect(app.playbackBar).toContainText('10 delivered');

  // Both templates answered, each under its ReplicaSet's hash.
  await expect(app.results).toContainText(`${oldRS}-`);
  await expect(app.results).toContainText(`${newRS}-`);

  // The rollout's steps, each named with when and what happened.
  const steps = page.getByRole('group', { name: 'Rollout steps' });
  const marks = steps.getByRole('button');
  expect(await marks.count()).toBeGreaterThanOrEqual(2);
  await expect(marks.first()).toHaveAccessibleName(/^\d+ s into the run \(cluster clock \d+ s\), before request \d+: .*is Ready/);
  await expect(steps.getByRole('button', { name: new RegExp(`Scaled down replica set ${oldRS} from \\d to 0`) })).toHaveCount(1);
  await expect(steps.getByRole('button', { name: /deployment "web" successfully rolled out/ })).toHaveCount(1);

  // Activating a mark jumps to the first hop of the request sent after it.
  const name = (await marks.first().getAttribute('aria-label'))!;
  const request = Number(/before request (\d+)/.exec(name)![1]);
  await marks.first().focus();
  await page.keyboard.press('Enter');
  const row = app.eventList.getByRole('row', { selected: true });
  await expect(row).toContainText(new RegExp(`#${request}(?!\\d)`));
  await expect(row).toContainText('send');
  expect(request).toBeGreaterThan(1);

  // The old Pods scaled away are Terminating for their grace period (30 s), still drawn, faded.
  await expect(page.getByRole('group', { name: new RegExp(`^Pod ${oldRS}-[a-z0-9]+, [\\d.]+, Terminating`) })).toHaveCount(3);
  await expect(page.locator('.pod.terminating')).toHaveCount(3);

  await app.toEnd();
  await screenshotEverySize(page, 'rollout-01-timeline');
  // Close up: old Pods Terminating (faded, dashed), the new template's Pods with their hash.
  const oldPod = page.getByRole('group', { name: new RegExp(`^Pod ${oldRS}-`) }).first();
  await screenshotEverySize(page, 'rollout-02-templates', () => zoomOn(page, oldPod));
  expect(errors).toEqual([]);
});
