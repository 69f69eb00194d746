/**
 * Where everything goes: a pure, deterministic function of the snapshot. Objects are placed by their
 * canonical keys in a stable order, so deleting or re-creating one Pod moves nothing else, and the
 * same cluster always gets the same picture.
 *
 * Bands, top to bottom: Services; nodes (each a region with its Pods packed in a grid); the Pending
 * tray. The external client, the load balancers and the declared outside hosts sit in a column on the
 * left, outside the cluster.
 * The pod-grid width and the Services per row are chosen together so the whole drawing comes out
 * about twice as wide as tall (the shape of the view), which keeps three nodes with two Pods large
 * on screen and still packs hundreds of Pods.
 */
import type { ClusterSnapshot } from '../../src/api/contract';
import { hostComponentId, objectKey } from '../../src/model/componentId';
import type { ExternalHost } from '../../src/model/cluster';

export interface Point {
  x: number;
  y: number;
}
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface NodeLayout {
  name: string;
  rect: Rect;
  /** Where packets enter and leave the node (its interface, on the top border). */
  eth: Point;
  /** Where kube-proxy's iptables rules act (service hops dwell here). */
  iptables: Point;
  /** Open node ports, drawn as tabs on the top border; `morePorts` did not fit. */
  ports: { port: number; rect: Rect }[];
  morePorts: number;
  /** Canonical keys of every Pod on the node (a grouped one too), in drawing order. */
  pods: string[];
  /** What is drawn, in order: a Pod's key, or a replica group's key (see TopologyLayout.groups). */
  items: string[];
  /** flannel.1, where overlay (VXLAN) traffic leaves and enters the node (its bottom border). */
  flannel: Point;
  /** Its row of nodes (0 = top): which segment of the node network and the overlay it is on. */
  row: number;
}

/**
 * The drawn networks. The node network (192.168.64.0/24) is a bus: a trunk on the left that the
 * client and the load balancers join, and one segment above each row of nodes that every node's
 * eth0 joins. The VXLAN overlay (flannel.1) is a line below each row of nodes, the rows joined on
 * the right. Packets travel along these lines (routes.ts).
 */
export interface NetworkLayout {
  /** The trunk's x, and how far it runs. */
  trunkX: number;
  trunkTop: number;
  trunkBottom: number;
  /** Per row of nodes: the bus segment's y and its right end; the overlay's y and its ends. */
  rows: { busY: number; busRight: number; overlayY: number; overlayLeft: number; overlayRight: number }[];
  /** Where the overlay's rows are joined (x), when there is more than one. */
  overlayX: number;
}

/** Replicas of one workload on one node, drawn as one card while grouped (LayoutOptions.groupReplicas). */
export interface ReplicaGroup {
  key: string;
  /** The Pods' controller as the snapshot names it (`ReplicaSet/web-5d8f6c7b9`), and its namespace. */
  owner: string;
  namespace: string;
  node: string;
  /** Canonical keys of its Pods. */
  members: string[];
  rect: Rect;
}

export interface TopologyLayout {
  bounds: Rect;
  client: Rect;
  lbs: Map<string, Rect>;
  /** Hosts outside the cluster (settings.externalHosts) by `host/NAME` (or `host/IP`), below the load balancers. */
  hosts: Map<string, Rect>;
  services: Map<string, Rect>;
  nodes: Map<string, NodeLayout>;
  /** Every Pod's card; a grouped Pod has its group's (packets and links to it land on the group). */
  pods: Map<string, Rect>;
  /** Replica groups by key, and each grouped Pod's group key. */
  groups: Map<string, ReplicaGroup>;
  groupOf: Map<string, string>;
  /**
   * Groups the user opened (LayoutOptions.expanded) that would be grouped, by key: their Pods are drawn one
   * by one, and `rect` is the first one's card (where the group's Collapse button goes).
   */
  expandedGroups: Map<string, ReplicaGroup>;
  /** Tray for Pods without a node (Pending), or null when every Pod is scheduled. */
  pending: Rect | null;
  pendingPods: string[];
  network: NetworkLayout;
}

export const SIZES = {
  podW: 216,
  podH: 98,
  gap: 12,
  nodePad: 14,
  nodeHeader: 80,
  nodeGap: 32,
  rowGap: 72,
  svcW: 228,
  svcH: 96,
  svcGap: 16,
  bandGap: 60,
  clientW: 184,
  clientH: 70,
  lbH: 110,
  hostH: 84,
  leftColumn: 232,
  pendingW: 392,
  pendingH: 104,
  trayGap: 64,
  trayHeader: 34,
  portTabW: 62,
} as const;

