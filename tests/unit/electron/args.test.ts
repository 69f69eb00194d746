/** The folder named on the command line, as each launch shape passes it. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderFromArgv } from '../../../electron/args';

describe('folderFromArgv', () => {
  it('unpackaged (electron . DIR): skips electron and the app path', () => {
    expect(folderFromArgv(['/x/electron', '/repo', 'clusters/shop'], true, '/home/me')).toBe(path.resolve('/home/me/clusters/shop'));
    expect(folderFromArgv(['/x/electron', '/repo'], true, '/home/me')).toBeNull();
  });

  it('packaged (Kube Traffic DIR): only the executable comes first', () => {
    expect(folderFromArgv(['/opt/Kube Traffic/kube-traffic', '/srv/manifests'], false, '/')).toBe('/srv/manifests');
    expect(folderFromArgv(['/opt/Kube Traffic/kube-traffic'], false, '/')).toBeNull();
  });

  it('ignores switches that Electron, Chromium or a debugger add', () => {
    expect(folderFromArgv(['/x/electron', '/repo', '--inspect=9229', '--allow-file-access-from-files', 'seed'], true, '/w')).toBe(
      '/w/seed',
    );
    expect(folderFromArgv(['/x/electron', '/repo', '--no-sandbox'], true, '/w')).toBeNull();
  });

  it('finds the app path and folder even when switches come first (Playwright’s launch)', () => {
    expect(
      folderFromArgv(['/x/electron', '--inspect=0', '--remote-debugging-port=0', '/repo', '/srv/seed', '--no-sandbox'], true, '/w'),
    ).toBe('/srv/seed');
    expect(folderFromArgv(['/x/electron', '--inspect=0', '/repo'], true, '/w')).toBeNull();
    expect(folderFromArgv(['/opt/kt/kube-traffic', '--enable-logging', 'shop'], false, '/home/me')).toBe('/home/me/shop');
  });
});
