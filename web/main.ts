/**
 * `npm run web -- [DIR] [--port N] [--seed S]`: browser mode. Prints the URL as its first line of
 * stdout (tests and people read it), messages on stderr, and runs until killed. Exit 2 for a usage
 * error (unknown flag, bad port, folder missing), as the CLI does.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from '../host/session';
import { startWebServer } from './server';

export interface WebArgs {
  folder: string | null;
  port: number;
  seed: number;
}

export class UsageError extends Error {}

const USAGE = 'usage: npm run web -- [DIR] [--port N] [--seed S]';

export function parseWebArgs(argv: readonly string[]): WebArgs {
  const args: WebArgs = { folder: null, port: 0, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`flag needs an argument: ${flag}\n${USAGE}`);
      return v;
    };
    if (flag === '--port' || flag === '-p') {
      const text = value();
      const port = Number(text);
      if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`invalid port "${text}": must be 0-65535\n${USAGE}`);
      args.port = port;
    } else if (flag === '--seed') {
      const text = value();
      if (!/^-?\d+$/.test(text)) throw new UsageError(`invalid seed "${text}": must be an integer\n${USAGE}`);
      args.seed = Number(text);
    } else if (flag === '--help' || flag === '-h') {
      throw new UsageError(USAGE);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown flag: ${arg}\n${USAGE}`);
    } else if (args.folder === null) {
      args.folder = arg;
    } else {
      throw new UsageError(`only one folder can be served, got "${args.folder}" and "${arg}"\n${USAGE}`);
    }
  }
  return args;
}

/** The repository (or installed package) root: the nearest package.json above this file. */
function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

function configDir(): string {
  if (process.env.KUBE_TRAFFIC_CONFIG_DIR) return process.env.KUBE_TRAFFIC_CONFIG_DIR;
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'kube-traffic');
}

export interface RunningWeb {
  url: string;
  session: Session;
  stop(): Promise<void>;
}

/** Exit codes for failures before the server runs: 2 for usage errors, 1 when the folder cannot be loaded. */
export class StartError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Opens the folder and starts serving; the URL is the first line written to `out`. */
export async function startWeb(argv: readonly string[], out: (line: string) => void, configDirectory = configDir()): Promise<RunningWeb> {
  let args: WebArgs;
  try {
    args = parseWebArgs(argv);
  } catch (error) {
    throw new StartError((error as Error).message, 2);
  }
  const root = packageRoot();
  const folder = path.resolve(args.folder ?? path.join(root, 'assets', 'examples', 'seed'));
  if (!fs.existsSync(folder)) throw new StartError(`error: the folder ${folder} does not exist`, 2);
  const session = new Session({ configDir: configDirectory, seed: args.seed });
  const opened = await session.openFolder(folder);
  if (!opened.ok) {
    session.close();
    throw new StartError(`error: ${opened.error}`, 1);
  }
  const server = await startWebServer({ api: session, rendererDir: path.join(root, 'out', 'renderer'), port: args.port });
  out(`${server.url}\n`);
  process.stderr.write(`Kube Traffic: serving ${folder} at ${server.url} (Ctrl+C to stop)\n`);
  return {
    url: server.url,
    session,
    stop: async () => {
      session.close();
      await server.close();
    },
  };
}

/** The command: runs until SIGINT/SIGTERM. */
export async function main(argv: readonly string[]): Promise<void> {
  let running: RunningWeb;
  try {
    running = await startWeb(argv, (line) => process.stdout.write(line));
  } catch (error) {
    if (error instanceof StartError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    throw error;
  }
  const stop = (): void => {
    void running.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
