/**
 * A long list of fixed-height rows in a scroller renders only the rows in view and a margin, and its
 * tab stop (spacers stand for the rest), so a 200-request run arriving creates a screenful of rows,
 * not 1,400 cells.
 * Short lists render whole. Results uses the whole hook; the event list, whose window also follows the
 * playhead, uses its pieces (rowWindow, revealRow, windowPieces, useScrollerHeight).
 */
import { useCallback, useEffect, useRef, useState, type RefObject, type UIEvent } from 'react';

/** Lists up to this long render every row (unless the caller says otherwise). */
export const WINDOW_AFTER = 60;
/** Rows rendered above and below the ones in view (unless the caller says otherwise). */
const OVERSCAN = 6;

export interface RowWindow {
  /** Put on the scrolling element. */
  scrollerRef: RefObject<HTMLDivElement | null>;
  onScroll(e: UIEvent<HTMLDivElement>): void;
  /** Rows [first, last) are rendered. */
  first: number;
  last: number;
  /** Scroll row `pos` into view (below a sticky header `headerHeight` tall), so it is rendered. */
  reveal(pos: number): void;
}

/**
 * Which rows to render: all of a list up to `windowAfter` rows, else those from `top` down `height`
 * pixels and `overscan` rows either side.
 */
export function rowWindow(
  count: number,
  rowHeight: number,
  top: number,
  height: number,
  overscan = OVERSCAN,
  windowAfter = WINDOW_AFTER,
): { first: number; last: number } {
  if (count <= windowAfter) return { first: 0, last: count };
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  return { first, last: Math.min(count, Math.max(first + 1, Math.ceil((top + height) / rowHeight) + overscan)) };
}

/** What a windowed list renders, in order: rows, and gaps (a spacer as tall as `rows` rows). */
export type WindowPiece = { row: number } | { gap: number; rows: number };

/**
 * Rows [first, last) and the `pinned` row (the list's tab stop) wherever it is, with a gap for every
 * run of rows left out. The tab stop stays in the page when the list is scrolled away from it: removing
 * the focused row would drop the focus to the page (and Chromium then scrolls the list by itself).
 */
export function windowPieces(count: number, first: number, last: number, pinned: number): WindowPiece[] {
  const rows = new Set<number>();
  for (let i = first; i < last; i++) rows.add(i);
  if (pinned >= 0 && pinned < count) rows.add(pinned);
  const pieces: WindowPiece[] = [];
  let next = 0;
  for (const row of [...rows].sort((a, b) => a - b)) {
    if (row > next) pieces.push({ gap: next, rows: row - next });
    pieces.push({ row });
    next = row + 1;
  }
  if (next < count) pieces.push({ gap: next, rows: count - next });
  return pieces;
}

/** Where to scroll so row `pos` is in view, from `top` (its header `headerHeight` tall stays over the rows). */
export function revealRow(pos: number, rowHeight: number, headerHeight: number, top: number, height: number): number {
  const rowTop = headerHeight + pos * rowHeight;
  if (rowTop - headerHeight < top) return rowTop - headerHeight;
  if (rowTop + rowHeight > top + height) return rowTop + rowHeight - height;
  return top;
}

/**
 * The scroller's height as ResizeObserver reports it (`initial` until it does). The scroller is in the
 * page only while `shown`: it is observed when it appears. The entry's size, not clientHeight: other
 * observers (the map's re-fit) have written to the page by then, and reading the layout back would lay
 * it out again in the middle of the frame. The scrollers have no padding: the content box is the view.
 */
export function useScrollerHeight(scrollerRef: RefObject<HTMLElement | null>, initial: number, shown: boolean): number {
  const [height, setHeight] = useState(initial);
  useEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => setHeight(entries[entries.length - 1]!.contentRect.height));
    ro.observe(el);
    return () => ro.disconnect();
  }, [scrollerRef, shown]);
  return height;
}

export function useRowWindow(count: number, rowHeight: number, headerHeight: number): RowWindow {
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const [top, setTop] = useState(0);
  // Until the observer reports: about a dock's worth of rows.
  const height = useScrollerHeight(scrollerRef, rowHeight * 12, count > 0);
  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => setTop(e.currentTarget.scrollTop), []);
  const reveal = useCallback(
    (pos: number) => {
      const el = scrollerRef.current;
      if (!el) return;
      // From where the scroll events left it: reading scrollTop back would lay the window out first.
      const to = revealRow(pos, rowHeight, headerHeight, top, height);
      if (to === top) return;
      el.scrollTop = to;
      setTop(to);
    },
    [rowHeight, headerHeight, top, height],
  );
  const { first, last } = rowWindow(count, rowHeight, Math.max(0, top - headerHeight), height);
  return { scrollerRef, onScroll, first, last, reveal };
}
