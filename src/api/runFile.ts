/**
 * A run exported to a file and opened again: one self-contained JSON document with the request as it
 * was sent, the traces and packet events, and the cluster snapshot they were traced on. Opening checks
 * its shape as any payload from outside (src/api/validate.ts): a file is the least trusted input.
 */
import type { ClusterSnapshot } from './contract';
import type { ShownRun } from '../model/trace';
import { parseComponentId } from '../model/componentId';
import { validateSnapshot } from './validate';

export const RUN_FILE_KIND = 'KubeTrafficRun';
export const RUN_FILE_VERSION = 1;
/** More events than the API would ever return for one run (1,000 requests) is not a run of ours. */
const MAX_EVENTS = 200_000;

export interface RunFile {
  kind: typeof RUN_FILE_KIND;
  version: typeof RUN_FILE_VERSION;
  /** The request as the request bar sent it. */
  request: { from: string; to: string; count: number };
  run: ShownRun;
  snapshot: ClusterSnapshot;
}

export function runFile(request: RunFile['request'], run: ShownRun, snapshot: ClusterSnapshot): RunFile {
  return { kind: RUN_FILE_KIND, version: RUN_FILE_VERSION, request, run, snapshot };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function eventError(e: unknown, i: number): string | null {
  const where = `run.events[${i}]`;
  if (!isObject(e)) return `${where}: must be an object`;
  for (const key of ['seq', 'time', 'arrive', 'flowId', 'hopIndex'] as const) {
    if (!finite(e[key])) return `${where}.${key}: must be a number`;
  }
  if (typeof e.packetId !== 'string') return `${where}.packetId: must be a string`;
  if (e.direction !== 'request' && e.direction !== 'response') return `${where}.direction: must be "request" or "response"`;
  if (typeof e.at !== 'string' || parseComponentId(e.at) === null) return `${where}.at: not a component id`;
  if (e.from !== undefined && (typeof e.from !== 'string' || parseComponentId(e.from) === null)) return `${where}.from: not a component id`;
  if (typeof e.action !== 'string') return `${where}.action: must be a string`;
  if (!isObject(e.packet) || typeof e.packet.src !== 'string' || typeof e.packet.dst !== 'string')
    return `${where}.packet: must have src and dst`;
  if (!Array.isArray(e.changed) || !Array.isArray(e.refs)) return `${where}: changed and refs must be lists`;
  if (typeof e.explanation !== 'string') return `${where}.explanation: must be a string`;
  return null;
}

/** run.changes and run.startedAt, optional: the timeline draws a mark per change. */
function runChangesError(changes: unknown, startedAt: unknown): string | null {
  if (startedAt !== undefined && !finite(startedAt)) return 'run.startedAt: must be a number';
  if (changes === undefined) return null;
  if (!Array.isArray(changes)) return 'run.changes: must be a list';
  for (let i = 0; i < changes.length; i++) {
    const ch: unknown = changes[i];
    if (!isObject(ch) || !finite(ch.at) || !finite(ch.request) || typeof ch.text !== 'string') {
      return `run.changes[${i}]: must have at, request (numbers) and text`;
    }
  }
  return null;
}

/** The document in a run file, checked; or why it is not one. */
export function parseRunFile(text: string): { ok: true; value: RunFile } | { ok: false; error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isObject(doc) || doc.kind !== RUN_FILE_KIND) return { ok: false, error: `not a Kube Traffic run (kind ${RUN_FILE_KIND} expected)` };
  if (doc.version !== RUN_FILE_VERSION)
    return { ok: false, error: `version ${JSON.stringify(doc.version)} is not supported (${RUN_FILE_VERSION} is)` };
  const req = doc.request;
  if (!isObject(req) || typeof req.from !== 'string' || typeof req.to !== 'string' || !finite(req.count)) {
    return { ok: false, error: 'request: must have from, to and count' };
  }
  const run = doc.run;
  if (!isObject(run) || !Array.isArray(run.traces) || !Array.isArray(run.events) || !isObject(run.request)) {
    return { ok: false, error: 'run: must have request, traces and events' };
  }
  if (run.events.length > MAX_EVENTS) return { ok: false, error: `run.events: more than ${MAX_EVENTS} events` };
  for (let i = 0; i < run.events.length; i++) {
    const error = eventError(run.events[i], i);
    if (error) return { ok: false, error };
  }
  for (let i = 0; i < run.traces.length; i++) {
    const t: unknown = run.traces[i];
    // Files saved before the window received verdicts only also hold each trace's hops: ignored, the events carry them.
    if (!isObject(t) || typeof t.outcome !== 'string' || typeof t.reason !== 'string') {
      return { ok: false, error: `run.traces[${i}]: must have outcome and reason` };
    }
  }
  const changesError = runChangesError(run.changes, run.startedAt);
  if (changesError) return { ok: false, error: changesError };
  const snapshot = validateSnapshot(doc.snapshot);
  if (!snapshot.ok) return { ok: false, error: snapshot.error };
  return { ok: true, value: doc as unknown as RunFile };
}
