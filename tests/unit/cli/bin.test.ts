/** `bin/kube-traffic.js` as npx runs it: builds when needed (output on stderr), then runs the CLI. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

describe('bin/kube-traffic.js', () => {
  it('prints the nodes table on stdout and exits 0; a usage error exits 2', () => {
    const ok = spawnSync(
      process.execPath,
      [join(root, 'bin', 'kube-traffic.js'), 'get', 'nodes', join(root, 'assets', 'examples', 'seed')],
      {
        encoding: 'utf8',
        timeout: 240_000,
      },
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\nk8s-master\s+Ready\s+control-plane/);
    const bad = spawnSync(process.execPath, [join(root, 'bin', 'kube-traffic.js'), 'load', join(root, 'no-such-folder'), '--json'], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
  }, 300_000);
});
