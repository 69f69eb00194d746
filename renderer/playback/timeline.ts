/**
 * A run's packet events, indexed for playback. Pure: built once per TraceRun.
 *
 * Playback runs on *event-driven time*, as Packet Tracer's simulation mode does: the playhead moves
 * over `keyframes` (every distinct simulated instant at which a packet arrives at or leaves a hop),
 * and every keyframe-to-keyframe segment gets the same wall-clock time. Link latencies of a few µs
 * and of a millisecond therefore both stay visible, while positions remain a function of simulated
 * time (see frame.ts).
 */
import type { PacketEvent } from '../../src/model/trace';
import { markerKind } from './markers';

export interface PacketTrack {
  packetId: string;
  flowId: number;
  direction: PacketEvent['direction'];
  /** This packet's hops in travel order. */
  events: PacketEvent[];
  /** The hops among them that leave an outcome marker (drop, timeout, delivered…), same order. */
  markers: PacketEvent[];
  /** Simulated time of its first arrival and last departure. */
  start: number;
  end: number;
}

export interface Timeline {
  /** All events in playback order: by arrival time, then stream position. */
  events: PacketEvent[];
  /** Distinct simulated instants (µs), ascending; never empty when there are events. */
  keyframes: number[];
  tracks: PacketTrack[];
  /** Last simulated instant. */
  duration: number;
  /** Number of flows (requests) in the run. */
  flows: number;
}

export const EMPTY_TIMELINE: Timeline = { events: [], keyframes: [], tracks: [], duration: 0, flows: 0 };

function byArrival(a: PacketEvent, b: PacketEvent): number {
  return a.arrive - b.arrive || a.seq - b.seq;
}

export function buildTimeline(input: readonly PacketEvent[]): Timeline {
  if (input.length === 0) return EMPTY_TIMELINE;
  const events = [...input].sort(byArrival);
  const instants = new Set<number>();
  const byPacket = new Map<string, PacketEvent[]>();
  let flows = 0;
  for (const e of events) {
    instants.add(e.arrive);
    instants.add(Math.max(e.time, e.arrive));
    flows = Math.max(flows, e.flowId + 1);
    const list = byPacket.get(e.packetId);
    if (list) list.push(e);
    else byPacket.set(e.packetId, [e]);
  }
  const tracks: PacketTrack[] = [];
  for (const [packetId, list] of byPacket) {
    list.sort((a, b) => a.hopIndex - b.hopIndex || byArrival(a, b));
    const first = list[0]!;
    const last = list[list.length - 1]!;
    tracks.push({
      packetId,
      flowId: first.flowId,
      direction: first.direction,
      events: list,
      markers: list.filter((e) => markerKind(e) !== undefined),
      start: first.arrive,
      end: Math.max(last.time, last.arrive),
    });
  }
  tracks.sort((a, b) => a.start - b.start || a.flowId - b.flowId);
  const keyframes = [...instants].sort((a, b) => a - b);
  return { events, keyframes, tracks, duration: keyframes[keyframes.length - 1]!, flows };
}

/** Largest index i with keys[i] <= t, or -1. */
export function lastAtOrBefore(keys: readonly number[], t: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Playhead position (in keyframe units, 0 … keyframes.length-1) → simulated time. */
export function simTimeAt(tl: Timeline, position: number): number {
  const k = tl.keyframes;
  if (k.length === 0) return 0;
  const p = Math.min(Math.max(position, 0), k.length - 1);
  const i = Math.floor(p);
  const frac = p - i;
  if (frac === 0 || i + 1 >= k.length) return k[i]!;
  return k[i]! + (k[i + 1]! - k[i]!) * frac;
}

/** Simulated time → playhead position (inverse of simTimeAt). */
export function positionOf(tl: Timeline, time: number): number {
  const k = tl.keyframes;
  if (k.length === 0) return 0;
  const i = lastAtOrBefore(k, time);
  if (i < 0) return 0;
  if (i >= k.length - 1) return k.length - 1;
  const span = k[i + 1]! - k[i]!;
  return i + (span > 0 ? (time - k[i]!) / span : 0);
}

export function maxPosition(tl: Timeline): number {
  return Math.max(0, tl.keyframes.length - 1);
}

/** The event being shown at time t: the last one to have arrived (-1 before the first). */
export function eventIndexAt(tl: Timeline, time: number): number {
  let lo = 0;
  let hi = tl.events.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tl.events[mid]!.arrive <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The event before `e` on the same packet (to show what a NAT rewrite changed). */
export function previousHop(tl: Timeline, e: PacketEvent): PacketEvent | undefined {
  const track = tl.tracks.find((t) => t.packetId === e.packetId);
  if (!track) return undefined;
  const i = track.events.indexOf(e);
  return i > 0 ? track.events[i - 1] : undefined;
}
