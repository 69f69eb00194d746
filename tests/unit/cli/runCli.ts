/** Drives the CLI in-process, as `run(argv, io)`, and collects what it prints. */
import { join } from 'node:path';
import { run } from '../../../cli/main';

export const ROOT = join(__dirname, '..', '..', '..');
export const SEED = join(ROOT, 'assets', 'examples', 'seed');
export const SEED_EXPECTATIONS = join(ROOT, 'assets', 'examples', 'seed-expectations.yaml');
/** Namespaces x and y with Pods a and b (and a Pending y/c), Services x/web (80/TCP, 53/UDP) and y/nobody. */
export const XY = join(ROOT, 'tests', 'fixtures', 'reach');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(...argv: string[]): CliResult {
  let stdout = '';
  let stderr = '';
  const code = run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}
