/**
 * The tree watch on Linux: one watch per directory the folder reader reads, so node_modules and
 * hidden folders cost nothing, and sub-folders created later are watched too.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TreeWatch, watchTree } from '../../../host/treeWatch';

let dir: string;
let watch: TreeWatch | null;
/** Every change reported, as the paths named (events arrive in order: inotify has one queue). */
let changes: string[];
let waiters: (() => void)[];

/** Resolves at the next change reported after now. */
function nextChange(timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no change reported in time')), timeoutMs);
    waiters.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function start(maxDirs?: number): void {
  watch = watchTree(
    dir,
    {
      changed: (file) => {
        changes.push(path.relative(dir, file ?? dir));
        for (const waiter of waiters.splice(0)) waiter();
      },
      broken: () => {},
    },
    maxDirs,
  );
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-tree-'));
  fs.mkdirSync(path.join(dir, 'apps', 'web'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules', 'left-pad'), { recursive: true });
  fs.mkdirSync(path.join(dir, '.git', 'objects'), { recursive: true });
  changes = [];
  waiters = [];
  watch = null;
});

afterEach(() => {
  watch?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('watchTree on Linux', () => {
  it('reports a change in a nested folder, and none in node_modules or hidden folders', async () => {
    start();
    fs.writeFileSync(path.join(dir, 'node_modules', 'left-pad', 'index.js'), 'x');
    fs.writeFileSync(path.join(dir, '.git', 'objects', 'ab'), 'x');
    // Absence cannot be awaited: a nested write after them must be the first change seen.
    const nested = nextChange();
    fs.writeFileSync(path.join(dir, 'apps', 'web', 'svc.yaml'), 'kind: Service\n');
    await nested;
    expect(changes[0]).toBe(path.join('apps', 'web', 'svc.yaml'));
  });

  it('watches a sub-folder created after it started, and lets go of a removed one', async () => {
    start();
    const created = nextChange();
    fs.mkdirSync(path.join(dir, 'apps', 'api'));
    await created;
    const written = nextChange();
    fs.writeFileSync(path.join(dir, 'apps', 'api', 'deploy.yaml'), 'kind: Deployment\n');
    await written;
    const removed = nextChange();
    fs.rmSync(path.join(dir, 'apps', 'api'), { recursive: true });
    await removed;
    const again = nextChange();
    fs.mkdirSync(path.join(dir, 'apps', 'api'));
    await again;
    const rewritten = nextChange();
    fs.writeFileSync(path.join(dir, 'apps', 'api', 'deploy.yaml'), 'kind: Deployment\n');
    await rewritten;
  });

  it('stops at the cap of watched folders', async () => {
    start(2); // the folder and apps/; apps/web is past the cap
    fs.writeFileSync(path.join(dir, 'apps', 'web', 'unseen.yaml'), 'x');
    const top = nextChange();
    fs.writeFileSync(path.join(dir, 'top.yaml'), 'x');
    await top;
    expect(changes[0]).toBe('top.yaml');
  });
});
