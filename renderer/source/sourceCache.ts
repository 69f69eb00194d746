/**
 * Texts of the folder's files, read once through `readSource` and kept until the cluster changes
 * (App clears it on every snapshot), so excerpts of many refs to one file cost one read.
 */
import type { KubeTrafficApi, Result, SourceFile } from '../../src/api/contract';

let cache = new Map<string, Promise<Result<SourceFile>>>();

export function readCached(api: KubeTrafficApi, file: string): Promise<Result<SourceFile>> {
  let p = cache.get(file);
  if (!p) {
    p = api.readSource(file).catch((e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }));
    cache.set(file, p);
  }
  return p;
}

export function clearSourceCache(): void {
  cache = new Map();
}
