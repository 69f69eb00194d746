/**
 * Nodes: from Node manifests, else ClusterSettings.spec.nodes, else the seed's kubeadm cluster
 * (k8s-master + k8s-node1 + k8s-node2). podCIDRs are carved from the cluster pod CIDR in join
 * order, as kube-controller-manager's range allocator does (10.244.0.0/24, 10.244.1.0/24, …).
 */
import type { ClusterSettings, NodeState, Resources } from '../model/cluster';
import type { Labels, Taint } from '../model/k8s';
import type { LoadResult, LoadedNode, SettingsNode } from '../model/objects';
import type { Diagnostic } from '../model/source';
import {
  cidrContains,
  cidrsOverlap,
  formatCidr,
  formatIPv4,
  nthAddress,
  nthSubnet,
  parseCidr,
  parseIPv4,
  subnetCount,
  type Cidr,
} from '../util/ip';
import { objectDiagnostic } from './diagnostics';
import { parseBytes, parseCpuMillis } from './quantity';
import type { ResolvedSettings } from './settings';

export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
export const NOT_READY_TAINT: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };
const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** A 2 vCPU / 4 GiB VM as kubelet reports it: allocatable memory = capacity − 100Mi eviction threshold. */
const DEFAULT_CPU = 2000;
const DEFAULT_MEMORY = 4025836 * 1024;
const EVICTION_HARD_MEMORY = 100 * 1024 * 1024;
const DEFAULT_MAX_PODS = 110;

/** First host number used for nodes without an explicit IP: the seed's .30, .31, .32. */
const FIRST_NODE_HOST = 30;

interface NodeDraft {
  name: string;
  ip?: string;
  labels: Labels;
  taints: Taint[];
  unschedulable: boolean;
  capacity: Resources;
  allocatable: Resources;
  images: { names: string[]; sizeBytes: number }[];
  podCIDR?: string;
  source?: NodeState['source'];
  /** For diagnostics about this node. */
  object?: LoadedNode;
  settingsIndex?: number;
}

function resources(cpu: number, memory: number, pods: number): Resources {
  return { cpu, memory, pods };
}

function defaultCapacity(): { capacity: Resources; allocatable: Resources } {
  return {
    capacity: resources(DEFAULT_CPU, DEFAULT_MEMORY, DEFAULT_MAX_PODS),
    allocatable: resources(DEFAULT_CPU, DEFAULT_MEMORY - EVICTION_HARD_MEMORY, DEFAULT_MAX_PODS),
  };
}

/** Labels every kubelet sets on its Node, plus kubeadm's control-plane labels. */
function standardLabels(name: string, controlPlane: boolean): Labels {
  const labels: Labels = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return labels;
}

export function rolesOf(labels: Labels): string[] {
  const roles = new Set<string>();
  for (const key of Object.keys(labels)) {
    if (key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length) roles.add(key.slice(ROLE_PREFIX.length));
  }
  if (labels['kubernetes.io/role']) roles.add(labels['kubernetes.io/role']);
  return [...roles].sort();
}

function seedNodes(): NodeDraft[] {
  const names = ['k8s-master', 'k8s-node1', 'k8s-node2'];
  return names.map((name, i) => {
    const cp = i === 0;
    return {
      name,
      ip: `192.168.64.${FIRST_NODE_HOST + i}`,
      labels: standardLabels(name, cp),
      taints: cp ? [{ ...CONTROL_PLANE_TAINT }] : [],
      unschedulable: false,
      ...defaultCapacity(),
      images: [],
    };
  });
}

