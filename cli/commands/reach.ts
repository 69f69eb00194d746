/** `kube-traffic reach DIR [--from SEL] [--to SEL] [--port PORT[/PROTO]] [--json]`: the reachability matrix. */
import { parseArgs, type FlagSpec } from '../args';
import { clusterFromFolder, problemsNote } from '../folder';
import type { CliIo } from '../io';
import { reachMatrix } from '../../src/engine/reach';
import { formatReach } from '../../src/engine/reachText';
import { REACH_HELP, UsageError } from '../usage';
import { COMMON_FLAGS, onlyDir, seedOf, toJson } from './common';

const FLAGS: FlagSpec[] = [
  ...COMMON_FLAGS,
  { name: 'from', kind: 'string' },
  { name: 'to', kind: 'string' },
  { name: 'port', kind: 'string' },
  { name: 'json', kind: 'bool' },
];

export function reachCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, FLAGS);
  if (args.flags.help) {
    io.stdout(REACH_HELP);
    return 0;
  }
  const dir = onlyDir(args, 'reach');
  const seed = seedOf(args);
  const cluster = clusterFromFolder(dir, seed, 'reach');
  const result = reachMatrix(cluster, {
    from: args.flags.from as string | undefined,
    to: args.flags.to as string | undefined,
    port: args.flags.port as string | undefined,
    seed,
  });
  // The API server's BadRequest for a selector is printed as kubectl prints it, as `get -l` does.
  if (!result.ok) throw new UsageError(result.error, 'reach', result.apiServer);
  io.stderr(problemsNote(cluster, dir));
  const m = result.value;
  // The contract's three keys, nothing else (the reasons stay in the engine's result).
  io.stdout(args.flags.json ? toJson({ sources: m.sources, targets: m.targets, outcomes: m.outcomes }) : formatReach(m));
  return 0;
}
