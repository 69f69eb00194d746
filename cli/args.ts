/**
 * Command-line flags the way kubectl's pflag reads them: `--flag value`, `--flag=value`,
 * `-o wide`, `-owide`, `-o=wide`, bundled booleans (`-Ah`), `--` ends the flags, and flags may
 * come before, between or after the positional arguments. Errors use pflag's words.
 */
import { UsageError } from './usage';

export interface FlagSpec {
  name: string;
  short?: string;
  /** `strings`: a string flag that may repeat (`--header A --header B`), collected in order. */
  kind: 'bool' | 'string' | 'int' | 'strings';
}

export interface ParsedArgs {
  positional: string[];
  /** Flag name → value (true for booleans, string for string flags, number for ints). */
  flags: Record<string, string | number | boolean | string[]>;
}

function parseValue(spec: FlagSpec, raw: string, shown: string): string | number | boolean {
  if (spec.kind === 'string' || spec.kind === 'strings') return raw;
  if (spec.kind === 'int') {
    if (!/^[+-]?\d+$/.test(raw)) {
      throw new UsageError(
        `invalid argument ${JSON.stringify(raw)} for ${JSON.stringify(shown)} flag: strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`,
      );
    }
    const n = Number(raw);
    if (!Number.isSafeInteger(n)) {
      throw new UsageError(
        `invalid argument ${JSON.stringify(raw)} for ${JSON.stringify(shown)} flag: strconv.ParseInt: parsing ${JSON.stringify(raw)}: value out of range`,
      );
    }
    return n;
  }
  // strconv.ParseBool
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  throw new UsageError(
    `invalid argument ${JSON.stringify(raw)} for ${JSON.stringify(shown)} flag: strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`,
  );
}

/** A repeatable flag collects its values; any other keeps the last. */
function set(out: ParsedArgs, spec: FlagSpec, value: string | number | boolean): void {
  if (spec.kind !== 'strings') out.flags[spec.name] = value;
  else out.flags[spec.name] = [...((out.flags[spec.name] as string[] | undefined) ?? []), String(value)];
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const out: ParsedArgs = { positional: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown flag: --${name}`);
      const shown = `--${name}`;
      if (eq >= 0) set(out, spec, parseValue(spec, arg.slice(eq + 1), shown));
      else if (spec.kind === 'bool') out.flags[name] = true;
      else if (i + 1 < argv.length) set(out, spec, parseValue(spec, argv[++i], shown));
      else throw new UsageError(`flag needs an argument: ${shown}`);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // A bundle of shorthands: booleans, possibly ending in one that takes the rest as its value.
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j];
        const spec = byShort.get(c);
        if (!spec) throw new UsageError(`unknown shorthand flag: '${c}' in ${arg}`);
        const shown = `--${spec.name}`;
        if (spec.kind === 'bool') {
          if (arg[j + 1] === '=') {
            set(out, spec, parseValue(spec, arg.slice(j + 2), shown));
            break;
          }
          out.flags[spec.name] = true;
          continue;
        }
        let rest = arg.slice(j + 1);
        if (rest.startsWith('=')) rest = rest.slice(1);
        else if (rest === '') {
          if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
          rest = argv[++i];
        }
        set(out, spec, parseValue(spec, rest, shown));
        break;
      }
      continue;
    }
    out.positional.push(arg);
  }
  return out;
}
