/**
 * Where a packet sits when it is "at" a component. A Service has no box in the data path: its
 * ClusterIP lives in every node's iptables rules, so a service hop is drawn at the iptables point of
 * the node that applied the rules (the event's `node`), and only falls back to the Service card
 * when the engine did not say which node.
 */
import type { ComponentId } from '../../src/model/trace';
import { canonicalKey, parseComponentId } from '../../src/model/componentId';
import type { Point, TopologyLayout } from './layout';

export function anchorOf(layout: TopologyLayout, id: ComponentId, node?: string): Point | undefined {
  const p = parseComponentId(id);
  if (!p) return undefined;
  switch (p.kind) {
    case 'client': {
      const r = layout.client;
      return { x: r.x + r.w - 16, y: r.y + r.h / 2 };
    }
    case 'node':
      return layout.nodes.get(p.name)?.eth;
    case 'svc': {
      const n = node ? layout.nodes.get(node) : undefined;
      if (n) return n.iptables;
      const r = layout.services.get(canonicalKey(id));
      return r ? { x: r.x + r.w / 2, y: r.y + r.h } : undefined;
    }
    case 'host': {
      const r = layout.hosts.get(canonicalKey(id));
      return r ? { x: r.x + r.w - 16, y: r.y + r.h / 2 } : undefined;
    }
    case 'lb': {
      const r = layout.lbs.get(canonicalKey(id));
      return r ? { x: r.x + r.w - 16, y: r.y + r.h / 2 } : undefined;
    }
    case 'pod': {
      const r = layout.pods.get(canonicalKey(id));
      return r ? { x: r.x + r.w - 16, y: r.y + 16 } : undefined;
    }
  }
}

/** Linear interpolation between two anchors. */
export function along(a: Point, b: Point, t: number): Point {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}

const anchorCaches = new WeakMap<TopologyLayout, Map<string, Map<string, Point | null>>>();

/**
 * anchorOf, memoised per layout (a layout never changes once built): the packet layer asks for the
 * same few anchors on every frame, and parsing ids there showed up in profiles.
 */
export function cachedAnchor(layout: TopologyLayout, id: ComponentId, node?: string): Point | undefined {
  let byId = anchorCaches.get(layout);
  if (!byId) {
    byId = new Map();
    anchorCaches.set(layout, byId);
  }
  let byNode = byId.get(id);
  if (!byNode) {
    byNode = new Map();
    byId.set(id, byNode);
  }
  const k = node ?? '';
  let p = byNode.get(k);
  if (p === undefined) {
    p = anchorOf(layout, id, node) ?? null;
    byNode.set(k, p);
  }
  return p ?? undefined;
}
