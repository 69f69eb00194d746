/**
 * The simulator's own object, at most one per folder:
 *
 *   apiVersion: kube-traffic.dev/v1alpha1
 *   kind: ClusterSettings
 *   metadata: { name: cluster }
 *   spec:
 *     nodes:                         # used when the folder has no Node manifests
 *     - { name: k8s-master, ip: 192.168.64.30, roles: [control-plane], cpu: "2", memory: 4Gi, pods: 110,
 *         taints: [{ key: node-role.kubernetes.io/control-plane, effect: NoSchedule }] }
 *     podCIDR: 10.244.0.0/16         # flannel
 *     serviceCIDR: 10.96.0.0/12      # kubeadm
 *     nodeCIDRMaskSize: 24
 *     nodePortRange: 30000-32767
 *     proxyMode: iptables
 *     loadBalancer: { provider: metallb, addresses: [192.168.64.200-192.168.64.250] }   # default: none
 *       # loadBalancerClass: example.com/metallb   MetalLB's --lb-class: then only Services of that class
 *     nodeNetwork: 192.168.64.0/24
 *     externalClientIP: 192.168.64.1
 *     cni: flannel                   # or canal: Calico enforces NetworkPolicy on flannel's datapath
 *     addons: [ingress-nginx]        # as `minikube addons enable ingress`
 *     externalHosts:                 # machines outside the cluster that answer on their ports
 *     - { name: db.example.com, ip: 192.168.64.100, ports: [5432] }
 */
import type { SettingsExternalHost, SettingsNode, SimulatorSettingsSpec } from '../model/objects';
import type { Taint } from '../model/k8s';
import { parseQuantity } from '../util/quantity';
import { inclusiveRangeError, isIPv4, isQualifiedName, nameIsDNSSubdomain } from '../util/validation';
import { fieldSet, type Reader } from './decode';
import { duplicate, invalid, invalidEach, notSupported, required, type FieldError } from './fieldErrors';
import { validateLabels } from './labelRules';
import { validateTaints } from './node';
import type { Problems } from './problems';

export const SETTINGS_API_VERSION = 'kube-traffic.dev/v1alpha1';
export const DEFAULT_NODE_PORT_RANGE = { min: 30000, max: 32767 };

const SPEC_FIELDS = fieldSet(
  'nodes',
  'podCIDR',
  'serviceCIDR',
  'nodeCIDRMaskSize',
  'nodePortRange',
  'proxyMode',
  'loadBalancer',
  'nodeNetwork',
  'externalClientIP',
  'cni',
  'addons',
  'externalHosts',
);
const EXTERNAL_HOST_FIELDS = fieldSet('name', 'ip', 'ports');
const NODE_FIELDS = fieldSet('name', 'ip', 'roles', 'labels', 'cpu', 'memory', 'pods', 'taints', 'unschedulable');

