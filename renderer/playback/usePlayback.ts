import { useSyncExternalStore } from 'react';
import type { PlaybackController, PlaybackState } from './controller';

/** The coarse playback state (throttled while playing), for React components. */
export function usePlaybackState(controller: PlaybackController): PlaybackState {
  return useSyncExternalStore(controller.subscribe, controller.getState);
}

/** Simulated microseconds, readable: `0 µs`, `850 µs`, `1.250 ms`. */
export function formatSimTime(us: number): string {
  if (Math.abs(us) < 1000) return `${Math.round(us)} µs`;
  if (Math.abs(us) < 1_000_000) return `${(us / 1000).toFixed(3)} ms`;
  return `${(us / 1_000_000).toFixed(3)} s`;
}
