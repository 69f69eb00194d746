import { useEffect, useState, useSyncExternalStore } from 'react';
import type { PlaybackController, PlaybackState } from './controller';

/** The coarse playback state (throttled while playing), for React components. */
export function usePlaybackState(controller: PlaybackController): PlaybackState {
  return useSyncExternalStore(controller.subscribe, controller.getState);
}

/**
 * The playback state at most every `ms` while playing (always at once when paused): for views that
 * are costly to update and cannot be read at speed anyway, like the event list.
 */
export function useSlowPlaybackState(controller: PlaybackController, ms: number): PlaybackState {
  const [state, setState] = useState(controller.getState());
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      last = performance.now();
      setState(controller.getState());
    };
    const unsubscribe = controller.subscribe(() => {
      clearTimeout(timer);
      const wait = ms - (performance.now() - last);
      if (!controller.getState().playing || wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    });
    flush();
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [controller, ms]);
  return state;
}

/** Simulated microseconds, readable: `0 µs`, `850 µs`, `1.250 ms`. */
export function formatSimTime(us: number): string {
  if (Math.abs(us) < 1000) return `${Math.round(us)} µs`;
  if (Math.abs(us) < 1_000_000) return `${(us / 1000).toFixed(3)} ms`;
  return `${(us / 1_000_000).toFixed(3)} s`;
}
