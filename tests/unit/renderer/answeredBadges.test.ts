/** The answered counts (`×N`) on the cards: legible at every zoom, and off every word on the map. */
import { describe, expect, it } from 'vitest';
import { BADGE_FONT_PX, badgeLook, badgeSize, MIN_BADGE_PX, placeBadges } from '../../../renderer/viz/answeredBadges';
import { FULL, FULL_ZOOM, lodFor } from '../../../renderer/viz/lod';

const card = { x: 100, y: 100, w: 216, h: 98 };
const covers = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
  Math.min(a.x + a.w, b.x + b.w) > Math.max(a.x, b.x) && Math.min(a.y + a.h, b.y + b.h) > Math.max(a.y, b.y);

describe('badgeLook', () => {
  it('reads at least MIN_BADGE_PX on screen at every zoom it is drawn as a pill', () => {
    for (const k of [1, FULL_ZOOM, 0.7, 0.5, 0.35, 0.25]) {
      const lod = lodFor(k);
      const look = badgeLook(6, card, lod);
      if (look.form === 'pill') expect(BADGE_FONT_PX * look.scale * k).toBeGreaterThanOrEqual(MIN_BADGE_PX - 1e-9);
    }
  });

  it('becomes a dot rather than a pill wider than half its card', () => {
    const far = lodFor(0.05);
    expect(badgeLook(25, card, far).form).toBe('dot');
    expect(badgeLook(25, card, FULL).form).toBe('pill');
    expect(badgeLook(25, card, FULL).text).toBe('×25');
  });
});

describe('placeBadges', () => {
  it('sits on the card top edge at its right corner when no word is there', () => {
    const look = badgeLook(6, card, FULL);
    const [p] = placeBadges([{ key: 'pod/default/a', card, look }], [], FULL);
    const { w, h } = badgeSize(look);
    expect(p!.box).toEqual({ x: card.x + card.w - w - 8, y: card.y - h / 2, w, h });
    expect(p!.leader).toBeNull();
  });

  it('moves off a node IP that its usual spot would cover, and off the badge before it', () => {
    const look = badgeLook(10, card, FULL);
    const ip = { x: card.x + 120, y: card.y - 16, w: 96, h: 14 };
    const other = { ...card, x: card.x + 20 };
    const places = placeBadges(
      [
        { key: 'a', card, look },
        { key: 'b', card: other, look },
      ],
      [ip],
      FULL,
    );
    for (const p of places) expect(covers(p.box, ip)).toBe(false);
    expect(covers(places[0]!.box, places[1]!.box)).toBe(false);
  });
});
