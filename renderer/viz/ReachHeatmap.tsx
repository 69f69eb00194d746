/**
 * The reachability matrix as a heat map: sources down the side, targets along the top, one cell per
 * pair, coloured by outcome and lettered as `kube-traffic reach` letters it. d3 gives the scales and
 * draws the axes; React draws the cells, which form an ARIA grid: one cell is in the tab order, the
 * arrow keys (Home/End, Ctrl+Home/End) move between cells, and Enter or Space (or a click) activates one.
 */
import { axisLeft, axisTop, scaleBand, scaleOrdinal, select } from 'd3';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { Reachability } from '../../src/api/contract';
import type { Outcome } from '../../src/model/trace';
import { cellName, OUTCOME_LETTERS, OUTCOMES, shortReachLabel, type ReachView } from '../model/reach';
import { measure } from './measure';
import { fitText } from './text';

/** One colour per outcome, from the theme (so light and dark both hold), shared with the legend. */
export const outcomeColor = scaleOrdinal<Outcome, string>()
  .domain(OUTCOMES)
  .range(OUTCOMES.map((o) => `var(--reach-${o})`));

export interface CellRef {
  /** Indexes into the full matrix's sources and targets. */
  row: number;
  col: number;
}

export interface ReachHeatmapProps {
  matrix: Reachability;
  view: ReachView;
  /** Room for the drawing; it scrolls when the cells would be smaller than MIN_CELL. */
  width: number;
  height: number;
  /** The cell in the tab order (kept by the parent, so it survives a refetch). */
  focused: CellRef | null;
  /** The cell being read (pointed at, else focused): its row and column labels stand out. */
  highlight: CellRef | null;
  onFocusCell(cell: CellRef | null): void;
  onHoverCell(cell: CellRef | null): void;
  onActivate(cell: CellRef): void;
}

const MIN_CELL = 18;
const MAX_CELL = 44;
/** Longest row and column labels (px); longer ids are cut with "…", the whole id in their tooltip. */
const MAX_ROW_LABEL = 240;
const MAX_COL_LABEL = 200;
/** Column labels are tilted this much, so long names fit above narrow columns. */
const TILT = 45;
const SIN = Math.sin((TILT * Math.PI) / 180);

const rowLabel = (m: Reachability, i: number) => fitText(shortReachLabel(m.sources[i]!), MAX_ROW_LABEL, measure.mono);
const colLabel = (m: Reachability, j: number) => fitText(shortReachLabel(m.targets[j]!), MAX_COL_LABEL, measure.mono);

