/**
 * Whether a CSS media query matches now, following the window as it changes. The answer is kept
 * from the list's `change` events rather than asked of `matchMedia` on every render: a fresh
 * `matchMedia(…).matches` brings the page's style up to date first, which at Send (the app renders
 * with 200 requests' worth of changes pending) cost about 10 ms of the arrival's longest task.
 */
import { useCallback, useSyncExternalStore } from 'react';

interface Watched {
  list: MediaQueryList;
  matches: boolean;
  listeners: Set<() => void>;
}

const watched = new Map<string, Watched>();

function watch(query: string): Watched {
  let w = watched.get(query);
  if (!w) {
    const list = window.matchMedia(query);
    const entry: Watched = { list, matches: list.matches, listeners: new Set() };
    list.addEventListener('change', (e) => {
      entry.matches = e.matches;
      for (const l of entry.listeners) l();
    });
    watched.set(query, entry);
    w = entry;
  }
  return w;
}

export function useMediaQuery(query: string): boolean {
  const w = watch(query);
  const subscribe = useCallback(
    (onChange: () => void) => {
      w.listeners.add(onChange);
      return () => void w.listeners.delete(onChange);
    },
    [w],
  );
  return useSyncExternalStore(subscribe, () => w.matches);
}
