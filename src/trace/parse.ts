/**
 * `--from` / `--to` syntax (../shared/cli-contract.md): sources `external`, `node/NAME`, `pod/NAME`,
 * `pod/NS/NAME`; targets `IP:PORT`, `svc/NAME:PORT`, `node/NAME:PORT`, `pod/NAME:PORT`, `lb/NAME:PORT`
 * (namespaced forms too), `curl IP:PORT` / `curl http://HOST[:PORT]/…`, and Service DNS names.
 */
import type { Cluster, NodeState, PodState, ServiceState } from '../model/cluster';
import { isIPv4 } from '../util/ip';
import { clusterIndex, isTerminal, type VipEntry } from './clusterIndex';
import { TraceUsageError } from './errors';
import { addr, CLIENT, nodeId, podId } from './ids';

export type Source =
  | { kind: 'external'; id: string; ip: string }
  | { kind: 'node'; id: string; node: NodeState }
  | { kind: 'pod'; id: string; pod: PodState; node: NodeState; route: string };

export interface Target {
  /** The target as the user named it, normalised (`svc/svc-1:9000`, `10.244.1.2:8080`). */
  text: string;
  /** Destination address; null when the named thing has none (LB <pending>, headless Service, Pending pod). */
  ip: string | null;
  port: number;
  /** `ip:port`, the packet's first destination text (null without an address). */
  addr: string | null;
  protocol: 'TCP' | 'UDP';
  named?: { kind: 'svc' | 'lb' | 'pod' | 'node'; svc?: ServiceState; pod?: PodState; node?: NodeState };
  /** The Service port at `ip:port` (null: none), filled in on first use by the trace (connect.ts). */
  vip?: VipEntry | null;
}

const TARGET_SYNTAX = 'expected IP:PORT, svc/NAME:PORT, node/NAME:PORT, pod/NAME:PORT, lb/NAME:PORT or curl http://IP:PORT/';
const KIND_ALIASES: Record<string, 'svc' | 'lb' | 'pod' | 'node'> = {
  svc: 'svc', service: 'svc', services: 'svc',
  pod: 'pod', pods: 'pod', po: 'pod',
  node: 'node', nodes: 'node', no: 'node',
  lb: 'lb',
};

/** `NAME` or `NS/NAME` → [namespace, name]. */
function splitName(ref: string, what: string, original: string): [string, string] {
  const parts = ref.split('/');
  if (parts.length > 2 || parts.some((p) => p === '')) throw new TraceUsageError(`invalid ${what} "${original}"`);
  return parts.length === 2 ? [parts[0], parts[1]] : ['default', parts[0]];
}

/** An object the folder defines but the API server rejected: point at the error instead of "not found". */
function rejectedHint(c: Cluster, kind: string, ns: string, name: string): string {
  const d = c.diagnostics.find((x) => x.severity === 'error' && x.kind === kind && x.name === name && (x.namespace ?? 'default') === ns);
  return d ? `: ${d.file}:${d.line} was rejected — ${d.message}` : '';
}

function findPod(c: Cluster, ns: string, name: string): PodState {
  const pod = clusterIndex(c).pods.get(`${ns}/${name}`);
  if (pod) return pod;
  const rejected = rejectedHint(c, 'Pod', ns, name);
  if (rejected) throw new TraceUsageError(`pods "${name}" not found in namespace "${ns}"${rejected}`);
  const elsewhere = c.pods.find((p) => p.name === name);
  const hint = elsewhere ? ` (did you mean pod/${elsewhere.namespace}/${name}?)` : '';
  throw new TraceUsageError(`pods "${name}" not found in namespace "${ns}"${hint}`);
}

function findService(c: Cluster, ns: string, name: string): ServiceState {
  const svc = clusterIndex(c).services.get(`${ns}/${name}`);
  if (svc) return svc;
  const rejected = rejectedHint(c, 'Service', ns, name);
  if (rejected) throw new TraceUsageError(`services "${name}" not found in namespace "${ns}"${rejected}`);
  const elsewhere = c.services.find((s) => s.name === name);
  const hint = elsewhere ? ` (did you mean svc/${elsewhere.namespace}/${name}?)` : '';
  throw new TraceUsageError(`services "${name}" not found in namespace "${ns}"${hint}`);
}

