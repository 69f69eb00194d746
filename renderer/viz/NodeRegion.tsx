/** A node as a region: name, IP, role, podCIDR, cordon state, open node ports on its edge; its Pods inside. */
import { memo, type ReactNode } from 'react';
import type { ClusterSnapshot } from '../../src/api/contract';
import { SIZES, type NodeLayout } from './layout';
import { fitText, wrapBreaking } from './text';
import { measure } from './measure';
import { selectableProps } from './selectable';
import { FULL, zoomStack, type Lod } from './lod';
import { ZoomedText } from './ZoomedText';

type Node = ClusterSnapshot['nodes'][number];

export interface NodeRegionProps {
  node: Node;
  layout: NodeLayout;
  selected: boolean;
  active: boolean;
  /** A service hop is being applied by this node's iptables right now. */
  iptablesActive: boolean;
  onSelect(key: string): void;
  children?: ReactNode;
  lod?: Lod;
}

export const NodeRegion = memo(function NodeRegion({
  node,
  layout,
  selected,
  active,
  iptablesActive,
  onSelect,
  children,
  lod = FULL,
}: NodeRegionProps) {
  const { rect } = layout;
  const key = `node/${node.name}`;
  const role = node.roles.length ? node.roles.join(',') : 'worker';
  const cordoned = Boolean(node.unschedulable);
  const taints = node.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
  const label = `Node ${node.name}, ${node.ip}, ${role}, podCIDR ${node.podCIDR}${cordoned ? ', SchedulingDisabled' : ''}, ${layout.pods.length} pod${layout.pods.length === 1 ? '' : 's'}`;
  const cls = ['node', selected && 'selected', active && 'active', cordoned && 'cordoned'].filter(Boolean).join(' ');
  const ipt = { x: layout.iptables.x - rect.x, y: layout.iptables.y - rect.y };
  const roleW = measure.tiny(role) + 16;
  // Line 1: name, role chip at the right. Line 2: InternalIP, iptables chip. Line 3: podCIDR.
  const roleX = rect.w - 12 - roleW;
  // Zoomed out, the header keeps the name (then the IP) at a readable size, inside the header only.
  const zoomed =
    lod.level === 'full'
      ? null
      : zoomStack(
          [
            { text: node.name, cls: 'node-name', px: 14.5, measure: measure.nodeName },
            { text: node.ip, cls: 'node-meta mono', px: 11.5, measure: measure.mono, whole: true },
          ],
          rect.w - 32,
          SIZES.nodeHeader - 16,
          lod.k,
        );
  return (
    <g className={cls}>
      {/* The focusable frame carries the name: arrow keys focus it, and a focused element must say what it is. */}
      <g
        transform={`translate(${rect.x},${rect.y})`}
        className="node-frame"
        role="group"
        aria-label={label}
        {...selectableProps(key, onSelect)}
      >
        <title>{`${label}${taints.length ? `\nTaints: ${taints.join(', ')}` : ''}`}</title>
        <rect className="node-box" width={rect.w} height={rect.h} rx={12} />
        {zoomed ? (
          <ZoomedText lines={zoomed} x={16} y={12} />
        ) : (
          <text className="node-name" x={16} y={25}>
            {fitText(node.name, roleX - 16 - 8, measure.nodeName)}
          </text>
        )}
        <g className="role-chip lod-detail" transform={`translate(${roleX},11)`}>
          <rect width={roleW} height={18} rx={9} />
          <text x={roleW / 2} y={13} textAnchor="middle">
            {role}
          </text>
        </g>
        <text className="node-meta mono lod-detail" x={16} y={47}>
          {node.ip}
        </text>
        <text className="node-meta mono lod-detail" x={16} y={66}>
          {fitText(`pods ${node.podCIDR}`, rect.w - 32, measure.mono)}
        </text>
        {cordoned && (
          <g className="cordon-badge" transform={`translate(${rect.w / 2 - 71},${rect.h - 9})`}>
            <rect width={142} height={18} rx={4} />
            <text x={71} y={13} textAnchor="middle">
              SchedulingDisabled
            </text>
          </g>
        )}
        <g className={`iptables-chip lod-detail ${iptablesActive ? 'active' : ''}`} transform={`translate(${ipt.x - 32},${ipt.y - 9})`}>
          <rect width={64} height={18} rx={4} />
          <text x={32} y={13} textAnchor="middle">
            iptables
          </text>
        </g>
        <circle className="eth" cx={layout.eth.x - rect.x} cy={0} r={5} />
        {layout.ports.map((p) => (
          <g key={p.port} className="port-tab" transform={`translate(${p.rect.x - rect.x},${p.rect.y - rect.y})`}>
            <title>{`NodePort ${p.port} is open on ${node.name}`}</title>
            <rect width={p.rect.w} height={p.rect.h} rx={4} />
            <text className="lod-detail" x={p.rect.w / 2} y={14} textAnchor="middle">
              :{p.port}
            </text>
          </g>
        ))}
        {layout.morePorts > 0 && (
          <text
            className="port-more lod-detail"
            x={(layout.ports.at(-1)?.rect.x ?? rect.x + 12) - rect.x + (layout.ports.length ? 68 : 0)}
            y={4}
          >
            +{layout.morePorts}
          </text>
        )}
        {layout.pods.length === 0 && (
          <g className="empty-node lod-detail">
            <text x={16} y={104}>
              {cordoned ? 'No Pods (cordoned)' : 'No Pods'}
            </text>
            {/* Taints are long unbroken keys: they wrap at their separators rather than being cut. */}
            {taints
              .slice(0, 3)
              .flatMap((t) =>
                wrapBreaking(`taint ${t}`, rect.w - 32, measure.monoSmall, 2).map((line, j) => ({ key: `${t}#${j}`, line, indent: j > 0 })),
              )
              .slice(0, 6)
              .map(({ key, line, indent }, i) => (
                <text key={key} className="taint-text mono" x={indent ? 28 : 16} y={124 + i * 15}>
                  {line}
                </text>
              ))}
          </g>
        )}
      </g>
      {children}
    </g>
  );
});
