/**
 * `×6` on each Pod card that answered requests in this run: how many, among the requests whose
 * outcome playback has shown. Its own layer with its own subscription, so the cards are not
 * re-rendered when a count changes, and it changes only when another outcome is revealed.
 */
import { memo, useMemo } from 'react';
import { endpointCounts } from '../model/results';
import type { PlaybackController, PlaybackState } from '../playback/controller';
import { revealThreshold } from '../playback/timeline';
import { usePlaybackSelector } from '../playback/usePlayback';
import type { TopologyLayout } from './layout';

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

export const EndpointCounts = memo(function EndpointCounts({
  controller,
  layout,
}: {
  controller: PlaybackController;
  layout: TopologyLayout;
}) {
  const threshold = usePlaybackSelector(controller, pickThreshold);
  const timeline = usePlaybackSelector(controller, pickTimeline);
  const counts = useMemo(() => endpointCounts(timeline, threshold), [timeline, threshold]);
  return (
    <g className="endpoint-counts">
      {[...byCard(counts, layout)].map(([key, n]) => {
        const group = layout.groups.get(key);
        const rect = group?.rect ?? layout.pods.get(key);
        if (!rect) return null;
        const who = group ? `Pods of ${group.owner} on ${group.node}` : key.split('/').pop();
        const text = `×${n}`;
        const w = 12 + text.length * 7;
        // On the card's top edge, right corner: above the name and chips, never over them.
        const x = rect.x + rect.w - w - 8;
        const y = rect.y - 9;
        return (
          <g key={key} className="endpoint-count" transform={`translate(${x},${y})`} role="img" aria-label={`${who} answered ${text}`}>
            <rect width={w} height={18} rx={9} />
            <text x={w / 2} y={13} textAnchor="middle">
              {text}
            </text>
          </g>
        );
      })}
    </g>
  );
});