/** Where the networks run, relative to the nodes (see NetworkLayout). */
export const NET = {
  /** The bus segment is this far above its row of nodes (clear of the node-port tabs). */
  busAbove: 32,
  /** The overlay is this far below its row. */
  overlayBelow: 18,
  /** Room under the last overlay for its labels. */
  labelBelow: 36,
  /** The trunk runs this far left of the cluster. */
  trunkInset: 24,
} as const;

/** Width : height the drawing aims for, unless the map says its own (LayoutOptions.aspect). */
export const TARGET_ASPECT = 2;

/**
 * The map's width : height, rounded to a few steps so that resizing the window re-arranges the
 * drawing only now and then (each step is a new layout and a re-render of every card).
 */
export function aspectStep(width: number, height: number): number {
  if (width <= 0 || height <= 0) return TARGET_ASPECT;
  const r = width / height;
  return Math.min(4, Math.max(1, Math.round(r * 4) / 4));
}

type Snap = Pick<ClusterSnapshot, 'nodes' | 'pods' | 'services'> &
  Partial<Pick<ClusterSnapshot, 'ingress'>> & { settings?: { externalHosts?: readonly ExternalHost[] } };
type SnapPod = Snap['pods'][number];

export interface LayoutOptions {
  /** Include the cluster's built-in Pods (hidden by default: they are its own plumbing). */
  showSystemPods?: boolean;
  /** The map viewport's width : height (see aspectStep); the arrangement that fills it best is chosen. */
  aspect?: number;
  /** Keep cluster DNS on the map (the CoreDNS Pods and kube-dns) while a run asks it: its packets go there. */
  showClusterDns?: boolean;
  /** Draw two or more Pods of one controller on one node as one card (replicaGroups), except `expanded` groups. */
  groupReplicas?: boolean;
  expanded?: ReadonlySet<string>;
}

/** Above this many Pods drawn, replicas are grouped unless the user says otherwise (the map's toolbar). */
export const GROUP_REPLICAS_ABOVE = 40;

/** `group/NS/OWNER@NODE`: the key of a replica group's card. */
export function replicaGroupKey(namespace: string, owner: string, node: string): string {
  return `group/${namespace}/${owner}@${node}`;
}

type Run = { key: string; owner: string; namespace: string; pods: SnapPod[] };

/**
 * A node's Pods (sorted: replicas of one workload are adjacent) as drawn items: runs of two or more
 * Pods with the same controller become one group, unless that group is expanded (then its Pods are
 * drawn, and the run goes into `expanded`).
 */
function groupRuns(pods: SnapPod[], node: string, opts: LayoutOptions, expanded: Run[]): (SnapPod | Run)[] {
  if (!opts.groupReplicas) return pods;
  const out: (SnapPod | Run)[] = [];
  for (let i = 0; i < pods.length;) {
    const p = pods[i]!;
    let j = i + 1;
    while (p.owner && j < pods.length && pods[j]!.owner === p.owner && pods[j]!.namespace === p.namespace) j++;
    const run = {
      key: p.owner ? replicaGroupKey(p.namespace, p.owner, node) : '',
      owner: p.owner!,
      namespace: p.namespace,
      pods: pods.slice(i, j),
    };
    if (j - i >= 2 && !opts.expanded?.has(run.key)) out.push(run);
    else {
      if (j - i >= 2) expanded.push(run);
      out.push(...run.pods);
    }
    i = j;
  }
  return out;
}

/** CoreDNS's Pods carry kubeadm's `k8s-app: kube-dns` label; the Service is kube-system/kube-dns. */
function isClusterDnsPod(p: SnapPod): boolean {
  return p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns';
}

/**
 * The cluster's own Pods (coredns, kube-proxy, flannel, control plane) only when asked for. An add-on's
 * ingress controller stays: requests through an Ingress end and start again there.
 */
export function visiblePods(snap: Snap, opts: LayoutOptions = {}): SnapPod[] {
  if (opts.showSystemPods) return snap.pods;
  const controllers = snap.ingress?.controllers ?? {};
  return snap.pods.filter(
    (p) => !p.builtIn || Object.hasOwn(controllers, objectKey('pod', p.namespace, p.name)) || (opts.showClusterDns && isClusterDnsPod(p)),
  );
}

