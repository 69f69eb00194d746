/** `kube-traffic trace DIR --from S --to T [--count N] [--interval D] [--previous OLD_DIR] [--wait D] [--header 'Host: x'] [--json]`. */
import { parseArgs, type FlagSpec } from '../args';
import { parseDuration } from '../duration';
import { clusterFromEdit, clusterFromFolder, problemsNote } from '../folder';
import { advanceCluster } from '../../src/cluster/advance';
import type { CliIo } from '../io';
import { newNetState, traceRequests } from '../../src/trace/index';
import { TraceUsageError } from '../../src/trace/errors';
import { formatTraceRun } from '../../src/view/traceText';
import { TRACE_HELP, UsageError } from '../usage';
import { COMMON_FLAGS, onlyDir, seedOf, toJson } from './common';

const FLAGS: FlagSpec[] = [
  ...COMMON_FLAGS,
  { name: 'from', kind: 'string' },
  { name: 'to', kind: 'string' },
  { name: 'count', kind: 'int' },
  { name: 'interval', kind: 'string' },
  { name: 'previous', kind: 'string' },
  { name: 'wait', kind: 'string' },
  { name: 'header', short: 'H', kind: 'strings' },
  { name: 'json', kind: 'bool' },
];

export function traceCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, FLAGS);
  if (args.flags.help) {
    io.stdout(TRACE_HELP);
    return 0;
  }
  const dir = onlyDir(args, 'trace');
  const from = args.flags.from as string | undefined;
  const to = args.flags.to as string | undefined;
  const missing = [from === undefined ? '"from"' : '', to === undefined ? '"to"' : ''].filter(Boolean);
  if (missing.length) throw new UsageError(`required flag(s) ${missing.join(', ')} not set`, 'trace');
  const count = args.flags.count as number | undefined;
  if (count !== undefined && count < 1) {
    throw new UsageError(`invalid argument "${count}" for "--count" flag: must be at least 1`, 'trace');
  }
  const intervalText = args.flags.interval as string | undefined;
  const intervalSeconds = intervalText === undefined ? undefined : parseDuration(intervalText);
  if (intervalSeconds === null) {
    throw new UsageError(`invalid argument "${intervalText}" for "--interval" flag: time: invalid duration "${intervalText}"`, 'trace');
  }
  const waitText = args.flags.wait as string | undefined;
  const waitSeconds = waitText === undefined ? 0 : parseDuration(waitText);
  if (waitSeconds === null) {
    throw new UsageError(`invalid argument "${waitText}" for "--wait" flag: time: invalid duration "${waitText}"`, 'trace');
  }
  const seed = seedOf(args);
  const previous = args.flags.previous as string | undefined;
  const applied = previous !== undefined ? clusterFromEdit(previous, dir, seed, 'trace') : clusterFromFolder(dir, seed, 'trace');
  // --wait: the cluster runs on (grace periods end, rollout steps happen) before the first request.
  const waited = advanceCluster(applied, applied.clock + waitSeconds);
  const cluster = waited.cluster;
  let run;
  try {
    const headers = (args.flags.header as string[] | undefined) ?? [];
    run = traceRequests(
      cluster,
      { from: from as string, to: to as string, count: count ?? 1, seed, headers, intervalSeconds },
      newNetState(),
    ).run;
  } catch (e) {
    if (e instanceof TraceUsageError) throw new UsageError(e.message, 'trace');
    throw e;
  }
  io.stderr(problemsNote(cluster, dir));
  // What changed on its own, before the requests (--wait) and between them, in order.
  const changes = [...waited.changes.map((c) => ({ at: c.at, request: 0, text: c.text })), ...(run.changes ?? [])];
  const timed = changes.length > 0 ? { changes } : {};
  if (args.flags.json) io.stdout(toJson(count !== undefined ? { traces: run.traces, ...timed } : { ...run.traces[0], ...timed }));
  else io.stdout(formatTraceRun(changes.length > 0 ? { ...run, changes } : run));
  return 0;
}
