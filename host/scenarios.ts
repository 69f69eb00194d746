/**
 * A folder's scenarios on disk: `kube-traffic.scenarios.yaml` at its top (read, and written whole
 * through a temporary file and a rename, so a crash never leaves half a file), and the lessons of its
 * README.md. The text rules are src/scenarios/'s; this module only reads and writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Result, Scenario, Scenarios } from '../src/api/contract';
import { formatScenarios, parseScenarios, SCENARIOS_FILE, withScenario, withoutScenario } from '../src/scenarios/file';
import { readmeLessons } from '../src/scenarios/lessons';

/** A README or scenarios file larger than this is not one a person wrote for this folder. */
const MAX_BYTES = 1024 * 1024;

function readSmall(file: string): string | null {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_BYTES) return null;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function readScenarios(folder: string): Scenarios {
  const text = readSmall(path.join(folder, SCENARIOS_FILE));
  const parsed = text === null ? { scenarios: [], problems: [] } : parseScenarios(text);
  const readme = readSmall(path.join(folder, 'README.md'));
  return { saved: parsed.scenarios, lessons: readme === null ? [] : readmeLessons(readme), problems: parsed.problems };
}

function write(folder: string, saved: readonly Scenario[]): Result<Scenarios> {
  const file = path.join(folder, SCENARIOS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, formatScenarios(saved));
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    return { ok: false, error: `Cannot write ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: true, value: readScenarios(folder) };
}

export function saveScenario(folder: string, scenario: Scenario): Result<Scenarios> {
  const current = readScenarios(folder);
  // A file that did not parse is not overwritten: the user's text would be lost.
  if (current.problems.length > 0 && current.saved.length === 0 && fs.existsSync(path.join(folder, SCENARIOS_FILE))) {
    return { ok: false, error: `${SCENARIOS_FILE} has problems; fix it first: ${current.problems[0]}` };
  }
  return write(folder, withScenario(current.saved, scenario));
}

export function deleteScenario(folder: string, name: string): Result<Scenarios> {
  const current = readScenarios(folder);
  if (!current.saved.some((s) => s.name === name)) return { ok: false, error: `scenario ${JSON.stringify(name)} not found` };
  return write(folder, withoutScenario(current.saved, name));
}