function fromSettings(spec: SettingsNode[], resolved: ResolvedSettings, diagnostics: Diagnostic[]): NodeDraft[] {
  const object = resolved.object;
  return spec.map((n, i) => {
    const roles = n.roles ?? [];
    const cp = roles.includes('control-plane') || roles.includes('master');
    const labels: Labels = { ...standardLabels(n.name, cp), ...(n.labels ?? {}) };
    for (const role of roles) labels[ROLE_PREFIX + role] = '';
    const { capacity, allocatable } = defaultCapacity();
    const bad = (field: string, value: unknown, why: string): void => {
      if (object)
        diagnostics.push(
          objectDiagnostic(
            object,
            'error',
            `spec.nodes[${i}].${field}`,
            `spec.nodes[${i}].${field}: Invalid value: ${JSON.stringify(value)}: ${why}`,
          ),
        );
    };
    if (n.cpu !== undefined) {
      const cpu = parseCpuMillis(n.cpu);
      if (cpu !== null && cpu > 0) capacity.cpu = allocatable.cpu = cpu;
      else bad('cpu', n.cpu, 'must be a CPU quantity such as "2" or "1500m"');
    }
    if (n.memory !== undefined) {
      const mem = parseBytes(n.memory);
      if (mem !== null && mem > EVICTION_HARD_MEMORY) {
        capacity.memory = mem;
        allocatable.memory = mem - EVICTION_HARD_MEMORY;
      } else bad('memory', n.memory, 'must be a memory quantity above 100Mi, such as "4Gi"');
    }
    if (n.pods !== undefined) {
      if (Number.isInteger(n.pods) && n.pods > 0) capacity.pods = allocatable.pods = n.pods;
      else bad('pods', n.pods, 'must be a positive integer');
    }
    const taints = n.taints ? n.taints.map((t) => ({ ...t })) : cp ? [{ ...CONTROL_PLANE_TAINT }] : [];
    return {
      name: n.name,
      ip: n.ip,
      labels,
      taints,
      unschedulable: n.unschedulable ?? false,
      capacity,
      allocatable,
      images: [],
      source: object ? object.locate(`spec.nodes[${i}]`) : undefined,
      settingsIndex: i,
    };
  });
}

function fromManifest(node: LoadedNode): NodeDraft {
  const name = node.metadata.name;
  const labels: Labels = { ...standardLabels(name, false), ...node.metadata.labels };
  const { capacity, allocatable } = defaultCapacity();
  const cap = node.status?.capacity ?? {};
  const alloc = node.status?.allocatable ?? {};
  for (const [key, value] of Object.entries(cap)) if (value !== undefined) capacity[key] = value;
  const explicitAlloc = Object.keys(alloc).length > 0;
  for (const key of Object.keys(capacity)) {
    allocatable[key] = key === 'memory' && cap.memory !== undefined ? Math.max(0, capacity.memory - EVICTION_HARD_MEMORY) : capacity[key];
  }
  if (explicitAlloc) for (const [key, value] of Object.entries(alloc)) if (value !== undefined) allocatable[key] = value;
  const internal = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  return {
    name,
    ip: internal,
    labels,
    taints: (node.spec?.taints ?? []).map((t) => ({ ...t })),
    unschedulable: node.spec?.unschedulable ?? false,
    capacity,
    allocatable,
    images: node.status?.images ?? [],
    podCIDR: node.spec?.podCIDR ?? node.spec?.podCIDRs?.[0],
    source: node.source,
    object: node,
  };
}

