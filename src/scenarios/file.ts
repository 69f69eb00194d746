/**
 * `kube-traffic.scenarios.yaml`: the request sets saved for a folder (Packet Tracer's scenarios), in
 * the folder itself so they travel with it. The manifest reader skips this file (src/load/fsFolder.ts).
 * Pure: text in, scenarios and problems out, and back to text.
 *
 *   apiVersion: kube-traffic.dev/v1alpha1
 *   kind: ScenarioList
 *   scenarios:
 *   - { name: NodePort ×10, from: external, to: node/k8s-node1:30000, count: 10, intervalSeconds: 1, seed: 1 }
 */
import { parseDocument, stringify } from 'yaml';
import type { Scenario } from '../api/contract';
import { SETTINGS_API_VERSION } from '../load/settings';
import { normalizeScenario, scenarioError, SCENARIO_LIMITS } from './rules';
import { SCENARIOS_FILE } from './name';

export { SCENARIOS_FILE } from './name';
export const SCENARIOS_KIND = 'ScenarioList';

export interface ParsedScenarios {
  scenarios: Scenario[];
  /** What was wrong with the file (the rest of it still loads). */
  problems: string[];
}

export function parseScenarios(text: string): ParsedScenarios {
  const problems: string[] = [];
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { scenarios: [], problems: [`${SCENARIOS_FILE}: ${doc.errors[0]!.message}`] };
  const root: unknown = doc.toJS();
  if (root === null || root === undefined) return { scenarios: [], problems };
  if (typeof root !== 'object' || Array.isArray(root))
    return { scenarios: [], problems: [`${SCENARIOS_FILE}: must be a ${SCENARIOS_KIND} object`] };
  const obj = root as Record<string, unknown>;
  if (obj.kind !== SCENARIOS_KIND)
    problems.push(`${SCENARIOS_FILE}: kind: Unsupported value: ${JSON.stringify(obj.kind)}: supported values: "${SCENARIOS_KIND}"`);
  const list = obj.scenarios ?? [];
  if (!Array.isArray(list))
    return { scenarios: [], problems: [...problems, `${SCENARIOS_FILE}: scenarios: Invalid value: must be a list`] };
  const scenarios: Scenario[] = [];
  const names = new Set<string>();
  list.slice(0, SCENARIO_LIMITS.maxScenarios).forEach((item, i) => {
    const error = scenarioError(item, `scenarios[${i}]`);
    if (error) return void problems.push(`${SCENARIOS_FILE}: ${error}`);
    const s = normalizeScenario(item as Scenario);
    if (names.has(s.name)) return void problems.push(`${SCENARIOS_FILE}: scenarios[${i}].name: Duplicate value: ${JSON.stringify(s.name)}`);
    names.add(s.name);
    scenarios.push(s);
  });
  return { scenarios, problems };
}

export function formatScenarios(scenarios: readonly Scenario[]): string {
  const header = `# Request sets saved by Kube Traffic (its Scenarios panel). The simulator does not load this file as a manifest.\n`;
  return header + stringify({ apiVersion: SETTINGS_API_VERSION, kind: SCENARIOS_KIND, scenarios: scenarios.map(normalizeScenario) });
}

/** The list with `s` saved: a scenario of the same name is replaced in place, a new one goes last. */
export function withScenario(list: readonly Scenario[], s: Scenario): Scenario[] {
  const n = normalizeScenario(s);
  const i = list.findIndex((x) => x.name === n.name);
  return i < 0 ? [...list, n] : list.map((x, k) => (k === i ? n : x));
}

export function withoutScenario(list: readonly Scenario[], name: string): Scenario[] {
  return list.filter((x) => x.name !== name);
}
