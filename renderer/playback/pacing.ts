/**
 * How long each part of a run stays on screen at 1×, in wall milliseconds: the playhead's unit (see
 * timeline.ts). Every hop is held for a minimum time, longer where the lesson is (a NAT rewrite, the
 * delivery, a drop or a refusal), so Play at 1× shows every hop the inspector can show, even when two
 * hops share a simulated instant (a Pod receiving a request and sending its reply). Flights between
 * instants are what a long run gives up: they shrink, the holds never do.
 */
import type { PacketEvent } from '../../src/model/trace';

/** An ordinary hop (forward, encap, decap…) stays this long at 1×. */
export const HOLD_MS = 500;
/** A hop that changes the packet or decides its fate stays this long. */
export const KEY_HOLD_MS = 1100;
/** A flight from one instant to the next, in a short run. */
export const TRAVEL_MS = 450;
/** A long run's flights share at most this much time; each is still at least MIN_TRAVEL_MS. */
export const TRAVEL_BUDGET_MS = 30_000;
export const MIN_TRAVEL_MS = 40;

const KEY_ACTIONS: ReadonlySet<PacketEvent['action']> = new Set([
  'dnat',
  'snat',
  'un-nat',
  'deliver',
  'drop',
  'reject',
  'rst',
  'timeout',
  'proxy',
]);

/** Whether a hop is one of those the user must not miss (held KEY_HOLD_MS). */
export function isKeyHop(e: PacketEvent): boolean {
  return KEY_ACTIONS.has(e.action) || e.outcome !== undefined;
}

export function holdMs(e: PacketEvent): number {
  return isKeyHop(e) ? KEY_HOLD_MS : HOLD_MS;
}

/** Wall time of each flight between consecutive instants, for a run with `flights` of them. */
export function travelMs(flights: number): number {
  return Math.max(MIN_TRAVEL_MS, Math.min(TRAVEL_MS, TRAVEL_BUDGET_MS / Math.max(1, flights)));
}
