/**
 * Every word drawn on the map, as boxes in map units: what the answered badges (answeredBadges.ts)
 * and the packet layer's callouts, outcome badges and tags (drawPackets.ts) must not cover.
 * Measured from the rendered SVG rather than recomputed, because the cards decide by zoom what they
 * draw (lod.ts); the map re-measures only when its layout or level of detail changes.
 */
import type { Rect } from './layout';

export function measureTextBoxes(content: SVGGElement): Rect[] {
  const m = content.getScreenCTM();
  if (!m || m.a === 0 || m.d === 0) return [];
  const out: Rect[] = [];
  for (const el of content.querySelectorAll<SVGTextElement>('text')) {
    // The answered badges are placed against these words (answeredBadges.ts), not among them.
    if (el.closest('.endpoint-counts')) continue;
    if (!el.textContent?.trim()) continue;
    // Zero-sized: not drawn (display: none at this zoom, or empty).
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    out.push({ x: (r.x - m.e) / m.a, y: (r.y - m.f) / m.d, w: r.width / m.a, h: r.height / m.d });
  }
  return out;
}
