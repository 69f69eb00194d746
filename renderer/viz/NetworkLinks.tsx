/**
 * The networks drawn under the cards: the node network (a bus joining the external client, the load
 * balancers and every node's eth0, with its address) and the VXLAN overlay between the nodes'
 * flannel.1 interfaces (10.244.N.0). Packets travel along these lines (routes.ts).
 */
import { memo } from 'react';
import type { ClusterSnapshot } from '../../src/api/contract';
import type { TopologyLayout } from './layout';

export interface NetworkLinksProps {
  nodes: ClusterSnapshot['nodes'];
  clientIP: string;
  layout: TopologyLayout;
}

/** The node network's /24, from a node's (or the client's) address: minikube puts them all on one. */
export function nodeNetworkText(nodes: ClusterSnapshot['nodes'], clientIP: string): string {
  const ip = nodes[0]?.ip ?? clientIP;
  const parts = ip.split('.');
  return parts.length === 4 ? `${parts.slice(0, 3).join('.')}.0/24` : ip;
}

/** flannel.1 takes the network address of the node's Pod subnet (10.244.1.0/24 → 10.244.1.0). */
export function flannelAddress(podCIDR: string): string {
  return podCIDR.split('/')[0] ?? podCIDR;
}

export const NetworkLinks = memo(function NetworkLinks({ nodes, clientIP, layout }: NetworkLinksProps) {
  const net = layout.network;
  const c = layout.client;
  const stubs = [
    { key: 'client', x: c.x + c.w, y: c.y + c.h / 2 },
    ...[...layout.lbs].map(([key, r]) => ({ key, x: r.x + r.w, y: r.y + r.h / 2 })),
  ];
  const overlay = nodes.length > 1;
  return (
    <g className="networks" aria-hidden="true">
      <g className="node-net">
        <line x1={net.trunkX} y1={net.trunkTop} x2={net.trunkX} y2={net.trunkBottom} />
        {stubs.map((s) => (
          <line key={s.key} x1={s.x} y1={s.y} x2={net.trunkX} y2={s.y} />
        ))}
        {net.rows.map((r, i) => (
          <line key={i} x1={net.trunkX} y1={r.busY} x2={r.busRight} y2={r.busY} />
        ))}
        {nodes.map((n) => {
          const nl = layout.nodes.get(n.name);
          if (!nl) return null;
          const busY = net.rows[nl.row]!.busY;
          return (
            <g key={n.name}>
              <line x1={nl.eth.x} y1={busY} x2={nl.eth.x} y2={nl.eth.y} />
              <text className="net-label mono" x={nl.eth.x + 9} y={busY - 5}>
                eth0 {n.ip}
              </text>
            </g>
          );
        })}
        {net.rows[0] && (
          <text className="net-title" x={net.trunkX + 8} y={net.rows[0].busY + 14}>
            node network {nodeNetworkText(nodes, clientIP)}
          </text>
        )}
      </g>
      {overlay && (
        <g className="overlay-net">
          {net.rows.map((r, i) => (
            <line key={i} x1={r.overlayLeft} y1={r.overlayY} x2={r.overlayRight} y2={r.overlayY} />
          ))}
          {net.rows.length > 1 && <line x1={net.overlayX} y1={net.rows[0]!.overlayY} x2={net.overlayX} y2={net.rows.at(-1)!.overlayY} />}
          {nodes.map((n) => {
            const nl = layout.nodes.get(n.name);
            if (!nl) return null;
            const y = net.rows[nl.row]!.overlayY;
            return (
              <g key={n.name}>
                <line x1={nl.flannel.x} y1={nl.flannel.y} x2={nl.flannel.x} y2={y} />
                <circle cx={nl.flannel.x} cy={nl.flannel.y} r={4} />
                <text className="net-label mono" x={nl.flannel.x + 8} y={y + 15}>
                  flannel.1 {flannelAddress(n.podCIDR)}
                </text>
              </g>
            );
          })}
          {net.rows.length > 0 && (
            <text className="net-title" x={net.rows.at(-1)!.overlayLeft} y={net.rows.at(-1)!.overlayY + 30}>
              VXLAN overlay · UDP 8472 · VNI 1
            </text>
          )}
        </g>
      )}
    </g>
  );
});
