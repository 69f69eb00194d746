/**
 * What an exec probe's command exits with, for the few commands whose result needs no container:
 * `true`, `false`, and a shell (`sh`, `bash`, … with `-c`) running `true`, `false`, `:` or `exit [N]`.
 * The kubelet runs `command` without a shell, so `["exit", "1"]` finds no executable and the probe
 * errors. Any other command is assumed to exit 0 (README, "Assumptions").
 */

/** The command's exit status, `notFound` when no executable of that name exists, or null when unknown. */
export type ExecOutcome = { exitCode: number } | { notFound: string } | null;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
/** Shell builtins with no executable of their own in an image. */
const BUILTINS_ONLY = new Set(['exit', ':']);

function base(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `true`, `false`, `:`, `exit`, `exit N` as a shell runs them (`exit` takes N modulo 256). */
function script(text: string): ExecOutcome {
  const s = text.trim().replace(/;$/, '').trim();
  if (s === 'true' || s === ':') return { exitCode: 0 };
  if (s === 'false') return { exitCode: 1 };
  const m = /^exit(?:\s+(\d+))?$/.exec(s);
  if (m) return { exitCode: m[1] === undefined ? 0 : Number(m[1]) % 256 };
  return null;
}

export function execOutcome(command: unknown): ExecOutcome {
  if (!Array.isArray(command) || command.length === 0 || !command.every((a) => typeof a === 'string')) return null;
  const argv = command as string[];
  const prog = base(argv[0]);
  if (prog === 'true') return { exitCode: 0 };
  if (prog === 'false') return { exitCode: 1 };
  if (argv[0] === prog && BUILTINS_ONLY.has(prog)) return { notFound: prog };
  if (SHELLS.has(prog) && argv[1] === '-c' && argv.length >= 3) return script(argv[2]);
  return null;
}

/** The command as the kubelet logs it: `[sh -c exit 1]`. */
export function commandText(command: unknown): string {
  return Array.isArray(command) ? `[${command.join(' ')}]` : '[]';
}
