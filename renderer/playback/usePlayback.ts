import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { PlaybackController, PlaybackState } from './controller';

/** The playhead state (throttled while playing), for React components. */
export function usePlaybackState(controller: PlaybackController): PlaybackState {
  return useSyncExternalStore(controller.subscribe, controller.getState);
}

/**
 * The playback state at most every SLOW_INTERVAL_MS while playing (at once when the user acts): for
 * views that are costly to update and cannot be read at speed anyway (event list, packet inspector).
 */
export function useSlowPlaybackState(controller: PlaybackController): PlaybackState {
  return useSyncExternalStore(controller.subscribeSlow, controller.getSlowState);
}

/**
 * One value derived from the playhead state; the component re-renders only when it changes
 * (Object.is), so `pick` must return a primitive or an object the state already holds.
 */
export function usePlaybackSelector<T>(controller: PlaybackController, pick: (s: PlaybackState) => T): T {
  const get = useCallback(() => pick(controller.getState()), [controller, pick]);
  return useSyncExternalStore(controller.subscribe, get);
}

/**
 * The slow state, but a new copy only when `same` says it differs from the last one returned: the
 * event list follows the hop shown, so it re-renders when that hop changes, never for the
 * playhead's other ticks. One subscription, so what changes together renders together.
 */
export function useSlowPlaybackWhen(controller: PlaybackController, same: (a: PlaybackState, b: PlaybackState) => boolean): PlaybackState {
  const get = useMemo(() => keepWhileSame(controller.getSlowState, same), [controller, same]);
  return useSyncExternalStore(controller.subscribeSlow, get);
}

/** A getter that returns its last value again while `same` holds, so React sees nothing changed. */
function keepWhileSame<T>(read: () => T, same: (a: T, b: T) => boolean): () => T {
  let last: { v: T } | null = null;
  return () => {
    const v = read();
    if (last === null || !same(last.v, v)) last = { v };
    return last.v;
  };
}

/** Simulated microseconds, readable: `0 µs`, `850 µs`, `1.250 ms`. */
export function formatSimTime(us: number): string {
  if (Math.abs(us) < 1000) return `${Math.round(us)} µs`;
  if (Math.abs(us) < 1_000_000) return `${(us / 1000).toFixed(3)} ms`;
  return `${(us / 1_000_000).toFixed(3)} s`;
}
