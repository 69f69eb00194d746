/**
 * Where an outcome's words go beside its badge so they cover no text: the first of right, left,
 * below, above that overlaps no card and no label already placed (and stays in the view), else
 * the one that overlaps least. Pure, in screen pixels.
 */
import type { Rect } from './layout';

export type Side = 'right' | 'left' | 'below' | 'above';
const SIDES: readonly Side[] = ['right', 'left', 'below', 'above'];

/** The words' box for a badge of radius `r` centred at (x, y), `w`×`h`, on `side`. */
export function labelBox(x: number, y: number, r: number, w: number, h: number, side: Side): Rect {
  switch (side) {
    case 'right':
      return { x: x + r + 3, y: y - h / 2, w, h };
    case 'left':
      return { x: x - r - 3 - w, y: y - h / 2, w, h };
    case 'below':
      return { x: x - r, y: y + r + 3, w, h };
    case 'above':
      return { x: x - r, y: y - r - 3 - h, w, h };
  }
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function placeLabel(
  x: number,
  y: number,
  r: number,
  w: number,
  h: number,
  obstacles: readonly Rect[],
  view: { width: number; height: number },
): { side: Side; box: Rect; clear: boolean } {
  const sides = SIDES.map((side) => ({ side, box: labelBox(x, y, r, w, h, side) }));
  // Leaving the view is as bad as covering text: it cannot be read either.
  const { best, clear } = leastCovering(sides, ({ box }) => obstacles.reduce((sum, o) => sum + overlap(box, o), outside(box, view, 0)));
  return { ...best, clear };
}

/**
 * The first candidate whose cost is 0 (covers nothing), else the cheapest. `cost` is given the
 * cheapest so far, past which it may stop adding up.
 */
function leastCovering<T>(candidates: readonly T[], cost: (c: T, limit: number) => number): { best: T; clear: boolean } {
  let best: T = candidates[0]!;
  let bestCost = Infinity;
  for (const c of candidates) {
    const k = cost(c, bestCost);
    if (k === 0) return { best: c, clear: true };
    if (k < bestCost) {
      bestCost = k;
      best = c;
    }
  }
  return { best, clear: false };
}

/**
 * A callout placed for an anchor: its box, whether it sits far enough away to need a leader line to
 * the anchor, and whether it is clear (covers nothing; false: every candidate covered something, and
 * this one covers least).
 */
export interface Placed {
  box: Rect;
  leader: boolean;
  clear: boolean;
}

/** From this far (screen px between the anchor and the box's nearest edge) a callout gets a leader line. */
export const LEADER_FROM = 20;
/** Rings of candidates further out, in screen px from the anchor, tried when nothing beside it is free. */
const RINGS = [20, 44, 76, 116, 164, 224];
/** Directions tried on each ring, every 30°, starting straight up and going round clockwise. */
const DIRECTIONS = Array.from({ length: 12 }, (_, i) => {
  const a = (i * Math.PI) / 6;
  return { dx: Math.sin(a), dy: -Math.cos(a) };
});

/**
 * Where a `w`×`h` callout for the anchor (x, y) may go, in the order they are tried: first beside
 * the anchor, `gap` px off it (above right, as the eye expects, then above left, right, left, below
 * right, below left, straight above, straight below), then on rings further out in every direction.
 */
export function calloutCandidates(x: number, y: number, w: number, h: number, gap: number): Rect[] {
  const out: Rect[] = [
    { x: x + gap, y: y - gap - h, w, h },
    { x: x - gap - w, y: y - gap - h, w, h },
    { x: x + gap, y: y - h / 2, w, h },
    { x: x - gap - w, y: y - h / 2, w, h },
    { x: x + gap, y: y + gap, w, h },
    { x: x - gap - w, y: y + gap, w, h },
    { x: x - w / 2, y: y - gap - h, w, h },
    { x: x - w / 2, y: y + gap, w, h },
  ];
  for (const d of RINGS) {
    for (const { dx, dy } of DIRECTIONS) {
      // The box's centre on the ray, pushed out by half the box so its nearest edge is about d away.
      const cx = x + dx * (gap + d + w / 2);
      const cy = y + dy * (gap + d + h / 2);
      out.push({ x: cx - w / 2, y: cy - h / 2, w, h });
    }
  }
  return out;
}

/** Distance from (x, y) to the nearest point of `r` (0 inside it). */
export function distanceTo(x: number, y: number, r: Rect): number {
  const dx = Math.max(r.x - x, 0, x - (r.x + r.w));
  const dy = Math.max(r.y - y, 0, y - (r.y + r.h));
  return Math.hypot(dx, dy);
}

/** The part of `box` that is not inside the view (less a margin): it cannot be read there. Exactly 0 inside. */
function outside(box: Rect, view: { width: number; height: number }, margin: number): number {
  if (box.x >= margin && box.y >= margin && box.x + box.w <= view.width - margin && box.y + box.h <= view.height - margin) return 0;
  return Math.max(1e-6, box.w * box.h - overlap(box, { x: margin, y: margin, w: view.width - 2 * margin, h: view.height - 2 * margin }));
}

/**
 * A callout's place: the first candidate (calloutCandidates' order) that covers no obstacle and stays
 * in the view, else the one that covers least. Obstacles far from every candidate are skipped first,
 * so a map of hundreds of cards costs one pass over them per callout. Pure, in screen pixels.
 */
export function placeCallout(
  x: number,
  y: number,
  w: number,
  h: number,
  gap: number,
  obstacles: readonly Rect[],
  view: { width: number; height: number },
  /** Places tried before calloutCandidates' (a badge's usual spot). */
  first: readonly Rect[] = [],
): Placed {
  const reach = gap + RINGS.at(-1)! + Math.max(w, h) * 1.5;
  const near: Rect[] = [];
  for (const o of obstacles) if (o.x < x + reach && o.x + o.w > x - reach && o.y < y + reach && o.y + o.h > y - reach) near.push(o);
  const candidates = first.length ? [...first, ...calloutCandidates(x, y, w, h, gap)] : calloutCandidates(x, y, w, h, gap);
  const { best, clear } = leastCovering(candidates, (box, limit) => {
    let cost = outside(box, view, 2);
    // Once it covers more than the best so far, the rest need not be added up.
    for (let i = 0; i < near.length && cost < limit; i++) cost += overlap(box, near[i]!);
    return cost;
  });
  return { box: best, leader: distanceTo(x, y, best) >= LEADER_FROM, clear };
}
