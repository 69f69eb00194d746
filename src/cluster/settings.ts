/**
 * Simulator settings: the optional `kind: ClusterSettings` object with every default filled in.
 * Defaults are the seed's cluster: kubeadm (service CIDR 10.96.0.0/12, cluster.local) + flannel
 * (pod CIDR 10.244.0.0/16, /24 per node), kube-proxy in iptables mode, no load-balancer provider.
 */
import type { ClusterSettings } from '../model/cluster';
import type { LoadResult, LoadedSettings, SettingsNode } from '../model/objects';
import type { Diagnostic } from '../model/source';
import { formatCidr, formatIPv4, parseCidr, parseIPv4 } from '../util/ip';

export const DEFAULT_SETTINGS: Omit<ClusterSettings, 'seed'> = {
  podCIDR: '10.244.0.0/16',
  serviceCIDR: '10.96.0.0/12',
  nodeCIDRMaskSize: 24,
  nodePortRange: { min: 30000, max: 32767 },
  proxyMode: 'iptables',
  loadBalancer: { provider: 'none' },
  nodeNetwork: '192.168.64.0/24',
  externalClientIP: '192.168.64.1',
  clusterDomain: 'cluster.local',
  cni: 'flannel',
  addons: [],
  externalHosts: [],
};

export interface ResolvedSettings {
  settings: ClusterSettings;
  /** `spec.nodes` of the settings object, when it lists any. */
  nodes?: SettingsNode[];
  /** The settings object itself, for source positions. */
  object?: LoadedSettings;
  diagnostics: Diagnostic[];
}

export function findSettingsObject(load: LoadResult): LoadedSettings | undefined {
  return load.objects.find((o): o is LoadedSettings => o.kind === 'ClusterSettings');
}

