/**
 * What the packet layer shows at simulated time t: a pure function of (timeline, t).
 *
 * Rule, per packet (one packet per direction per request):
 *  - it dwells at hop i (`at`) from that hop's `arrive` to its `time`, both ends included;
 *  - between hop i's `time` and hop i+1's `arrive` it travels in a straight line from hop i to hop i+1
 *    (from hop i+1's `from` when the engine names it), linearly in simulated time;
 *  - before its first arrival and after its last departure it is not drawn.
 * Outcome markers (drop, reject, timeout, delivered…) appear where and when they happen and stay
 * until the end of the run, so a paused frame still says how each request ended.
 */
import type { ComponentId, PacketEvent } from '../../src/model/trace';
import { markerKind, type MarkerKind } from './markers';
import type { Timeline } from './timeline';

export interface PacketSprite {
  packetId: string;
  flowId: number;
  direction: PacketEvent['direction'];
  /** Where it travels from/to; equal when it dwells at a hop. */
  from: ComponentId;
  fromNode?: string;
  to: ComponentId;
  toNode?: string;
  /** 0 … 1 along from → to; 1 while dwelling. */
  progress: number;
  /** The hop it is at, or heading to. */
  event: PacketEvent;
  dwelling: boolean;
}

export interface Marker {
  at: ComponentId;
  node?: string;
  kind: MarkerKind;
  flowId: number;
  event: PacketEvent;
}

export interface Frame {
  time: number;
  sprites: PacketSprite[];
  markers: Marker[];
}

/** Index of the last event of `events` with arrive <= t (events sorted by hop order, so by arrival). */
function hopAt(events: readonly PacketEvent[], t: number): number {
  let lo = 0;
  let hi = events.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.arrive <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function frameAt(tl: Timeline, t: number): Frame {
  const sprites: PacketSprite[] = [];
  const markers: Marker[] = [];
  for (const track of tl.tracks) {
    if (t < track.start) continue;
    const evs = track.events;
    for (const e of track.markers) {
      if (e.arrive > t) break;
      markers.push({ at: e.at, node: e.node, kind: markerKind(e)!, flowId: e.flowId, event: e });
    }
    if (t > track.end) continue;
    const i = hopAt(evs, t);
    if (i < 0) continue;
    const cur = evs[i]!;
    const base = { packetId: track.packetId, flowId: track.flowId, direction: track.direction };
    if (t <= cur.time || i === evs.length - 1) {
      sprites.push({ ...base, from: cur.at, fromNode: cur.node, to: cur.at, toNode: cur.node, progress: 1, event: cur, dwelling: true });
      continue;
    }
    const next = evs[i + 1]!;
    const span = next.arrive - cur.time;
    const progress = span > 0 ? Math.min(1, Math.max(0, (t - cur.time) / span)) : 1;
    const from = next.from ?? cur.at;
    sprites.push({
      ...base,
      from,
      fromNode: from === cur.at ? cur.node : undefined,
      to: next.at,
      toNode: next.node,
      progress,
      event: next,
      dwelling: false,
    });
  }
  return { time: t, sprites, markers };
}
