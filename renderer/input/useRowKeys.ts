/**
 * Keyboard rows for a table that is one tab stop (a roving tabindex): ↑/↓, PageUp/PageDown and
 * Home/End move the focused row, Enter or Space activates it. Shared by the event list and Results.
 */
import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

/** Where a key moves the focus from row `at` of `count` (`page` rows per page): a row, 'activate', or null (not ours). */
export function rowKeyTarget(key: string, at: number, count: number, page: number): number | 'activate' | null {
  if (count === 0) return null;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, at + 1);
    case 'ArrowUp':
      return Math.max(0, at - 1);
    case 'PageDown':
      return Math.min(last, at + Math.max(1, page));
    case 'PageUp':
      return Math.max(0, at - Math.max(1, page));
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'Enter':
    case ' ':
    case 'Spacebar':
      return 'activate';
    default:
      return null;
  }
}

export interface RowKeysOptions {
  count: number;
  /** Rows that fit in the view, for PageUp/PageDown. */
  page: number;
  onActivate(pos: number): void;
  /** The caller scrolls the row into view itself (a windowed list); without it the browser does. */
  onMove?(pos: number): void;
}

export interface RowKeys {
  /** The row that takes the tab stop (`tabIndex=0`); the others are -1. */
  focusPos: number;
  /** Move the tab stop without focusing (a click, or the current row following playback). */
  setFocusPos(pos: number): void;
  onKeyDown(ev: KeyboardEvent<HTMLElement>): void;
  /** Put on the element holding the rows; each row carries `data-pos`. */
  bodyRef: RefObject<HTMLTableSectionElement | null>;
}

export function useRowKeys({ count, page, onActivate, onMove }: RowKeysOptions): RowKeys {
  const [pos, setFocusPos] = useState(0);
  const focusPos = Math.max(0, Math.min(pos, count - 1));
  const bodyRef = useRef<HTMLTableSectionElement | null>(null);
  const focusWanted = useRef(false);

  // The row is rendered (a windowed list renders it in the same commit as the scroll): focus it.
  useLayoutEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    bodyRef.current?.querySelector<HTMLElement>(`[data-pos="${focusPos}"]`)?.focus({ preventScroll: onMove !== undefined });
  });

  const onKeyDown = useCallback(
    (ev: KeyboardEvent<HTMLElement>) => {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
      const to = rowKeyTarget(ev.key, focusPos, count, page);
      if (to === null) return;
      // These keys are the list's here, not playback's (the window's Space and Home/End).
      ev.preventDefault();
      ev.stopPropagation();
      if (to === 'activate') {
        onActivate(focusPos);
        return;
      }
      focusWanted.current = true;
      setFocusPos(to);
      onMove?.(to);
    },
    [count, page, focusPos, onActivate, onMove],
  );

  return { focusPos, setFocusPos, onKeyDown, bodyRef };
}
