/**
 * Cluster DNS in the app, on the seed: a request to a name from a Pod first asks kube-dns — the query
 * packet goes to a CoreDNS Pod (which comes onto the map for the run) and the answer comes back — then
 * the connection. The Packet inspector shows each DNS message: its question, then the answer's rcode
 * and records. Screenshots at 1280×720 and 1920×1080, light and dark, go to tests/output/screenshots.
 */
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './support/app';
import { screenshotEverySize } from './support/screenshots';
import { SEED, startWeb, type WebServer } from './support/webServer';

let server: WebServer;

test.beforeAll(async () => {
  server = await startWeb(SEED);
});
test.afterAll(async () => {
  await server?.stop();
});

const coreDnsPods = (page: Page) => page.getByRole('group', { name: /^Pod kube-system\/coredns-/ });

/** Pause the autoplay and go back to the first hop. */
async function toStart(page: Page): Promise<void> {
  const pause = page.getByRole('button', { name: 'Pause' });
  if (await pause.isVisible()) await pause.click();
  await page.getByRole('button', { name: 'Jump to start' }).click();
}

/** Step until the inspector's text matches, at most the whole run. */
async function stepUntil(app: AppPage, text: RegExp): Promise<void> {
  const rows = await app.eventRows().count();
  const message = app.inspector.getByRole('group', { name: 'DNS message' });
  for (let i = 0; i < rows; i++) {
    // The DNS message when the hop carries one, else the whole inspector (whose outcome line may say more).
    const shown = (await message.count()) > 0 ? await message.textContent() : await app.inspector.textContent();
    if (text.test(shown ?? '')) return;
    await app.stepForward();
  }
  throw new Error(`no hop whose inspector text matches ${text}`);
}

test('a name from a Pod: the DNS query to CoreDNS and its answer come first, each shown in the inspector', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new AppPage(page);
  await app.open(server.url);
  // CoreDNS is the cluster's own plumbing: off the map until a request asks it.
  await expect(coreDnsPods(page)).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Target' }).locator('optgroup[label="DNS name"] option').first()).toBeAttached();

  await app.send('pod/pod-1', { type: 'curl http://svc-1:9000/' });
  await expect(coreDnsPods(page)).toHaveCount(2);
  // Back to the first hop: the query leaving pod-1 for kube-dns.
  await toStart(page);
  await stepUntil(app, /DNS query/);
  const message = app.inspector.getByRole('group', { name: 'DNS message' });
  await expect(message).toContainText('DNS query');
  await expect(message).toContainText('svc-1.default.svc.cluster.local IN A');
  await expect(app.inspector).toContainText('10.96.0.10:53');
  await expect(app.inspector).toContainText('search default.svc.cluster.local svc.cluster.local cluster.local, ndots:5');
  await screenshotEverySize(page, 'dns-01-query', () => page.waitForTimeout(200));

  // The answer on its way back: NOERROR with svc-1's ClusterIP.
  await stepUntil(app, /DNS response/);
  await expect(message).toContainText('NOERROR');
  await expect(message).toContainText(/svc-1\.default\.svc\.cluster\.local 30 IN A 10\.\d+\.\d+\.\d+/);
  await screenshotEverySize(page, 'dns-02-answer', () => page.waitForTimeout(200));

  // Then the connection itself, to the ClusterIP the answer gave.
  await stepUntil(app, /Destination NAT/);
  await expect(app.inspector).toContainText('svc-1');
  await expect(app.inspector.getByRole('group', { name: 'DNS message' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a name nothing answers for: every search-path query is NXDOMAIN, and the request ends unresolved', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(server.url);
  await app.send('pod/pod-1', { type: 'nope:80' });
  await toStart(page);
  await stepUntil(app, /NXDOMAIN/);
  await expect(app.inspector.getByRole('group', { name: 'DNS message' })).toContainText('NXDOMAIN');
  await expect(app.inspector).toContainText('nope.default.svc.cluster.local');
  await screenshotEverySize(page, 'dns-03-nxdomain', () => page.waitForTimeout(200));
  // The last answer ends the request: unresolved, as curl's "Could not resolve host".
  await page.getByRole('button', { name: 'Jump to end' }).click();
  await expect(app.inspector).toContainText('unresolved');
  await expect(app.inspector).toContainText('Could not resolve host: nope');
});
