/** `kube-traffic test DIR EXPECTATIONS.yaml [--junit FILE]`: connectivity expectations as code, for CI. */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs, type FlagSpec } from '../args';
import { clusterFromFolder, problemsNote } from '../folder';
import type { CliIo } from '../io';
import { junitXml } from '../junit';
import { checkExpectations } from '../../src/engine/expectations';
import { formatExpectationProblem, formatExpectationResults } from '../../src/engine/expectationsText';
import { TEST_HELP, UsageError } from '../usage';
import { COMMON_FLAGS, seedOf } from './common';

const FLAGS: FlagSpec[] = [...COMMON_FLAGS, { name: 'junit', kind: 'string' }];

function readExpectations(file: string): string {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new UsageError(`the path ${JSON.stringify(file)} does not exist`, 'test');
  }
  if (!isFile) throw new UsageError(`the path ${JSON.stringify(file)} is not a file`, 'test');
  return readFileSync(file, 'utf8');
}

export function testCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, FLAGS);
  if (args.flags.help) {
    io.stdout(TEST_HELP);
    return 0;
  }
  const [dir, file, extra] = args.positional;
  if (dir === undefined) throw new UsageError('DIR is required', 'test');
  if (file === undefined) throw new UsageError('EXPECTATIONS (a YAML file) is required', 'test');
  if (extra !== undefined) throw new UsageError(`unexpected argument ${JSON.stringify(extra)}`, 'test');
  const text = readExpectations(file);
  const seed = seedOf(args);
  const cluster = clusterFromFolder(dir, seed, 'test');
  const run = checkExpectations(cluster, text, seed);
  if (!run.ok) {
    // Every mistake in the file at once, compiler-style (FILE:LINE:COL: error: …), as `load` reports manifests.
    throw new UsageError(run.problems.map((p) => formatExpectationProblem(file, p)).join('\n'), 'test', true);
  }
  io.stderr(problemsNote(cluster, dir));
  io.stdout(formatExpectationResults(file, run.results));
  const junit = args.flags.junit as string | undefined;
  if (junit !== undefined) {
    try {
      writeFileSync(junit, junitXml(file, run.results));
    } catch (e) {
      throw new UsageError(`cannot write the JUnit report to ${JSON.stringify(junit)}: ${(e as Error).message}`, 'test');
    }
  }
  return run.results.every((r) => r.passed) ? 0 : 1;
}
