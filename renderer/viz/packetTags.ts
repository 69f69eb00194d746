/**
 * Each packet's request number (`#N`, as in the event list, Results and the inspector) in a
 * small tag beside its dot, placed where it covers no card's text and no other tag. Pure, in screen
 * pixels; drawPackets.ts stamps them.
 */
import type { Point, Rect } from './layout';
import { placeCallout, placeLabel } from './labelPlacement';

/** More packets on screen than this, and the tags would be clutter: the colours and the list tell them apart. */
export const TAG_MAX_PACKETS = 40;
export const TAG_HEIGHT = 15;
/** Distance from the dot's centre to the tag (the dot's radius and its ring). */
export const TAG_GAP = 9;

export function tagText(flowId: number): string {
  return `#${flowId + 1}`;
}

/**
 * The tag boxes for packets at `points` (tags `widths[i]` wide), in order: each beside its packet on
 * the first side that covers no obstacle and no earlier tag, else at the nearest clear place next to
 * it; null where there is none (a tag moved away from its packet would name the wrong one, and the
 * colours and the event list still tell requests apart). `obstacles` gains the tags placed.
 */
export function placeTags(
  points: readonly Point[],
  widths: readonly number[],
  obstacles: Rect[],
  view: { width: number; height: number },
): (Rect | null)[] {
  return points.map((p, i) => {
    const side = placeLabel(p.x, p.y, TAG_GAP, widths[i]!, TAG_HEIGHT, obstacles, view);
    let box: Rect | null = side.clear ? side.box : null;
    if (!box) {
      const near = placeCallout(p.x, p.y, widths[i]!, TAG_HEIGHT, TAG_GAP, obstacles, view);
      box = near.clear && !near.leader ? near.box : null;
    }
    if (box) obstacles.push(box);
    return box;
  });
}
