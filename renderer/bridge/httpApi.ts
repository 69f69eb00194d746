/**
 * KubeTrafficApi over HTTP, for browser mode (web/server.ts): each method is a POST of its argument
 * list to /api/<method>, and snapshots arrive as server-sent events on /api/events. One EventSource
 * is shared by all listeners and closed when the last one unsubscribes; EventSource reconnects by
 * itself if the server restarts, and the server re-sends the current snapshot on every connect.
 */
import type { ClusterSnapshot, KubeTrafficApi, Result } from '../../src/api/contract';
import { validateSnapshot } from '../../src/api/validate';
import { downloadFile } from './download';

export interface HttpApiOptions {
  /** Origin of the server, '' for the page's own (the normal case). */
  baseUrl?: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

export class HttpApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createHttpApi(options: HttpApiOptions = {}): KubeTrafficApi {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const EventSourceImpl = options.EventSource ?? EventSource;

  async function post<T>(method: string, args: unknown[]): Promise<T> {
    const response = await doFetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (body as { error?: unknown } | null)?.error;
      throw new HttpApiError(response.status, typeof error === 'string' ? error : `${method} failed: HTTP ${response.status}`);
    }
    return body as T;
  }

  /** Result-returning methods report a refused request (HTTP 400) as `{ ok: false }`, as in Electron. */
  async function postResult<T>(method: string, args: unknown[]): Promise<Result<T>> {
    try {
      return await post<Result<T>>(method, args);
    } catch (error) {
      if (error instanceof HttpApiError && error.status === 400) return { ok: false, error: error.message };
      throw error;
    }
  }

  const listeners = new Set<(snapshot: ClusterSnapshot) => void>();
  let source: EventSource | null = null;
  let lastRevision = -1;

  function onMessage(event: MessageEvent<string>): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.data);
    } catch {
      return;
    }
    const checked = validateSnapshot(parsed);
    if (!checked.ok) return;
    // A reconnect re-sends the current snapshot; listeners only hear about real changes.
    if (checked.value.revision === lastRevision) return;
    lastRevision = checked.value.revision;
    for (const listener of [...listeners]) listener(checked.value);
  }

  function openStream(): void {
    if (source) return;
    source = new EventSourceImpl(`${base}/api/events`);
    source.addEventListener('snapshot', onMessage as EventListener);
  }

  function closeStream(): void {
    source?.close();
    source = null;
  }

  return {
    getSnapshot: async () => {
      const checked = validateSnapshot(await post<unknown>('getSnapshot', []));
      if (!checked.ok) throw new Error(checked.error);
      return checked.value;
    },
    getChoices: () => post('getChoices', []),
    sendRequest: (req) => postResult('sendRequest', [req]),
    matchSelector: (selector) => postResult('matchSelector', [selector]),
    getReachability: (req) => postResult('getReachability', [req]),
    operate: (op) => postResult('operate', [op]),
    openFolder: (path) => postResult('openFolder', path === undefined ? [] : [path]),
    getRecentFolders: () => post('getRecentFolders', []),
    readSource: (file) => postResult('readSource', [file]),
    getScenarios: () => post('getScenarios', []),
    saveScenario: (scenario) => postResult('saveScenario', [scenario]),
    deleteScenario: (name) => postResult('deleteScenario', [name]),
    // Nothing to ask the server: the browser saves by downloading.
    saveFile: (file) => downloadFile(file),
    onSnapshot: (listener) => {
      listeners.add(listener);
      openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          closeStream();
          lastRevision = -1;
        }
      };
    },
  };
}
