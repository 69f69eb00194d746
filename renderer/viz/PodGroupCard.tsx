/**
 * Replicas of one workload on one node, as one card: `NAME ×N`, their statuses counted, their IPs.
 * Click or Enter expands it into its Pods' own cards. Packets and Service links to any of its Pods
 * land here (layout.ts gives the members the group's rect).
 */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { ClusterSnapshot } from '../../src/api/contract';
import { podStatus, podTone } from '../model/status';
import type { ReplicaGroup } from './layout';
import { FULL, zoomStack, type Lod } from './lod';
import { measure } from './measure';
import { fitText } from './text';
import { ZoomedText } from './ZoomedText';

type Pod = ClusterSnapshot['pods'][number];

export interface PodGroupCardProps {
  group: ReplicaGroup;
  /** Its name as shown: its workload's (a Deployment's), else its controller's (Topology's groupName). */
  name: string;
  pods: Pod[];
  selected: boolean;
  /** Label-selector state of its Pods: true = some match, false = none does, undefined = no selector. */
  matched?: boolean;
  active: boolean;
  onExpand(key: string): void;
  lod?: Lod;
}

/** `3 Running` or `2 Running, 1 Pending`, in the order the statuses first appear. */
export function statusSummary(pods: Pod[]): string {
  const counts = new Map<string, number>();
  for (const p of pods) counts.set(podStatus(p), (counts.get(podStatus(p)) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
}

const TONE_ORDER = ['danger', 'warn', 'muted', 'ok'] as const;

export const PodGroupCard = memo(function PodGroupCard({
  group,
  name,
  pods,
  selected,
  matched,
  active,
  onExpand,
  lod = FULL,
}: PodGroupCardProps) {
  const { rect } = group;
  const title = `${name} ×${pods.length}`;
  const summary = statusSummary(pods);
  // The card takes its worst member's tone: one failing replica must show.
  const tones = new Set(pods.map(podTone));
  const tone = TONE_ORDER.find((t) => tones.has(t)) ?? 'muted';
  const ips = pods.map((p) => p.ip ?? '<none>').join(' ');
  const label = `Pods ${title} on ${group.node}, ${summary}, ${group.owner}; Enter shows each Pod`;
  const cls = [
    'pod',
    'pod-group',
    `tone-${tone}`,
    selected && 'selected',
    active && 'active',
    matched === true && 'matched',
    matched === false && 'dimmed',
  ]
    .filter(Boolean)
    .join(' ');
  const expand = (e: MouseEvent | KeyboardEvent) => {
    e.stopPropagation();
    onExpand(group.key);
  };
  return (
    <g
      className={cls}
      transform={`translate(${rect.x},${rect.y})`}
      role="button"
      aria-label={label}
      aria-expanded={false}
      tabIndex={-1}
      data-key={group.key}
      onClick={expand}
      onKeyDown={(e) => e.key === 'Enter' && expand(e)}
    >
      <title>{`${label}\n${pods.map((p) => `${p.name} ${p.ip ?? '<none>'} ${podStatus(p)}`).join('\n')}`}</title>
      {/* Cards stacked behind it: more than one Pod here. */}
      <rect className="pod-box stack" x={6} y={-5} width={rect.w - 6} height={rect.h} rx={8} />
      <rect className="pod-box stack" x={3} y={-2.5} width={rect.w - 3} height={rect.h} rx={8} />
      <rect className="pod-box" width={rect.w} height={rect.h} rx={8} />
      <rect className="pod-stripe" width={4} height={rect.h - 12} x={0} y={6} rx={2} />
      {lod.level === 'full' ? (
        <>
          <text className="pod-name" x={12} y={21}>
            {fitText(name, rect.w - 24 - measure.title(` ×${pods.length}`), measure.title)} ×{pods.length}
          </text>
          <text className="pod-ip mono" x={12} y={40}>
            {fitText(ips, rect.w - 24, measure.mono)}
          </text>
          <text className="pod-containers" x={12} y={62}>
            {fitText(`Pods of ${group.owner}`, rect.w - 24, measure.tiny)}
          </text>
          <text className="pod-status" x={rect.w - 10} y={rect.h - 12} textAnchor="end">
            {fitText(summary, rect.w - 24, measure.small)}
          </text>
        </>
      ) : (
        <ZoomedText
          lines={zoomStack(
            [
              { text: name, suffix: ` ×${pods.length}`, cls: 'pod-name', px: 13, measure: measure.title, lines: 2 },
              { text: summary, cls: 'pod-status', px: 11.5, measure: measure.small },
            ],
            rect.w - 24,
            rect.h - 14,
            lod.k,
          )}
          x={12}
          y={7}
        />
      )}
    </g>
  );
});
