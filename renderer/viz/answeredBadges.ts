/**
 * The answered counts (`×6`) on the cards of the Pods that answered: how big they are drawn and
 * where. Semantic zoom (lod.ts): the pill grows in map units as the map zooms out, so its number
 * never reads under MIN_BADGE_PX on screen; where that pill would be wider than half its card, it
 * becomes a dot (the count stays in its accessible name and tooltip). Each goes on its card's top
 * edge, right corner, unless that covers a word; then the nearest free place (labelPlacement.ts),
 * with a leader line when it went far. Pure, in map units.
 */
import type { Point, Rect } from './layout';
import { FULL_ZOOM, type Lod } from './lod';
import { placeCallout } from './labelPlacement';

/** The pill's number is 11 px at scale 1 (results.css); on screen it is never smaller than this. */
export const BADGE_FONT_PX = 11;
export const MIN_BADGE_PX = 10;
const PILL_H = 18;
/** A dot's radius on screen, when the pill would not fit its card. */
const DOT_PX = 5;

export interface BadgeLook {
  form: 'pill' | 'dot';
  text: string;
  /** The pill's size at scale 1 (before `scale`), or the dot's radius in map units (w = h = 2r). */
  w: number;
  h: number;
  /** Map units per CSS px of the pill. */
  scale: number;
}

/** The least zoom this level of detail is drawn at: the badge must be legible there. */
function leastZoom(lod: Lod): number {
  return lod.level === 'full' ? FULL_ZOOM : lod.k;
}

export function badgeLook(count: number, card: Rect, lod: Lod): BadgeLook {
  const text = `×${count}`;
  const k = leastZoom(lod);
  const scale = Math.max(1, MIN_BADGE_PX / (BADGE_FONT_PX * k));
  const w = 12 + text.length * 7;
  if (w * scale > card.w / 2) {
    const r = DOT_PX / k;
    return { form: 'dot', text, w: 2 * r, h: 2 * r, scale: 1 };
  }
  return { form: 'pill', text, w, h: PILL_H, scale };
}

/** The badge's size in map units. */
export function badgeSize(look: BadgeLook): { w: number; h: number } {
  return { w: look.w * look.scale, h: look.h * look.scale };
}

export interface BadgePlace {
  key: string;
  /** Its box in map units (its top-left corner is where it is drawn). */
  box: Rect;
  /** From the card's corner to the badge, when it had to move away. */
  leader: { from: Point; to: Point } | null;
}

/**
 * Places the badges in order, each off every word (`words`, map units) and off the badges before it.
 * The usual spot: on the card's top edge at its right corner (half above it, so it covers neither the
 * name below nor the card above); else placeCallout's candidates about that corner. Placement is
 * done in screen pixels at the level's zoom, so its distances are the packet layer's.
 */
export function placeBadges(
  items: readonly { key: string; card: Rect; look: BadgeLook }[],
  words: readonly Rect[],
  lod: Lod,
): BadgePlace[] {
  const k = leastZoom(lod);
  const toScreen = (r: Rect): Rect => ({ x: r.x * k, y: r.y * k, w: r.w * k, h: r.h * k });
  const taken = words.map(toScreen);
  const view = huge(taken, items, k);
  const out: BadgePlace[] = [];
  for (const { key, card, look } of items) {
    const { w, h } = badgeSize(look);
    const usual = { x: card.x + card.w - w - 8, y: card.y - h / 2, w, h };
    const corner = { x: card.x + card.w - 8, y: card.y };
    const sw = w * k;
    const sh = h * k;
    // Shifted so the view's origin is 0, as placeCallout expects.
    const ox = view.x;
    const oy = view.y;
    const shifted = taken.map((r) => ({ ...r, x: r.x - ox, y: r.y - oy }));
    const first = { ...toScreen(usual), x: usual.x * k - ox, y: usual.y * k - oy };
    const placed = placeCallout(corner.x * k - ox, corner.y * k - oy, sw, sh, 6, shifted, { width: view.w, height: view.h }, [first]);
    const box = placed.box === first ? usual : { x: (placed.box.x + ox) / k, y: (placed.box.y + oy) / k, w, h };
    taken.push(toScreen(box));
    out.push({
      key,
      box,
      leader: placed.leader ? { from: corner, to: nearestPoint(corner, box) } : null,
    });
  }
  return out;
}

/** Everything's extent with room around it: badges may go anywhere on the map, just not off it into nothing. */
function huge(taken: readonly Rect[], items: readonly { card: Rect }[], k: number): Rect {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const r of [...taken, ...items.map((i) => ({ x: i.card.x * k, y: i.card.y * k, w: i.card.w * k, h: i.card.h * k }))]) {
    x1 = Math.min(x1, r.x);
    y1 = Math.min(y1, r.y);
    x2 = Math.max(x2, r.x + r.w);
    y2 = Math.max(y2, r.y + r.h);
  }
  if (!Number.isFinite(x1)) return { x: 0, y: 0, w: 1, h: 1 };
  const pad = 400;
  return { x: x1 - pad, y: y1 - pad, w: x2 - x1 + 2 * pad, h: y2 - y1 + 2 * pad };
}

function nearestPoint(p: Point, r: Rect): Point {
  return { x: Math.min(Math.max(p.x, r.x), r.x + r.w), y: Math.min(Math.max(p.y, r.y), r.y + r.h) };
}
