/** One row per packet event (Packet Tracer's Event List): click to jump; the current row follows playback. */
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { PacketEvent } from '../../src/model/trace';
import { shortLabel } from '../model/ids';
import type { PlaybackController } from '../playback/controller';
import { formatSimTime, useSlowPlaybackState } from '../playback/usePlayback';
import { markerKind } from '../playback/frame';

/** Every row has this height (CSS pins it), so long runs can render only the rows in view. */
export const ROW_HEIGHT = 26;
/** Runs up to this many hops render every row (all in the accessibility tree); longer ones are windowed. */
const WINDOW_AFTER = 400;

const Row = memo(function Row({ e, index, current, onPick }: { e: PacketEvent; index: number; current: boolean; onPick(i: number): void }) {
  const mark = markerKind(e);
  const bad = mark && mark !== 'delivered';
  return (
    <tr
      className={`${current ? 'current' : ''} ${bad ? 'bad' : ''} ${e.changed.length ? 'nat' : ''}`}
      aria-selected={current}
      aria-current={current ? 'step' : undefined}
      onClick={() => onPick(index)}
    >
      <td className="num">{index + 1}</td>
      <td className="mono time">{formatSimTime(e.arrive)}</td>
      <td>
        <span className={`flow-dot flow-${(e.flowId % 8) + 1} ${e.direction}`} aria-hidden="true" />
        {e.flowId + 1}
        <span className="muted">{e.direction === 'response' ? ' ↩' : ''}</span>
      </td>
      <td className="at" title={e.at}>
        {shortLabel(e.at)}
        {e.node && !e.at.startsWith('node/') ? <span className="muted"> @{e.node}</span> : null}
      </td>
      <td>
        <span className={`action action-${e.action}`}>{e.action}</span>
      </td>
      <td className="mono addr">
        <span className={e.changed.includes('src') ? 'changed' : ''}>{e.packet.src}</span>
        <span className="arrow"> → </span>
        <span className={e.changed.includes('dst') ? 'changed' : ''}>{e.packet.dst}</span>
      </td>
    </tr>
  );
});

/** Scroll just enough to show row `i` (no scrollIntoView: it forces a layout of the whole table). */
function reveal(el: HTMLElement, i: number, height: number): void {
  const top = i * ROW_HEIGHT;
  const view = height - ROW_HEIGHT; // the sticky header covers one row
  if (top < el.scrollTop) el.scrollTop = top;
  else if (top + ROW_HEIGHT > el.scrollTop + view) el.scrollTop = top + ROW_HEIGHT - view;
}

export function EventList({ controller }: { controller: PlaybackController }) {
  const s = useSlowPlaybackState(controller, 250);
  const events = s.timeline.events;
  const scroller = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const pick = useCallback((i: number) => controller.selectEvent(i), [controller]);

  useEffect(() => {
    const el = scroller.current;
    if (el && s.selected >= 0) reveal(el, s.selected, height);
  }, [s.selected, events, height]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [events.length > 0]);

  const windowed = events.length > WINDOW_AFTER;
  const first = windowed ? Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 20) : 0;
  const last = windowed ? Math.min(events.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + 20) : events.length;

  return (
    <section className="panel event-list" role="region" aria-label="Event list">
      <header className="panel-header">
        <h2>Event list</h2>
        <span className="muted">{events.length ? `${events.length} hop events` : ''}</span>
      </header>
      {events.length === 0 ? (
        <p className="panel-empty">No packets yet. Pick a source and a target above and press Send request.</p>
      ) : (
        <div className="table-scroll" ref={scroller} onScroll={windowed ? (e) => setScrollTop(e.currentTarget.scrollTop) : undefined}>
          <table>
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Time</th>
                <th>Flow</th>
                <th>At</th>
                <th>Action</th>
                <th>Source → Destination</th>
              </tr>
            </thead>
            <tbody>
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
