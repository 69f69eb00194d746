/**
 * Results: one row per request sent (number, outcome, the Pod that answered and its node, the client
 * address that Pod saw) and a tally per endpoint as a small bar chart. Outcomes appear as playback
 * reaches them, so the panel never tells the end of a story the map has not shown yet; it re-renders
 * only when another outcome is revealed, not on every playback tick. Its rows are one tab stop (arrows
 * move, Enter jumps to the hop that decided that request), as in the event list.
 */
import { memo, useCallback, useDeferredValue, useMemo, type CSSProperties } from 'react';
import type { ShownRun } from '../../src/model/trace';
import type { PlaybackController, PlaybackState } from '../playback/controller';
import { revealThreshold } from '../playback/timeline';
import { usePlaybackSelector } from '../playback/usePlayback';
import { runResults, type EndpointTally, type ResultRow } from '../model/results';
import { OUTCOME_TONE } from '../model/outcomeTone';
import { RESULT_HEADERS, resultCells, resultColumns } from '../model/resultColumns';
import { useRowKeys } from '../input/useRowKeys';
import { useRowWindow, windowPieces } from '../input/useRowWindow';

/** A row's height and the sticky header's, in px (results.css). */
const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 24;

const pickThreshold = (s: PlaybackState) => revealThreshold(s.timeline, s.selected);
const pickTimeline = (s: PlaybackState) => s.timeline;

const Row = memo(function Row({
  r,
  pos,
  focusable,
  onPick,
  onFocusRow,
}: {
  r: ResultRow;
  pos: number;
  focusable: boolean;
  onPick(n: number): void;
  onFocusRow(pos: number): void;
}) {
  const [num, outcome, pod, node, seen] = resultCells(r);
  return (
    <tr
      role="row"
      aria-rowindex={pos + 2}
      data-pos={pos}
      tabIndex={focusable ? 0 : -1}
      onClick={() => onPick(r.n)}
      onFocus={() => onFocusRow(pos)}
    >
      <td role="cell" className="num">
        {num}
      </td>
      <td role="cell">
        {r.outcome ? (
          <span className={`result-outcome tone-${OUTCOME_TONE[r.outcome] ?? 'muted'}`}>{outcome}</span>
        ) : (
          <span className="muted">{outcome}</span>
        )}
      </td>
      <td role="cell" className="mono">
        {pod}
      </td>
      <td role="cell">{node}</td>
      <td role="cell" className="mono" title="The source address the Pod saw">
        {seen}
      </td>
    </tr>
  );
});

function Tally({ tally }: { tally: EndpointTally[] }) {
  const max = Math.max(1, ...tally.map((t) => t.count));
  return (
    <ul className="tally" aria-label="Requests per endpoint">
      {tally.map((t) => (
        <li key={t.podKey} aria-label={`${t.pod}: ${t.count} request${t.count === 1 ? '' : 's'}`}>
          <span className="tally-name mono" title={t.node ? `${t.pod} on ${t.node}` : t.pod}>
            {t.pod}
          </span>
          <span className="tally-bar" aria-hidden="true">
            <span style={{ width: `${(t.count / max) * 100}%` }} />
          </span>
          <span className="tally-count">×{t.count}</span>
        </li>
      ))}
    </ul>
  );
}

export const ResultsPanel = memo(function ResultsPanel({ controller, run }: { controller: PlaybackController; run: ShownRun | null }) {
  const threshold = usePlaybackSelector(controller, pickThreshold);
  const timeline = usePlaybackSelector(controller, pickTimeline);
  const live = useMemo(() => ({ run, timeline, results: runResults(run, timeline, threshold) }), [run, timeline, threshold]);
  // The rows follow in a transition: a new run's 200 are rendered in slices and committed (laid out,
  // painted) a frame after the map, the playback bar and the inspector show the run; a revealed
  // outcome's row the same way. The run and its timeline are deferred together, so they always match.
  const shown = useDeferredValue(live);
  const { results } = shown;
  // A row jumps to the hop that decided that request.
  const pick = useCallback((n: number) => controller.selectEvent(shown.timeline.outcomeAt[n - 1] ?? 0), [controller, shown.timeline]);
  const total = shown.run?.traces.length ?? 0;
  const rows = results.rows;
  const columns = useMemo(() => resultColumns(rows), [rows]);
  const activate = useCallback((pos: number) => pick(rows[pos]!.n), [pick, rows]);
  const { scrollerRef, onScroll, first, last, reveal } = useRowWindow(rows.length, ROW_HEIGHT, HEADER_HEIGHT);
  const { bodyRef, onKeyDown, focusPos, setFocusPos } = useRowKeys({ count: rows.length, page: 5, onActivate: activate, onMove: reveal });

  return (
    <section className="panel results" role="region" aria-label="Results">
      <header className="panel-header">
        <h2>Results</h2>
        <span className="muted">{total ? `${results.revealed} of ${total} shown` : ''}</span>
      </header>
      {total === 0 ? (
        <p className="panel-empty">Each request's outcome and the Pod that answered it show here.</p>
      ) : (
        <div className="results-body">
          {results.tally.length > 0 && <Tally tally={results.tally} />}
          <div className="table-scroll" ref={scrollerRef} onScroll={onScroll}>
            <table
              role="table"
              aria-label="Requests"
              aria-rowcount={rows.length + 1}
              style={{ '--result-cols': columns.template, minWidth: columns.minWidth } as CSSProperties}
            >
              <thead role="rowgroup">
                <tr role="row">
                  {RESULT_HEADERS.map((h, i) => (
                    <th key={h} role="columnheader" className={i === 0 ? 'num' : undefined}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody role="rowgroup" ref={bodyRef} onKeyDown={onKeyDown}>
                {windowPieces(rows.length, first, last, focusPos).map((p) =>
                  'row' in p ? (
                    <Row
                      key={rows[p.row]!.n}
                      r={rows[p.row]!}
                      pos={p.row}
                      focusable={p.row === focusPos}
                      onPick={pick}
                      onFocusRow={setFocusPos}
                    />
                  ) : (
                    <tr key={`gap-${p.gap}`} className="spacer" style={{ height: p.rows * ROW_HEIGHT }} aria-hidden="true" />
                  ),
                )}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
});