export function decodeSettings(top: Reader, p: Problems): SimulatorSettingsSpec {
  const s = top.obj('spec', 'SimulatorSettingsSpec', SPEC_FIELDS);
  const spec: SimulatorSettingsSpec = {};
  if (!s) return spec;
  const nodes = s.list('nodes', 'SettingsNode', NODE_FIELDS);
  if (nodes) spec.nodes = nodes.map((n) => decodeNode(n, p));
  for (const key of ['podCIDR', 'serviceCIDR', 'nodePortRange', 'nodeNetwork', 'externalClientIP', 'cni'] as const) {
    const v = s.str(key);
    if (v !== undefined) spec[key] = v;
  }
  const addons = s.strList('addons');
  if (addons) spec.addons = addons;
  const hosts = s.list('externalHosts', 'ExternalHost', EXTERNAL_HOST_FIELDS);
  if (hosts) spec.externalHosts = hosts.map(decodeExternalHost);
  const mask = s.int('nodeCIDRMaskSize');
  if (mask !== undefined) spec.nodeCIDRMaskSize = mask;
  const proxyMode = s.str('proxyMode');
  if (proxyMode !== undefined) {
    if (proxyMode !== 'iptables') p.add(notSupported(['spec', 'proxyMode'], proxyMode, ['iptables']));
    spec.proxyMode = 'iptables';
  }
  const lb = s.obj('loadBalancer', 'LoadBalancerSettings', fieldSet('provider', 'addresses', 'loadBalancerClass'));
  if (lb) {
    const provider = lb.str('provider') ?? 'none';
    if (provider !== 'none' && provider !== 'metallb')
      p.add(notSupported(['spec', 'loadBalancer', 'provider'], provider, ['metallb', 'none']));
    const addresses = lb.strList('addresses');
    const lbClass = lb.str('loadBalancerClass');
    spec.loadBalancer = {
      provider: provider === 'metallb' ? 'metallb' : 'none',
      ...(addresses ? { addresses } : {}),
      ...(lbClass !== undefined ? { loadBalancerClass: lbClass } : {}),
    };
    if (lbClass !== undefined) p.add(invalidEach(['spec', 'loadBalancer', 'loadBalancerClass'], lbClass, isQualifiedName(lbClass)));
    if (provider === 'metallb' && !addresses?.length)
      p.add(required(['spec', 'loadBalancer', 'addresses'], 'a metallb provider needs an address pool'));
    (addresses ?? []).forEach((a, i) => {
      if (!parseAddressRange(a))
        p.add(
          invalid(
            ['spec', 'loadBalancer', 'addresses', i],
            a,
            'must be a CIDR (192.168.64.240/28) or a range (192.168.64.200-192.168.64.250)',
          ),
        );
    });
  }
  p.add(validateNetworks(spec));
  return spec;
}

/**
 * Types only: values (addresses, ports, names, clashes with the cluster's own addresses) are checked
 * when the cluster is built (src/cluster/externalHosts.ts), where a bad host is dropped and the rest kept.
 */
function decodeExternalHost(h: Reader): SettingsExternalHost {
  const host: SettingsExternalHost = {};
  const name = h.str('name');
  if (name !== undefined) host.name = name;
  const ip = h.str('ip');
  if (ip !== undefined) host.ip = ip;
  const ports = h.get('ports');
  if (ports !== undefined) {
    if (!Array.isArray(ports)) h.fail(h.at('ports'), ports, '[]int32');
    host.ports = ports.map((v: unknown, i) => {
      if (typeof v === 'number' || typeof v === 'string') return v;
      return h.fail(h.at('ports', i), v, 'int32', 'ports');
    });
  }
  return host;
}

function decodeNode(n: Reader, p: Problems): SettingsNode {
  const node: SettingsNode = { name: n.str('name') ?? '' };
  const path = n.path;
  if (!node.name) p.add(required([...path, 'name']));
  else p.add(invalidEach([...path, 'name'], node.name, nameIsDNSSubdomain(node.name)));
  const ip = n.str('ip');
  if (ip !== undefined) {
    node.ip = ip;
    if (!isIPv4(ip)) p.add(invalid([...path, 'ip'], ip, 'must be a valid IPv4 address'));
  }
  const roles = n.strList('roles');
  if (roles) node.roles = roles;
  const labels = n.strMap('labels');
  if (labels) {
    node.labels = labels;
    p.add(validateLabels(labels, [...path, 'labels']));
  }
  for (const key of ['cpu', 'memory'] as const) {
    const v = n.get(key);
    if (v === undefined) continue;
    const q = typeof v === 'string' || typeof v === 'number' ? parseQuantity(v) : undefined;
    if (!q || !q.ok) p.add(invalid([...path, key], v, q && !q.ok ? q.error : 'must be a quantity such as 2, 1500m or 4Gi'));
    else if (q.quantity.milli < 0n) p.add(invalid([...path, key], v, 'must be greater than or equal to 0'));
    if (typeof v === 'string' || typeof v === 'number') node[key] = v;
  }
  const pods = n.int('pods');
  if (pods !== undefined) {
    node.pods = pods;
    if (pods <= 0) p.add(invalid([...path, 'pods'], pods, 'must be greater than zero'));
  }
  const taints = n.list('taints', 'Taint', fieldSet('key', 'value', 'effect'));
  if (taints) {
    node.taints = taints.map((t) => {
      const taint: Taint = { key: t.str('key') ?? '', effect: (t.str('effect') ?? '') as Taint['effect'] };
      const value = t.str('value');
      if (value) taint.value = value;
      return taint;
    });
    for (const e of validateTaints(node.taints)) p.add({ ...e, path: [...path, ...(e.at ?? e.path).slice(1)], at: undefined });
  }
  const unschedulable = n.bool('unschedulable');
  if (unschedulable !== undefined) node.unschedulable = unschedulable;
  return node;
}

