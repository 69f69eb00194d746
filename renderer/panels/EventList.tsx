/** One row per packet event (Packet Tracer's Event List): click to jump; the current row follows playback. */
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type UIEvent } from 'react';
import type { PacketEvent } from '../../src/model/trace';
import { componentLabel } from '../../src/model/componentId';
import type { PlaybackController } from '../playback/controller';
import { formatSimTime, useSlowPlaybackState } from '../playback/usePlayback';
import { markerKind } from '../playback/markers';
import { FlowDot } from './FlowDot';

/** Every row has this height (CSS pins it), so long runs can render only the rows in view. */
export const ROW_HEIGHT = 26;
/** Runs up to this many hops render every row (all in the accessibility tree); longer ones are windowed. */
const WINDOW_AFTER = 400;

const Row = memo(function Row({ e, index, current, onPick }: { e: PacketEvent; index: number; current: boolean; onPick(i: number): void }) {
  const mark = markerKind(e);
  const bad = mark && mark !== 'delivered';
  return (
    <tr
      role="row"
      aria-rowindex={index + 2}
      className={`${current ? 'current' : ''} ${bad ? 'bad' : ''} ${e.changed.length ? 'nat' : ''}`}
      aria-selected={current}
      aria-current={current ? 'step' : undefined}
      onClick={() => onPick(index)}
    >
      <td role="cell" className="num">
        {index + 1}
      </td>
      <td role="cell" className="mono time">
        {formatSimTime(e.arrive)}
      </td>
      <td role="cell">
        <FlowDot flowId={e.flowId} direction={e.direction} />
        {e.direction === 'response' ? `#${e.flowId + 1} ↩` : `#${e.flowId + 1}`}
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

/** The scroll offset that shows row `i`, moving as little as possible from `top` (the sticky header covers one row). */
export function revealTop(top: number, i: number, height: number): number {
  const rowTop = i * ROW_HEIGHT;
  const view = height - ROW_HEIGHT;
  if (rowTop < top) return rowTop;
  if (rowTop + ROW_HEIGHT > top + view) return rowTop + ROW_HEIGHT - view;
  return top;
}

/** Rows rendered above and below the visible ones (windowed runs): few while playback scrolls the list. */
const OVERSCAN = 8;
const OVERSCAN_PLAYING = 1;

export function EventList({ controller }: { controller: PlaybackController }) {
  const s = useSlowPlaybackState(controller);
  const events = s.timeline.events;
  const scroller = useRef<HTMLDivElement | null>(null);
  const [height, setHeight] = useState(400);
  // Where the list is scrolled to, decided here (following the selection) or by the user (scroll
  // events). The rows to render follow from it in the same render, and the layout effect moves the
  // scroller there: one commit per step, and the layout is never read back (no forced reflow).
  const [view, setView] = useState({ top: 0, selected: -1, events });
  if (view.selected !== s.selected || view.events !== events) {
    const from = view.events === events ? view.top : 0;
    setView({ top: s.selected >= 0 ? revealTop(from, s.selected, height) : from, selected: s.selected, events });
  }
  const pick = useCallback((i: number) => controller.selectEvent(i), [controller]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && Math.abs(el.scrollTop - view.top) >= 1) el.scrollTop = view.top;
  }, [view]);

  // The scroller is rendered only while there are events: observe it when it appears.
  const hasEvents = events.length > 0;
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [hasEvents]);

  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => {
    const top = e.currentTarget.scrollTop;
    setView((v) => (Math.abs(v.top - top) < 1 ? v : { ...v, top }));
  }, []);

  const windowed = events.length > WINDOW_AFTER;
  const over = s.playing ? OVERSCAN_PLAYING : OVERSCAN;
  const first = windowed ? Math.max(0, Math.floor(view.top / ROW_HEIGHT) - over) : 0;
  const last = windowed ? Math.min(events.length, Math.ceil((view.top + height) / ROW_HEIGHT) + over) : events.length;

  return (
    <section className="panel event-list" role="region" aria-label="Event list">
      <header className="panel-header">
        <h2>Event list</h2>
        <span className="muted">{events.length ? `${events.length} hop events` : ''}</span>
      </header>
      {events.length === 0 ? (
        <p className="panel-empty">No packets yet. Pick a source and a target above and press Send request.</p>
      ) : (
        <div className="table-scroll" ref={scroller} onScroll={onScroll}>
          {/* Explicit roles: the CSS lays rows out as grids, which would otherwise drop table semantics. */}
          <table role="table" aria-label="Hop events" aria-rowcount={events.length + 1}>
            <thead role="rowgroup">
              <tr role="row">
                <th role="columnheader" className="num">
                  #
                </th>
                <th role="columnheader">Time</th>
                <th role="columnheader">Flow</th>
                <th role="columnheader">At</th>
                <th role="columnheader">Action</th>
                <th role="columnheader">Source → Destination</th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {first > 0 && <tr className="spacer" style={{ height: first * ROW_HEIGHT }} aria-hidden="true" />}
              {events.slice(first, last).map((e, k) => (
                <Row key={`${e.packetId}:${e.seq}`} e={e} index={first + k} current={first + k === s.selected} onPick={pick} />
              ))}
              {last < events.length && <tr className="spacer" style={{ height: (events.length - last) * ROW_HEIGHT }} aria-hidden="true" />}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
