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
): { side: Side; box: Rect } {
  let best: { side: Side; box: Rect } | null = null;
  let bestCost = Infinity;
  for (const side of SIDES) {
    const box = labelBox(x, y, r, w, h, side);
    let cost = 0;
    for (const o of obstacles) cost += overlap(box, o);
    // Leaving the view is as bad as covering text: it cannot be read either.
    const out = w * h - overlap(box, { x: 0, y: 0, w: view.width, h: view.height });
    cost += out;
    if (cost === 0) return { side, box };
    if (cost < bestCost) {
      bestCost = cost;
      best = { side, box };
    }
  }
  return best!;
}
