/**
 * The way back for an opened replica group: a small button on the top edge of its first Pod's card,
 * `Collapse NAME`, that draws the group as one card again (Escape on any of its Pods does the same,
 * Topology.tsx). Reached by the map's arrow keys like a card. Zoomed out it grows in map units so its
 * words stay legible, and says less where the card is narrow (`Collapse`, then `⊟`).
 */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { ReplicaGroup, Rect } from './layout';
import { FULL_ZOOM, type Lod } from './lod';
import { measure } from './measure';

/** Its words are 10.5 px at scale 1 (topology.css), never under MIN_PX on screen. */
const FONT_PX = 10.5;
const MIN_PX = 10;
const H = 18;

/** `collapse/GROUP`: the button's data-key, for the map's arrow keys. */
export function collapseKey(groupKey: string): string {
  return `collapse/${groupKey}`;
}

/** What it says, its scale and its box in map units, for a group whose first card is `card`. */
export function collapseButtonLook(name: string, card: Rect, lod: Lod): { text: string; scale: number; box: Rect } {
  const k = lod.level === 'full' ? FULL_ZOOM : lod.k;
  const scale = Math.max(1, MIN_PX / (FONT_PX * k));
  const room = (card.w - 24) / scale;
  const text = [`Collapse ${name}`, 'Collapse', '⊟'].find((t) => measure.badge(t) + 16 <= room) ?? '⊟';
  const w = (measure.badge(text) + 16) * scale;
  const h = H * scale;
  return { text, scale, box: { x: card.x + 12, y: card.y - h / 2, w, h } };
}

export const CollapseGroupButton = memo(function CollapseGroupButton({
  group,
  name,
  lod,
  onCollapse,
}: {
  group: ReplicaGroup;
  /** The workload's name, as the group's card said it. */
  name: string;
  lod: Lod;
  onCollapse(key: string): void;
}) {
  const { text, scale, box } = collapseButtonLook(name, group.rect, lod);
  const label = `Collapse ${name} ×${group.members.length} on ${group.node} into one card`;
  const collapse = (e: MouseEvent | KeyboardEvent) => {
    e.stopPropagation();
    e.preventDefault();
    onCollapse(group.key);
  };
  const w = box.w / scale;
  return (
    <g
      className="collapse-group"
      transform={`translate(${box.x},${box.y}) scale(${scale})`}
      role="button"
      aria-label={label}
      tabIndex={-1}
      data-key={collapseKey(group.key)}
      onClick={collapse}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && collapse(e)}
    >
      <title>{label}</title>
      <rect width={w} height={H} rx={4} />
      <text x={w / 2} y={12.5} textAnchor="middle">
        {text}
      </text>
    </g>
  );
});
