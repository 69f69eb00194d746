/**
 * IPC handlers, one per API method. Every call is checked three ways before the session sees it
 * (Electron security checklist item 17, after VS Code's ValidatedIpcMain): the channel carries the
 * `kube-traffic:` prefix, the sender is the main frame of our own page (app://app, or the dev
 * server's origin in development), and the arguments pass src/api/validate.ts.
 */
import { CHANNELS, type Result, type SavedFile, type SaveFileRequest } from '../src/api/contract';
import { API_METHODS, type ApiMethod, validateSaveFile } from '../src/api/validate';
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

/**
 * saveFile is the window's, not the session's (a Save dialog, then a write where the user chose), so it
 * has its own handler, checked the same way: trusted sender, then validateSaveFile. Returns the remover.
 */
export function registerSaveFileHandler(
  ipc: IpcMainLike,
  save: (file: SaveFileRequest) => Promise<Result<SavedFile>>,
  allowedOrigins: readonly string[],
): () => void {
  const channel = CHANNELS.saveFile;
  ipc.handle(channel, async (event, ...args) => {
    if (!isTrustedSender(event, allowedOrigins)) {
      throw new Error(`Blocked ${channel} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
    }
    if (args.length !== 1) return { ok: false, error: `saveFile: expected 1 argument, got ${args.length}` };
    const checked = validateSaveFile(args[0]);
    return checked.ok ? save(checked.value) : checked;
  });
  return () => ipc.removeHandler(channel);
}
