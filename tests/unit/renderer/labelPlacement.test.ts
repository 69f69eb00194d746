import { describe, expect, it } from 'vitest';
import { calloutCandidates, distanceTo, LEADER_FROM, placeCallout, placeLabel } from '../../../renderer/viz/labelPlacement';

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

describe('placeCallout: a hop callout or an outcome badge, off every word on the map', () => {
  const covers = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
    Math.min(a.x + a.w, b.x + b.w) > Math.max(a.x, b.x) && Math.min(a.y + a.h, b.y + b.h) > Math.max(a.y, b.y);

  it('goes above right of the packet when nothing is there, with no leader line', () => {
    const p = placeCallout(400, 300, 150, 20, 12, [], view);
    expect(p.box).toEqual({ x: 412, y: 268, w: 150, h: 20 });
    expect(p).toMatchObject({ leader: false, clear: true });
  });

  it('tries the candidates in order: the first free one wins', () => {
    const candidates = calloutCandidates(400, 300, 150, 20, 12);
    // Block the first three (above right, above left, right): the fourth (left) is chosen.
    const blocked = candidates.slice(0, 3);
    expect(placeCallout(400, 300, 150, 20, 12, blocked, view).box).toEqual(candidates[3]);
  });

  it('moves away from a node name it would cover, and draws a leader line when it went far', () => {
    // The packet sits in a node's header; a row of words all round it (k8s-node2's name beside it).
    const words = [
      { x: 300, y: 270, w: 380, h: 24 },
      { x: 300, y: 296, w: 380, h: 24 },
      { x: 300, y: 322, w: 380, h: 24 },
    ];
    const p = placeCallout(400, 300, 150, 20, 12, words, view);
    for (const w of words) expect(covers(p.box, w)).toBe(false);
    expect(p.clear).toBe(true);
    expect(p.leader).toBe(true);
    expect(distanceTo(400, 300, p.box)).toBeGreaterThanOrEqual(LEADER_FROM);
  });

  it('stays in the view', () => {
    for (const [x, y] of [
      [795, 300],
      [5, 5],
      [400, 595],
    ] as const) {
      const { box } = placeCallout(x, y, 150, 20, 12, [], view);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.w).toBeLessThanOrEqual(view.width);
      expect(box.y + box.h).toBeLessThanOrEqual(view.height);
    }
  });

  it('covers least when nothing is free, and says it is not clear', () => {
    const wall = { x: 0, y: 0, w: 800, h: 600 };
    const p = placeCallout(400, 300, 150, 20, 12, [wall], view);
    expect(p.clear).toBe(false);
  });

  it('keeps off callouts already placed', () => {
    const taken: { x: number; y: number; w: number; h: number }[] = [];
    for (let i = 0; i < 6; i++) taken.push(placeCallout(400, 300, 150, 20, 12, taken, view).box);
    for (let i = 0; i < taken.length; i++) for (let j = i + 1; j < taken.length; j++) expect(covers(taken[i]!, taken[j]!)).toBe(false);
  });
});

describe('placeCallout near the view edge with fractional positions', () => {
  it('never calls a box clear that covers an earlier one', () => {
    // A tag already placed; packets at fractional positions in a view of fractional size.
    const view2 = { width: 844.8125, height: 302.328125 };
    const taken = [{ x: 211.57322457857543, y: 90.30701958955224, w: 27, h: 15 }];
    for (let dx = -30; dx <= 30; dx += 0.37) {
      const p = placeCallout(233.00276189530516 + dx, 97.80701958955224, 27, 15, 9, taken, view2);
      if (p.clear) expect(Math.min(p.box.x + 27, 238.57) > Math.max(p.box.x, 211.57) && p.box.y < 105.3 && p.box.y + 15 > 90.3).toBe(false);
    }
  });
});
