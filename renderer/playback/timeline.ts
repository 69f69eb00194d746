/**
 * A run's packet events, indexed for playback. Pure: built once per TraceRun.
 *
 * Playback runs on *event-driven time*, as Packet Tracer's simulation mode does. The playhead's
 * position is wall milliseconds at 1× along a list of segments (pacing.ts says how long each is):
 *  - a *hold* per event, in playback order: simulated time stands still at its arrival while the
 *    inspector shows it, so hops that share an instant (a delivery and the reply it sends) are each
 *    shown in turn;
 *  - a *flight* between consecutive distinct instants (every instant at which a packet arrives at or
 *    leaves a hop): simulated time runs linearly from one to the next, so link latencies of a few µs
 *    and of a millisecond both stay visible while positions remain a function of simulated time
 *    (see frame.ts).
 */
import type { PacketEvent } from '../../src/model/trace';
import { markerKind } from './markers';
import { holdMs, travelMs } from './pacing';

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

/** A stretch of the playhead's axis: a hold (t0 = t1, one event shown) or a flight (t0 < t1). */
export interface Segment {
  /** Position (wall ms at 1×) where it starts, and how long it lasts. */
  start: number;
  length: number;
  /** Simulated time at its start and end. */
  t0: number;
  t1: number;
  /** The event the inspector shows meanwhile: the held one, or the last to have arrived. */
  shown: number;
  hold: boolean;
}

export interface Timeline {
  /** All events in playback order: by arrival time, then stream position. */
  events: PacketEvent[];
  /** Distinct simulated instants (µs), ascending; never empty when there are events. */
  keyframes: number[];
  /** The playhead's axis, in order, without gaps. */
  segments: Segment[];
  /** Position of each event's hold (the moment it is reached). */
  holdAt: number[];
  tracks: PacketTrack[];
  /** Last simulated instant. */
  duration: number;
  /** Number of flows (requests) in the run. */
  flows: number;
  /** Per flow, the index in `events` of the hop that decides its outcome (its first marker): the outcome shows from there. */
  outcomeAt: number[];
  /** outcomeAt's values, ascending: the moments at which what is known of the run changes. */
  revealSteps: number[];
}

export const EMPTY_TIMELINE: Timeline = {
  events: [],
  keyframes: [],
  segments: [],
  holdAt: [],
  tracks: [],
  duration: 0,
  flows: 0,
  outcomeAt: [],
  revealSteps: [],
};

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
  const { segments, holdAt } = buildSegments(events, keyframes);
  // A flow is decided at its first marker (a drop, a refusal, a timeout), else where its outcome is
  // written (the reply back at the client), else at its last hop.
  const outcomeAt = new Array<number>(flows).fill(-1);
  const lastOfFlow = new Array<number>(flows).fill(-1);
  events.forEach((e, i) => {
    if (outcomeAt[e.flowId] === -1 && markerKind(e) !== undefined) outcomeAt[e.flowId] = i;
    lastOfFlow[e.flowId] = i;
  });
  for (let f = 0; f < flows; f++) if (outcomeAt[f] === -1) outcomeAt[f] = lastOfFlow[f]!;
  const revealSteps = [...outcomeAt].sort((a, b) => a - b);
  const duration = keyframes[keyframes.length - 1]!;
  return { events, keyframes, segments, holdAt, tracks, duration, flows, outcomeAt, revealSteps };
}

/** The playhead's axis: each instant's holds (one per event arriving then), then the flight to the next instant. */
function buildSegments(events: readonly PacketEvent[], keyframes: readonly number[]): { segments: Segment[]; holdAt: number[] } {
  const segments: Segment[] = [];
  const holdAt: number[] = [];
  const flight = travelMs(keyframes.length - 1);
  let position = 0;
  let next = 0;
  let shown = -1;
  keyframes.forEach((t, k) => {
    while (next < events.length && events[next]!.arrive === t) {
      const length = holdMs(events[next]!);
      holdAt.push(position);
      segments.push({ start: position, length, t0: t, t1: t, shown: next, hold: true });
      shown = next++;
      position += length;
    }
    const t1 = keyframes[k + 1];
    if (t1 === undefined) return;
    segments.push({ start: position, length: flight, t0: t, t1, shown, hold: false });
    position += flight;
  });
  return { segments, holdAt };
}

/** The segment at a position (the last one at the very end). */
function segmentAt(tl: Timeline, position: number): Segment | undefined {
  const segs = tl.segments;
  let lo = 0;
  let hi = segs.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid]!.start <= position) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return segs[found];
}

/** Playhead position → simulated time. */
export function simTimeAt(tl: Timeline, position: number): number {
  const seg = segmentAt(tl, Math.min(Math.max(position, 0), maxPosition(tl)));
  if (!seg) return 0;
  if (seg.hold || seg.length === 0) return seg.t0;
  const frac = Math.min(1, (position - seg.start) / seg.length);
  return seg.t0 + (seg.t1 - seg.t0) * frac;
}

/** Playhead position → the event the inspector shows there (-1 without events). */
export function eventIndexAtPosition(tl: Timeline, position: number): number {
  if (position >= maxPosition(tl)) return tl.events.length - 1;
  return segmentAt(tl, Math.max(position, 0))?.shown ?? -1;
}

/** The position where event i is reached (the start of its hold). */
export function positionOfEvent(tl: Timeline, i: number): number {
  return tl.holdAt[i] ?? 0;
}

export function maxPosition(tl: Timeline): number {
  const last = tl.segments[tl.segments.length - 1];
  return last ? last.start + last.length : 0;
}

/** Whether flow `flowId`'s outcome is on screen once the playhead shows event `shown`. */
export function outcomeRevealed(tl: Timeline, flowId: number, shown: number): boolean {
  const at = tl.outcomeAt[flowId];
  return at !== undefined && at >= 0 && shown >= at;
}

/**
 * The last reveal step at or before event `shown` (-1: none yet). Two selections with the same
 * threshold reveal the same outcomes, so views of the results re-render only when it moves.
 */
export function revealThreshold(tl: Timeline, shown: number): number {
  const steps = tl.revealSteps;
  let lo = 0;
  let hi = steps.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid]! <= shown) {
      found = steps[mid]!;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
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
