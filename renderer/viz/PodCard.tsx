/** One Pod: name, IP, status, labels as chips, containers with their ports. Scheduled or Pending. */
import { memo } from 'react';
import type { ClusterSnapshot, PodPolicies } from '../../src/api/contract';
import { displayName } from '../../src/model/componentId';
import { CONTROLLER_BADGE } from '../model/ingress';
import { isolatedDirections, isolationText } from '../model/policies';
import { podStatus, podTone } from '../model/status';
import type { Rect } from './layout';
import { fitChips, fitText, wrapText, type Measure } from './text';
import { measure } from './measure';
import { PolicyShields, SHIELD_STEP } from './PolicyShields';
import { selectableProps } from './selectable';
import { templateText, type PodTemplate } from '../model/podTemplates';
import { FULL, zoomStack, type Lod } from './lod';
import { ZoomedText } from './ZoomedText';

type Pod = ClusterSnapshot['pods'][number];

export interface PodCardProps {
  pod: Pod;
  podKey: string;
  rect: Rect;
  selected: boolean;
  /** Label-selector state: true = matches, false = does not (dimmed), undefined = no selector. */
  matched?: boolean;
  /** A packet is at this Pod right now. */
  active: boolean;
  /** The NetworkPolicies isolating it, where they are enforced (absent: not isolated, or flannel alone). */
  policies?: PodPolicies;
  /** It runs an ingress-nginx controller (the engine's answer, from the snapshot). */
  ingressController?: boolean;
  /** During its Deployment's rollout: its ReplicaSet, old or new template (absent otherwise). */
  template?: PodTemplate;
  onSelect(key: string): void;
  /** Semantic zoom: close up every line, further out fewer and larger (lod.ts). */
  lod?: Lod;
}

/** Space between the controller badge and the label chips after it. */
const BADGE_GAP = 6;

const portText = (p: Pod['containers'][number]['ports'][number]) => `:${p.containerPort}${p.protocol !== 'TCP' ? `/${p.protocol}` : ''}`;

function containerText(c: Pod['containers'][number]): string {
  const ports = c.ports.map(portText).join(' ');
  return ports ? `${c.name} ${ports}` : c.name;
}

/**
 * The containers, in `lines` lines whose widths are `widths` (the last one shares its line with the
 * status). Two containers and two lines (a Pod without labels): one per line. Otherwise one line,
 * `container1 :8000 · container2 :8080` when it fits, else the ports without the names
 * (`2 containers :8000 :8080`, what a packet cares about), and only then cut.
 */
export function containerLines(pod: Pod, widths: number[], measure: Measure): string[] {
  const cs = pod.containers;
  if (cs.length === 0) return [fitText('no containers', widths.at(-1)!, measure)];
  if (widths.length >= 2 && cs.length === 2)
    return [fitText(containerText(cs[0]!), widths[0]!, measure), fitText(containerText(cs[1]!), widths[1]!, measure)];
  const maxPx = widths[0]!;
  const full = cs.map(containerText).join(' · ');
  if (measure(full) <= maxPx || cs.length < 2) return [fitText(full, maxPx, measure)];
  const ports = cs.flatMap((c) => c.ports.map(portText)).join(' ');
  const short = `${cs.length} containers${ports ? ` ${ports}` : ''}`;
  return [fitText(measure(short) <= maxPx ? short : `${cs.length}× ${ports}`, maxPx, measure)];
}

/**
 * A zoomed-out Pod's name: a controller's Pod keeps its generated suffix when the name is cut
 * (`app-16…-5mmdf`, or `-5mmdf` alone where little fits), since that is what tells replicas apart.
 */
export function zoomedName(name: string, owner: string | null | undefined): { text: string; suffix?: string } {
  const cut = name.lastIndexOf('-');
  if (!owner || cut <= 0 || cut === name.length - 1) return { text: name };
  return { text: name.slice(0, cut), suffix: name.slice(cut) };
}

