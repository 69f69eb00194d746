/**
 * Results: one row per request sent (number, outcome, the Pod that answered and its node, the client
 * address that Pod saw) and a tally per endpoint as a small bar chart. Outcomes appear as playback
 * reaches them, so the panel never tells the end of a story the map has not shown yet; it re-renders
 * only when another outcome is revealed, not on every playback tick. Its rows are one tab stop (arrows
 * move, Enter jumps to the hop that decided that request), as in the event list.
 */
import { memo, useCallback, useMemo } from 'react';
import type { TraceRun } from '../../src/model/trace';
import type { PlaybackController, PlaybackState } from '../playback/controller';
import { revealThreshold } from '../playback/timeline';
import { usePlaybackSelector } from '../playback/usePlayback';
import { runResults, type EndpointTally, type ResultRow } from '../model/results';
import { OUTCOME_TONE } from '../model/outcomeTone';
import { useRowKeys } from '../input/useRowKeys';

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
  return (
    <tr role="row" data-pos={pos} tabIndex={focusable ? 0 : -1} onClick={() => onPick(r.n)} onFocus={() => onFocusRow(pos)}>
      <td role="cell" className="num">
        {r.n}
      </td>
      <td role="cell">
        {r.outcome ? (
          <span className={`result-outcome tone-${OUTCOME_TONE[r.outcome] ?? 'muted'}`}>
            {r.outcome}
            {r.http ? ` · ${r.http}` : ''}
          </span>
        ) : (
          <span className="muted">on the way…</span>
        )}
      </td>
      {/* Cut to its column's width (results.css): the whole name on hover. */}
      <td role="cell" className="mono" title={r.pod}>
        {r.pod ?? '—'}
      </td>
      <td role="cell" title={r.node}>
        {r.node ?? '—'}
      </td>
      <td role="cell" className="mono" title="The source address the Pod saw">
        {r.clientSeen ?? '—'}
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

export function ResultsPanel({ controller, run }: { controller: PlaybackController; run: TraceRun | null }) {
  const threshold = usePlaybackSelector(controller, pickThreshold);
  const timeline = usePlaybackSelector(controller, pickTimeline);
  const results = useMemo(() => runResults(run, timeline, threshold), [run, timeline, threshold]);
  // A row jumps to the hop that decided that request.
  const pick = useCallback((n: number) => controller.selectEvent(timeline.outcomeAt[n - 1] ?? 0), [controller, timeline]);
  const total = run?.traces.length ?? 0;
  const rows = results.rows;
  const activate = useCallback((pos: number) => pick(rows[pos]!.n), [pick, rows]);
  const { bodyRef, onKeyDown, focusPos, setFocusPos } = useRowKeys({ count: rows.length, page: 5, onActivate: activate });
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
          <div className="table-scroll">
            <table role="table" aria-label="Requests">
              <thead role="rowgroup">
                <tr role="row">
                  <th role="columnheader" className="num">
                    #
                  </th>
                  <th role="columnheader">Outcome</th>
                  <th role="columnheader">Pod</th>
                  <th role="columnheader">Node</th>
                  <th role="columnheader">Client seen</th>
                </tr>
              </thead>
              <tbody role="rowgroup" ref={bodyRef} onKeyDown={onKeyDown}>
                {rows.map((r, pos) => (
                  <Row key={r.n} r={r} pos={pos} focusable={pos === focusPos} onPick={pick} onFocusRow={setFocusPos} />
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
