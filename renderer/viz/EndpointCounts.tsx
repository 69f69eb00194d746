/**
 * `×6` on each Pod card that answered requests in this run: how many, among the requests whose
 * outcome playback has shown. Its own layer with its own subscription, so the cards are not
 * re-rendered when a count changes, and it changes only when another outcome is revealed.
 * How big and where each badge goes is answeredBadges.ts's: never under a legible size, never over a
 * word. Where depends on the words the map drew, so positions are set after the drawing is
 * committed (before it is painted), straight on the elements.
 */
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { endpointCounts } from '../model/results';
import type { PlaybackController, PlaybackState } from '../playback/controller';
import { revealThreshold } from '../playback/timeline';
import { usePlaybackSelector } from '../playback/usePlayback';
import { badgeLook, badgeSize, placeBadges, type BadgeLook } from './answeredBadges';
import type { Rect, TopologyLayout } from './layout';
import type { Lod } from './lod';

const pickThreshold = (s: PlaybackState) => revealThreshold(s.timeline, s.selected);
const pickTimeline = (s: PlaybackState) => s.timeline;

/** Answers per card: a replica group's card sums its Pods' (they share it). */
function byCard(counts: Map<string, number>, layout: TopologyLayout): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, n] of counts) {
    const card = layout.groupOf.get(key) ?? key;
    out.set(card, (out.get(card) ?? 0) + n);
  }
  return out;
}

interface Badge {
  key: string;
  who: string;
  card: Rect;
  look: BadgeLook;
}

export const EndpointCounts = memo(function EndpointCounts({
  controller,
  layout,
  lod,
  words,
  onPlaced,
}: {
  controller: PlaybackController;
  layout: TopologyLayout;
  lod: Lod;
  /** The map's words in map units (the badges' own excluded), as drawn at this layout and level of detail. */
  words: (layout: TopologyLayout, lod: Lod) => readonly Rect[];
  /** The badges' boxes once placed (the packet layer keeps its callouts off them too). */
  onPlaced?: (boxes: Rect[]) => void;
}) {
  const threshold = usePlaybackSelector(controller, pickThreshold);
  const timeline = usePlaybackSelector(controller, pickTimeline);
  const counts = useMemo(() => endpointCounts(timeline, threshold), [timeline, threshold]);
  const badges = useMemo(() => {
    const out: Badge[] = [];
    for (const [key, n] of byCard(counts, layout)) {
      const group = layout.groups.get(key);
      const card = group?.rect ?? layout.pods.get(key);
      if (!card) continue;
      const who = group ? `Pods of ${group.owner} on ${group.node}` : key.split('/').pop()!;
      out.push({ key, who, card, look: badgeLook(n, card, lod) });
    }
    return out;
  }, [counts, layout, lod]);

  const root = useRef<SVGGElement | null>(null);
  useLayoutEffect(() => {
    const places = placeBadges(badges, badges.length ? words(layout, lod) : [], lod);
    for (const p of places) {
      const el = root.current?.querySelector<SVGGElement>(`[data-card="${CSS.escape(p.key)}"]`);
      el?.querySelector('.badge')?.setAttribute('transform', `translate(${p.box.x},${p.box.y})`);
      const line = el?.querySelector('line');
      if (!line) continue;
      line.style.display = p.leader ? '' : 'none';
      if (p.leader) {
        line.setAttribute('x1', String(p.leader.from.x));
        line.setAttribute('y1', String(p.leader.from.y));
        line.setAttribute('x2', String(p.leader.to.x));
        line.setAttribute('y2', String(p.leader.to.y));
      }
    }
    onPlaced?.(places.map((p) => p.box));
  }, [badges, layout, lod, words, onPlaced]);

  return (
    <g className="endpoint-counts" ref={root}>
      {badges.map(({ key, who, look }) => {
        const label = `${who} answered ${look.text}`;
        const { w, h } = badgeSize(look);
        return (
          <g key={key} data-card={key}>
            <line className="endpoint-count-leader" style={{ display: 'none' }} />
            <g className={`endpoint-count badge ${look.form}`} role="img" aria-label={label}>
              <title>{label}</title>
              {look.form === 'dot' ? (
                <circle cx={w / 2} cy={h / 2} r={w / 2} />
              ) : (
                <g transform={`scale(${look.scale})`}>
                  <rect width={look.w} height={look.h} rx={look.h / 2} />
                  <text x={look.w / 2} y={13} textAnchor="middle">
                    {look.text}
                  </text>
                </g>
              )}
            </g>
          </g>
        );
      })}
    </g>
  );
});
