/**
 * The renderer is served from `app://app/…` rather than file:// (Electron security checklist item
 * 18): a standard, secure origin of its own, files only from out/renderer, and the CSP as a header.
 */
import * as fs from 'node:fs/promises';
import type { Protocol } from 'electron';
import { contentType, resolveStaticPath, SECURITY_HEADERS } from '../host/static';

export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Must run before `app.ready`. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/** Answers one app:// request: the file under `root`, or 404 for anything else (other hosts, escapes, misses). */
export async function serveAppRequest(root: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  const file = url.host === APP_HOST ? resolveStaticPath(root, url.pathname) : null;
  if (file) {
    try {
      const body = await fs.readFile(file);
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': contentType(file) } });
    } catch {
      // Fall through to 404: a missing file is not worth telling the renderer more.
    }
  }
  return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' } });
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request.url));
}
