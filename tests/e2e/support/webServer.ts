/**
 * Starts browser mode (`npm run web -- DIR --port 0`) for one spec and reads the URL from its first
 * stdout line. The server runs in its own process group so stopping it also stops npm's child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SEED = path.join(ROOT, 'assets', 'examples', 'seed');
export const SCREENSHOTS = path.join(ROOT, 'tests', 'output', 'screenshots');

export interface WebServer {
  url: string;
  stop(): Promise<void>;
  /** What the server wrote to stderr, for failure messages. */
  log(): string;
}

export async function startWeb(dir: string): Promise<WebServer> {
  const child: ChildProcess = spawn('npm', ['run', '--silent', 'web', '--', dir, '--port', '0'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not print its URL within 120 s\n${stderr}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => /^https?:\/\//.test(l.trim()));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code} before printing its URL\n${stderr}`));
    });
  });
  return {
    url,
    log: () => stderr,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

/** A scratch copy of `src` (e.g. the seed) the test may edit; `remove` lists files to leave out. */
export function copyFolder(src: string, remove: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-e2e-'));
  fs.cpSync(src, dir, { recursive: true });
  for (const r of remove) fs.rmSync(path.join(dir, r), { force: true });
  return dir;
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}