/** kube-dns goes with the system Pods it fronts; `kubernetes` in default stays, as kubectl lists it. */
export function visibleServices(snap: Snap, opts: LayoutOptions = {}): Snap['services'] {
  if (opts.showSystemPods) return snap.services;
  return snap.services.filter((s) => !(s.builtIn && s.namespace === 'kube-system') || (opts.showClusterDns && s.name === 'kube-dns'));
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Replicas of one workload sit together; then by name. */
function podOrder(a: SnapPod, b: SnapPod): number {
  return byCode(a.namespace, b.namespace) || byCode(a.owner ?? '', b.owner ?? '') || byCode(a.name, b.name);
}

function openNodePorts(snap: Snap): number[] {
  const ports = new Set<number>();
  for (const s of snap.services) for (const p of s.ports) if (p.nodePort) ports.add(p.nodePort);
  return [...ports].sort((a, b) => a - b);
}

const span = (n: number, size: number, gap: number) => (n > 0 ? n * size + (n - 1) * gap : 0);

interface Shape {
  /** Pods per node, in node order. */
  podCounts: number[];
  services: number;
  pending: number;
  lbs: number;
  hosts: number;
}

function rowsOf<T>(items: T[], perRow: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += perRow) rows.push(items.slice(i, i + perRow));
  return rows;
}

/** Overall width and height for a choice of nodes per row, pod-grid columns and Services per row. */
function measure(shape: Shape, perRow: number, cols: number, svcPerRow: number): { w: number; h: number } {
  const S = SIZES;
  const nodeW = 2 * S.nodePad + span(cols, S.podW, S.gap);
  const rows = rowsOf(shape.podCounts, perRow);
  const nodesW = span(Math.min(perRow, shape.podCounts.length), nodeW, S.nodeGap);
  let nodesH = 0;
  for (const row of rows)
    nodesH += S.nodeHeader + span(Math.max(1, Math.ceil(Math.max(0, ...row) / cols)), S.podH, S.gap) + S.nodePad + S.rowGap;
  const svcRows = Math.ceil(shape.services / svcPerRow);
  const bandW = span(Math.min(svcPerRow, shape.services), S.svcW, S.svcGap);
  const bandH = svcRows ? span(svcRows, S.svcH, S.svcGap) + S.bandGap : 0;
  const w = Math.max(nodesW, bandW, S.pendingW + 2 * S.nodePad);
  const perTray = Math.max(1, Math.floor((w - 2 * S.nodePad + S.gap) / (S.pendingW + S.gap)));
  const trayH = shape.pending ? S.trayGap + S.trayHeader + span(Math.ceil(shape.pending / perTray), S.pendingH, S.gap) + S.nodePad : 0;
  const leftH = S.clientH + shape.lbs * (S.lbH + 16) + shape.hosts * (S.hostH + 16) + 28;
  return { w: S.leftColumn + w, h: Math.max(bandH + 12 + nodesH - S.rowGap + trayH, leftH) };
}

/**
 * The arrangement (nodes per row, pod-grid columns, Services per row) whose drawing fits a
 * viewport of that aspect at the largest scale. Ties go to fewer rows of nodes, then fewer columns.
 */
export function chooseGrid(shape: Shape, aspect = TARGET_ASPECT): { perRow: number; cols: number; svcPerRow: number } {
  let best = { perRow: Math.max(1, shape.podCounts.length), cols: 1, svcPerRow: Math.max(1, shape.services), score: -1 };
  const maxCols = Math.min(16, Math.max(1, ...shape.podCounts));
  const maxPerRow = Math.max(1, Math.min(shape.podCounts.length, 12));
  for (let perRow = maxPerRow; perRow >= 1; perRow--) {
    for (let cols = 1; cols <= maxCols; cols++) {
      for (let per = 1; per <= Math.max(1, Math.min(shape.services, 12)); per++) {
        const { w, h } = measure(shape, perRow, cols, per);
        const score = Math.min(aspect / w, 1 / h);
        if (score > best.score * (1 + 1e-9)) best = { perRow, cols, svcPerRow: per, score };
      }
    }
  }
  return { perRow: best.perRow, cols: best.cols, svcPerRow: best.svcPerRow };
}

