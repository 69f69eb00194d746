/**
 * The Results table's column widths, as an auto-sized table would give them (each column as wide as
 * its longest text, the room left over shared in proportion), but worked out from the rows' text
 * instead of laid out: the rows are grids in boxes of their own (results.css), so 200 requests
 * arriving lay out a screenful of rows, not a table of 200.
 */
import type { ResultRow } from './results';

export const RESULT_HEADERS = ['#', 'Outcome', 'Pod', 'Node', 'Client seen'] as const;

/** A row's cells as the panel prints them. */
export function resultCells(r: ResultRow): [string, string, string, string, string] {
  return [
    String(r.n),
    r.outcome ? `${r.outcome}${r.http ? ` · ${r.http}` : ''}` : 'on the way…',
    r.pod ?? '—',
    r.node ?? '—',
    r.clientSeen ?? '—',
  ];
}

/** How much wider than `ch` a header's letters run (bold, proportional). */
const HEADER_WIDTH = 1.2;

/** Each cell's padding, left and right (results.css). */
const PAD_PX = 12;

/**
 * `grid-template-columns` (each column at least its longest text, in `ch`, plus padding; wider in
 * proportion when there is room) and the table's minimum width (narrower, it scrolls sideways).
 */
export function resultColumns(rows: readonly ResultRow[]): { template: string; minWidth: string } {
  // A header's bold letters run wider than `ch` (a digit's width): counted a fifth wider, and at
  // least one more, so 'Pod', 'Node' and '#' are not cut short while the rows still say '—'.
  const chars: number[] = RESULT_HEADERS.map((h) => Math.max(h.length + 1, Math.ceil(h.length * HEADER_WIDTH)));
  for (const r of rows) resultCells(r).forEach((text, i) => (chars[i] = Math.max(chars[i]!, text.length)));
  return {
    template: chars.map((n) => `minmax(calc(${n}ch + ${PAD_PX}px), ${n}fr)`).join(' '),
    minWidth: `calc(${chars.reduce((a, b) => a + b, 0)}ch + ${PAD_PX * chars.length}px)`,
  };
}