export const PodCard = memo(function PodCard({
  pod,
  podKey,
  rect,
  selected,
  matched,
  active,
  policies,
  ingressController,
  template,
  onSelect,
  lod = FULL,
}: PodCardProps) {
  const status = podStatus(pod);
  const tone = podTone(pod);
  const name = displayName(pod.namespace, pod.name);
  const statusW = Math.min(measure.small(status) + 2, rect.w * 0.55);
  const pending = !pod.node;
  const innerW = rect.w - 24;
  const labels = Object.entries(pod.labels).map(([k, v]) => `${k}=${v}`);
  // A controller's badge leads the chips' row: what the Pod is matters more than its labels.
  // During a rollout, the template's badge (`new 69cc744cc7` / `old 5946dfbbfd`) takes that place.
  const badge = ingressController ? CONTROLLER_BADGE : template ? `${template.isNew ? 'new' : 'old'} ${template.hash}` : '';
  const badgeW = badge ? Math.min(measure.badge(badge) + 14, innerW) : 0;
  const chipsX = badgeW > 0 ? badgeW + BADGE_GAP : 0;
  const chips = fitChips(labels, innerW - chipsX, measure.chip);
  const shields = isolatedDirections(policies);
  const isolation = isolationText(policies);
  const role = ingressController ? ', ingress-nginx controller' : '';
  const rs = template ? `, ${templateText(template)}` : '';
  const label = `Pod ${name}${role}, ${pod.ip ?? 'no IP'}, ${status}${pod.node ? `, on ${pod.node}` : ''}${rs}${isolation ? `, ${isolation}` : ''}`;
  const cls = [
    'pod',
    `tone-${tone}`,
    selected && 'selected',
    active && 'active',
    matched === true && 'matched',
    matched === false && 'dimmed',
    pod.terminating && 'terminating',
    template && (template.isNew ? 'template-new' : 'template-old'),
  ]
    .filter(Boolean)
    .join(' ');
  if (lod.level !== 'full') {
    // Zoomed out: its name, then its IP while there is room, large enough to read (lod.ts).
    const reserve = shields.length > 0 ? shields.length * SHIELD_STEP + 4 : 0;
    const lines = zoomStack(
      [
        { ...zoomedName(pending ? name : pod.name, pod.owner), cls: 'pod-name', px: 13, measure: measure.title, lines: badge ? 1 : 2 },
        // What it is (an ingress controller, a rollout's new or old template) before its address.
        ...(badge ? [{ text: badge, cls: 'pod-status', px: 11.5, measure: measure.small, whole: true }] : []),
        { text: pod.ip ?? '<none>', cls: 'pod-ip mono', px: 11.5, measure: measure.mono, whole: true },
      ],
      rect.w - 24 - reserve,
      rect.h - 14,
      lod.k,
    );
    return (
      <g
        className={cls}
        transform={`translate(${rect.x},${rect.y})`}
        role="group"
        aria-label={label}
        {...selectableProps(podKey, onSelect)}
      >
        <title>{label}</title>
        <rect className="pod-box" width={rect.w} height={rect.h} rx={8} />
        <rect className="pod-stripe" width={4} height={rect.h - 12} x={0} y={6} rx={2} />
        {isolation && <PolicyShields directions={shields} x={rect.w - 16} y={8} title={`${name} is ${isolation}`} />}
        <ZoomedText lines={lines} x={12} y={7} />
      </g>
    );
  }
  return (
    <g className={cls} transform={`translate(${rect.x},${rect.y})`} role="group" aria-label={label} {...selectableProps(podKey, onSelect)}>
      <title>{label}</title>
      <rect className="pod-box" width={rect.w} height={rect.h} rx={8} />
      <rect className="pod-stripe" width={4} height={rect.h - 12} x={0} y={6} rx={2} />
      <text className="pod-name" x={12} y={21}>
        {fitText(pending ? name : pod.name, rect.w - 32 - (shields.length > 0 ? 4 + shields.length * SHIELD_STEP - 12 : 0), measure.title)}
      </text>
      {/* At the card's anchor (see anchors.ts: 16 px in from the top-right corner), where packets arrive. */}
      {isolation && <PolicyShields directions={shields} x={rect.w - 16} y={8} title={`${name} is ${isolation}`} />}
      <g className="lod-detail">
        <text className="pod-ip mono" x={12} y={40}>
          {pod.ip ?? '<none>'}
        </text>
        {!pending && pod.namespace !== 'default' && (
          <text className="pod-ns" x={rect.w - 10} y={40} textAnchor="end">
            {fitText(pod.namespace, rect.w - 24 - measure.mono(pod.ip ?? '<none>') - 10, measure.tiny)}
          </text>
        )}
        {pending ? (
          wrapText(pod.schedule.message ?? 'Waiting to be scheduled', rect.w - 24, measure.tiny, 3).map((line, i) => (
            <text key={i} className="pod-message" x={12} y={58 + i * 14}>
              {line}
            </text>
          ))
        ) : (
          <>
            {badge && (
              <g className={ingressController ? 'controller-badge' : 'template-badge'} transform="translate(12,49)" aria-hidden="true">
                <rect width={badgeW} height={17} rx={4} />
                <text x={badgeW / 2} y={12.5} textAnchor="middle">
                  {fitText(badge, badgeW - 8, measure.badge)}
                </text>
              </g>
            )}
            <g transform={`translate(${12 + chipsX},49)`}>
              {chips.shown.map((c) => (
                <g key={c.text} className="chip" transform={`translate(${c.x},0)`}>
                  <rect width={c.w} height={17} rx={8.5} />
                  <text x={c.w / 2} y={12.5} textAnchor="middle">
                    {c.text}
                  </text>
                </g>
              ))}
              {chips.more > 0 && (
                <text className="chip-more" x={(chips.shown.at(-1)?.x ?? 0) + (chips.shown.at(-1)?.w ?? 0) + 6} y={12.5}>
                  +{chips.more}
                </text>
              )}
            </g>
            {/* Without labels, the chips' row is free: containers may take it too. */}
            {(() => {
              const bottomW = innerW - statusW - 8;
              const free = chips.shown.length === 0 && chips.more === 0 && !badge;
              const lines = containerLines(pod, free && pod.containers.length === 2 ? [innerW, bottomW] : [bottomW], measure.monoSmall);
              return lines.map((line, i) => (
                <text key={i} className="pod-containers mono" x={12} y={i === lines.length - 1 ? rect.h - 12 : 62}>
                  {line}
                </text>
              ));
            })()}
          </>
        )}
        <text className="pod-status" x={rect.w - 10} y={pending ? 40 : rect.h - 12} textAnchor="end">
          {fitText(status, statusW, measure.small)}
        </text>
      </g>
    </g>
  );
});