function validateNetworks(spec: SimulatorSettingsSpec): FieldError[] {
  const errs: FieldError[] = [];
  const cidrs: Partial<Record<'podCIDR' | 'serviceCIDR' | 'nodeNetwork', Cidr>> = {};
  for (const key of ['podCIDR', 'serviceCIDR', 'nodeNetwork'] as const) {
    const v = spec[key];
    if (v === undefined) continue;
    const c = parseCidr(v);
    if (!c) errs.push(invalid(['spec', key], v, 'must be an IPv4 CIDR, e.g. 10.244.0.0/16'));
    else cidrs[key] = c;
  }
  const pod = cidrs.podCIDR ?? parseCidr('10.244.0.0/16');
  const svc = cidrs.serviceCIDR ?? parseCidr('10.96.0.0/12');
  if ((cidrs.podCIDR || cidrs.serviceCIDR) && pod && svc && overlaps(pod, svc))
    errs.push(
      invalid(
        ['spec', cidrs.serviceCIDR ? 'serviceCIDR' : 'podCIDR'],
        spec.serviceCIDR ?? spec.podCIDR,
        'the pod and service networks must not overlap',
      ),
    );
  if (spec.nodeCIDRMaskSize !== undefined && pod) {
    const m = spec.nodeCIDRMaskSize;
    if (m < pod.prefix || m > 30) errs.push(invalid(['spec', 'nodeCIDRMaskSize'], m, inclusiveRangeError(pod.prefix, 30)));
  }
  if (spec.nodePortRange !== undefined && !parseNodePortRange(spec.nodePortRange))
    errs.push(invalid(['spec', 'nodePortRange'], spec.nodePortRange, 'must be a port range such as 30000-32767'));
  if (spec.externalClientIP !== undefined && !isIPv4(spec.externalClientIP))
    errs.push(invalid(['spec', 'externalClientIP'], spec.externalClientIP, 'must be a valid IPv4 address'));
  const names = new Set<string>();
  const ips = new Set<string>();
  (spec.nodes ?? []).forEach((n, i) => {
    if (n.name && names.has(n.name)) errs.push(duplicate(['spec', 'nodes', i, 'name'], n.name));
    names.add(n.name);
    if (n.ip && ips.has(n.ip)) errs.push(duplicate(['spec', 'nodes', i, 'ip'], n.ip));
    if (n.ip) ips.add(n.ip);
  });
  return errs;
}

/** `30000-32767` → { min, max }; undefined when malformed or outside 1–65535. */
export function parseNodePortRange(text: string): { min: number; max: number } | undefined {
  const m = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(text);
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = Number(m[2]);
  return min >= 1 && max <= 65535 && min <= max ? { min, max } : undefined;
}

interface Cidr {
  base: number;
  prefix: number;
  size: number;
}

function ipNumber(ip: string): number | undefined {
  if (!isIPv4(ip)) return undefined;
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

function parseCidr(text: string): Cidr | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(text.trim());
  const ip = m ? ipNumber(m[1] as string) : undefined;
  const prefix = m ? Number(m[2]) : NaN;
  if (ip === undefined || !(prefix >= 0 && prefix <= 32)) return undefined;
  const size = 2 ** (32 - prefix);
  return { base: ip - (ip % size), prefix, size };
}

function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

/** MetalLB-style pool entry: a CIDR or `first-last`. */
export function parseAddressRange(text: string): { first: number; last: number } | undefined {
  if (text.includes('/')) {
    const c = parseCidr(text);
    return c ? { first: c.base, last: c.base + c.size - 1 } : undefined;
  }
  const parts = text.split('-').map((s) => s.trim());
  if (parts.length !== 2) return undefined;
  const first = ipNumber(parts[0] as string);
  const last = ipNumber(parts[1] as string);
  return first !== undefined && last !== undefined && first <= last ? { first, last } : undefined;
}
