/** `kube-traffic get KIND DIR [NAME...] [-o wide] [-l SEL] [-n NS | -A]`: kubectl's tables. */
import { existsSync, statSync } from 'node:fs';
import { parseArgs, type FlagSpec } from '../args';
import { clusterFromFolder, problemsNote } from '../folder';
import type { CliIo } from '../io';
import { kubectlGet, resolveGetKind } from '../../src/view/kubectl/get';
import { GET_HELP, UsageError } from '../usage';
import { COMMON_FLAGS, seedOf } from './common';

const FLAGS: FlagSpec[] = [
  ...COMMON_FLAGS,
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
];

const isDir = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();

/** DIR and object names: `get svc DIR svc-3`, or (as people type it) `get svc svc-3 DIR`. */
function dirAndNames(rest: string[]): { dir: string; names: string[] } {
  if (rest.length === 0) throw new UsageError('DIR is required', 'get');
  if (rest.length > 1 && !isDir(rest[0]) && isDir(rest[rest.length - 1])) {
    return { dir: rest[rest.length - 1], names: rest.slice(0, -1) };
  }
  return { dir: rest[0], names: rest.slice(1) };
}

export function getCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, FLAGS);
  if (args.flags.help) {
    io.stdout(GET_HELP);
    return 0;
  }
  const [kindArg, ...rest] = args.positional;
  if (kindArg === undefined) {
    throw new UsageError(
      'You must specify the type of resource to get. Use one of: pods (po), services (svc), nodes (no), endpoints (ep), endpointslices, ingresses (ing)',
      'get',
    );
  }
  const kind = resolveGetKind(kindArg);
  if (!kind) throw new UsageError(`the server doesn't have a resource type ${JSON.stringify(kindArg)}`, 'get');
  const output = args.flags.output as string | undefined;
  if (output !== undefined && output !== 'wide') {
    throw new UsageError(
      `unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: wide`,
      'get',
    );
  }
  const { dir, names } = dirAndNames(rest);
  const cluster = clusterFromFolder(dir, seedOf(args), 'get');
  const result = kubectlGet(cluster, kind, {
    wide: output === 'wide',
    selector: args.flags.selector as string | undefined,
    namespace: args.flags.namespace as string | undefined,
    allNamespaces: args.flags['all-namespaces'] === true,
    names,
  });
  if (!result.ok) throw new UsageError(result.error, undefined, true);
  io.stderr(problemsNote(cluster, dir));
  io.stdout(result.stdout);
  io.stderr(result.stderr);
  // A name that does not exist is a bad argument, like an unknown trace target.
  return result.notFound.length > 0 ? 2 : 0;
}