/** Resolve settings; an invalid field falls back to its default with an error diagnostic. */
export function resolveSettings(load: LoadResult, seed: number): ResolvedSettings {
  const object = findSettingsObject(load);
  const diagnostics: Diagnostic[] = [];
  const settings: ClusterSettings = { ...DEFAULT_SETTINGS, seed, nodePortRange: { ...DEFAULT_SETTINGS.nodePortRange } };
  if (!object) return { settings, diagnostics };
  const spec = object.spec ?? {};
  const fail = (path: string, value: unknown, why: string): void => {
    const at = object.locate(path);
    diagnostics.push({
      severity: 'error',
      file: at.file,
      line: at.line,
      column: at.column,
      path,
      message: `${path}: Invalid value: ${JSON.stringify(value)}: ${why}`,
      kind: object.kind,
      name: object.metadata.name,
      namespace: object.metadata.namespace,
    });
  };

  if (spec.podCIDR !== undefined) {
    const c = parseCidr(spec.podCIDR);
    if (c && c.prefix <= 30) settings.podCIDR = formatNetwork(spec.podCIDR);
    else fail('spec.podCIDR', spec.podCIDR, 'must be a valid IPv4 CIDR, e.g. 10.244.0.0/16');
  }
  if (spec.serviceCIDR !== undefined) {
    const c = parseCidr(spec.serviceCIDR);
    if (c && c.prefix <= 30 && c.prefix >= 12) settings.serviceCIDR = formatNetwork(spec.serviceCIDR);
    else fail('spec.serviceCIDR', spec.serviceCIDR, 'must be a valid IPv4 CIDR between /12 and /30, e.g. 10.96.0.0/12');
  }
  if (spec.nodeCIDRMaskSize !== undefined) {
    const pod = parseCidr(settings.podCIDR);
    const m = spec.nodeCIDRMaskSize;
    if (Number.isInteger(m) && pod && m >= pod.prefix && m <= 30) settings.nodeCIDRMaskSize = m;
    else fail('spec.nodeCIDRMaskSize', m, `must be an integer between the pod CIDR's prefix (/${pod?.prefix ?? 16}) and 30`);
  }
  if (spec.nodePortRange !== undefined) {
    const range = parsePortRange(spec.nodePortRange);
    if (range) settings.nodePortRange = range;
    else fail('spec.nodePortRange', spec.nodePortRange, 'must be a port range such as "30000-32767"');
  }
  if (spec.proxyMode !== undefined && spec.proxyMode !== 'iptables') {
    fail('spec.proxyMode', spec.proxyMode, 'supported values: "iptables"');
  }
  if (spec.nodeNetwork !== undefined) {
    const c = parseCidr(spec.nodeNetwork);
    if (c && c.prefix <= 30) settings.nodeNetwork = formatNetwork(spec.nodeNetwork);
    else fail('spec.nodeNetwork', spec.nodeNetwork, 'must be a valid IPv4 CIDR, e.g. 192.168.64.0/24');
  }
  if (spec.externalClientIP !== undefined) {
    if (parseIPv4(spec.externalClientIP) !== null) settings.externalClientIP = spec.externalClientIP;
    else fail('spec.externalClientIP', spec.externalClientIP, 'must be a valid IPv4 address');
  } else if (spec.nodeNetwork !== undefined) {
    // The client sits on the node network's first address, like the seed's 192.168.64.1 host.
    const c = parseCidr(settings.nodeNetwork);
    if (c) settings.externalClientIP = formatIPv4(c.base + 1);
  }
  if (spec.loadBalancer !== undefined) {
    const lb = spec.loadBalancer;
    if (lb.provider === 'metallb') {
      const addresses = lb.addresses ?? [];
      const bad = addresses.findIndex((a) => parsePool(a) === null);
      if (addresses.length === 0)
        fail(
          'spec.loadBalancer.addresses',
          addresses,
          'metallb needs at least one address range (e.g. "192.168.64.240-192.168.64.250" or "192.168.64.240/28")',
        );
      else if (bad >= 0) fail(`spec.loadBalancer.addresses[${bad}]`, addresses[bad], 'must be an IPv4 CIDR or a range "FROM-TO"');
      else
        settings.loadBalancer = {
          provider: 'metallb',
          addresses: [...addresses],
          ...(lb.loadBalancerClass ? { loadBalancerClass: lb.loadBalancerClass } : {}),
        };
    } else if (lb.provider !== 'none') {
      fail('spec.loadBalancer.provider', lb.provider, 'supported values: "none", "metallb"');
    }
  }
  if (spec.cni !== undefined) {
    if (spec.cni === 'flannel' || spec.cni === 'canal') settings.cni = spec.cni;
    else fail('spec.cni', spec.cni, 'supported values: "flannel", "canal"');
  }
  (spec.addons ?? []).forEach((a, i) => {
    if (a === 'ingress-nginx') {
      if (!settings.addons.includes(a)) settings.addons = [...settings.addons, a];
    } else fail(`spec.addons[${i}]`, a, 'supported values: "ingress-nginx"');
  });
  const nodes = spec.nodes && spec.nodes.length > 0 ? spec.nodes : undefined;
  return { settings, nodes, object, diagnostics };
}

/** CIDR text normalised to its network address. */
function formatNetwork(text: string): string {
  const c = parseCidr(text);
  return c ? formatCidr(c) : text;
}

export function parsePortRange(text: string): { min: number; max: number } | null {
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(String(text));
  if (!m) return null;
  const min = Number(m[1]);
  const max = Number(m[2]);
  if (min < 1 || max > 65535 || min > max) return null;
  return { min, max };
}

/** A MetalLB pool entry, CIDR or "FROM-TO", as an inclusive numeric range. */
export function parsePool(text: string): { first: number; last: number } | null {
  const c = parseCidr(text);
  if (c) return { first: c.base, last: c.base + c.size - 1 };
  const m = /^\s*([\d.]+)\s*-\s*([\d.]+)\s*$/.exec(text);
  if (!m) return null;
  const first = parseIPv4(m[1]);
  const last = parseIPv4(m[2]);
  if (first === null || last === null || first > last) return null;
  return { first, last };
}
