/** Outside the cluster: the external client, one load balancer per LoadBalancer Service, and the declared outside hosts. */
import { memo } from 'react';
import type { ClusterSnapshot } from '../../src/api/contract';
import { displayName, hostComponentId, objectKey } from '../../src/model/componentId';
import type { TopologyLayout } from './layout';
import { fitText, wrapText } from './text';
import { measure } from './measure';
import { lbPending } from '../model/status';
import { FULL, zoomStack, type Lod } from './lod';
import { ZoomedText } from './ZoomedText';

export interface EdgeBoxesProps {
  snapshot: ClusterSnapshot;
  layout: TopologyLayout;
  activeKey: string | null;
  /** Semantic zoom (lod.ts): zoomed out, each box keeps its title and address, larger. */
  lod?: Lod;
}

export const EdgeBoxes = memo(function EdgeBoxes({ snapshot, layout, activeKey, lod = FULL }: EdgeBoxesProps) {
  // Zoomed out: a title and an address, fitted to the box (null: the usual lines).
  const zoomed = (w: number, h: number, title: string, address: string) =>
    lod.level === 'full' ? null : (
      <ZoomedText
        lines={zoomStack(
          [
            { text: title, cls: 'client-title', px: 12, measure: measure.label, lines: 2 },
            { text: address, cls: 'mono client-ip', px: 11.5, measure: measure.mono, whole: true },
          ],
          w - 28,
          h - 14,
          lod.k,
        )}
        x={14}
        y={7}
      />
    );
  const c = layout.client;
  const clientIP = snapshot.settings.externalClientIP;
  return (
    <g className="edge-boxes">
      <g
        className={`client ${activeKey === 'client' ? 'active' : ''}`}
        transform={`translate(${c.x},${c.y})`}
        role="group"
        aria-label={`External client ${clientIP}`}
      >
        <rect className="client-box" width={c.w} height={c.h} rx={10} />
        {zoomed(c.w, c.h, 'External client', clientIP) ?? (
          <>
            <text className="client-title" x={14} y={26}>
              External client
            </text>
            <text className="mono client-ip" x={14} y={48}>
              {clientIP}
            </text>
          </>
        )}
      </g>
      {snapshot.services
        .filter((s) => s.type === 'LoadBalancer')
        .map((s) => {
          const key = objectKey('lb', s.namespace, s.name);
          const r = layout.lbs.get(key);
          if (!r) return null;
          const name = displayName(s.namespace, s.name);
          const pending = lbPending(s);
          const why = pending ? (s.pendingReason ?? 'no load-balancer provider assigns an address') : '';
          // The box says the cause (before the first colon); the rest is in the tooltip and the details.
          const cause = why.split(/: /)[0]!;
          const label = `Load balancer for ${name}, ${pending ? `<pending>: ${why}` : s.externalIP}`;
          return (
            <g
              key={key}
              className={`lb ${pending ? 'pending' : ''} ${activeKey === key ? 'active' : ''}`}
              transform={`translate(${r.x},${r.y})`}
              role="group"
              aria-label={label}
            >
              <title>{label}</title>
              <rect className="lb-box" width={r.w} height={r.h} rx={10} />
              {zoomed(r.w, r.h, `Load balancer · ${name}`, pending ? '<pending>' : (s.externalIP ?? '')) ?? (
                <>
                  <text className="lb-title" x={14} y={22}>
                    {fitText(`Load balancer · ${name}`, r.w - 28, measure.label)}
                  </text>
                  <text className={`mono lb-ip ${pending ? 'tone-warn' : ''}`} x={14} y={42}>
                    {pending ? '<pending>' : s.externalIP}
                  </text>
                  {wrapText(cause, r.w - 28, measure.tiny, 4).map((line, i) => (
                    <text key={i} className="lb-why" x={14} y={58 + i * 13}>
                      {line}
                    </text>
                  ))}
                </>
              )}
            </g>
          );
        })}
      {snapshot.settings.externalHosts.map((h) => {
        const key = hostComponentId(h.name ?? h.ip);
        const r = layout.hosts.get(key);
        if (!r) return null;
        const ports = h.ports.length > 0 ? h.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') : 'no port';
        const label = `Outside host ${h.name ? `${h.name} ` : ''}${h.ip}, serves ${ports}`;
        return (
          <g
            key={key}
            className={`host ${activeKey === key ? 'active' : ''}`}
            transform={`translate(${r.x},${r.y})`}
            role="group"
            aria-label={label}
          >
            <title>{label}</title>
            <rect className="host-box" width={r.w} height={r.h} rx={10} />
            {zoomed(r.w, r.h, h.name ?? h.ip, h.name ? h.ip : ports) ?? (
              <>
                <text className="host-kind" x={14} y={20}>
                  Outside host
                </text>
                <text className="host-title" x={14} y={40}>
                  {fitText(h.name ?? h.ip, r.w - 28, measure.label)}
                </text>
                <text className="mono host-ip" x={14} y={58}>
                  {h.name ? h.ip : ''}
                </text>
                <text className="mono host-ports" x={14} y={74}>
                  {fitText(ports, r.w - 28, measure.tiny)}
                </text>
              </>
            )}
          </g>
        );
      })}
    </g>
  );
});
