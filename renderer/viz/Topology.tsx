/**
 * The cluster drawing: SVG topology (React) under the packet canvas, with pan and zoom. The zoom
 * transform is applied imperatively to the content group, so panning never re-renders the cards.
 */
import {
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import type { ZoomTransform } from 'd3';
import type { ClusterSnapshot } from '../../src/api/contract';
import { displayName, objectKey } from '../../src/model/componentId';
import { podTemplates } from '../model/podTemplates';
import { isIngressController } from '../model/ingress';
import { workloadOf } from '../model/workloads';
import type { PlaybackController } from '../playback/controller';
import { CollapseGroupButton, collapseButtonLook, collapseKey } from './CollapseGroupButton';
import { EdgeBoxes } from './EdgeBoxes';
import { EndpointCounts } from './EndpointCounts';
import { EndpointLinks } from './EndpointLinks';
import type { Rect, ReplicaGroup, TopologyLayout } from './layout';
import { measureTextBoxes } from './mapTextBoxes';
import { FULL, lodFor, type Lod } from './lod';
import { arrowDirection, nextItem, type NavItem } from './mapNav';
import { NetworkLinks } from './NetworkLinks';
import { NodeRegion } from './NodeRegion';
import { PacketCanvas, type PacketCanvasHandle } from './PacketCanvas';
import { PodCard } from './PodCard';
import { PodGroupCard } from './PodGroupCard';
import { ServiceCard } from './ServiceCard';
import { fitTransform, useZoom } from './useZoom';

export interface TopologyProps {
  snapshot: ClusterSnapshot;
  layout: TopologyLayout;
  controller: PlaybackController;
  selectedKey: string | null;
  /** Canonical pod keys matched by the label selector, or null when no selector is active. */
  matches: Set<string> | null;
  /** Canonical key of the component at the current hop, and the node whose iptables act on it. */
  activeKey: string | null;
  activeNode: string | null;
  /** Changes when a different folder opens: the view re-fits then (not on every revision). */
  fitKey: string;
  onSelect(key: string | null): void;
  /** A replica group's card was opened (click or Enter): draw its Pods one by one. */
  onExpandGroup?(key: string): void;
  /** An opened group's Collapse button was pressed, or Escape on one of its Pods: one card again. */
  onCollapseGroup?(key: string): void;
  /** What the map's toolbar drives: zoom, fit, and the drawing itself (for Export map). */
  handle?: Ref<MapHandle>;
}

export interface MapHandle {
  fit(): void;
  zoomBy(factor: number): void;
  svg(): SVGSVGElement | null;
}

/** The map's id, where the "Skip to map" link goes. */
export const MAP_ID = 'cluster-map';

/** What arrow keys move between: every selectable thing drawn (a node by its header, an opened group by its Collapse button). */
function navItems(layout: TopologyLayout, collapseBoxes: (g: ReplicaGroup) => Rect): NavItem[] {
  const items: NavItem[] = [];
  for (const [key, r] of layout.services) items.push({ key, ...r });
  for (const n of layout.nodes.values())
    items.push({ key: `node/${n.name}`, x: n.rect.x, y: n.rect.y, w: n.rect.w, h: Math.min(n.rect.h, 72) });
  // A grouped Pod is reached through its group's card.
  for (const [key, r] of layout.pods) if (!layout.groupOf.has(key)) items.push({ key, ...r });
  for (const [key, g] of layout.groups) items.push({ key, ...g.rect });
  // The button straddles its first Pod's top edge: it counts as the half above, so ↑ from that Pod reaches it.
  for (const [key, g] of layout.expandedGroups) {
    const b = collapseBoxes(g);
    items.push({ key: collapseKey(key), x: b.x, y: b.y, w: b.w, h: b.h / 2 });
  }
  return items;
}

/** Memoised: the App re-renders for panels and toasts; the drawing only when its own props change. */
export const Topology = memo(function Topology(props: TopologyProps) {
  const {
    snapshot,
    layout,
    controller,
    selectedKey,
    matches,
    activeKey,
    activeNode,
    fitKey,
    onSelect,
    onExpandGroup,
    onCollapseGroup,
    handle,
  } = props;
  const container = useRef<HTMLDivElement | null>(null);
  const content = useRef<SVGGElement | null>(null);
  const svg = useRef<SVGSVGElement | null>(null);
  const canvas = useRef<PacketCanvasHandle | null>(null);

  // Null until the map's size is known (the layout effect below): the 500 cards of a big folder are
  // first drawn at the detail they are seen at, not in full and then again zoomed out.
  const [lod, setLod] = useState<Lod | null>(null);
  // Whether the user has moved the view (pan, wheel, zoom buttons) since it was last fitted.
  const moved = useRef(false);
  const onZoom = useCallback((t: ZoomTransform, byUser: boolean) => {
    if (byUser) moved.current = true;
    content.current?.setAttribute('transform', t.toString());
    // Semantic zoom: the cards re-render only when the zoom crosses one of lod.ts's steps.
    const next = lodFor(t.k);
    setLod((cur) => (cur === next ? cur : next));
    svg.current?.classList.toggle('lod-low', next.level !== 'full');
    canvas.current?.redraw();
  }, []);
  const { fit: fitTo, zoomBy, current: transform } = useZoom(container, onZoom);
  // The cards follow a new level of detail in a transition: React renders the 500 of them in slices
  // and commits them a frame later, so a re-fit (the first run's panels narrow the map) or a zoom
  // across a step never lays out and paints the cards in the same task as what caused it.
  const deferredLod = useDeferredValue(lod);
  const shownLod = deferredLod ?? lod ?? FULL;
  const targetLod = lod ?? FULL;

  // The map's words, for the answered badges and the packet layer to keep off (mapTextBoxes.ts):
  // measured once per layout and level of detail (a new snapshot is a new layout), when first asked.
  const wordsMemo = useRef<{ layout: TopologyLayout; lod: Lod; boxes: Rect[] } | null>(null);
  const words = useCallback((l: TopologyLayout, d: Lod): Rect[] => {
    const m = wordsMemo.current;
    if (m && m.layout === l && m.lod === d) return m.boxes;
    const boxes = content.current ? measureTextBoxes(content.current) : [];
    wordsMemo.current = { layout: l, lod: d, boxes };
    return boxes;
  }, []);
  // The packet layer's: those words and the answered badges, in one list per change.
  const drawn = useRef<{ layout: TopologyLayout; lod: Lod; badges: Rect[]; all: Rect[] | null }>({
    layout,
    lod: shownLod,
    badges: [],
    all: null,
  });
  useLayoutEffect(() => {
    drawn.current = { ...drawn.current, layout, lod: shownLod, all: null };
    canvas.current?.redraw();
  }, [layout, shownLod]);
  const onBadges = useCallback((badges: Rect[]) => {
    drawn.current = { ...drawn.current, badges, all: null };
    canvas.current?.redraw();
  }, []);
  const mapText = useCallback(() => {
    const d = drawn.current;
    d.all ??= [...words(d.layout, d.lod), ...d.badges];
    return d.all;
  }, [words]);
  const bounds = useRef(layout.bounds);
  useLayoutEffect(() => {
    bounds.current = layout.bounds;
  }, [layout.bounds]);
  const fit = useCallback(() => {
    moved.current = false;
    fitTo(bounds.current);
  }, [fitTo]);

  // The first level of detail, from the fit the map is about to get (before anything is painted).
  useLayoutEffect(() => {
    const box = container.current?.getBoundingClientRect();
    const k = box && box.width > 0 && box.height > 0 ? fitTransform(bounds.current, box.width, box.height).k : 1;
    setLod((cur) => cur ?? lodFor(k));
  }, []);

  // A new arrangement (the map changed shape, replicas grouped) is fitted too, unless the user moved the view.
  useEffect(() => {
    if (!moved.current) fit();
  }, [layout.bounds, fit]);

  useImperativeHandle(
    handle,
    () => ({
      fit,
      zoomBy: (factor: number) => {
        moved.current = true;
        zoomBy(factor);
      },
      svg: () => svg.current,
    }),
    [fit, zoomBy],
  );

  // One tab stop: arrow keys move the focus between the cards inside (Enter selects, see
  // selectable.ts), and are kept from the window's playback keys while the map has the focus.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const dir = arrowDirection(e.key);
    if (e.key === 'Escape' && e.target !== container.current) {
      e.preventDefault();
      // On a Pod of an opened group (or its Collapse button): the group closes, and the focus goes to its card.
      const key = (e.target as Element).getAttribute?.('data-key') ?? '';
      const opened = [...layout.expandedGroups.values()].find((g) => g.members.includes(key) || collapseKey(g.key) === key);
      if (opened) collapseGroup(opened.key);
      else container.current?.focus();
      return;
    }
    if (!dir || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    e.stopPropagation();
    const from = (e.target as Element).getAttribute?.('data-key') ?? null;
    const next = nextItem(
      navItems(layout, (g) => collapseButtonLook(groupName(g), g.rect, targetLod).box),
      from,
      dir,
    );
    if (!next) return;
    const el = container.current?.querySelector<SVGGElement>(`[data-key="${CSS.escape(next.key)}"]`);
    el?.focus();
  };

  // Fit when the viewport first gets a size and when another folder opens; a changed Pod must not
  // move the camera. While the user has not moved the view, it also re-fits when the viewport
  // changes size (the bottom panels grow with a run, or are resized). ResizeObserver reports the
  // initial size once, on observe. The re-fit is drawn in the frame after the resize, not in it: the
  // panels that open with a first run are laid out and painted once, then the map's new scale.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    moved.current = false;
    let frame = 0;
    let first = true;
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      // The first size is fitted at once, so the map is never painted unfitted.
      if (first) {
        first = false;
        if (!moved.current) fit();
        return;
      }
      frame = requestAnimationFrame(() => {
        if (!moved.current) fit();
      });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [fitKey, fit]);

  const podsByKey = useMemo(() => new Map(snapshot.pods.map((p) => [objectKey('pod', p.namespace, p.name), p])), [snapshot]);
  const select = useCallback((key: string) => onSelect(key), [onSelect]);
  const templates = useMemo(() => podTemplates(snapshot), [snapshot]);
  // Shields only where policies are enforced: under flannel alone they isolate nothing.
  const policies = snapshot.settings.networkPolicyEnforced ? snapshot.podPolicies : {};

  const renderPod = (key: string) => {
    const pod = podsByKey.get(key);
    const rect = layout.pods.get(key);
    if (!pod || !rect) return null;
    return (
      <PodCard
        key={key}
        pod={pod}
        podKey={key}
        rect={rect}
        selected={selectedKey === key}
        matched={matches ? matches.has(key) : undefined}
        active={activeKey === key}
        policies={policies[key]}
        ingressController={isIngressController(snapshot, key)}
        template={templates.get(key)}
        onSelect={select}
        lod={shownLod}
      />
    );
  };

  // Opened, the focus goes on to its first Pod's card (the group's card is gone); closed, to the
  // group's card again. The element is focused once it is drawn.
  const focusNext = useRef<string | null>(null);
  const expandGroup = useCallback(
    (key: string) => {
      focusNext.current = layout.groups.get(key)?.members[0] ?? null;
      onExpandGroup?.(key);
    },
    [layout, onExpandGroup],
  );
  const collapseGroup = useCallback(
    (key: string) => {
      focusNext.current = key;
      onCollapseGroup?.(key);
    },
    [onCollapseGroup],
  );
  useEffect(() => {
    const key = focusNext.current;
    const el = key ? container.current?.querySelector<SVGGElement>(`[data-key="${CSS.escape(key)}"]`) : null;
    if (!el) return;
    focusNext.current = null;
    el.focus();
  }, [layout]);
  // A group is named after its workload (Deployment `web`, not ReplicaSet `web-5d8f6c7b9`) where the snapshot shows one.
  const groupName = (g: ReplicaGroup) => {
    const first = podsByKey.get(g.members[0]!);
    return displayName(g.namespace, (first ? workloadOf(snapshot, first)?.name : undefined) ?? g.owner.slice(g.owner.indexOf('/') + 1));
  };
  const renderItem = (key: string) => {
    const group = layout.groups.get(key);
    if (!group) return renderPod(key);
    const members = group.members.flatMap((m) => podsByKey.get(m) ?? []);
    const has = (k: string | null) => k !== null && group.members.includes(k);
    return (
      <PodGroupCard
        key={key}
        group={group}
        name={groupName(group)}
        pods={members}
        selected={has(selectedKey)}
        matched={matches ? group.members.some((m) => matches.has(m)) : undefined}
        active={has(activeKey)}
        onExpand={expandGroup}
        lod={shownLod}
      />
    );
  };

  const empty = snapshot.nodes.length === 0;
  return (
    <div
      className="topology"
      id={MAP_ID}
      ref={container}
      role="region"
      aria-label="Cluster map"
      aria-roledescription="map"
      aria-describedby="cluster-map-help"
      tabIndex={0}
      onKeyDown={onKeyDown}
      onClick={() => onSelect(null)}
    >
      <p id="cluster-map-help" className="visually-hidden">
        Arrow keys move between nodes, Pods and Services; Enter selects; Escape returns to the map.
      </p>
      <svg
        ref={svg}
        className="topology-svg"
        role="group"
        aria-label={`Cluster: ${snapshot.nodes.length} nodes, ${snapshot.pods.length} pods, ${snapshot.services.length} services`}
      >
        <g ref={content}>
          {lod && (
            <>
              <NetworkLinks nodes={snapshot.nodes} clientIP={snapshot.settings.externalClientIP} layout={layout} />
              <EndpointLinks
                services={snapshot.services}
                layout={layout}
                focusKey={activeKey?.startsWith('svc/') ? activeKey : selectedKey}
              />
              <EdgeBoxes snapshot={snapshot} layout={layout} activeKey={activeKey} lod={shownLod} />
              {snapshot.services.map((s) => {
                const key = objectKey('svc', s.namespace, s.name);
                const rect = layout.services.get(key);
                return rect ? (
                  <ServiceCard
                    key={key}
                    svc={s}
                    svcKey={key}
                    rect={rect}
                    selected={selectedKey === key}
                    active={activeKey === key}
                    onSelect={select}
                    lod={shownLod}
                  />
                ) : null;
              })}
              {snapshot.nodes.map((n) => {
                const nl = layout.nodes.get(n.name);
                if (!nl) return null;
                const key = `node/${n.name}`;
                return (
                  <NodeRegion
                    key={key}
                    node={n}
                    layout={nl}
                    selected={selectedKey === key}
                    active={activeKey === key}
                    iptablesActive={activeNode === n.name}
                    onSelect={select}
                    lod={shownLod}
                  >
                    {nl.items.map(renderItem)}
                    {[...layout.expandedGroups.values()]
                      .filter((g) => g.node === n.name)
                      .map((g) => (
                        <CollapseGroupButton key={g.key} group={g} name={groupName(g)} lod={targetLod} onCollapse={collapseGroup} />
                      ))}
                  </NodeRegion>
                );
              })}
              <EndpointCounts controller={controller} layout={layout} lod={shownLod} words={words} onPlaced={onBadges} />
              {layout.pending && (
                <g
                  className="pending-tray"
                  role="group"
                  aria-label={`Pending: ${layout.pendingPods.length} pod${layout.pendingPods.length === 1 ? '' : 's'} not scheduled`}
                >
                  <rect
                    className="tray-box"
                    x={layout.pending.x}
                    y={layout.pending.y}
                    width={layout.pending.w}
                    height={layout.pending.h}
                    rx={12}
                  />
                  <text className="tray-title" x={layout.pending.x + 16} y={layout.pending.y + 22}>
                    Pending · not scheduled
                  </text>
                  {layout.pendingPods.map(renderPod)}
                </g>
              )}
            </>
          )}
        </g>
      </svg>
      <PacketCanvas controller={controller} layout={layout} transform={transform} mapText={mapText} handle={canvas} />
      <div className="sim-badge" title="Packets, timings and addresses are simulated from your manifests; nothing touches a real cluster.">
        Simulated
      </div>
      {empty && (
        <div className="topology-empty">
          <strong>No nodes to draw.</strong>
          <span>The folder did not produce a cluster; see Problems below.</span>
        </div>
      )}
    </div>
  );
});
