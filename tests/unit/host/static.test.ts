/** What both shells serve the renderer with: one path-containment rule and one CSP. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, resolveStaticPath } from '../../../host/static';

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

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only the app itself: no remote code, no inline script, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });
});
