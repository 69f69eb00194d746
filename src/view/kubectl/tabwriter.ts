/**
 * The layout of kubectl's human-readable tables: Go's text/tabwriter as kubectl configures it
 * (cli-runtime printers.GetNewTabWriter: minwidth 6, padding 3, pad with spaces). Every cell but
 * the last of a line is padded to its column's width = max(widest cell + 3, 6); the last cell is
 * written as is. Widths count characters (runes), not bytes.
 */
const MIN_WIDTH = 6;
const PADDING = 3;

const runeLength = (s: string): number => Array.from(s).length;

/** Rows of cells → lines ending in "\n". All rows are expected to have the same number of cells. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length - 1; i++) {
      widths[i] = Math.max(widths[i] ?? MIN_WIDTH, runeLength(row[i]) + PADDING);
    }
  }
  let out = '';
  for (const row of rows) {
    let line = '';
    row.forEach((cell, i) => {
      line += i < row.length - 1 ? cell + ' '.repeat(widths[i] - runeLength(cell)) : cell;
    });
    out += line + '\n';
  }
  return out;
}
