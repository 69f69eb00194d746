/**
 * `--from` / `--to` syntax (../shared/cli-contract.md): sources `external`, `node/NAME`, `pod/NAME`,
 * `pod/NS/NAME`; targets `IP:PORT`, `svc/NAME:PORT`, `node/NAME:PORT`, `pod/NAME:PORT`, `lb/NAME:PORT`
 * (namespaced forms too), `curl IP:PORT` / `curl http://HOST[:PORT]/…`, and Service DNS names.
 */
import type { NodeState, PodState, ServiceState } from '../model/cluster';
import { CLIENT_ID } from '../model/componentId';
import { isIPv4 } from '../util/ip';
import { type ClusterIndex, isTerminal, vipOf } from './clusterIndex';
import { parseCurl, parseUrl } from './httpRequest';
import { TraceUsageError } from './errors';
import { addr, lbId, nodeId, podId, svcId } from './ids';
import { findHost, hostId, hostLabel } from './outside';
import type { Source, Target, VipEntry } from './types';
import type { Protocol } from '../model/k8s';
import { protocolSuffix } from './l4';

export type { Source, Target } from './types';

const TARGET_SYNTAX =
  'expected IP:PORT, svc/NAME:PORT, node/NAME:PORT, pod/NAME:PORT, lb/NAME:PORT, host/NAME:PORT or curl http://IP:PORT/';
const KIND_ALIASES: Record<string, 'svc' | 'lb' | 'pod' | 'node' | 'host'> = {
  svc: 'svc',
  service: 'svc',
  services: 'svc',
  pod: 'pod',
  pods: 'pod',
  po: 'pod',
  node: 'node',
  nodes: 'node',
  no: 'node',
  lb: 'lb',
  host: 'host',
};

/** `NAME` or `NS/NAME` → [namespace, name]. */
function splitName(ref: string, what: string, original: string): [string, string] {
  const parts = ref.split('/');
  if (parts.length > 2 || parts.some((p) => p === '')) throw new TraceUsageError(`invalid ${what} "${original}"`);
  return parts.length === 2 ? [parts[0], parts[1]] : ['default', parts[0]];
}

/** An object the folder defines but the API server rejected: point at the error instead of "not found". */
function rejectedHint(ix: ClusterIndex, kind: string, ns: string, name: string): string {
  const d = ix.cluster.diagnostics.find(
    (x) => x.severity === 'error' && x.kind === kind && x.name === name && (x.namespace ?? 'default') === ns,
  );
  return d ? `: ${d.file}:${d.line} was rejected — ${d.message}` : '';
}

function findPod(ix: ClusterIndex, ns: string, name: string): PodState {
  const pod = ix.pods.get(`${ns}/${name}`);
  if (pod) return pod;
  const rejected = rejectedHint(ix, 'Pod', ns, name);
  if (rejected) throw new TraceUsageError(`pods "${name}" not found in namespace "${ns}"${rejected}`);
  const elsewhere = ix.cluster.pods.find((p) => p.name === name);
  const hint = elsewhere ? ` (did you mean pod/${elsewhere.namespace}/${name}?)` : '';
  throw new TraceUsageError(`pods "${name}" not found in namespace "${ns}"${hint}`);
}

function findService(ix: ClusterIndex, ns: string, name: string): ServiceState {
  const svc = ix.services.get(`${ns}/${name}`);
  if (svc) return svc;
  const rejected = rejectedHint(ix, 'Service', ns, name);
  if (rejected) throw new TraceUsageError(`services "${name}" not found in namespace "${ns}"${rejected}`);
  const elsewhere = ix.cluster.services.find((s) => s.name === name);
  const hint = elsewhere ? ` (did you mean svc/${elsewhere.namespace}/${name}?)` : '';
  throw new TraceUsageError(`services "${name}" not found in namespace "${ns}"${hint}`);
}

function findNode(ix: ClusterIndex, name: string): NodeState {
  const node = ix.nodes.get(name);
  if (node) return node;
  throw new TraceUsageError(`nodes "${name}" not found (nodes: ${ix.cluster.nodes.map((n) => n.name).join(', ')})`);
}

function unknownHost(ix: ClusterIndex, ref: string): string {
  const known = [...ix.externalHosts.values()].map((h) => hostLabel(h));
  const list = known.length > 0 ? `declared: ${known.join(', ')}` : 'the settings declare none (spec.externalHosts)';
  return `hosts "${ref}" not found outside the cluster (${list})`;
}

/** Parsed once per cluster and text: the same request is often sent many times. */
export function parseSource(s: string, ix: ClusterIndex): Source {
  return ix.parsedSources.get(s) ?? ix.parsedSources.remember(s, parseSourceText(s, ix));
}

/**
 * Parsed once per cluster and text. A name stays a name here: what it resolves to depends on who asks
 * (their resolv.conf) and on CoreDNS's answer at the time, so byName.ts resolves it per request.
 */
export function parseTarget(s: string, ix: ClusterIndex, headers: readonly string[] = NO_HEADERS): Target {
  const k = headers.length === 0 ? s : `${s}\u0000${headers.join('\n')}`;
  return ix.parsedTargets.get(k) ?? ix.parsedTargets.remember(k, parseTargetText(s, ix, headers));
}

const NO_HEADERS: readonly string[] = [];

