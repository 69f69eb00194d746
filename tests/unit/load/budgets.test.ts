/** README's Budgets table states the numbers src/load/budgets.ts enforces. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as budgets from '../../../src/load/budgets';

const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

/** The README row's limit cell, by the row's first words. */
function limit(row: string): string {
  const line = readme.split('\n').find((l) => l.startsWith(`| ${row} `));
  return line?.split('|')[2]?.trim() ?? `no row "${row}"`;
}

const count = (n: number): string => n.toLocaleString('en-US');
/** README writes `10 MiB` where the diagnostics write `10.0 MiB`. */
const plain = (text: string): string => text.replace('.0 MiB', ' MiB');

describe('README Budgets', () => {
  it.each([
    ['bytes per file', budgets.formatBytes(budgets.MAX_FILE_BYTES)],
    ['bytes per folder', budgets.formatBytes(budgets.MAX_FOLDER_BYTES)],
    ['entries walked in a folder', count(budgets.MAX_FOLDER_ENTRIES)],
    ['YAML / JSON nesting depth', count(budgets.MAX_YAML_DEPTH)],
    ['documents per file', count(budgets.MAX_DOCUMENTS_PER_FILE)],
    ['bytes aliases expand to, per file', budgets.formatBytes(budgets.MAX_ALIAS_EXPANSION_BYTES)],
    ['aliases per file', count(budgets.MAX_ALIASES_PER_FILE)],
    ['objects per folder', count(budgets.MAX_OBJECTS_PER_FOLDER)],
    ['containers per Pod', `${budgets.MAX_CONTAINERS_PER_POD} (and ${budgets.MAX_CONTAINERS_PER_POD} init)`],
    ['Pods per workload', count(budgets.MAX_PODS_PER_WORKLOAD)],
    ['Pods per cluster', count(budgets.MAX_PODS_PER_CLUSTER)],
    ['diagnostics per object', count(budgets.MAX_DIAGNOSTICS_PER_OBJECT)],
  ])('%s: %s', (row, value) => {
    expect(plain(limit(row))).toBe(plain(value));
  });
});
