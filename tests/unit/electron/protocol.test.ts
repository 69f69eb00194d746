/** app:// serves the built renderer and nothing else, always with the CSP header. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../host/static';
import { serveAppRequest } from '../../../electron/protocol';

let root: string;
let outside: string;

beforeAll(() => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-protocol-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Kube Traffic</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  outside = path.join(base, 'secret.txt');
  fs.writeFileSync(outside, 'do not serve');
});

afterAll(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

describe('serveAppRequest', () => {
  it('serves index.html and assets with their type and the CSP header', async () => {
    const page = await serveAppRequest(root, 'app://app/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Kube Traffic</title>');
    const script = await serveAppRequest(root, 'app://app/assets/index-abc.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for files outside the renderer, other hosts and missing files', async () => {
    // new URL() normalises plain ../ away, so try the encoded form too.
    for (const url of ['app://app/../secret.txt', 'app://app/%2e%2e/secret.txt', 'app://other/index.html', 'app://app/nope.js']) {
      const response = await serveAppRequest(root, url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('do not serve');
    }
  });
});
