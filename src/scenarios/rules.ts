/**
 * What a scenario may hold, checked where one arrives (the API, the scenarios file). Pure and free of
 * dependencies, so the renderer's bundle can share it.
 */
import type { Scenario } from '../api/contract';

/** Bounds that keep a scenario a request the app can send (the API's own limits). */
export const SCENARIO_LIMITS = { nameLength: 100, textLength: 1000, maxCount: 1000, maxScenarios: 200, maxIntervalSeconds: 86_400 };

/** Why a scenario is not valid, as the API server words a field error; null when it is. */
export function scenarioError(value: unknown, where = 'scenario'): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${where}: Invalid value: must be an object`;
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) {
    if (!['name', 'from', 'to', 'count', 'intervalSeconds', 'seed'].includes(key))
      return `${where}.${key}: Forbidden: unknown field "${key}"`;
  }
  for (const key of ['name', 'from', 'to'] as const) {
    const text = v[key];
    if (typeof text !== 'string' || text.trim() === '') return `${where}.${key}: Required value`;
    const max = key === 'name' ? SCENARIO_LIMITS.nameLength : SCENARIO_LIMITS.textLength;
    if (text.length > max) return `${where}.${key}: Too long: may not be more than ${max} characters`;
    if (text.includes('\0')) return `${where}.${key}: Invalid value: must not contain NUL characters`;
  }
  const count = v.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > SCENARIO_LIMITS.maxCount) {
    return `${where}.count: Invalid value: ${JSON.stringify(count)}: must be an integer from 1 to ${SCENARIO_LIMITS.maxCount}`;
  }
  const interval = v.intervalSeconds;
  if (interval !== undefined && (typeof interval !== 'number' || !(interval >= 0) || interval > SCENARIO_LIMITS.maxIntervalSeconds)) {
    return `${where}.intervalSeconds: Invalid value: ${JSON.stringify(interval)}: must be a number of seconds from 0 to ${SCENARIO_LIMITS.maxIntervalSeconds}`;
  }
  const seed = v.seed;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isSafeInteger(seed))) {
    return `${where}.seed: Invalid value: ${JSON.stringify(seed)}: must be an integer`;
  }
  return null;
}

/** Only the fields a scenario has, in a stable order (what is written and what is compared). */
export function normalizeScenario(s: Scenario): Scenario {
  const out: Scenario = { name: s.name.trim(), from: s.from.trim(), to: s.to.trim(), count: s.count };
  if (s.intervalSeconds !== undefined) out.intervalSeconds = s.intervalSeconds;
  if (s.seed !== undefined) out.seed = s.seed;
  return out;
}
