/**
 * ingress-nginx as an L7 proxy: the client's TCP connection ends at the controller Pod; nginx reads
 * the request, picks the Ingress path (src/ingress/match.ts), chooses an endpoint of the backend
 * Service itself (from the Service's endpoints, not through its ClusterIP), and opens a new connection
 * from its own Pod IP. The backend sees the controller as its client, and the original client only in
 * X-Forwarded-For / X-Real-IP — the real address only where the controller's Service kept it.
 */
import { endpointName } from './endpointText';
import { hostMatch, route, type RouteResult } from '../ingress/match';
import type { NodeState, PodState } from '../model/cluster';
import type { IngressBackend, IngressState } from '../model/ingress';
import type { LabelledRef } from '../model/source';
import { vipOf } from './clusterIndex';
import type { HttpRequest } from './httpRequest';
import { displayName, hostOf, podId } from './ids';
import type { IngressController } from './ingressIndex';
import { atNode } from './netfilter';
import type { Backend } from './types';
import { Walk } from './walk';

/** What the proxy did, for the trace's `http` field and its way back. */
export interface ProxyResult {
  http: { host: string; path: string; status: number };
  /** The connection the controller opened to the backend, when it opened one. */
  upstream: Walk | null;
  /** How many hops of the walk belong to the client's connection (the rest are the proxy hop and the upstream's). */
  front: number;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  308: 'Permanent Redirect',
  404: 'Not Found',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * The client's connection was delivered to a controller Pod (walk `w`): read its request and answer or
 * proxy it. Rewrites `w`'s verdict to the request's end and appends the proxy and upstream hops.
 */
export function proxyRequest(w: Walk, ctl: IngressController, request: HttpRequest | undefined): ProxyResult {
  const pod = ctl.pod;
  const node = w.ix.nodes.get(pod.nodeName ?? '') as NodeState;
  const deliver = w.hops[w.hops.length - 1];
  const front = w.hops.length;
  const tls = w.dstPort === ctl.httpsPort;
  const req = request ?? { scheme: tls ? 'https' : 'http', host: curlHost(w.hops[0].dst, tls), path: '/', headers: [] };
  const client = hostOf(deliver.src);
  const line = `${req.scheme === 'https' || tls ? 'TLS, then ' : ''}GET ${req.path} HTTP/1.1 · Host: ${req.host} · X-Forwarded-For: ${client} · X-Real-IP: ${client}`;
  const host = req.host.replace(/:\d+$/, '');
  const routed = route(ctl.ingresses, host, req.path);
  const answered = (status: number, why: string, refs?: LabelledRef[]): ProxyResult => {
    w.hop(
      podId(pod),
      'proxy',
      `ingress-nginx in ${pod.name}: ${line} → ${status} ${STATUS_TEXT[status]}: ${why}`,
      pod.nodeName ?? undefined,
      refs,
    );
    const reason = `${status} ${STATUS_TEXT[status]} from ingress-nginx (${pod.name}): ${why}`;
    w.finish({ ...(w.verdict ?? { outcome: 'delivered' }), outcome: 'delivered', reason, refs });
    return { http: { host, path: req.path, status }, upstream: null, front };
  };

  if (routed.kind === 'none') return answered(404, noMatch(ctl, host, req.path));
  const ingress = routed.kind === 'path' ? routed.match.ingress : routed.ingress;
  const backend = routed.kind === 'path' ? routed.match.path.backend : routed.backend;
  const refs = routeRefs(routed);
  if (!tls && redirectsToHttps(ingress, host)) {
    return answered(
      308,
      `Ingress ${displayName(ingress)} has TLS for ${host}, so ssl-redirect sends the client to https://${req.host}${req.path}`,
      refs,
    );
  }
  const target = backendEndpoints(w, ingress, backend);
  if (typeof target === 'string') return answered(503, target, refs);
  const picked = target.endpoints.length === 1 ? target.endpoints[0] : w.net.rng.pick(target.endpoints);
  const upstreamPath = ingress.annotations['nginx.ingress.kubernetes.io/rewrite-target'] ?? req.path;
  const protocol = (ingress.annotations['nginx.ingress.kubernetes.io/backend-protocol'] ?? 'HTTP').toUpperCase();
  const matched = routed.kind === 'path' ? `path ${routed.match.path.path} (${routed.match.path.pathType})` : 'its defaultBackend';
  const certificate = tls ? `; ${certificateNote(w, ingress, host)}` : '';
  const rewrite = upstreamPath !== req.path ? `, rewritten to ${upstreamPath} (rewrite-target)` : '';
  w.hop(
    podId(pod),
    'proxy',
    `ingress-nginx in ${pod.name} ends the client's connection and reads ${line}${certificate}; Ingress ${displayName(ingress)} matches ${matched} → Service ${target.service}${rewrite}; nginx picks the endpoint ${picked.addr} itself (${target.endpoints.length} ready, from the Service's endpoints, no ClusterIP) and opens a new ${protocol} connection`,
    pod.nodeName ?? undefined,
    refs,
  );

  const up = new Walk(w.ix, w.net, 'TCP');
  up.srcIP = pod.ip as string;
  up.srcPort = w.net.ephemeralPort();
  up.setDst(picked.ip, picked.port, picked.addr);
  up.hop(
    podId(pod),
    'send',
    `ingress-nginx in ${pod.name} opens a new connection to ${picked.addr} (${endpointName(picked.ep)}) from ${up.src}: ${upstreamPath}`,
    node.name,
  );
  if (w.ix.policies.enforced) up.egressFrom = pod;
  atNode(up, node, 'pod');
  for (let i = 0; i < up.hops.length; i++) {
    w.hops.push(up.hops[i]);
    w.meta.push(up.meta[i]);
  }
  const v = up.verdict;
  if (v === null) throw new Error('the upstream connection ended without a verdict');
  const status = v.outcome === 'delivered' ? 200 : v.outcome === 'refused' || v.outcome === 'unreachable' ? 502 : 504;
  const seen = `the backend sees ingress-nginx's ${pod.ip} as its client; the original client is in X-Forwarded-For: ${client}`;
  const reason =
    status === 200
      ? `${v.reason} — proxied by ingress-nginx (${pod.name}) for ${host}${req.path} (Ingress ${displayName(ingress)}); ${seen}`
      : `ingress-nginx (${pod.name}) answers ${status} ${STATUS_TEXT[status]}: its connection to ${picked.addr} failed — ${v.reason}`;
  // A failed upstream still ends in an HTTP answer from nginx: the client does not wait on its own timeout.
  w.finish({ ...v, reason, immediate: status !== 200 ? true : v.immediate });
  return { http: { host, path: req.path, status }, upstream: up, front };
}

/** curl's Host header for an address: the port left out when it is the scheme's default. */
function curlHost(address: string, tls: boolean): string {
  return address.endsWith(tls ? ':443' : ':80') ? hostOf(address) : address;
}

function routeRefs(r: RouteResult): LabelledRef[] | undefined {
  if (r.kind === 'path') return [r.match.path.ref];
  if (r.kind === 'defaultBackend') return r.ingress.defaultBackend ? [r.ingress.defaultBackend.ref] : undefined;
  return undefined;
}

function noMatch(ctl: IngressController, host: string, path: string): string {
  if (ctl.ingresses.length === 0) return `no Ingress of its classes exists, so its default backend answers 404`;
  return `no Ingress rule of its ${ctl.ingresses.length} Ingress(es) matches host ${host} and path ${path}, so its default backend answers 404`;
}

/** Which certificate nginx presents for the SNI host: the TLS section's Secret, or its own fake one when the Secret is missing. */
function certificateNote(w: Walk, ingress: IngressState, host: string): string {
  const entry = tlsFor(ingress, host);
  if (!entry?.secretName)
    return `no TLS section names ${host}, so nginx presents its default "Kubernetes Ingress Controller Fake Certificate" (curl needs -k)`;
  const exists = w.ix.cluster.objects.some((o) => o.kind === 'Secret' && o.namespace === ingress.namespace && o.name === entry.secretName);
  return exists
    ? `TLS for ${host} (SNI) with the certificate in Secret ${entry.secretName}`
    : `Secret ${entry.secretName} is not in the folder, so nginx presents its default "Kubernetes Ingress Controller Fake Certificate" for ${host} (curl needs -k)`;
}

/** ssl-redirect (default true) applies where the Ingress has a TLS section for the host. */
function redirectsToHttps(ingress: IngressState, host: string): boolean {
  if (ingress.annotations['nginx.ingress.kubernetes.io/ssl-redirect'] === 'false') return false;
  return tlsFor(ingress, host) !== undefined;
}

/** The Ingress's TLS section for a host, matched as its rules' hosts are (a wildcard covers one label). */
function tlsFor(ingress: IngressState, host: string): IngressState['tls'][number] | undefined {
  return ingress.tls.find((t) => t.hosts.some((h) => hostMatch(h, host) !== null));
}

/** The backend Service's ready endpoints for the Ingress's port, or why there are none (nginx's 503). */
function backendEndpoints(
  w: Walk,
  ingress: IngressState,
  backend: IngressBackend,
): { service: string; endpoints: readonly Backend[] } | string {
  if (!backend.service)
    return `Ingress ${displayName(ingress)}'s backend is a ${backend.resource?.kind ?? 'resource'}, which ingress-nginx does not serve`;
  const { name, port } = backend.service;
  const svc = w.ix.services.get(`${ingress.namespace}/${name}`);
  if (!svc) return `Ingress ${displayName(ingress)} names Service ${name}, which does not exist in namespace ${ingress.namespace}`;
  const sp = svc.ports.find((p) => (typeof port === 'number' ? p.port === port : p.name === port));
  if (!sp) return `Service ${displayName(svc)} has no port ${port}`;
  const service = `${displayName(svc)}:${sp.port}`;
  const vip = svc.clusterIP && svc.clusterIP !== 'None' ? vipOf(w.ix, svc.clusterIP, sp.port, sp.protocol) : undefined;
  const endpoints = vip ? w.ix.backends(vip.entry).all : [];
  if (endpoints.length === 0) return `Service ${service} has no ready endpoints`;
  return { service, endpoints };
}

/** The controller a delivered connection reached on its http or https port, if any. */
export function controllerAt(w: Walk, pod: PodState | undefined): IngressController | null {
  if (!pod || w.protocol !== 'TCP') return null;
  const ctl = w.ix.ingress.controllerOf(pod);
  return ctl !== null && (w.dstPort === ctl.httpPort || w.dstPort === ctl.httpsPort) ? ctl : null;
}
