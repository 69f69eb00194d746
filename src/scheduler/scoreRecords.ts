/**
 * A node's score record ({ total, plugins }, the "Why here?" table): the active plugins' scores
 * in profile order. Records are plain read-only data and most are repeats (nodes in the same state
 * score the same), so they are shared and frozen.
 */
import type { PluginScores } from '../model/cluster';
import { MAX_NODE_SCORE } from './nodeScores';
import { SCORE_PLUGINS } from './scorePlugins';
import type { ScoreTable } from './scoring';

/** Node i's per-plugin scores, as `PluginScores.plugins` lists them (profile order). */
export function pluginScoresAt(table: ScoreTable, i: number): Record<string, number> {
  const plugins: Record<string, number> = {};
  for (let j = 0; j < SCORE_PLUGINS.length; j++) {
    const scores = table.columns[j];
    if (scores !== null) plugins[SCORE_PLUGINS[j].name] = scores[i];
  }
  return plugins;
}

/**
 * Shared records, keyed by every plugin's score packed 7 bits each (SKIPPED for a plugin without a
 * column): 7 × 7 = 49 bits, exact in a double. Bounded: cleared when full.
 */
const sharedRecords = new Map<number, PluginScores>();
const MAX_SHARED_RECORDS = 1 << 16;
const SKIPPED = MAX_NODE_SCORE + 1;

/** Node i's score record ({ total, plugins }). */
export function scoreRecordAt(table: ScoreTable, i: number): PluginScores {
  let key = 0;
  for (let j = 0; j < SCORE_PLUGINS.length; j++) {
    const scores = table.columns[j];
    let v = SKIPPED;
    if (scores !== null) {
      v = scores[i];
      if (v < 0 || v > MAX_NODE_SCORE) return { total: table.totals[i], plugins: pluginScoresAt(table, i) };
    }
    key = key * 128 + v;
  }
  let record = sharedRecords.get(key);
  if (record === undefined) {
    if (sharedRecords.size >= MAX_SHARED_RECORDS) sharedRecords.clear();
    record = Object.freeze({ total: table.totals[i], plugins: Object.freeze(pluginScoresAt(table, i)) });
    sharedRecords.set(key, record);
  }
  return record;
}
