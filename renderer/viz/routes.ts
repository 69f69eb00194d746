/**
 * Where a packet travels between two hops: a polyline along the drawn links (layout.ts
 * NetworkLayout), never straight across unrelated cards.
 *
 *  - inside a node: from a Pod up into the gap above its row, along the node's right-hand gutter,
 *    to its header, where eth0 and the iptables chip are (host traffic passes them);
 *  - node to node, host to host (eth0 → eth0): along the node network's bus;
 *  - to or from a Pod on another node: through flannel.1 and the VXLAN overlay below the nodes;
 *  - the external client and load balancers: along the bus's trunk on the left, to a node's eth0.
 */
import type { ComponentId } from '../../src/model/trace';
import { canonicalKey, parseComponentId } from '../../src/model/componentId';
import { cachedAnchor } from './anchors';
import { SIZES, type NodeLayout, type Point, type TopologyLayout } from './layout';

export interface Route {
  pts: Point[];
  /** Distance from the start to each point. */
  cum: number[];
  length: number;
}

type Place = { kind: 'outside' } | { kind: 'host'; node: NodeLayout } | { kind: 'pod'; node: NodeLayout; key: string } | { kind: 'none' };

const podNodes = new WeakMap<TopologyLayout, Map<string, NodeLayout>>();
function nodeOfPod(layout: TopologyLayout, key: string): NodeLayout | undefined {
  let m = podNodes.get(layout);
  if (!m) {
    m = new Map();
    for (const n of layout.nodes.values()) for (const k of n.pods) m.set(k, n);
    podNodes.set(layout, m);
  }
  return m.get(key);
}

function placeOf(layout: TopologyLayout, id: ComponentId, node?: string): Place {
  const p = parseComponentId(id);
  if (!p) return { kind: 'none' };
  switch (p.kind) {
    case 'client':
    case 'lb':
    case 'host':
      return { kind: 'outside' };
    case 'node': {
      const n = layout.nodes.get(p.name);
      return n ? { kind: 'host', node: n } : { kind: 'none' };
    }
    case 'svc': {
      const n = node ? layout.nodes.get(node) : undefined;
      return n ? { kind: 'host', node: n } : { kind: 'none' };
    }
    case 'pod': {
      const key = canonicalKey(id);
      const n = nodeOfPod(layout, key);
      return n ? { kind: 'pod', node: n, key } : { kind: 'none' };
    }
    default:
      return { kind: 'none' };
  }
}

/** The node's right-hand gutter, and the line under its header where host traffic joins it. */
const gutterX = (n: NodeLayout) => n.rect.x + n.rect.w - SIZES.nodePad / 2;
const headerY = (n: NodeLayout) => n.rect.y + SIZES.nodeHeader - 8;

/** From a point inside node `n` to its gutter: the leg's points, the last one on the gutter. */
function legToGutter(layout: TopologyLayout, n: NodeLayout, a: Point, place: Place | 'flannel'): Point[] {
  const gx = gutterX(n);
  if (place === 'flannel') {
    const y = n.rect.y + n.rect.h - SIZES.nodePad / 2;
    return [a, { x: a.x, y }, { x: gx, y }];
  }
  if (place.kind === 'pod') {
    const r = layout.pods.get(place.key)!;
    const y = r.y - SIZES.gap / 2;
    return [a, { x: a.x, y }, { x: gx, y }];
  }
  // eth0 and the iptables chip sit one above the other: down through them to the header line.
  const hy = headerY(n);
  return [a, { x: n.eth.x, y: hy }, { x: gx, y: hy }];
}

/** a → b inside one node, both given with their places. */
function inNode(layout: TopologyLayout, n: NodeLayout, a: Point, pa: Place | 'flannel', b: Point, pb: Place | 'flannel'): Point[] {
  // Two points on the host's own vertical (eth0 over iptables) are joined directly.
  if (pa !== 'flannel' && pb !== 'flannel' && pa.kind === 'host' && pb.kind === 'host') return [a, b];
  const la = legToGutter(layout, n, a, pa);
  const lb = legToGutter(layout, n, b, pb).reverse();
  // Same row (same gap line): along the gap, without going round by the gutter.
  if (la[1]!.y === lb.at(-2)!.y && pa !== 'flannel' && pb !== 'flannel') return [a, la[1]!, lb.at(-2)!, b];
  return [...la, ...lb];
}

