/**
 * IPC handlers, one per API method. Every call is checked three ways before the session sees it
 * (Electron security checklist item 17, after VS Code's ValidatedIpcMain): the channel carries the
 * `kube-traffic:` prefix, the sender is the main frame of our own page (app://app, or the dev
 * server's origin in development), and the arguments pass src/api/validate.ts.
 */
import { CHANNELS } from '../src/api/contract';
import { API_METHODS, type ApiMethod } from '../src/api/validate';
import { dispatch, type HostApi } from '../host/dispatch';

/** The part of an IpcMainInvokeEvent we trust: where the call came from. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

const CHANNEL_PREFIX = 'kube-traffic:';

/** Methods whose answer is a Result: bad arguments come back as `{ ok: false }`, like any refusal. */
const RESULT_METHODS: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'sendRequest',
  'matchSelector',
  'getReachability',
  'operate',
  'openFolder',
  'readSource',
  'saveScenario',
  'deleteScenario',
]);

/**
 * Whether an invoke comes from the main frame of a page we serve. Origins are compared after
 * parsing (`new URL`), never by string prefix (`app://app.evil` must not pass).
 */
export function isTrustedSender(event: InvokeEventLike, allowedOrigins: readonly string[]): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  return allowedOrigins.some((allowed) => {
    const expected = new URL(allowed);
    return url.protocol === expected.protocol && url.host === expected.host;
  });
}

/** Registers the handlers; returns a function that removes them (window closed, tests). */
export function registerIpcHandlers(ipc: IpcMainLike, api: HostApi, allowedOrigins: readonly string[]): () => void {
  const channels: string[] = [];
  for (const method of API_METHODS) {
    const channel = CHANNELS[method];
    if (!channel.startsWith(CHANNEL_PREFIX)) throw new Error(`IPC channel ${channel} lacks the ${CHANNEL_PREFIX} prefix`);
    ipc.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event, allowedOrigins)) {
        throw new Error(`Blocked ${channel} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
      }
      const result = await dispatch(api, method, args);
      if (result.kind === 'ok') return result.value;
      if (RESULT_METHODS.has(method)) return { ok: false, error: result.error };
      throw new Error(result.error);
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipc.removeHandler(channel);
  };
}
