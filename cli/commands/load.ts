/** `kube-traffic load DIR [--json]`. */
import { parseArgs, type FlagSpec } from '../args';
import { clusterFromFolder } from '../folder';
import type { CliIo } from '../io';
import { toLoadJson } from '../../src/view/loadJson';
import { formatLoadSummary } from '../../src/view/loadSummary';
import { LOAD_HELP } from '../usage';
import { COMMON_FLAGS, onlyDir, seedOf, toJson } from './common';

const FLAGS: FlagSpec[] = [...COMMON_FLAGS, { name: 'json', kind: 'bool' }];

export function loadCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, FLAGS);
  if (args.flags.help) {
    io.stdout(LOAD_HELP);
    return 0;
  }
  const dir = onlyDir(args, 'load');
  const cluster = clusterFromFolder(dir, seedOf(args), 'load');
  io.stdout(args.flags.json ? toJson(toLoadJson(cluster)) : formatLoadSummary(cluster));
  return 0;
}
