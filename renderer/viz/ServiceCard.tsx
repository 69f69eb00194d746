/** One Service: name, type, ClusterIP, ports (9000→8080), node port, external IP or why it is pending. */
import { memo } from 'react';
import type { ClusterSnapshot } from '../../src/api/contract';
import { displayName } from '../../src/model/componentId';
import { externalIPText, lbPending, portText } from '../model/status';
import type { Rect } from './layout';
import { fitText } from './text';
import { measure } from './measure';
import { selectableProps } from './selectable';
import { FULL, zoomStack, type Lod } from './lod';
import { ZoomedText } from './ZoomedText';

type Service = ClusterSnapshot['services'][number];

export interface ServiceCardProps {
  svc: Service;
  svcKey: string;
  rect: Rect;
  selected: boolean;
  active: boolean;
  onSelect(key: string): void;
  lod?: Lod;
}

function detailLine(s: Service): { text: string; tone?: 'warn' } {
  // Why it is pending is told at length in its load-balancer box, the tooltip and the details.
  if (lbPending(s)) return { text: 'EXTERNAL-IP <pending>', tone: 'warn' };
  if (s.type === 'LoadBalancer') return { text: `EXTERNAL-IP ${s.externalIP}` };
  if (s.externalTrafficPolicy === 'Local' && (s.type === 'NodePort' || s.type === 'LoadBalancer'))
    return { text: 'externalTrafficPolicy: Local' };
  if (s.internalTrafficPolicy === 'Local') return { text: 'internalTrafficPolicy: Local' };
  if (s.selector && Object.keys(s.selector).length > 0)
    return {
      text: `selector ${Object.entries(s.selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')}`,
    };
  return { text: 'no selector' };
}

export const ServiceCard = memo(function ServiceCard({ svc, svcKey, rect, selected, active, onSelect, lod = FULL }: ServiceCardProps) {
  const name = displayName(svc.namespace, svc.name);
  const ready = svc.endpoints.filter((e) => e.ready).length;
  const ports = svc.ports.map(portText).join(', ');
  const detail = detailLine(svc);
  const typeW = measure.badge(svc.type) + 14;
  const nsText = svc.namespace !== 'default' ? fitText(svc.namespace, rect.w * 0.5, measure.tiny) : '';
  const nsW = nsText ? measure.tiny(nsText) + 10 : 0;
  const label = `Service ${name}, ${svc.type}, ClusterIP ${svc.clusterIP ?? 'None'}, ports ${ports || 'none'}, external IP ${externalIPText(svc)}, ${ready} ready endpoint${ready === 1 ? '' : 's'}`;
  const cls = ['svc', selected && 'selected', active && 'active', ready === 0 && svc.selector && 'no-endpoints'].filter(Boolean).join(' ');
  if (lod.level !== 'full') {
    // Zoomed out: its name, then its ClusterIP while there is room (lod.ts).
    const lines = zoomStack(
      [
        { text: name, cls: 'svc-name', px: 13, measure: measure.title, lines: 2 },
        { text: svc.clusterIP ?? 'None', cls: 'svc-ip mono', px: 11.5, measure: measure.mono, whole: true },
      ],
      rect.w - 24,
      rect.h - 14,
      lod.k,
    );
    return (
      <g
        className={cls}
        transform={`translate(${rect.x},${rect.y})`}
        role="group"
        aria-label={label}
        {...selectableProps(svcKey, onSelect)}
      >
        <title>{label}</title>
        <rect className="svc-box" width={rect.w} height={rect.h} rx={8} />
        <ZoomedText lines={lines} x={12} y={7} />
      </g>
    );
  }
  return (
    <g className={cls} transform={`translate(${rect.x},${rect.y})`} role="group" aria-label={label} {...selectableProps(svcKey, onSelect)}>
      <title>
        {label}
        {detail.text ? `\n${detail.text}` : ''}
        {svc.pendingReason ? `: ${svc.pendingReason}` : ''}
      </title>
      <rect className="svc-box" width={rect.w} height={rect.h} rx={8} />
      <text className="svc-name" x={12} y={21}>
        {fitText(svc.name, rect.w - typeW - 30, measure.title)}
      </text>
      <g className={`type-badge type-${svc.type}`} transform={`translate(${rect.w - typeW - 10},8)`}>
        <rect width={typeW} height={18} rx={4} />
        <text x={typeW / 2} y={13} textAnchor="middle">
          {svc.type}
        </text>
      </g>
      <g className="lod-detail">
        <text className="svc-ip mono" x={12} y={42}>
          {svc.clusterIP ?? 'None'}
        </text>
        <text className="svc-endpoints" x={rect.w - 10} y={42} textAnchor="end">
          {svc.selector ? `${ready}/${svc.endpoints.length} endpoints` : ''}
        </text>
        <text className="svc-ports mono" x={12} y={62}>
          {fitText(ports || 'no ports', rect.w - 24 - nsW, measure.mono)}
        </text>
        {nsText && (
          <text className="svc-ns" x={rect.w - 10} y={62} textAnchor="end">
            {nsText}
          </text>
        )}
        <text className={`svc-detail ${detail.tone ? `tone-${detail.tone}` : ''}`} x={12} y={83}>
          {fitText(detail.text, rect.w - 24, measure.small)}
        </text>
      </g>
    </g>
  );
});
