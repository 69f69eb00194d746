/** app:// serves the built renderer and nothing else, always with the CSP header. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStaticPath, CONTENT_SECURITY_POLICY } from '../../../electron/host/static';
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

describe('resolveStaticPath', () => {
  it('maps / to index.html and other paths under the root', () => {
    expect(resolveStaticPath('/srv/r', '/')).toBe(path.resolve('/srv/r/index.html'));
    expect(resolveStaticPath('/srv/r', '/assets/a.js')).toBe(path.resolve('/srv/r/assets/a.js'));
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/a%00.js', '/%E0%A4%A', '/..%5csecret.txt'])(
    'refuses %s',
    (urlPath) => {
      expect(resolveStaticPath('/srv/r', urlPath)).toBeNull();
    },
  );
});

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

  it('the CSP allows only the app itself: no remote code, no inline script, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });
});
