/** Flags every command takes. */
import type { FlagSpec, ParsedArgs } from '../args';
import { UsageError } from '../usage';

export const COMMON_FLAGS: FlagSpec[] = [
  { name: 'help', short: 'h', kind: 'bool' },
  { name: 'version', kind: 'bool' },
  { name: 'seed', kind: 'int' },
];

export function seedOf(args: ParsedArgs): number {
  return (args.flags.seed as number | undefined) ?? 1;
}

/** Exactly one DIR positional. */
export function onlyDir(args: ParsedArgs, command: string): string {
  if (args.positional.length === 0) throw new UsageError('DIR is required', command);
  if (args.positional.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(args.positional[1])}`, command);
  return args.positional[0];
}

/** Stable JSON: two-space indent and a final newline. */
export const toJson = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';