function routeOf(
  layout: TopologyLayout,
  from: ComponentId,
  fromNode: string | undefined,
  to: ComponentId,
  toNode: string | undefined,
): Point[] {
  const a = cachedAnchor(layout, from, fromNode);
  const b = cachedAnchor(layout, to, toNode);
  if (!a || !b) return [];
  const pa = placeOf(layout, from, fromNode);
  const pb = placeOf(layout, to, toNode);
  const net = layout.network;
  if (pa.kind === 'none' || pb.kind === 'none') return [a, b];
  if (pa.kind === 'outside' && pb.kind === 'outside') return [a, { x: net.trunkX, y: a.y }, { x: net.trunkX, y: b.y }, b];
  if (pa.kind === 'outside' || pb.kind === 'outside') {
    const forward = pa.kind === 'outside';
    const [o, inner, place] = forward ? [a, b, pb] : [b, a, pa];
    if (place.kind === 'outside') return [a, b];
    const n = place.node;
    const busY = net.rows[n.row]!.busY;
    const path = [
      o,
      { x: net.trunkX, y: o.y },
      { x: net.trunkX, y: busY },
      { x: n.eth.x, y: busY },
      ...inNode(layout, n, n.eth, { kind: 'host', node: n }, inner, place),
    ];
    return forward ? path : path.reverse();
  }
  if (pa.node === pb.node) return inNode(layout, pa.node, a, pa, b, pb);
  // Node to node: host to host on the node network; anything to or from a Pod over the overlay.
  const A = pa.node;
  const B = pb.node;
  if (pa.kind === 'host' && pb.kind === 'host') {
    const ya = net.rows[A.row]!.busY;
    const yb = net.rows[B.row]!.busY;
    const across =
      ya === yb
        ? []
        : [
            { x: net.trunkX, y: ya },
            { x: net.trunkX, y: yb },
          ];
    return [
      ...inNode(layout, A, a, pa, A.eth, { kind: 'host', node: A }),
      { x: A.eth.x, y: ya },
      ...across,
      { x: B.eth.x, y: yb },
      ...inNode(layout, B, B.eth, { kind: 'host', node: B }, b, pb),
    ];
  }
  const ya = net.rows[A.row]!.overlayY;
  const yb = net.rows[B.row]!.overlayY;
  const across =
    ya === yb
      ? []
      : [
          { x: net.overlayX, y: ya },
          { x: net.overlayX, y: yb },
        ];
  return [
    ...inNode(layout, A, a, pa, A.flannel, 'flannel'),
    { x: A.flannel.x, y: ya },
    ...across,
    { x: B.flannel.x, y: yb },
    ...inNode(layout, B, B.flannel, 'flannel', b, pb),
  ];
}

function measured(points: Point[]): Route {
  const pts: Point[] = [];
  for (const p of points) {
    const last = pts.at(-1);
    if (!last || last.x !== p.x || last.y !== p.y) pts.push(p);
  }
  const cum = [0];
  for (let i = 1; i < pts.length; i++) cum.push(cum[i - 1]! + Math.hypot(pts[i]!.x - pts[i - 1]!.x, pts[i]!.y - pts[i - 1]!.y));
  return { pts, cum, length: cum.at(-1) ?? 0 };
}

const routeCaches = new WeakMap<TopologyLayout, Map<string, Route>>();

/** The route between two hops' places, memoised per layout (a layout never changes once built). */
export function routeBetween(
  layout: TopologyLayout,
  from: ComponentId,
  fromNode: string | undefined,
  to: ComponentId,
  toNode: string | undefined,
): Route {
  let cache = routeCaches.get(layout);
  if (!cache) {
    cache = new Map();
    routeCaches.set(layout, cache);
  }
  const k = `${from}\u0000${fromNode ?? ''}\u0000${to}\u0000${toNode ?? ''}`;
  let r = cache.get(k);
  if (!r) {
    r = measured(routeOf(layout, from, fromNode, to, toNode));
    cache.set(k, r);
  }
  return r;
}

/** The point `d` along the route (clamped to its ends). */
export function pointAlong(r: Route, d: number, out: Point = { x: 0, y: 0 }): Point {
  const { pts, cum } = r;
  if (pts.length === 0) return out;
  if (d <= 0 || pts.length === 1) return Object.assign(out, pts[0]!);
  if (d >= r.length) return Object.assign(out, pts.at(-1)!);
  let i = 1;
  while (i < pts.length - 1 && cum[i]! < d) i++;
  const seg = cum[i]! - cum[i - 1]!;
  const t = seg > 0 ? (d - cum[i - 1]!) / seg : 1;
  out.x = pts[i - 1]!.x + (pts[i]!.x - pts[i - 1]!.x) * t;
  out.y = pts[i - 1]!.y + (pts[i]!.y - pts[i - 1]!.y) * t;
  return out;
}