function draftDiagnostic(
  d: NodeDraft,
  resolved: ResolvedSettings,
  field: string,
  message: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic | null {
  if (d.object) return objectDiagnostic(d.object, severity, field, message);
  if (resolved.object && d.settingsIndex !== undefined) {
    const path =
      field === 'spec.podCIDR' ? `spec.nodes[${d.settingsIndex}]` : `spec.nodes[${d.settingsIndex}].${field.replace(/^spec\./, '')}`;
    return objectDiagnostic(resolved.object, severity, path, message);
  }
  return null;
}

/** Node IPs: explicit ones kept (duplicates re-assigned); others take .30, .31, … of the node network. */
function assignIps(drafts: NodeDraft[], settings: ClusterSettings, resolved: ResolvedSettings, diagnostics: Diagnostic[]): string[] {
  const net = parseCidr(settings.nodeNetwork) as Cidr;
  const taken = new Set<number>();
  const client = parseIPv4(settings.externalClientIP);
  if (client !== null) taken.add(client);
  const ips: (string | undefined)[] = drafts.map((d) => {
    if (d.ip === undefined) return undefined;
    const n = parseIPv4(d.ip);
    if (n === null || taken.has(n)) {
      const why = n === null ? 'must be a valid IPv4 address' : 'address is already used by another node or the external client';
      const diag = draftDiagnostic(
        d,
        resolved,
        d.object ? 'status.addresses' : 'spec.ip',
        `${d.object ? 'status.addresses' : 'ip'}: Invalid value: ${JSON.stringify(d.ip)}: ${why}`,
      );
      if (diag) diagnostics.push(diag);
      return undefined;
    }
    taken.add(n);
    return d.ip;
  });
  let host = Math.min(FIRST_NODE_HOST, Math.max(1, net.size - 2));
  return ips.map((ip) => {
    if (ip !== undefined) return ip;
    while (taken.has(net.base + host) && host < net.size * 4) host++;
    const n = net.base + host;
    taken.add(n);
    host++;
    return formatIPv4(n);
  });
}

/** podCIDRs: explicit ones occupied first, then the next free subnet in join order. */
function assignPodCidrs(
  drafts: NodeDraft[],
  settings: ClusterSettings,
  resolved: ResolvedSettings,
  diagnostics: Diagnostic[],
): (Cidr | null)[] {
  const cluster = parseCidr(settings.podCIDR) as Cidr;
  const mask = settings.nodeCIDRMaskSize;
  const occupied: Cidr[] = [];
  const result: (Cidr | null)[] = drafts.map((d) => {
    if (!d.podCIDR) return null;
    const c = parseCidr(d.podCIDR);
    let problem: string | null = null;
    if (!c) problem = 'must be a valid IPv4 CIDR';
    else if (!cidrContains(cluster, c.base) || c.prefix < cluster.prefix)
      problem = `cidr ${d.podCIDR} is out the range of cluster cidr ${settings.podCIDR}`;
    else {
      const clash = occupied.find((o) => cidrsOverlap(o, c));
      if (clash)
        problem = `cidr ${d.podCIDR} is already allocated (overlaps ${formatCidr(clash)}); the node gets the next free one instead`;
    }
    if (problem || !c) {
      const diag = draftDiagnostic(d, resolved, 'spec.podCIDR', `spec.podCIDR: Invalid value: ${JSON.stringify(d.podCIDR)}: ${problem}`);
      if (diag) diagnostics.push(diag);
      return null;
    }
    occupied.push(c);
    return c;
  });
  const total = subnetCount(cluster, mask);
  let next = 0;
  return result.map((c, i) => {
    if (c) return c;
    while (next < total) {
      const candidate = nthSubnet(cluster, mask, next++) as Cidr;
      if (!occupied.some((o) => cidrsOverlap(o, candidate))) {
        occupied.push(candidate);
        return candidate;
      }
    }
    const diag = draftDiagnostic(
      drafts[i],
      resolved,
      'spec.podCIDR',
      `Node ${drafts[i].name}: CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range (${settings.podCIDR}, /${mask} per node). The node stays NotReady.`,
      'warning',
    );
    if (diag) diagnostics.push(diag);
    else
      diagnostics.push({
        severity: 'warning',
        file: '',
        line: 0,
        column: 0,
        message: `Node ${drafts[i].name}: CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range`,
      });
    return null;
  });
}

export interface BuiltNodes {
  nodes: NodeState[];
  diagnostics: Diagnostic[];
}

export function buildNodes(load: LoadResult, resolved: ResolvedSettings): BuiltNodes {
  const diagnostics: Diagnostic[] = [];
  const manifests = load.objects.filter((o): o is LoadedNode => o.kind === 'Node');
  const drafts =
    manifests.length > 0 ? manifests.map(fromManifest) : resolved.nodes ? fromSettings(resolved.nodes, resolved, diagnostics) : seedNodes();
  const settings = resolved.settings;
  const ips = assignIps(drafts, settings, resolved, diagnostics);
  const cidrs = assignPodCidrs(drafts, settings, resolved, diagnostics);
  const nodes = drafts.map((d, i): NodeState => {
    const cidr = cidrs[i];
    // Without a podCIDR flannel cannot start, so the node never turns Ready and keeps the not-ready taint.
    const taints = cidr ? d.taints : [...d.taints, { ...NOT_READY_TAINT }];
    const node: NodeState = {
      name: d.name,
      ip: ips[i],
      podCIDR: cidr ? formatCidr(cidr) : '',
      bridgeIP: cidr ? nthAddress(cidr, 1) : '',
      tunnelIP: cidr ? nthAddress(cidr, 0) : '',
      roles: rolesOf(d.labels),
      labels: d.labels,
      taints,
      unschedulable: d.unschedulable,
      capacity: d.capacity,
      allocatable: d.allocatable,
      images: d.images,
      index: i,
      createdAt: 0,
    };
    if (d.source) node.source = d.source;
    return node;
  });
  return { nodes, diagnostics };
}

export function isControlPlane(node: NodeState): boolean {
  return node.roles.includes('control-plane') || node.roles.includes('master');
}