export const ReachHeatmap = memo(function ReachHeatmap(props: ReachHeatmapProps) {
  const { matrix, view, width, height, focused, highlight, onFocusCell, onHoverCell, onActivate } = props;
  const xAxis = useRef<SVGGElement | null>(null);
  const yAxis = useRef<SVGGElement | null>(null);
  const grid = useRef<SVGSVGElement | null>(null);

  const geometry = useMemo(() => {
    const rowLabelW = Math.min(MAX_ROW_LABEL, Math.max(40, ...view.rows.map((i) => measure.mono(rowLabel(matrix, i))))) + 14;
    const colLabelW = Math.min(MAX_COL_LABEL, Math.max(40, ...view.cols.map((j) => measure.mono(colLabel(matrix, j)))));
    const top = Math.ceil(colLabelW * SIN) + 18;
    // The last column's tilted label reaches right past the grid.
    const right = Math.ceil(colLabelW * SIN);
    const fit = Math.floor(
      Math.min((width - rowLabelW - right) / Math.max(1, view.cols.length), (height - top - 8) / Math.max(1, view.rows.length)),
    );
    const cell = Math.max(MIN_CELL, Math.min(MAX_CELL, fit));
    const x = scaleBand<number>()
      .domain(view.cols)
      .range([0, cell * view.cols.length])
      .padding(0.06);
    const y = scaleBand<number>()
      .domain(view.rows)
      .range([0, cell * view.rows.length])
      .padding(0.06);
    return {
      left: rowLabelW,
      top,
      right,
      cell,
      x,
      y,
      w: rowLabelW + cell * view.cols.length + right,
      h: top + cell * view.rows.length + 8,
    };
  }, [matrix, view, width, height]);

  // The axes: d3 draws the ticks and labels (short ids, the full id in a tooltip).
  useLayoutEffect(() => {
    const { x, y } = geometry;
    const top = select(xAxis.current!).call(
      axisTop(x)
        .tickSize(4)
        .tickFormat((j) => colLabel(matrix, j)),
    );
    top
      .selectAll<SVGTextElement, number>('text')
      .attr('transform', `rotate(-${TILT})`)
      .attr('text-anchor', 'start')
      .attr('dx', '0.5em')
      .attr('dy', '0.1em');
    const left = select(yAxis.current!).call(
      axisLeft(y)
        .tickSize(4)
        .tickFormat((i) => rowLabel(matrix, i)),
    );
    for (const [sel, ids] of [
      [top, matrix.targets],
      [left, matrix.sources],
    ] as const) {
      sel
        .selectAll<SVGGElement, number>('.tick')
        .attr('data-index', (d) => d)
        .selectAll('title')
        .data((d) => [ids[d]!])
        .join('title')
        .text((t) => t);
    }
  }, [geometry, matrix]);

  // The labels of the cell being read stand out, so a big grid stays readable.
  useEffect(() => {
    select(xAxis.current!)
      .selectAll<SVGGElement, number>('.tick')
      .classed('current', (d) => d === highlight?.col);
    select(yAxis.current!)
      .selectAll<SVGGElement, number>('.tick')
      .classed('current', (d) => d === highlight?.row);
  }, [highlight, geometry]);

  const rowAt = view.rows.indexOf(focused?.row ?? -1);
  const colAt = view.cols.indexOf(focused?.col ?? -1);
  // The one cell in the tab order: the focused one, or the first.
  const tabRow = rowAt >= 0 && colAt >= 0 ? rowAt : 0;
  const tabCol = rowAt >= 0 && colAt >= 0 ? colAt : 0;

  const moveFocus = (r: number, c: number) => {
    const row = view.rows[Math.max(0, Math.min(view.rows.length - 1, r))]!;
    const col = view.cols[Math.max(0, Math.min(view.cols.length - 1, c))]!;
    onFocusCell({ row, col });
    grid.current?.querySelector<SVGGElement>(`[data-cell="${row}:${col}"]`)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent, r: number, c: number) => {
    const last = { r: view.rows.length - 1, c: view.cols.length - 1 };
    const moves: Record<string, [number, number] | undefined> = {
      ArrowUp: [r - 1, c],
      ArrowDown: [r + 1, c],
      ArrowLeft: [r, c - 1],
      ArrowRight: [r, c + 1],
      Home: e.ctrlKey ? [0, 0] : [r, 0],
      End: e.ctrlKey ? [last.r, last.c] : [r, last.c],
      PageUp: [0, c],
      PageDown: [last.r, c],
    };
    const to = moves[e.key];
    // The grid's keys are its own: the window's playback keys (Space, arrows, Home/End) must not also fire.
    if (to) {
      e.preventDefault();
      e.stopPropagation();
      moveFocus(to[0], to[1]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      onActivate({ row: view.rows[r]!, col: view.cols[c]! });
    }
  };

  const { x, y, cell } = geometry;
  const letters = cell >= 16;
  return (
    <svg
      ref={grid}
      className="reach-heatmap"
      width={geometry.w}
      height={geometry.h}
      role="grid"
      aria-label={`Reachability matrix: ${view.rows.length} sources × ${view.cols.length} targets`}
      aria-rowcount={view.rows.length}
      aria-colcount={view.cols.length}
      onMouseLeave={() => onHoverCell(null)}
    >
      <g transform={`translate(${geometry.left},${geometry.top})`}>
        <g ref={xAxis} className="reach-axis x" aria-hidden="true" />
        <g ref={yAxis} className="reach-axis y" aria-hidden="true" />
        {view.rows.map((i, r) => (
          <g key={i} role="row" aria-rowindex={r + 1}>
            {view.cols.map((j, c) => {
              const outcome = matrix.outcomes[i]![j]!;
              const current = r === tabRow && c === tabCol;
              return (
                <g
                  key={j}
                  role="gridcell"
                  aria-colindex={c + 1}
                  aria-label={cellName(matrix.sources[i]!, matrix.targets[j]!, outcome)}
                  className={`reach-cell o-${outcome}`}
                  data-cell={`${i}:${j}`}
                  tabIndex={current ? 0 : -1}
                  transform={`translate(${x(j)},${y(i)})`}
                  onFocus={() => onFocusCell({ row: i, col: j })}
                  onMouseEnter={() => onHoverCell({ row: i, col: j })}
                  onClick={() => {
                    onFocusCell({ row: i, col: j });
                    onActivate({ row: i, col: j });
                  }}
                  onKeyDown={(e) => onKeyDown(e, r, c)}
                >
                  <rect width={x.bandwidth()} height={y.bandwidth()} rx={3} style={{ fill: outcomeColor(outcome) }} />
                  {letters && (
                    <text x={x.bandwidth() / 2} y={y.bandwidth() / 2} dy="0.35em" textAnchor="middle" aria-hidden="true">
                      {OUTCOME_LETTERS[outcome]}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        ))}
      </g>
    </svg>
  );
});
