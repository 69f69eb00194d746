/**
 * Ingress in the app, on assets/examples/ingress (the ingress-nginx add-on, a shop Ingress with / → web
 * and /api → api, an admin Ingress with TLS): the controller Pod marked on the map with the rules it
 * routes, and a curl line with a Host header typed in the request bar, followed to the controller's
 * proxy hop — the request it read, the rule it matched and HTTP 200. Screenshots at 1280×720 and
 * 1920×1080, light and dark, go to tests/output/screenshots.
 */
import * as path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AppPage } from './support/app';
import { screenshotEverySize, zoomOn } from './support/screenshots';
import { ROOT, startWeb, type WebServer } from './support/webServer';

const INGRESS = path.join(ROOT, 'assets', 'examples', 'ingress');
let server: WebServer;

test.beforeAll(async () => {
  server = await startWeb(INGRESS);
});
test.afterAll(async () => {
  await server?.stop();
});

/** Every size and theme, for one state of the page; `show` scrolls what the picture is about into view. */
async function screenshots(page: Page, name: string, show?: Locator, zoom?: Locator): Promise<void> {
  await screenshotEverySize(page, `ingress-${name}`, async () => {
    await page.waitForTimeout(200);
    if (zoom) await zoomOn(page, zoom);
    await show?.scrollIntoViewIfNeeded();
  });
}

/** The controller's card: its accessible name says what it is. */
function controllerCard(page: Page) {
  return page.getByRole('group', { name: /^Pod ingress-nginx\/ingress-nginx-controller-\S+, ingress-nginx controller,/ });
}

test('the controller Pod is marked, and its details list the Ingress rules it routes with their lines', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new AppPage(page);
  await app.open(server.url);
  const card = controllerCard(page);
  await expect(card).toBeVisible();
  await expect(card).toContainText('Ingress controller');

  const details = page.getByRole('region', { name: 'Details' });
  const list = details.getByRole('region', { name: 'Ingresses' });
  await expect(list).toContainText('shop');
  await expect(list).toContainText('shop.example.com/api (Prefix) → api:http shop.yaml:71');
  await expect(list).not.toContainText('nothing routes them');

  await card.click();
  const rules = details.getByRole('region', { name: 'Ingress rules it routes' });
  await expect(rules).toContainText('Ingress controller (ingress-nginx)');
  await expect(rules).toContainText('shop.example.com/ (Prefix) → web:80');
  await expect(rules).toContainText('shop.example.com/api (Prefix) → api:http');
  await expect(rules).toContainText('admin.example.com/admin (Prefix) → web:80 admin.yaml:17');
  await screenshots(page, '01-controller', rules);
  expect(errors).toEqual([]);
});

test('a curl line with a Host header is routed by the controller: request, matched rule, HTTP 200', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new AppPage(page);
  await app.open(server.url);
  const svc = app.service('ingress-nginx/ingress-nginx-controller');
  const svcLabel = (await svc.getAttribute('aria-label')) ?? '';
  const nodePort = /80:(\d+)/.exec(svcLabel)?.[1] ?? /(3\d{4})/.exec(svcLabel)?.[1];
  expect(nodePort, `node port in "${svcLabel}"`).toBeTruthy();
  const node = (await app.node('k8s-node1').getAttribute('aria-label')) ?? '';
  const nodeIP = /(\d+\.\d+\.\d+\.\d+)/.exec(node)?.[1];
  expect(nodeIP, `IP in "${node}"`).toBeTruthy();

  await app.send('external', { type: `curl -H 'Host: shop.example.com' http://${nodeIP}:${nodePort}/api` });
  // Outcomes show once playback reaches them.
  await app.toEnd();
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toContainText('1 delivered · HTTP 200');
  await app.home();
  await app.stepTo('proxy');
  const inspector = app.inspector;
  await expect(inspector).toContainText('L7 (ingress-nginx)');
  const request = inspector.getByLabel('HTTP request');
  await expect(request).toContainText('GET /api HTTP/1.1');
  await expect(request).toContainText('Host: shop.example.com');
  await expect(request).toContainText('X-Forwarded-For:');
  await expect(inspector).toContainText('Ingress shop matches path /api (Prefix) → Service api:80');
  await expect(inspector).toContainText('shop.yaml:71');
  await expect(inspector).toContainText('HTTP 200');
  await expect(app.eventRows().filter({ hasText: 'proxy' })).toHaveCount(1);
  await screenshots(page, '02-proxy-hop', request, controllerCard(page));
  // How the request ended shows once playback gets there (the reply back at the client).
  await app.toEnd();
  await expect(inspector.locator('.outcome')).toContainText('HTTP 200 OK');
  expect(errors).toEqual([]);
});
