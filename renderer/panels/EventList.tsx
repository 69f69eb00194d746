/** One row per packet event (Packet Tracer's Event List): click to jump; the current row follows playback. */
import { memo, useEffect, useRef } from 'react';
import type { PacketEvent } from '../../src/model/trace';
import { shortLabel } from '../model/ids';
import type { PlaybackController } from '../playback/controller';
import { formatSimTime, usePlaybackState } from '../playback/usePlayback';
import { markerKind } from '../playback/frame';

const Row = memo(function Row({ e, index, current, onPick }: { e: PacketEvent; index: number; current: boolean; onPick(i: number): void }) {
  const ref = useRef<HTMLTableRowElement | null>(null);
  useEffect(() => {
    if (current) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  const mark = markerKind(e);
  const bad = mark && mark !== 'delivered';
  return (
    <tr
      ref={ref}
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

export function EventList({ controller }: { controller: PlaybackController }) {
  const s = usePlaybackState(controller);
  const events = s.timeline.events;
  const pick = (i: number) => controller.selectEvent(i);
  return (
    <section className="panel event-list" role="region" aria-label="Event list">
      <header className="panel-header">
        <h2>Event list</h2>
        <span className="muted">{events.length ? `${events.length} hop events` : ''}</span>
      </header>
      {events.length === 0 ? (
        <p className="panel-empty">No packets yet. Pick a source and a target above and press Send request.</p>
      ) : (
        <div className="table-scroll">
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
              {events.map((e, i) => (
                <Row key={`${e.packetId}:${e.seq}`} e={e} index={i} current={i === s.selected} onPick={pick} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