export function layoutTopology(snap: Snap, opts: LayoutOptions = {}): TopologyLayout {
  const S = SIZES;
  const byNode = new Map<string, SnapPod[]>(snap.nodes.map((n) => [n.name, []]));
  const pendingList: SnapPod[] = [];
  for (const p of visiblePods(snap, opts)) {
    const list = p.node ? byNode.get(p.node) : undefined;
    if (list) list.push(p);
    else pendingList.push(p);
  }
  for (const list of byNode.values()) list.sort(podOrder);
  pendingList.sort(podOrder);
  const svcList = [...visibleServices(snap, opts)].sort(
    (a, b) =>
      Number(a.namespace !== 'default') - Number(b.namespace !== 'default') || byCode(a.namespace, b.namespace) || byCode(a.name, b.name),
  );
  const lbList = svcList.filter((s) => s.type === 'LoadBalancer');

  const expandedRuns = new Map<string, Run[]>(snap.nodes.map((n) => [n.name, []]));
  const itemsByNode = new Map(snap.nodes.map((n) => [n.name, groupRuns(byNode.get(n.name)!, n.name, opts, expandedRuns.get(n.name)!)]));
  const shape: Shape = {
    podCounts: snap.nodes.map((n) => itemsByNode.get(n.name)!.length),
    services: svcList.length,
    pending: pendingList.length,
    lbs: lbList.length,
    hosts: snap.settings?.externalHosts?.length ?? 0,
  };
  const { perRow, cols, svcPerRow } = chooseGrid(shape, opts.aspect);
  const rows = rowsOf(snap.nodes, perRow);
  const x0 = S.leftColumn;
  const netRows: NetworkLayout['rows'] = [];

  // Services band.
  const services = new Map<string, Rect>();
  svcList.forEach((s, i) => {
    services.set(objectKey('svc', s.namespace, s.name), {
      x: x0 + (i % svcPerRow) * (S.svcW + S.svcGap),
      y: Math.floor(i / svcPerRow) * (S.svcH + S.svcGap),
      w: S.svcW,
      h: S.svcH,
    });
  });
  const svcRows = Math.ceil(svcList.length / svcPerRow);
  const bandH = svcRows ? span(svcRows, S.svcH, S.svcGap) + S.bandGap : 0;

  // Nodes, all the same width so their regions line up in columns; room above for node-port tabs.
  const nodes = new Map<string, NodeLayout>();
  const pods = new Map<string, Rect>();
  const groups = new Map<string, ReplicaGroup>();
  const groupOf = new Map<string, string>();
  const nodePorts = openNodePorts(snap);
  const nodeW = 2 * S.nodePad + span(cols, S.podW, S.gap);
  let nodesWidth = 0;
  let y = bandH + 12;
  for (const [rowIndex, row] of rows.entries()) {
    const fullest = Math.max(0, ...row.map((n) => itemsByNode.get(n.name)!.length));
    const h = S.nodeHeader + span(Math.max(1, Math.ceil(fullest / cols)), S.podH, S.gap) + S.nodePad;
    row.forEach((n, i) => {
      const rect = { x: x0 + i * (nodeW + S.nodeGap), y, w: nodeW, h };
      const keys: string[] = [];
      const items = itemsByNode.get(n.name)!.map((item, j) => {
        const r = {
          x: rect.x + S.nodePad + (j % cols) * (S.podW + S.gap),
          y: rect.y + S.nodeHeader + Math.floor(j / cols) * (S.podH + S.gap),
          w: S.podW,
          h: S.podH,
        };
        if ('pods' in item) {
          const members = item.pods.map((p) => objectKey('pod', p.namespace, p.name));
          groups.set(item.key, { key: item.key, owner: item.owner, namespace: item.namespace, node: n.name, members, rect: r });
          for (const m of members) {
            pods.set(m, r);
            groupOf.set(m, item.key);
            keys.push(m);
          }
          return item.key;
        }
        const key = objectKey('pod', item.namespace, item.name);
        pods.set(key, r);
        keys.push(key);
        return key;
      });
      const ethX = rect.x + rect.w - 50;
      const maxTabs = Math.max(0, Math.floor((ethX - 28 - rect.x - 12) / (S.portTabW + 6)));
      const shown = nodePorts.length > maxTabs ? Math.max(0, maxTabs - 1) : nodePorts.length;
      nodes.set(n.name, {
        name: n.name,
        rect,
        eth: { x: ethX, y: rect.y },
        iptables: { x: ethX, y: rect.y + 43 },
        ports: nodePorts
          .slice(0, shown)
          .map((port, k) => ({ port, rect: { x: rect.x + 12 + k * (S.portTabW + 6), y: rect.y - 10, w: S.portTabW, h: 20 } })),
        morePorts: nodePorts.length - shown,
        pods: keys,
        items,
        flannel: { x: rect.x + 40, y: rect.y + rect.h },
        row: rowIndex,
      });
    });
    const last = nodes.get(row.at(-1)!.name)!;
    netRows.push({
      busY: y - NET.busAbove,
      busRight: last.eth.x,
      overlayY: y + h + NET.overlayBelow,
      overlayLeft: nodes.get(row[0]!.name)!.flannel.x,
      overlayRight: last.flannel.x,
    });
    nodesWidth = Math.max(nodesWidth, span(row.length, nodeW, S.nodeGap));
    y += h + S.rowGap;
  }
  const nodesBottom = rows.length ? y - S.rowGap : y;

  const expandedGroups = new Map<string, ReplicaGroup>();
  for (const [node, runs] of expandedRuns)
    for (const r of runs) {
      const members = r.pods.map((p) => objectKey('pod', p.namespace, p.name));
      expandedGroups.set(r.key, { key: r.key, owner: r.owner, namespace: r.namespace, node, members, rect: pods.get(members[0]!)! });
    }
  const contentW = Math.max(nodesWidth, span(Math.min(svcPerRow, svcList.length), S.svcW, S.svcGap), S.pendingW + 2 * S.nodePad);

  // The Pending tray below the nodes.
  let pending: Rect | null = null;
  const pendingKeys: string[] = [];
  if (pendingList.length > 0) {
    const perTray = Math.max(1, Math.floor((contentW - 2 * S.nodePad + S.gap) / (S.pendingW + S.gap)));
    const ty = nodesBottom + S.trayGap;
    pending = { x: x0, y: ty, w: contentW, h: S.trayHeader + span(Math.ceil(pendingList.length / perTray), S.pendingH, S.gap) + S.nodePad };
    pendingList.forEach((p, j) => {
      const key = objectKey('pod', p.namespace, p.name);
      pendingKeys.push(key);
      pods.set(key, {
        x: x0 + S.nodePad + (j % perTray) * (S.pendingW + S.gap),
        y: ty + S.trayHeader + Math.floor(j / perTray) * (S.pendingH + S.gap),
        w: S.pendingW,
        h: S.pendingH,
      });
    });
  }

  // Left column: the external client, then one load balancer per LoadBalancer Service.
  const client = { x: 0, y: 0, w: S.clientW, h: S.clientH };
  const lbs = new Map<string, Rect>();
  let lbY = S.clientH + 28;
  for (const s of lbList) {
    lbs.set(objectKey('lb', s.namespace, s.name), { x: 0, y: lbY, w: S.clientW, h: S.lbH });
    lbY += S.lbH + 16;
  }
  const hosts = new Map<string, Rect>();
  for (const h of snap.settings?.externalHosts ?? []) {
    hosts.set(hostComponentId(h.name ?? h.ip), { x: 0, y: lbY, w: S.clientW, h: S.hostH });
    lbY += S.hostH + 16;
  }

  // The overlay's rows meet on the right; the trunk runs from the client down to the last bus segment.
  const overlayX = x0 + contentW + 22;
  if (netRows.length > 1) for (const r of netRows) r.overlayRight = overlayX;
  const network: NetworkLayout = {
    trunkX: x0 - NET.trunkInset,
    trunkTop: client.y + client.h / 2,
    trunkBottom: Math.max(client.y + client.h / 2, lbY - 16 - S.lbH / 2, ...netRows.map((r) => r.busY)),
    rows: netRows,
    overlayX,
  };

  const overlayBottom = netRows.length ? netRows.at(-1)!.overlayY + NET.labelBelow : 0;
  const bottom = Math.max(pending ? pending.y + pending.h : overlayBottom, lbY - 16);
  return {
    network,
    bounds: { x: 0, y: -12, w: x0 + contentW + (netRows.length > 1 ? 34 : 0), h: bottom + 12 },
    client,
    lbs,
    hosts,
    services,
    nodes,
    pods,
    groups,
    groupOf,
    expandedGroups,
    pending,
    pendingPods: pendingKeys,
  };
}