function findNode(c: Cluster, name: string): NodeState {
  const node = clusterIndex(c).nodes.get(name);
  if (node) return node;
  throw new TraceUsageError(`nodes "${name}" not found (nodes: ${c.nodes.map((n) => n.name).join(', ')})`);
}

const PARSE_CACHE_LIMIT = 8192;

function remember<T>(memo: Map<string, unknown>, s: string, value: T): T {
  if (memo.size >= PARSE_CACHE_LIMIT) memo.clear();
  memo.set(s, value);
  return value;
}

/** Parsed once per cluster and text: the same request is often sent many times. */
export function parseSource(s: string, c: Cluster): Source {
  const memo = clusterIndex(c).parsedSources;
  const hit = memo.get(s);
  return hit !== undefined ? (hit as Source) : remember(memo, s, parseSourceText(s, c));
}

/**
 * `dnsNamespace`: the namespace of the Pod that resolves a bare Service name. Its resolv.conf searches
 * `<ns>.svc.cluster.local` first, so `web` from a Pod in `shop` means `web.shop`, never `web.default`.
 */
export function parseTarget(s: string, c: Cluster, dnsNamespace = 'default'): Target {
  const memo = clusterIndex(c).parsedTargets;
  const k = dnsNamespace === 'default' ? s : `${dnsNamespace}\u0000${s}`;
  const hit = memo.get(k);
  return hit !== undefined ? (hit as Target) : remember(memo, k, parseTargetText(s, c, dnsNamespace));
}

function parseSourceText(s: string, c: Cluster): Source {
  const text = s.trim();
  if (text === 'external' || text === CLIENT) return { kind: 'external', id: CLIENT, ip: c.settings.externalClientIP };
  const slash = text.indexOf('/');
  const kind = slash > 0 ? KIND_ALIASES[text.slice(0, slash).toLowerCase()] : undefined;
  const rest = slash > 0 ? text.slice(slash + 1) : '';
  if (kind === 'node' && rest && !rest.includes('/')) {
    const node = findNode(c, rest);
    return { kind: 'node', id: nodeId(node.name), node };
  }
  if (kind === 'pod' && rest) {
    const [ns, name] = splitName(rest, 'source', s);
    const pod = findPod(c, ns, name);
    const node = pod.nodeName ? clusterIndex(c).nodes.get(pod.nodeName) : undefined;
    if (!pod.ip || !node) {
      throw new TraceUsageError(`pod/${name} cannot send anything: it is ${pod.status || pod.phase} and has no IP${pod.schedule.message ? ` (${pod.schedule.message})` : ''}`);
    }
    if (isTerminal(pod)) throw new TraceUsageError(`pod/${name} cannot send anything: it has completed (${pod.status}) and its network is gone`);
    const route = `; its default route leads through the veth to cni0 on ${node.name}`;
    return { kind: 'pod', id: podId(pod), pod, node, route };
  }
  throw new TraceUsageError(`invalid source "${s}": expected external, node/NAME, pod/NAME or pod/NAMESPACE/NAME`);
}

function parsePort(text: string, original: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65535) throw new TraceUsageError(`invalid port "${text}" in "${original}": must be 1-65535`);
  return n;
}

