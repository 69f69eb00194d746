/**
 * `kube-traffic`: the headless shell over the engine (../shared/cli-contract.md).
 * `run(argv, io)` does everything and returns the exit status, so tests call it directly;
 * `main()` binds it to the process.
 */
import { processIo, type CliIo } from './io';
import { digCommand } from './commands/dig';
import { getCommand } from './commands/get';
import { loadCommand } from './commands/load';
import { reachCommand } from './commands/reach';
import { testCommand } from './commands/test';
import { traceCommand } from './commands/trace';
import { packageVersion } from './version';
import { ROOT_HELP, UsageError } from './usage';

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => number> = {
  load: loadCommand,
  get: getCommand,
  trace: traceCommand,
  reach: reachCommand,
  test: testCommand,
  dig: digCommand,
};

/** Flags that take a value, so a flag given before the command does not swallow it as the command. */
const VALUE_FLAGS = new Set([
  '--header',
  '-H',
  '--interval',
  '--seed',
  '-n',
  '--namespace',
  '-l',
  '--selector',
  '-o',
  '--output',
  '--from',
  '--to',
  '--count',
  '--port',
  '--junit',
]);

/** Leading flags before the command (`kube-traffic --seed 3 get pods DIR`) move after it. */
function splitCommand(argv: readonly string[]): { command?: string; rest: string[] } {
  const lead: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (VALUE_FLAGS.has(a)) {
      lead.push(a, ...(i + 1 < argv.length ? [argv[++i]] : []));
    } else if (a.startsWith('-')) {
      lead.push(a);
    } else {
      return { command: a, rest: [...lead, ...argv.slice(i + 1)] };
    }
  }
  return { rest: lead };
}

export function run(argv: readonly string[], io: CliIo): number {
  let command: string | undefined;
  try {
    const split = splitCommand(argv);
    command = split.command;
    if (command === undefined || !(command in COMMANDS)) {
      if (split.rest.includes('--version')) {
        io.stdout(`kube-traffic ${packageVersion()}\n`);
        return 0;
      }
      if (command === undefined && split.rest.every((a) => a === '-h' || a === '--help')) {
        // Like kubectl: no command (or just --help) prints the help.
        io.stdout(ROOT_HELP);
        return 0;
      }
      if (command === undefined) throw new UsageError('a command is required: load, get, trace, reach, test or dig');
      if (command === 'help') {
        const topic = split.rest.find((a) => !a.startsWith('-'));
        return topic && topic in COMMANDS ? COMMANDS[topic](['--help'], io) : (io.stdout(ROOT_HELP), 0);
      }
      throw new UsageError(`unknown command ${JSON.stringify(command)} for "kube-traffic"`);
    }
    if (split.rest.includes('--version')) {
      io.stdout(`kube-traffic ${packageVersion()}\n`);
      return 0;
    }
    return COMMANDS[command](split.rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.verbatim) io.stderr(`${e.message}\n`);
      else {
        const cmd = e.command ?? (command && command in COMMANDS ? command : undefined);
        io.stderr(`error: ${e.message}\nSee 'kube-traffic${cmd ? ` ${cmd}` : ''} --help' for usage.\n`);
      }
      return 2;
    }
    io.stderr(`error: internal failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

export function main(): void {
  process.exitCode = run(process.argv.slice(2), processIo);
}

if (require.main === module) main();
