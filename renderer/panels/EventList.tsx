/**
 * One row per packet event (Packet Tracer's Event List): click a row, or reach it by keyboard (the
 * table is one tab stop; arrows move, Enter selects), to jump playback there; the current row follows
 * playback. `Filter events` narrows the rows, never the playback. Long runs render only the rows in
 * view, and the list re-renders when the hop shown changes, never per animation frame.
 */
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type UIEvent } from 'react';
import type { PacketEvent } from '../../src/model/trace';
import { componentLabel } from '../../src/model/componentId';
import type { PlaybackController, PlaybackState } from '../playback/controller';
import { formatSimTime, useSlowPlaybackWhen } from '../playback/usePlayback';
import { markerKind } from '../playback/markers';
import { outcomeRevealed, revealThreshold } from '../playback/timeline';
import { ALL_KNOWN, chipChoices, type EventFilter, filterEvents, isFiltering, NO_FILTER } from '../model/eventFilter';
import { countRender } from '../model/renderCount';
import { useRowKeys } from '../input/useRowKeys';
import { revealRow, rowWindow, useScrollerHeight, windowPieces } from '../input/useRowWindow';
import { EventFilterBar } from './EventFilterBar';
import { FlowDot } from './FlowDot';

/** Every row has this height (CSS pins it), so long runs can render only the rows in view. */
export const ROW_HEIGHT = 26;
/** Runs up to this many rows render every row (all in the accessibility tree); longer ones are windowed. */
const WINDOW_AFTER = 400;

const Row = memo(function Row({
  e,
  index,
  pos,
  current,
  focusable,
  onPick,
  onFocusRow,
}: {
  e: PacketEvent;
  /** Index into the run's events (its number is index + 1, filtered or not). */
  index: number;
  /** Position among the rows the filter keeps. */
  pos: number;
  current: boolean;
  focusable: boolean;
  onPick(index: number, pos: number): void;
  onFocusRow(pos: number): void;
}) {
  const mark = markerKind(e);
  const bad = mark && mark !== 'delivered';
  return (
    <tr
      role="row"
      aria-rowindex={pos + 2}
      data-pos={pos}
      tabIndex={focusable ? 0 : -1}
      className={`${current ? 'current' : ''} ${bad ? 'bad' : ''} ${e.changed.length ? 'nat' : ''}`}
      aria-selected={current}
      aria-current={current ? 'step' : undefined}
      onClick={() => onPick(index, pos)}
      onFocus={() => onFocusRow(pos)}
    >
      <td role="cell" className="num">
        {index + 1}
      </td>
      <td role="cell" className="mono time">
        {formatSimTime(e.arrive)}
      </td>
      <td role="cell" className="req">
        <FlowDot flowId={e.flowId} direction={e.direction} />#{e.flowId + 1}
        {e.direction === 'response' ? ' ↩' : ''}
      </td>
      <td role="cell" className="at" title={e.at}>
        {componentLabel(e.at)}
        {e.node && !e.at.startsWith('node/') ? <span className="muted">{` @${e.node}`}</span> : null}
      </td>
      <td role="cell">
        <span
          className={`action action-${e.action}`}
          title={e.action === 'proxy' ? 'L7 proxy: ingress-nginx reads the HTTP request and routes it' : undefined}
        >
          {e.action}
        </span>
      </td>
      <td role="cell" className="mono addr">
        {e.changed.includes('src') ? <span className="changed">{e.packet.src}</span> : e.packet.src}
        {' → '}
        {e.changed.includes('dst') ? <span className="changed">{e.packet.dst}</span> : e.packet.dst}
      </td>
    </tr>
  );
});

/** The scroll offset that shows row `i`, moving as little as possible from `top` (the sticky header is one row tall). */
const revealTop = (top: number, i: number, height: number) => revealRow(i, ROW_HEIGHT, ROW_HEIGHT, top, height);

/** Rows rendered above and below the visible ones (windowed runs): few while playback scrolls the list. */
const OVERSCAN = 8;
const OVERSCAN_PLAYING = 1;

// What the list reads of playback: a tick that moves only the playhead re-renders nothing here.
const sameForList = (a: PlaybackState, b: PlaybackState) =>
  a.timeline === b.timeline && a.selected === b.selected && a.playing === b.playing;

