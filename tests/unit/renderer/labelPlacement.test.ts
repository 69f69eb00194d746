import { describe, expect, it } from 'vitest';
import { placeLabel } from '../../../renderer/viz/labelPlacement';

const view = { width: 800, height: 600 };

describe('outcome words beside their badge', () => {
  it('go right when nothing is there', () => {
    expect(placeLabel(100, 100, 9, 80, 18, [], view).side).toBe('right');
  });

  it('move left, then below, when a card (its text) is in the way', () => {
    const right = { x: 112, y: 92, w: 200, h: 16 };
    expect(placeLabel(100, 100, 9, 80, 18, [right], view).side).toBe('left');
    const left = { x: 0, y: 92, w: 90, h: 16 };
    const r = placeLabel(100, 100, 9, 80, 18, [right, left], view);
    expect(r.side).toBe('below');
    for (const o of [right, left]) expect(r.box.y >= o.y + o.h || r.box.x + r.box.w <= o.x || r.box.x >= o.x + o.w).toBe(true);
  });

  it('never leave the view when another side is free', () => {
    expect(placeLabel(790, 100, 9, 80, 18, [], view).side).toBe('left');
  });

  it('take the side that covers least when every side is covered', () => {
    const big = { x: 0, y: 0, w: 800, h: 600 };
    const small = { x: 420, y: 295, w: 10, h: 10 };
    expect(placeLabel(400, 300, 9, 80, 18, [big, small], view).side).not.toBe('right');
  });
});
