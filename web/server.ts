/**
 * Browser mode: the renderer (out/renderer) and the engine API on 127.0.0.1 only, with no framework.
 *   POST /api/<method>   body: JSON array of the method's arguments → JSON result (400 when invalid)
 *   GET  /api/events     server-sent events: `snapshot` with the current cluster, then on every change
 * Any page on the user's machine can reach 127.0.0.1, so requests must also prove they come from
 * this origin: the Host header must name it (defeats DNS rebinding), a present Origin must be it,
 * and API calls must be `application/json` (a cross-site form or no-cors fetch cannot send that).
 * Every response carries `Cross-Origin-Resource-Policy: same-origin`, so no other site can embed it.
 * Nothing a request sends can stall the server: bodies are capped (413), event streams are capped
 * (503), and opening a folder runs in the host's engine worker.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClusterSnapshot, KubeTrafficApi } from '../src/api/contract';
import { dispatch, type HostApi } from '../host/dispatch';
import { contentType, resolveStaticPath, SECURITY_HEADERS } from '../host/static';

export interface WebServerOptions {
  api: HostApi & Pick<KubeTrafficApi, 'onSnapshot'>;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** Event streams open at once (default 16: one per tab, and a page shares one among its views). */
  maxEventStreams?: number;
}

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;
/** After a 413, how much more of the body is read into nothing before the socket is closed anyway. */
const MAX_DRAIN_BYTES = 16 << 20;
const MAX_EVENT_STREAMS = 16;
const HEARTBEAT_MS = 15_000;

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** The body as text, or null once it is over MAX_BODY_BYTES (the rest is left unread). */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      resolve(null);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks).toString('utf8'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/**
 * 413, then the rest of the body is read into nothing: a socket closed with unread data resets the
 * connection, and the client would see the reset instead of the answer. A client that keeps
 * sending past MAX_DRAIN_BYTES is cut off.
 */
function refuseLargeBody(req: http.IncomingMessage, res: http.ServerResponse): void {
  send(res, 413, { error: `Request body larger than ${MAX_BODY_BYTES} bytes` }, { Connection: 'close' });
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAIN_BYTES) req.destroy();
  });
  req.resume();
}

/** The names this server answers to; anything else in Host or Origin is another site. */
function localAuthorities(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function isLocalRequest(req: http.IncomingMessage, port: number): boolean {
  const allowed = localAuthorities(port);
  if (!allowed.includes((req.headers.host ?? '').toLowerCase())) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return allowed.some((authority) => origin.toLowerCase() === `http://${authority}`);
}

async function handleApiCall(api: HostApi, method: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    send(res, 415, { error: 'Content-Type must be application/json' });
    return;
  }
  let body: string | null;
  try {
    body = await readBody(req);
  } catch {
    // The client went away mid-body: there is no one to answer.
    return;
  }
  if (body === null) {
    refuseLargeBody(req, res);
    return;
  }
  let args: unknown;
  try {
    args = body.trim() === '' ? [] : JSON.parse(body);
  } catch {
    send(res, 400, { error: 'Request body is not valid JSON' });
    return;
  }
  try {
    const result = await dispatch(api, method, args);
    if (result.kind === 'invalid') send(res, 400, { error: result.error });
    else send(res, 200, result.value ?? null);
  } catch (error) {
    send(res, 500, { error: error instanceof Error ? error.message : String(error) });
  }
}

function handleEvents(api: WebServerOptions['api'], req: http.IncomingMessage, res: http.ServerResponse, done: () => void): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  const push = (snapshot: ClusterSnapshot): void => {
    res.write(`event: snapshot\nid: ${snapshot.revision}\ndata: ${JSON.stringify(snapshot)}\n\n`);
  };
  const unsubscribe = api.onSnapshot(push);
  // A fresh page (or a reconnecting EventSource) starts from the current cluster.
  void api.getSnapshot().then((snapshot) => {
    if (!res.writableEnded) push(snapshot);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    done();
  });
}

function handleStatic(rendererDir: string, urlPath: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const file = resolveStaticPath(rendererDir, urlPath);
  let stat: fs.Stats | null;
  try {
    stat = file ? fs.statSync(file) : null;
  } catch {
    stat = null;
  }
  if ((!file || !stat || !stat.isFile()) && urlPath === '/favicon.ico') {
    // Browsers ask for it unprompted; "no icon" is an answer, not an error worth a console line.
    res.writeHead(204, SECURITY_HEADERS);
    res.end();
    return;
  }
  if (!file || !stat || !stat.isFile()) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(fs.existsSync(rendererDir) ? 'Not found' : 'Not found: the renderer is not built (npm run build)');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentType(file),
    'Content-Length': String(stat.size),
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file).pipe(res);
}

export function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const sockets = new Set<import('node:net').Socket>();
  const maxEventStreams = options.maxEventStreams ?? MAX_EVENT_STREAMS;
  let eventStreams = 0;
  let port = 0;
  const server = http.createServer((req, res) => {
    if (!isLocalRequest(req, port)) {
      send(res, 403, { error: 'Forbidden: this server only answers http://127.0.0.1 pages it served itself' });
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') send(res, 405, { error: 'Use GET' }, { Allow: 'GET' });
      else if (eventStreams >= maxEventStreams) {
        // Each stream holds a socket and a listener for good: a page that opens them in a loop is refused.
        send(
          res,
          503,
          { error: `Too many event streams open (${maxEventStreams}): close other Kube Traffic tabs` },
          { 'Retry-After': '10' },
        );
      } else {
        eventStreams += 1;
        handleEvents(options.api, req, res, () => (eventStreams -= 1));
      }
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') send(res, 405, { error: 'Use POST' }, { Allow: 'POST' });
      else void handleApiCall(options.api, url.pathname.slice('/api/'.length), req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { error: 'Use GET' }, { Allow: 'GET, HEAD' });
      return;
    }
    handleStatic(options.rendererDir, url.pathname, req, res);
  });
  // Node answers unparseable requests itself; give those answers the same headers as ours.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const headers = Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.end(`HTTP/1.1 ${status}\r\n${headers.join('')}Connection: close\r\n\r\n`);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: the API opens folders on this machine and must not be reachable from the network.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            // Event streams never end by themselves: close their sockets so close() completes.
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
