/**
 * `spec.externalHosts` of the settings object: machines outside the cluster that answer on their ports.
 * Checked once the nodes exist, since an outside host may not take an address the cluster uses (a node,
 * the pod network, the Service range, the external client, the load-balancer pool). A bad host is left
 * out with an error in the API server's words at its line; the other hosts and settings still load.
 */
import type { ExternalHost, NodeState } from '../model/cluster';
import type { Protocol } from '../model/k8s';
import type { SettingsExternalHost } from '../model/objects';
import { formatFieldError, duplicate, invalid, invalidEach, notSupported, required, type FieldError } from '../load/fieldErrors';
import { formatPath, type FieldPath } from '../load/fieldPath';
import { parseCidr, parseIPv4, cidrContains } from '../util/ip';
import { IP_ERROR, isDNS1123Subdomain, isIP, isValidPortNum } from '../util/validation';
import { objectDiagnostic } from './diagnostics';
import { parsePool, type ResolvedSettings } from './settings';

const PROTOCOLS: readonly Protocol[] = ['SCTP', 'TCP', 'UDP'];

/** Addresses no host may take: the same words as the API server's ValidateNonSpecialIP. */
const SPECIAL: { cidr: string; why: string }[] = [
  { cidr: '0.0.0.0/32', why: 'may not be unspecified (0.0.0.0, ::)' },
  { cidr: '127.0.0.0/8', why: 'may not be in the loopback range (127.0.0.0/8, ::1/128)' },
  { cidr: '169.254.0.0/16', why: 'may not be in the link-local range (169.254.0.0/16, fe80::/10)' },
  { cidr: '224.0.0.0/4', why: 'may not be a multicast address (224.0.0.0/4): a TCP or UDP server does not listen there' },
];

/** Fill `settings.externalHosts` from the settings object, with an error diagnostic per host left out. */
export function resolveExternalHosts(resolved: ResolvedSettings, nodes: readonly NodeState[]): void {
  const object = resolved.object;
  const written = object?.spec?.externalHosts;
  if (!object || !written || written.length === 0) return;
  const hosts: ExternalHost[] = [];
  const names = new Set<string>();
  const ips = new Set<string>();
  written.forEach((h, i) => {
    const path: FieldPath = ['spec', 'externalHosts', i];
    const errs = checkHost(h, path, resolved, nodes, names, ips);
    if (h.name) names.add(h.name);
    if (h.ip) ips.add(h.ip);
    if (errs.length > 0) {
      for (const e of errs) resolved.diagnostics.push(objectDiagnostic(object, 'error', formatPath(e.at ?? e.path), formatFieldError(e)));
      return;
    }
    hosts.push({ ...(h.name ? { name: h.name } : {}), ip: h.ip as string, ports: portsOf(h.ports ?? []) });
  });
  resolved.settings.externalHosts = hosts;
}

function checkHost(
  h: SettingsExternalHost,
  path: FieldPath,
  resolved: ResolvedSettings,
  nodes: readonly NodeState[],
  names: ReadonlySet<string>,
  ips: ReadonlySet<string>,
): FieldError[] {
  const errs: FieldError[] = [];
  if (h.name !== undefined && h.name !== '') {
    const bad = isDNS1123Subdomain(h.name);
    if (bad.length > 0) errs.push(...invalidEach([...path, 'name'], h.name, bad));
    else if (names.has(h.name)) errs.push(duplicate([...path, 'name'], h.name));
    else {
      const domain = resolved.settings.clusterDomain;
      if (h.name === domain || h.name.endsWith(`.${domain}`))
        errs.push(invalid([...path, 'name'], h.name, `may not be in the cluster domain ${domain}: CoreDNS answers those names itself`));
    }
  }
  if (h.ip === undefined || h.ip === '') errs.push(required([...path, 'ip']));
  else errs.push(...checkIP(h.ip, [...path, 'ip'], resolved, nodes, ips));
  (h.ports ?? []).forEach((p, j) => errs.push(...checkPort(p, [...path, 'ports', j], h.ports ?? [], j)));
  return errs;
}

function checkIP(
  ip: string,
  path: FieldPath,
  resolved: ResolvedSettings,
  nodes: readonly NodeState[],
  ips: ReadonlySet<string>,
): FieldError[] {
  const n = parseIPv4(ip);
  if (n === null) return [invalid(path, ip, isIP(ip) ? 'must be an IPv4 address: this cluster is single-stack IPv4' : IP_ERROR)];
  if (ips.has(ip)) return [duplicate(path, ip)];
  for (const s of SPECIAL) {
    const c = parseCidr(s.cidr);
    if (c && cidrContains(c, n)) return [invalid(path, ip, s.why)];
  }
  const st = resolved.settings;
  const inside = (cidr: string): boolean => {
    const c = parseCidr(cidr);
    return c !== null && cidrContains(c, n);
  };
  if (inside(st.podCIDR))
    return [invalid(path, ip, `may not be in the pod network ${st.podCIDR}: flannel routes it to a node's Pods, never outside`)];
  if (inside(st.serviceCIDR))
    return [invalid(path, ip, `may not be in the Service range ${st.serviceCIDR}: kube-proxy answers those addresses on every node`)];
  const node = nodes.find((x) => x.ip === ip);
  if (node) return [invalid(path, ip, `may not be the address of node ${node.name}`)];
  if (ip === st.externalClientIP) return [invalid(path, ip, "may not be the external client's address (spec.externalClientIP)")];
  if (st.loadBalancer.provider === 'metallb') {
    const pool = st.loadBalancer.addresses.find((a) => {
      const r = parsePool(a);
      return r !== null && n >= r.first && n <= r.last;
    });
    if (pool) return [invalid(path, ip, `may not be in the load-balancer address pool ${pool}: MetalLB hands those addresses to Services`)];
  }
  return [];
}

/** `5432`, `"5432"`, `"53/UDP"`. */
function parsePort(p: number | string): { port: number; protocol: string } | null {
  if (typeof p === 'number') return { port: p, protocol: 'TCP' };
  const m = /^(\d{1,10})(?:\/([A-Za-z]+))?$/.exec(p.trim());
  return m ? { port: Number(m[1]), protocol: (m[2] ?? 'TCP').toUpperCase() } : null;
}

function checkPort(p: number | string, path: FieldPath, all: readonly (number | string)[], j: number): FieldError[] {
  const parsed = parsePort(p);
  if (!parsed) return [invalid(path, p, 'must be a port number or PORT/PROTOCOL, e.g. 5432 or 53/UDP')];
  if (!Number.isInteger(parsed.port)) return [invalid(path, p, 'must be an integer')];
  const bad = isValidPortNum(parsed.port);
  if (bad.length > 0) return invalidEach(path, p, bad);
  if (!(PROTOCOLS as readonly string[]).includes(parsed.protocol)) return [notSupported(path, parsed.protocol, PROTOCOLS)];
  const same = all.slice(0, j).some((q) => {
    const o = parsePort(q);
    return o !== null && o.port === parsed.port && o.protocol === parsed.protocol;
  });
  return same ? [duplicate(path, p)] : [];
}

function portsOf(ports: readonly (number | string)[]): ExternalHost['ports'] {
  return ports.map((p) => {
    const parsed = parsePort(p) as { port: number; protocol: string };
    return { port: parsed.port, protocol: parsed.protocol as Protocol };
  });
}

/** Kept beside the resolver so the trace and the UI name a host alike: its name, else its IP. */
export function externalHostLabel(h: ExternalHost): string {
  return h.name ?? h.ip;
}
