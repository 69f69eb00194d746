/** `npm run web`: arguments, the URL as the first stdout line, and the real engine behind HTTP/SSE. */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../../src/api/contract';
import { parseWebArgs, type RunningWeb, startWeb, StartError, UsageError } from '../../../web/main';
import { writeAppFolder } from '../../bench/generate';

const SEED = path.resolve(__dirname, '../../../assets/examples/seed');

describe('parseWebArgs', () => {
  it('defaults to the bundled seed on any free port', () => {
    expect(parseWebArgs([])).toEqual({ folder: null, port: 0, seed: 1 });
  });

  it('reads DIR, --port N / --port=N and --seed', () => {
    expect(parseWebArgs(['clusters/shop', '--port', '8080'])).toEqual({ folder: 'clusters/shop', port: 8080, seed: 1 });
    expect(parseWebArgs(['--port=0', '--seed', '7', 'x'])).toEqual({ folder: 'x', port: 0, seed: 7 });
  });

  it.each([
    [['--port'], /flag needs an argument: --port/],
    [['--port', 'http'], /invalid port "http"/],
    [['--port', '70000'], /invalid port "70000"/],
    [['--verbose'], /unknown flag: --verbose/],
    [['a', 'b'], /only one folder/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseWebArgs(argv)).toThrow(UsageError);
    expect(() => parseWebArgs(argv)).toThrow(message);
  });
});

describe('startWeb', () => {
  let tmp: string;
  let folder: string;
  let running: RunningWeb;
  const lines: string[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-webmain-'));
    folder = path.join(tmp, 'seed');
    fs.cpSync(SEED, folder, { recursive: true });
    running = await startWeb([folder, '--port', '0'], (line) => lines.push(line), path.join(tmp, 'config'));
  });

  afterAll(async () => {
    await running?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('prints the URL to open, on 127.0.0.1, as its first line', () => {
    expect(lines[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\n$/);
    expect(running.url).toBe(lines[0].trim());
  });

  it('answers the API with the real engine', async () => {
    const post = (method: string, args: unknown[]) =>
      fetch(`${running.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
    const choices = await (await post('getChoices', [])).json();
    expect(choices.targets.map((t: { id: string }) => t.id)).toContain('node/k8s-node1:30000');
    const sent = await (await post('sendRequest', [{ from: 'node/k8s-master', to: 'svc/svc-1:9000', count: 2 }])).json();
    expect(sent.ok).toBe(true);
    expect(sent.value.traces.map((t: { outcome: string }) => t.outcome)).toEqual(['delivered', 'delivered']);
    const bad = await post('operate', [{ op: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: -1 }]);
    expect(bad.status).toBe(400);
  });

  it('streams a new snapshot after a file in the folder is edited', async () => {
    const req = http.get(`${running.url}api/events`);
    const response = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    response.setEncoding('utf8');
    const received: ClusterSnapshot[] = [];
    let buffer = '';
    const edited = new Promise<ClusterSnapshot>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no snapshot after the edit')), 8000);
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split('\n').find((line) => line.startsWith('data: '));
          if (!data) continue;
          const snapshot = JSON.parse(data.slice(6)) as ClusterSnapshot;
          received.push(snapshot);
          if (received.length === 1) {
            // The stream starts with the current cluster; now change the folder on disk.
            const file = path.join(folder, '4-nodeport', 'svc-2.yaml');
            setTimeout(() => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('nodePort: 30000', 'nodePort: 30001')), 150);
          } else if (snapshot.services.some((s) => s.name === 'svc-2' && s.ports[0].nodePort === 30001)) {
            clearTimeout(timer);
            resolve(snapshot);
          }
        }
      });
    });
    const after = await edited;
    req.destroy();
    expect(received[0].services.find((s) => s.name === 'svc-2')!.ports[0].nodePort).toBe(30000);
    expect(after.revision).toBeGreaterThan(received[0].revision);
    expect(after.folder).toBe(folder);
  });

  it('answers other requests while a big folder loads, and the next open cancels that load', async () => {
    const big = path.join(tmp, 'big');
    writeAppFolder(big, 9000); // 9,000 Pods: seconds of simulation
    const post = (method: string, args: unknown[]) =>
      fetch(`${running.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
    let settled = false;
    const opening = post('openFolder', [big]).then(async (reply) => {
      settled = true;
      return reply.json();
    });
    // The open has no progress event to wait for: give it time to reach the engine worker.
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    // The page (404 where the renderer is not built: an answer all the same).
    expect([200, 404]).toContain((await fetch(running.url)).status);
    expect((await (await post('getSnapshot', [])).json()).folder).toBe(folder);
    const sent = await (await post('sendRequest', [{ from: 'external', to: 'node/k8s-node1:30000', count: 1 }])).json();
    expect(sent.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(settled).toBe(false);
    const back = await (await post('openFolder', [folder])).json();
    expect(back).toMatchObject({ ok: true, value: { folder } });
    expect(await opening).toEqual({ ok: false, error: `Loading ${big} was cancelled: another folder was opened` });
  });

  it('refuses a missing folder as a usage error', async () => {
    await expect(startWeb([path.join(tmp, 'nope')], () => {}, path.join(tmp, 'config'))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('does not exist'),
    });
    await expect(startWeb(['--bogus'], () => {})).rejects.toBeInstanceOf(StartError);
  });
});
