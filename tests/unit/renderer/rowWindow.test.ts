import { describe, expect, it } from 'vitest';
import { revealRow, rowWindow, WINDOW_AFTER, windowPieces } from '../../../renderer/input/useRowWindow';

describe('rowWindow', () => {
  it('renders a short list whole', () => {
    expect(rowWindow(WINDOW_AFTER, 24, 0, 240)).toEqual({ first: 0, last: WINDOW_AFTER });
  });

  it('renders a long one from where it is scrolled, a screenful and a margin', () => {
    const top = rowWindow(200, 24, 0, 240);
    expect(top.first).toBe(0);
    expect(top.last).toBeGreaterThanOrEqual(10);
    expect(top.last).toBeLessThan(30);
    const mid = rowWindow(200, 24, 2400, 240);
    // Rows 100–109 are in view.
    expect(mid.first).toBeLessThanOrEqual(100);
    expect(mid.last).toBeGreaterThanOrEqual(110);
    expect(mid.last - mid.first).toBeLessThan(30);
    expect(rowWindow(200, 24, 200 * 24 - 240, 240).last).toBe(200);
  });
});

describe('revealRow', () => {
  it('scrolls only as far as needed, keeping a row clear of the sticky header', () => {
    // In view already: no scroll.
    expect(revealRow(3, 24, 24, 0, 240)).toBe(0);
    // Below the view: its bottom edge at the view's bottom.
    expect(revealRow(50, 24, 24, 0, 240)).toBe(24 + 51 * 24 - 240);
    // Above it: its top just under the header.
    expect(revealRow(10, 24, 24, 1000, 240)).toBe(10 * 24);
  });
});

describe('windowPieces', () => {
  it('keeps the tab stop row in the page wherever the list is scrolled, gaps standing for the rest', () => {
    expect(windowPieces(100, 40, 43, 41)).toEqual([{ gap: 0, rows: 40 }, { row: 40 }, { row: 41 }, { row: 42 }, { gap: 43, rows: 57 }]);
    expect(windowPieces(100, 40, 42, 99)).toEqual([{ gap: 0, rows: 40 }, { row: 40 }, { row: 41 }, { gap: 42, rows: 57 }, { row: 99 }]);
    expect(windowPieces(100, 40, 42, 0)).toEqual([{ row: 0 }, { gap: 1, rows: 39 }, { row: 40 }, { row: 41 }, { gap: 42, rows: 58 }]);
    // Every row is a row or inside a gap, once.
    const pieces = windowPieces(100, 10, 20, 55);
    expect(pieces.reduce((n, p) => n + ('row' in p ? 1 : p.rows), 0)).toBe(100);
  });
});