/** `curl -v http://10.0.0.1:8080/path` → `10.0.0.1:8080` (scheme default ports 80 / 443). */
function fromCurl(text: string): string {
  const args = text.split(/\s+/).slice(1).filter((a) => !a.startsWith('-'));
  const url = args[args.length - 1];
  if (!url) throw new TraceUsageError(`invalid target "${text}": curl needs a URL`);
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?(?:[/?#].*)?$/i.exec(url);
  if (!m) throw new TraceUsageError(`invalid target "${text}": ${TARGET_SYNTAX}`);
  const port = m[3] ?? (m[1]?.toLowerCase() === 'https' ? '443' : '80');
  return `${m[2]}:${port}`;
}

/** Service DNS: `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local` (the search path of a Pod in `podNs`). */
function resolveServiceDns(c: Cluster, host: string, podNs: string): ServiceState | null {
  const domain = `.svc.${c.settings.clusterDomain}`;
  let h = host.toLowerCase().replace(/\.$/, '');
  if (h.endsWith(domain)) h = h.slice(0, -domain.length);
  else if (h.endsWith('.svc')) h = h.slice(0, -4);
  const parts = h.split('.');
  if (parts.length > 2) return null;
  const ns = parts[1] ?? podNs;
  return clusterIndex(c).services.get(`${ns}/${parts[0]}`) ?? null;
}

/** A bare name the Pod's search path cannot resolve: say which Service it probably meant. */
function unresolvedName(c: Cluster, s: string, host: string, podNs: string): TraceUsageError | null {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name.includes('.') || podNs === 'default') return null;
  const elsewhere = c.services.filter((x) => x.name === name).map((x) => `${name}.${x.namespace}`);
  if (elsewhere.length === 0) return null;
  return new TraceUsageError(
    `invalid target "${s}": a Pod in namespace "${podNs}" cannot resolve "${name}" — its DNS search path tries ${name}.${podNs}.svc.${c.settings.clusterDomain} first and namespace "${podNs}" has no Service "${name}" (did you mean ${elsewhere.join(' or ')}?)`,
  );
}

function parseTargetText(s: string, c: Cluster, dnsNamespace: string): Target {
  let text = s.trim();
  if (/^curl(\s|$)/.test(text)) text = fromCurl(text);
  let protocol: 'TCP' | 'UDP' = 'TCP';
  const proto = /\/(tcp|udp)$/i.exec(text);
  if (proto) {
    protocol = proto[1].toUpperCase() as 'TCP' | 'UDP';
    text = text.slice(0, -proto[0].length);
  }
  const colon = text.lastIndexOf(':');
  if (colon <= 0) throw new TraceUsageError(`invalid target "${s}": ${TARGET_SYNTAX}`);
  const port = parsePort(text.slice(colon + 1), s);
  const head = text.slice(0, colon);
  const suffix = protocol === 'TCP' ? '' : '/UDP';

  if (isIPv4(head)) return { text: `${head}:${port}${suffix}`, ip: head, port, addr: addrOf(head, port), protocol };

  const slash = head.indexOf('/');
  const kind = slash > 0 ? KIND_ALIASES[head.slice(0, slash).toLowerCase()] : undefined;
  if (!kind) {
    const dnsName = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i.test(head);
    const svc = dnsName ? resolveServiceDns(c, head, dnsNamespace) : null;
    if (svc) return serviceTarget(svc, port, protocol, suffix);
    throw (dnsName ? unresolvedName(c, s, head, dnsNamespace) : null) ?? new TraceUsageError(`invalid target "${s}": ${TARGET_SYNTAX}`);
  }
  const ref = head.slice(slash + 1);
  if (kind === 'node') {
    if (!ref || ref.includes('/')) throw new TraceUsageError(`invalid target "${s}"`);
    const node = findNode(c, ref);
    return { text: `node/${node.name}:${port}${suffix}`, ip: node.ip, port, addr: addrOf(node.ip, port), protocol, named: { kind, node } };
  }
  const [ns, name] = splitName(ref, 'target', s);
  if (kind === 'pod') {
    const pod = findPod(c, ns, name);
    const live = pod.ip && !isTerminal(pod) ? pod.ip : null;
    return { text: `${podId(pod)}:${port}${suffix}`, ip: live, port, addr: addrOf(live, port), protocol, named: { kind, pod } };
  }
  const svc = findService(c, ns, name);
  if (kind === 'lb') {
    if (svc.type !== 'LoadBalancer') {
      throw new TraceUsageError(`service "${name}" is type ${svc.type}: only a LoadBalancer Service has a load balancer in front of it (try svc/${name}:${port})`);
    }
    const lbText = svc.namespace === 'default' ? `lb/${svc.name}` : `lb/${svc.namespace}/${svc.name}`;
    return { text: `${lbText}:${port}${suffix}`, ip: svc.loadBalancerIP, port, addr: addrOf(svc.loadBalancerIP, port), protocol, named: { kind, svc } };
  }
  return serviceTarget(svc, port, protocol, suffix);
}

function addrOf(ip: string | null, port: number): string | null {
  return ip === null ? null : addr(ip, port);
}

function serviceTarget(svc: ServiceState, port: number, protocol: 'TCP' | 'UDP', suffix: string): Target {
  const ip = svc.clusterIP && svc.clusterIP !== 'None' ? svc.clusterIP : null;
  const name = svc.namespace === 'default' ? `svc/${svc.name}` : `svc/${svc.namespace}/${svc.name}`;
  return { text: `${name}:${port}${suffix}`, ip, port, addr: addrOf(ip, port), protocol, named: { kind: 'svc', svc } };
}