export const EventList = memo(function EventList({ controller }: { controller: PlaybackController }) {
  // Counted per commit, as React's profiler counts renders (a test compares it with hops and frames).
  useLayoutEffect(() => countRender('EventList'));
  const { timeline, selected, playing } = useSlowPlaybackWhen(controller, sameForList);
  const threshold = revealThreshold(timeline, selected);
  const events = timeline.events;
  const scroller = useRef<HTMLDivElement | null>(null);
  // The scroller is rendered only while there are events.
  const height = useScrollerHeight(scroller, 400, events.length > 0);

  const [filter, setFilter] = useState<EventFilter>(NO_FILTER);
  // A new run starts unfiltered: its requests and nodes are other ones.
  const [filterFor, setFilterFor] = useState(events);
  if (filterFor !== events) {
    setFilterFor(events);
    if (isFiltering(filter)) setFilter(NO_FILTER);
  }
  // Outcomes count only once playback has shown them (the reveal threshold moves at those hops only).
  const known = useCallback((flowId: number) => outcomeRevealed(timeline, flowId, threshold), [timeline, threshold]);
  const choices = useMemo(() => chipChoices(events, known), [events, known]);
  // Rows depend on what is revealed only through an outcome chip: otherwise a reveal keeps the same
  // rows (and the list where it is scrolled).
  const outcomeKnown = filter.outcomes.length > 0 ? known : ALL_KNOWN;
  const rows = useMemo(() => filterEvents(events, filter, outcomeKnown), [events, filter, outcomeKnown]);
  /** Position (in `rows`) of each event index kept, to follow the selection. */
  const posOf = useMemo(() => new Map(rows.map((i, p) => [i, p])), [rows]);
  const selectedPos = selected >= 0 ? (posOf.get(selected) ?? -1) : -1;

  // Where the list is scrolled to, decided here (following the selection or the keyboard) or by the
  // user (scroll events). The rows to render follow from it in the same render, and the layout
  // effect moves the scroller there: one commit per step, and the layout is never read back.
  const [view, setView] = useState({ top: 0, selectedPos: -1, rows });
  const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
  const activate = useCallback((pos: number) => controller.selectEvent(rows[pos]!), [controller, rows]);
  const moveTo = useCallback((pos: number) => setView((v) => ({ ...v, top: revealTop(v.top, pos, height) })), [height, setView]);
  const { bodyRef, onKeyDown, focusPos, setFocusPos } = useRowKeys({ count: rows.length, page, onActivate: activate, onMove: moveTo });

  if (view.selectedPos !== selectedPos || view.rows !== rows) {
    const from = view.rows === rows ? view.top : 0;
    setView({ top: selectedPos >= 0 ? revealTop(from, selectedPos, height) : from, selectedPos, rows });
    // The tab stop follows the current row (when the filter keeps it).
    if (selectedPos >= 0) setFocusPos(selectedPos);
  }
  const pick = useCallback(
    (i: number, pos: number) => {
      setFocusPos(pos);
      controller.selectEvent(i);
    },
    [controller, setFocusPos],
  );

  // Where the scroller is, as far as this list knows (its own writes, its scroll events; a new
  // scroller is at 0): reading scrollTop back here would lay out the whole window inside the commit,
  // and a run's arrival (or each hop shown while playing) would pay for that layout twice.
  const scrolled = useRef<{ el: HTMLDivElement | null; top: number }>({ el: null, top: 0 });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const known = scrolled.current.el === el ? scrolled.current.top : 0;
    if (Math.abs(known - view.top) >= 1) el.scrollTop = view.top;
    scrolled.current = { el, top: view.top };
  }, [view]);

  const onScroll = useCallback(
    (e: UIEvent<HTMLDivElement>) => {
      const top = e.currentTarget.scrollTop;
      scrolled.current = { el: e.currentTarget, top };
      setView((v) => (Math.abs(v.top - top) < 1 ? v : { ...v, top }));
    },
    [setView],
  );

  const { first, last } = rowWindow(rows.length, ROW_HEIGHT, view.top, height, playing ? OVERSCAN_PLAYING : OVERSCAN, WINDOW_AFTER);
  // The tab stop (the keyboard's row) is always rendered, in or out of the window: scrolled away by
  // hand, a focused row taken out of the page would drop the focus, and Chromium would scroll the list.
  const pieces = windowPieces(rows.length, first, last, focusPos);

  return (
    <section className="panel event-list" role="region" aria-label="Event list">
      <header className="panel-header">
        <h2>Event list</h2>
        <span className="muted" aria-live="polite">
          {events.length ? (isFiltering(filter) ? `${rows.length} of ${events.length} events` : `${events.length} hop events`) : ''}
        </span>
      </header>
      {events.length === 0 ? (
        <p className="panel-empty">No packets yet. Pick a source and a target above and press Send request.</p>
      ) : (
        <>
          <EventFilterBar choices={choices} filter={filter} onFilter={setFilter} />
          <div className="table-scroll" ref={scroller} onScroll={onScroll}>
            {/* Explicit roles: the CSS lays rows out as grids, which would otherwise drop table semantics. */}
            <table role="table" aria-label="Hop events" aria-rowcount={rows.length + 1}>
              <thead role="rowgroup">
                <tr role="row">
                  <th role="columnheader" className="num">
                    #
                  </th>
                  <th role="columnheader">Time</th>
                  <th role="columnheader">Request</th>
                  <th role="columnheader">At</th>
                  <th role="columnheader">Action</th>
                  <th role="columnheader">Source → Destination</th>
                </tr>
              </thead>
              <tbody role="rowgroup" ref={bodyRef} onKeyDown={onKeyDown}>
                {pieces.map((p) => {
                  if (!('row' in p))
                    return <tr key={`gap-${p.gap}`} className="spacer" style={{ height: p.rows * ROW_HEIGHT }} aria-hidden="true" />;
                  const i = rows[p.row]!;
                  const e = events[i]!;
                  return (
                    <Row
                      key={`${e.packetId}:${e.seq}`}
                      e={e}
                      index={i}
                      pos={p.row}
                      current={i === selected}
                      focusable={p.row === focusPos}
                      onPick={pick}
                      onFocusRow={setFocusPos}
                    />
                  );
                })}
              </tbody>
            </table>
            {rows.length === 0 && <p className="panel-empty">No hop event matches the filter.</p>}
          </div>
        </>
      )}
    </section>
  );
});
