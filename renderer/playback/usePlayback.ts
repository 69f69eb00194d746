import { useCallback, useSyncExternalStore } from 'react';
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

/** Simulated microseconds, readable: `0 µs`, `850 µs`, `1.250 ms`. */
export function formatSimTime(us: number): string {
  if (Math.abs(us) < 1000) return `${Math.round(us)} µs`;
  if (Math.abs(us) < 1_000_000) return `${(us / 1000).toFixed(3)} ms`;
  return `${(us / 1_000_000).toFixed(3)} s`;
}
