/**
 * Arrow keys inside the cluster map (one tab stop, as a WAI-ARIA composite widget): from the focused
 * item, the nearest item whose centre lies in the arrow's direction. Pure, on plain rectangles, so
 * the map asks with whatever is drawn (cards, grouped cards, nodes) in screen coordinates.
 */
export type NavDirection = 'left' | 'right' | 'up' | 'down';

export interface NavItem {
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

const ARROWS: Record<string, NavDirection> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

export function arrowDirection(key: string): NavDirection | null {
  return ARROWS[key] ?? null;
}

/** Reading order (top to bottom, then left to right): where Home/End and a first arrow go. */
export function readingOrder(items: readonly NavItem[]): NavItem[] {
  return [...items].sort((a, b) => a.y - b.y || a.x - b.x);
}

/**
 * The item to move to from `fromKey` in `dir`, or null at the edge. Distance along the arrow counts
 * once, a sideways gap three times, so ↓ from a Pod goes to the Pod below it rather than to a nearer
 * one beside it. With nothing focused yet, the first item in reading order.
 */
export function nextItem(items: readonly NavItem[], fromKey: string | null, dir: NavDirection): NavItem | null {
  const from = fromKey === null ? undefined : items.find((i) => i.key === fromKey);
  if (!from) return readingOrder(items)[0] ?? null;
  const fx = from.x + from.w / 2;
  const fy = from.y + from.h / 2;
  let best: NavItem | null = null;
  let bestScore = Infinity;
  for (const it of items) {
    if (it.key === from.key) continue;
    const dx = it.x + it.w / 2 - fx;
    const dy = it.y + it.h / 2 - fy;
    const along = dir === 'left' ? -dx : dir === 'right' ? dx : dir === 'up' ? -dy : dy;
    // Sideways: the gap between the two boxes' spans (0 when they overlap), so a wide box above counts as straight above.
    const across =
      dir === 'left' || dir === 'right'
        ? Math.max(0, it.y - (from.y + from.h), from.y - (it.y + it.h))
        : Math.max(0, it.x - (from.x + from.w), from.x - (it.x + it.w));
    // Only boxes wholly beyond the focused one's edge (a little overlap allowed): a node's frame
    // around its Pods is never "to the right" of one of them.
    const slack = Math.min(from.w, from.h) / 4;
    const beyond =
      dir === 'left'
        ? it.x + it.w <= from.x + slack
        : dir === 'right'
          ? it.x >= from.x + from.w - slack
          : dir === 'up'
            ? it.y + it.h <= from.y + slack
            : it.y >= from.y + from.h - slack;
    if (!beyond || along <= 0) continue;
    const score = along + 3 * across;
    if (score < bestScore) {
      bestScore = score;
      best = it;
    }
  }
  return best;
}
