/**
 * Words and filters for the reachability matrix. The matrix itself is the engine's (one trace per
 * cell, in the host); here its ids are only read for their namespace and shortened for the axes.
 * The outcome letters are the CLI's (`kube-traffic reach`), so the grid reads the same in both.
 */
import type { Reachability } from '../../src/api/contract';
import type { Outcome } from '../../src/model/trace';
import { TRACE_OUTCOMES } from '../../src/engine/outcomes';
import { OUTCOME_LETTERS } from '../../src/engine/reachText';

export { OUTCOME_LETTERS };
export const OUTCOMES: readonly Outcome[] = TRACE_OUTCOMES;

/** Reach ids always carry their namespace: `pod/NS/NAME`, `pod/NS/NAME:PORT`, `svc/NS/NAME:PORT[/UDP]`. */
export function reachNamespace(id: string): string {
  return id.split('/')[1] ?? '';
}

/** For an axis: `x/a`, `x/a:80` for Pods (every row and most columns are Pods), `svc/x/s-x-a:80` for Services. */
export function shortReachLabel(id: string): string {
  return id.startsWith('pod/') ? id.slice('pod/'.length) : id;
}

/** A cell's accessible name: `pod/x/a → pod/y/b:80: dropped`. */
export function cellName(source: string, target: string, outcome: Outcome): string {
  return `${source} → ${target}: ${outcome}`;
}

export interface ReachFilter {
  /** '' for every namespace. */
  fromNamespace: string;
  toNamespace: string;
}

/** The matrix's rows and columns a namespace filter keeps, as indexes into the full matrix. */
export interface ReachView {
  rows: number[];
  cols: number[];
}

export function filterReach(m: Reachability, f: ReachFilter): ReachView {
  const keep = (ids: string[], ns: string) => ids.flatMap((id, i) => (ns === '' || reachNamespace(id) === ns ? [i] : []));
  return { rows: keep(m.sources, f.fromNamespace), cols: keep(m.targets, f.toNamespace) };
}

/** Namespaces in order of first appearance (the matrix is sorted by namespace already). */
export function namespacesOf(ids: readonly string[]): string[] {
  return [...new Set(ids.map(reachNamespace))];
}

/** `48 pairs: 38 delivered, 10 dropped` over the cells shown. */
export function tally(m: Reachability, v: ReachView): Map<Outcome, number> {
  const counts = new Map<Outcome, number>();
  for (const i of v.rows) for (const j of v.cols) counts.set(m.outcomes[i]![j]!, (counts.get(m.outcomes[i]![j]!) ?? 0) + 1);
  return counts;
}
