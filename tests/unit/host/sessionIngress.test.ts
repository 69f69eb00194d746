/** The request box's curl line reaches the Ingress controller with its Host header and path intact. */
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Session } from '../../../host/session';

const INGRESS = path.resolve(__dirname, '../../../assets/examples/ingress');

let tmp: string;
let session: Session;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-ingress-'));
  session = new Session({ configDir: tmp, watch: false });
});

afterEach(() => {
  session.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('routes `curl -H "Host: shop.example.com" http://NODE:NODEPORT/api` by Host and path', async () => {
  const opened = await session.openFolder(INGRESS);
  if (!opened.ok) throw new Error(opened.error);
  const controller = opened.value.services.find((s) => s.name === 'ingress-nginx-controller');
  const nodePort = controller?.ports.find((p) => p.port === 80)?.nodePort;
  const nodeIP = opened.value.nodes.find((n) => !n.name.includes('master'))?.ip ?? opened.value.nodes[0].ip;
  const sent = await session.sendRequest({
    from: 'external',
    to: `curl -H 'Host: shop.example.com' http://${nodeIP}:${nodePort}/api`,
    count: 1,
  });
  if (!sent.ok) throw new Error(sent.error);
  const [trace] = sent.value.traces;
  expect(trace.http).toEqual({ host: 'shop.example.com', path: '/api', status: 200 });
  expect(sent.value.events.some((e) => e.action === 'proxy')).toBe(true);
  // The window gets verdicts: a trace's hops are its packet events, not sent twice.
  expect(trace).not.toHaveProperty('hops');
  expect(trace.pod).toMatch(/^api-/);
  expect(sent.value.request.headers).toEqual(['Host: shop.example.com']);
});
