/**
 * `kube-traffic reach` without --json: the matrix as the upstream NetworkPolicy e2e suite prints its
 * truth tables (test/e2e/network/netpol/truthtable.go: `.` for allowed, `X` for blocked), with a letter
 * for each other outcome. Targets are numbered above the grid so that long ids do not widen it.
 */
import type { ReachMatrix } from './reach';
import type { TraceOutcome } from './outcomes';
import { TRACE_OUTCOMES } from './outcomes';

export const OUTCOME_LETTERS: Readonly<Record<TraceOutcome, string>> = {
  delivered: '.',
  refused: 'R',
  dropped: 'X',
  timeout: 'T',
  unreachable: 'U',
  unresolved: 'N',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `35 pairs (7 sources × 5 targets): 33 delivered, 2 refused`. */
function summary(m: ReachMatrix): string {
  const counts = new Map<string, number>();
  for (const row of m.outcomes) for (const o of row) counts.set(o, (counts.get(o) ?? 0) + 1);
  const tally = TRACE_OUTCOMES.filter((o) => counts.has(o)).map((o) => `${counts.get(o)} ${o}`);
  const pairs = m.sources.length * m.targets.length;
  const shape = `${plural(pairs, 'pair')} (${plural(m.sources.length, 'source')} × ${plural(m.targets.length, 'target')})`;
  return tally.length > 0 ? `${shape}: ${tally.join(', ')}` : `${shape}: nothing to trace`;
}

function grid(m: ReachMatrix): string[] {
  const cell = String(m.targets.length).length;
  const corner = 'FROM \\ TO';
  const label = Math.max(corner.length, ...m.sources.map((s) => s.length));
  const columns = m.targets.map((_, j) => String(j + 1).padStart(cell)).join('  ');
  const lines = [`${corner.padEnd(label)}  ${columns}`];
  m.sources.forEach((source, i) => {
    const marks = m.outcomes[i].map((o) => OUTCOME_LETTERS[o].padStart(cell)).join('  ');
    lines.push(`${source.padEnd(label)}  ${marks}`);
  });
  return lines;
}

export function formatReach(m: ReachMatrix): string {
  const lines: string[] = [];
  if (m.targets.length > 0) {
    const width = String(m.targets.length).length;
    lines.push('TARGETS', ...m.targets.map((t, j) => `  ${String(j + 1).padStart(width)}  ${t}`), '');
  }
  if (m.sources.length > 0 && m.targets.length > 0) lines.push(...grid(m), '');
  lines.push(TRACE_OUTCOMES.map((o) => `${OUTCOME_LETTERS[o]} ${o}`).join('   '));
  lines.push(summary(m));
  return lines.join('\n') + '\n';
}
