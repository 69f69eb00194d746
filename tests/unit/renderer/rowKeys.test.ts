/** Keyboard rows (event list, Results): where each key moves the focus. */
import { describe, expect, it } from 'vitest';
import { rowKeyTarget } from '../../../renderer/input/useRowKeys';

describe('rowKeyTarget', () => {
  it('moves one row, a page, or to either end, never past them', () => {
    expect(rowKeyTarget('ArrowDown', 3, 10, 4)).toBe(4);
    expect(rowKeyTarget('ArrowDown', 9, 10, 4)).toBe(9);
    expect(rowKeyTarget('ArrowUp', 0, 10, 4)).toBe(0);
    expect(rowKeyTarget('PageDown', 3, 10, 4)).toBe(7);
    expect(rowKeyTarget('PageDown', 8, 10, 4)).toBe(9);
    expect(rowKeyTarget('PageUp', 3, 10, 4)).toBe(0);
    expect(rowKeyTarget('Home', 5, 10, 4)).toBe(0);
    expect(rowKeyTarget('End', 5, 10, 4)).toBe(9);
  });

  it('Enter and Space activate; other keys (←/→ step playback) and an empty list are not its', () => {
    expect(rowKeyTarget('Enter', 2, 10, 4)).toBe('activate');
    expect(rowKeyTarget(' ', 2, 10, 4)).toBe('activate');
    expect(rowKeyTarget('ArrowRight', 2, 10, 4)).toBeNull();
    expect(rowKeyTarget('a', 2, 10, 4)).toBeNull();
    expect(rowKeyTarget('ArrowDown', 0, 0, 4)).toBeNull();
  });
});
