/**
 * One entry point for API calls arriving from outside the host (IPC in Electron, HTTP in browser
 * mode): the method name and the raw argument list are checked with src/api/validate.ts before the
 * session sees them. Both shells use it, so both enforce the same rules.
 */
import type { KubeTrafficApi } from '../src/api/contract';
import { type ApiArgs, type ApiMethod, isApiMethod, validateArgs } from '../src/api/validate';

export type HostApi = Pick<KubeTrafficApi, ApiMethod>;

export type DispatchResult = { kind: 'ok'; value: unknown } | { kind: 'invalid'; error: string };

export async function dispatch(api: HostApi, method: unknown, rawArgs: unknown): Promise<DispatchResult> {
  if (!isApiMethod(method)) return { kind: 'invalid', error: `Unknown method ${JSON.stringify(method)}` };
  const checked = validateArgs(method, rawArgs);
  if (!checked.ok) return { kind: 'invalid', error: checked.error };
  return { kind: 'ok', value: await call(api, method, checked.value) };
}

function call<M extends ApiMethod>(api: HostApi, method: M, args: ApiArgs[M]): Promise<unknown> {
  // The tuple types of ApiArgs match the method signatures; TypeScript cannot correlate them through M.
  const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
  return fn.apply(api, args as unknown[]);
}
