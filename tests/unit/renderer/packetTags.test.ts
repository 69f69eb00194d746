/** Packets' `#N` tags on the map: beside the dot, off the cards' text and off each other. */
import { describe, expect, it } from 'vitest';
import type { Rect } from '../../../renderer/viz/layout';
import { placeTags, TAG_GAP, TAG_HEIGHT, tagText } from '../../../renderer/viz/packetTags';

function overlaps(a: Rect, b: Rect): boolean {
  return Math.min(a.x + a.w, b.x + b.w) > Math.max(a.x, b.x) && Math.min(a.y + a.h, b.y + b.h) > Math.max(a.y, b.y);
}

const view = { width: 800, height: 600 };

describe('placeTags', () => {
  it('names the request as the event list does', () => {
    expect(tagText(0)).toBe('#1');
    expect(tagText(11)).toBe('#12');
  });

  it('puts the tag beside the packet, not on it', () => {
    const [box] = placeTags([{ x: 400, y: 300 }], [24], [], view);
    expect(box!.h).toBe(TAG_HEIGHT);
    // The dot (radius TAG_GAP with its ring) stays clear.
    expect(overlaps(box!, { x: 400 - TAG_GAP + 1, y: 300 - TAG_GAP + 1, w: 2 * TAG_GAP - 2, h: 2 * TAG_GAP - 2 })).toBe(false);
  });

  it('goes round a card to its right, and round another tag at the same spot', () => {
    const card = { x: 416, y: 250, w: 200, h: 100 };
    const boxes = placeTags(
      [
        { x: 400, y: 300 },
        { x: 400, y: 300 },
      ],
      [24, 24],
      [card],
      view,
    );
    for (const b of boxes) expect(b && overlaps(b, card)).toBe(false);
    expect(overlaps(boxes[0]!, boxes[1]!)).toBe(false);
  });

  it('is left out where every place beside the packet covers text', () => {
    const text = { x: 300, y: 200, w: 200, h: 200 };
    expect(placeTags([{ x: 400, y: 300 }], [24], [text], view)).toEqual([null]);
  });

  it('stays in the view at its edge', () => {
    const [box] = placeTags([{ x: 795, y: 300 }], [30], [], view);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.w).toBeLessThanOrEqual(view.width);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.h).toBeLessThanOrEqual(view.height);
  });
});