function parseSourceText(s: string, ix: ClusterIndex): Source {
  const text = s.trim();
  if (text === 'external' || text === CLIENT_ID) return { kind: 'external', id: CLIENT_ID, ip: ix.cluster.settings.externalClientIP };
  const slash = text.indexOf('/');
  const kind = slash > 0 ? KIND_ALIASES[text.slice(0, slash).toLowerCase()] : undefined;
  const rest = slash > 0 ? text.slice(slash + 1) : '';
  if (kind === 'node' && rest && !rest.includes('/')) {
    const node = findNode(ix, rest);
    return { kind: 'node', id: nodeId(node), node };
  }
  if (kind === 'pod' && rest) {
    const [ns, name] = splitName(rest, 'source', s);
    const pod = findPod(ix, ns, name);
    const node = pod.nodeName ? ix.nodes.get(pod.nodeName) : undefined;
    if (!pod.ip || !node) {
      throw new TraceUsageError(
        `pod/${name} cannot send anything: it is ${pod.status || pod.phase} and has no IP${pod.schedule.message ? ` (${pod.schedule.message})` : ''}`,
      );
    }
    if (isTerminal(pod))
      throw new TraceUsageError(`pod/${name} cannot send anything: it has completed (${pod.status}) and its network is gone`);
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

function parseTargetText(s: string, ix: ClusterIndex, headers: readonly string[]): Target {
  const text = s.trim();
  if (/^curl(\s|$)/.test(text) || /^https?:\/\//i.test(text) || headers.length > 0) {
    const parsed = /^curl(\s|$)/.test(text) ? parseCurl(text, headers) : parseUrl(text, headers);
    return { ...parseAddress(parsed.address, s, ix), http: parsed.http };
  }
  return parseAddress(text, s, ix);
}

/** `IP:PORT`, `KIND/NAME:PORT` or `NAME:PORT` (a DNS name), with an optional `/udp` or `/sctp`. */
function parseAddress(address: string, s: string, ix: ClusterIndex): Target {
  let text = address;
  let protocol: Protocol = 'TCP';
  const proto = /\/(tcp|udp|sctp)$/i.exec(text);
  if (proto) {
    protocol = proto[1].toUpperCase() as Protocol;
    text = text.slice(0, -proto[0].length);
  }
  const colon = text.lastIndexOf(':');
  if (colon <= 0) throw new TraceUsageError(`invalid target "${s}": ${TARGET_SYNTAX}`);
  const port = parsePort(text.slice(colon + 1), s);
  const head = text.slice(0, colon);
  const suffix = protocolSuffix(protocol);

  if (isIPv4(head)) return target(ix, `${head}:${port}${suffix}`, head, port, protocol, undefined);

  const slash = head.indexOf('/');
  const kind = slash > 0 ? KIND_ALIASES[head.slice(0, slash).toLowerCase()] : undefined;
  if (!kind) {
    // A DNS name: resolved per request, as the source's resolver would (byName.ts).
    if (DNS_NAME.test(head) && head.length <= 253) return nameTarget(head, port, protocol, suffix);
    throw new TraceUsageError(`invalid target "${s}": ${TARGET_SYNTAX}`);
  }
  const ref = head.slice(slash + 1);
  if (kind === 'host') {
    const host = ref ? findHost(ix, ref) : null;
    if (!host) throw new TraceUsageError(unknownHost(ix, ref));
    return target(ix, `${hostId(host)}:${port}${suffix}`, host.ip, port, protocol, { kind, host });
  }
  if (kind === 'node') {
    if (!ref || ref.includes('/')) throw new TraceUsageError(`invalid target "${s}"`);
    const node = findNode(ix, ref);
    return target(ix, `node/${node.name}:${port}${suffix}`, node.ip, port, protocol, { kind, node });
  }
  const [ns, name] = splitName(ref, 'target', s);
  if (kind === 'pod') {
    const pod = findPod(ix, ns, name);
    const live = pod.ip && !isTerminal(pod) ? pod.ip : null;
    return target(ix, `${podId(pod)}:${port}${suffix}`, live, port, protocol, { kind, pod });
  }
  const svc = findService(ix, ns, name);
  if (kind === 'lb') {
    if (svc.type !== 'LoadBalancer') {
      throw new TraceUsageError(
        `service "${name}" is type ${svc.type}: only a LoadBalancer Service has a load balancer in front of it (try svc/${name}:${port})`,
      );
    }
    return target(ix, `${lbId(svc)}:${port}${suffix}`, svc.loadBalancerIP, port, protocol, { kind, svc });
  }
  return serviceTarget(ix, svc, port, protocol, suffix);
}

const DNS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\.?$/i;

/** A name: no address until the source's resolver has answered. */
function nameTarget(name: string, port: number, protocol: Protocol, suffix: string): Target {
  const dnsName = name.toLowerCase();
  return {
    text: `${dnsName}:${port}${suffix}`,
    ip: null,
    port,
    addr: null,
    protocol,
    named: undefined,
    vip: undefined,
    dnsName,
    http: undefined,
  };
}

function serviceTarget(ix: ClusterIndex, svc: ServiceState, port: number, protocol: Protocol, suffix: string): Target {
  const ip = svc.clusterIP && svc.clusterIP !== 'None' ? svc.clusterIP : null;
  return target(ix, `${svcId(svc)}:${port}${suffix}`, ip, port, protocol, { kind: 'svc', svc });
}

/** A target with its first destination text and the Service port at that address, if any. */
function target(ix: ClusterIndex, text: string, ip: string | null, port: number, protocol: Protocol, named: Target['named']): Target {
  const vip: VipEntry | undefined = ip === null ? undefined : vipOf(ix, ip, port, protocol);
  // Every key on every target: one object shape.
  return { text, ip, port, addr: ip === null ? null : addr(ip, port), protocol, named, vip, dnsName: undefined, http: undefined };
}
