/**
 * Services as the API server stores them after creation: ClusterIP, NodePorts and
 * healthCheckNodePort allocated (explicit values honoured, conflicts rejected with the API server's
 * words), and the LoadBalancer address a provider would write into status — or `<pending>`.
 *
 * Allocation runs in three passes so results do not depend on file order more than they must:
 * values kept from the previous cluster (re-apply keeps a Service's IP), then values the manifests
 * ask for, then random ones from per-Service random streams (adding a Service does not move others).
 */
import type { ClusterSettings, ServiceState } from '../model/cluster';
import type { ServiceSpec } from '../model/k8s';
import type { Diagnostic } from '../model/source';
import { ClusterIPAllocator, LoadBalancerPool, NodePortAllocator, type AllocError } from './allocators';
import { renderValue } from '../load/fieldErrors';
import { objectDiagnostic } from './diagnostics';
import { streamRng } from './naming';
import type { ServiceInput } from './serviceInput';
import { serviceState } from './serviceState';

export interface ServiceAllocation {
  services: ServiceState[];
  diagnostics: Diagnostic[];
}

export interface AllocateOptions {
  rngState: number;
  createdAt: number;
  /** Services of the cluster being re-applied, by `namespace/name`. */
  previous?: Map<string, ServiceState>;
}

const METALLB_IPS_ANNOTATION = 'metallb.universe.tf/loadBalancerIPs';

export function serviceKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function hasClusterIP(spec: ServiceSpec): boolean {
  return spec.type !== 'ExternalName' && spec.clusterIP !== 'None';
}

function needsNodePorts(spec: ServiceSpec): boolean {
  return spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

function needsHealthCheckPort(spec: ServiceSpec): boolean {
  return spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

function requestedClusterIP(spec: ServiceSpec): string | undefined {
  const ip = spec.clusterIP ?? spec.clusterIPs?.[0];
  return ip && ip !== 'None' ? ip : undefined;
}

function requestedLbIP(input: ServiceInput): string | undefined {
  const fromAnnotation = input.metadata.annotations?.[METALLB_IPS_ANNOTATION]?.split(',')[0]?.trim();
  return fromAnnotation || input.spec.loadBalancerIP || undefined;
}

interface Draft {
  input: ServiceInput;
  prev?: ServiceState;
  failed: boolean;
  clusterIP?: string;
  nodePorts: (number | undefined)[];
  healthCheckNodePort?: number;
  lbIP?: string;
  pendingReason?: string;
}

class Allocation {
  readonly ips: ClusterIPAllocator;
  readonly ports: NodePortAllocator;
  readonly pool: LoadBalancerPool | null;
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly settings: ClusterSettings) {
    this.ips = new ClusterIPAllocator(settings.serviceCIDR);
    this.ports = new NodePortAllocator(settings.nodePortRange);
    this.pool = settings.loadBalancer.provider === 'metallb' ? new LoadBalancerPool(settings.loadBalancer.addresses) : null;
  }

  private reject(d: Draft, path: string, at: string, message: string): void {
    d.failed = true;
    const diag = objectDiagnostic(d.input, 'error', at, message);
    diag.path = path;
    this.diagnostics.push(diag);
  }

  ipError(d: Draft, ip: string, err: AllocError): void {
    const why =
      err === 'allocated'
        ? 'provided IP is already allocated'
        : `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.settings.serviceCIDR}`;
    const at = d.input.spec.clusterIP !== undefined ? 'spec.clusterIP' : 'spec.clusterIPs';
    // registry/core/service/storage/alloc.go: field.Invalid(spec.clusterIPs, service.Spec.ClusterIPs, …) — a []string, %#v.
    const ips = d.input.spec.clusterIPs?.length ? d.input.spec.clusterIPs : [ip];
    this.reject(d, 'spec.clusterIPs', at, `spec.clusterIPs: Invalid value: ${renderValue(ips)}: failed to allocate IP ${ip}: ${why}`);
  }

  portError(d: Draft, path: string, port: number, err: AllocError): void {
    const { min, max } = this.settings.nodePortRange;
    const why =
      err === 'allocated'
        ? 'provided port is already allocated'
        : `provided port is not in the valid range. The range of valid ports is ${min}-${max}`;
    this.reject(d, path, path, `${path}: Invalid value: ${port}: ${why}`);
  }

  fullError(d: Draft, path: string, what: 'serviceIP' | 'nodePort'): void {
    this.reject(d, path, path, `${path}: Internal error: failed to allocate a ${what}: range is full`);
  }

  /** Give back everything a rejected Service had reserved. */
  release(d: Draft): void {
    if (d.clusterIP) this.ips.release(d.clusterIP);
    const seen = new Set<number>();
    for (const p of d.nodePorts) {
      if (p === undefined || seen.has(p)) continue;
      seen.add(p);
      this.ports.release(p);
    }
    if (d.healthCheckNodePort !== undefined) this.ports.release(d.healthCheckNodePort);
  }
}

/** Keep what the previous cluster already allocated to this Service, where the new spec allows it. */
function keepPrevious(a: Allocation, d: Draft): void {
  const prev = d.prev;
  if (!prev) return;
  const spec = d.input.spec;
  const wantIP = requestedClusterIP(spec);
  if (hasClusterIP(spec) && prev.clusterIP && prev.clusterIP !== 'None' && (!wantIP || wantIP === prev.clusterIP)) {
    if (a.ips.allocate(prev.clusterIP) === null) d.clusterIP = prev.clusterIP;
  }
  if (needsNodePorts(spec)) {
    spec.ports.forEach((port, i) => {
      const old = prev.ports.find((p) => p.port === port.port && p.protocol === port.protocol)?.nodePort;
      if (old === undefined || (port.nodePort !== undefined && port.nodePort !== old)) return;
      const sibling = d.nodePorts.includes(old);
      if (sibling || a.ports.allocate(old) === null) d.nodePorts[i] = old;
    });
  }
  if (needsHealthCheckPort(spec) && prev.healthCheckNodePort !== undefined) {
    const want = spec.healthCheckNodePort;
    if ((want === undefined || want === prev.healthCheckNodePort) && a.ports.allocate(prev.healthCheckNodePort) === null) {
      d.healthCheckNodePort = prev.healthCheckNodePort;
    }
  }
}

/** Reserve the values the manifest asks for; a conflict rejects the whole Service. */
function reserveExplicit(a: Allocation, d: Draft): void {
  const spec = d.input.spec;
  const wantIP = requestedClusterIP(spec);
  if (hasClusterIP(spec) && wantIP && d.clusterIP === undefined) {
    const err = a.ips.allocate(wantIP);
    if (err) return a.ipError(d, wantIP, err);
    d.clusterIP = wantIP;
  }
  if (needsNodePorts(spec)) {
    for (let i = 0; i < spec.ports.length; i++) {
      const want = spec.ports[i].nodePort;
      if (want === undefined || d.nodePorts[i] !== undefined) continue;
      // One Service may use the same nodePort for the same port number over TCP and UDP.
      if (d.nodePorts.includes(want)) {
        d.nodePorts[i] = want;
        continue;
      }
      const err = a.ports.allocate(want);
      if (err) return a.portError(d, `spec.ports[${i}].nodePort`, want, err);
      d.nodePorts[i] = want;
    }
  }
  const hc = spec.healthCheckNodePort;
  if (needsHealthCheckPort(spec) && hc !== undefined && d.healthCheckNodePort === undefined) {
    const err = a.ports.allocate(hc);
    if (err) return a.portError(d, 'spec.healthCheckNodePort', hc, err);
    d.healthCheckNodePort = hc;
  }
}

function allocateDynamic(a: Allocation, d: Draft, rngState: number): void {
  const spec = d.input.spec;
  const rng = streamRng(rngState, `svc:${serviceKey(d.input.metadata.namespace, d.input.metadata.name)}`);
  if (hasClusterIP(spec) && d.clusterIP === undefined) {
    const ip = a.ips.next(rng);
    if (ip === null) return a.fullError(d, 'spec.clusterIPs', 'serviceIP');
    d.clusterIP = ip;
  }
  if (needsNodePorts(spec)) {
    // initNodePorts: ports sharing a port number (TCP + UDP) share one allocated nodePort.
    const byPortNumber = new Map<number, number>();
    spec.ports.forEach((p, i) => {
      const have = d.nodePorts[i];
      if (have !== undefined) byPortNumber.set(p.port, have);
    });
    for (let i = 0; i < spec.ports.length; i++) {
      if (d.nodePorts[i] !== undefined) continue;
      const shared = byPortNumber.get(spec.ports[i].port);
      if (shared !== undefined) {
        d.nodePorts[i] = shared;
        continue;
      }
      const port = a.ports.next(rng);
      if (port === null) return a.fullError(d, `spec.ports[${i}].nodePort`, 'nodePort');
      d.nodePorts[i] = port;
      byPortNumber.set(spec.ports[i].port, port);
    }
  }
  if (needsHealthCheckPort(spec) && d.healthCheckNodePort === undefined) {
    const port = a.ports.next(rng);
    if (port === null) return a.fullError(d, 'spec.healthCheckNodePort', 'nodePort');
    d.healthCheckNodePort = port;
  }
}

/**
 * MetalLB's filterByLoadBalancerClass: with no --lb-class it serves only Services without a class;
 * with one, only Services of exactly that class. Any other Service is some other implementation's.
 */
function metallbIgnores(settings: ClusterSettings, cls: string | undefined): string | undefined {
  if (settings.loadBalancer.provider !== 'metallb') return undefined;
  const own = settings.loadBalancer.loadBalancerClass;
  if ((cls ?? '') === (own ?? '')) return undefined;
  const served = own ? `only Services with loadBalancerClass "${own}"` : 'only Services without a loadBalancerClass';
  const asked = cls ? `loadBalancerClass "${cls}"` : 'no loadBalancerClass';
  return `MetalLB serves ${served} and this Service has ${asked}: no controller of that class runs in this cluster, so nothing writes status.loadBalancer.ingress and EXTERNAL-IP stays <pending>; the ClusterIP and node ports still work`;
}

function assignLoadBalancer(a: Allocation, d: Draft): void {
  if (d.input.spec.type !== 'LoadBalancer') return;
  const key = serviceKey(d.input.metadata.namespace, d.input.metadata.name);
  if (!a.pool) {
    d.pendingReason =
      'no load-balancer provider in this cluster (no cloud controller manager, no MetalLB): nothing writes status.loadBalancer.ingress, so EXTERNAL-IP stays <pending>; the ClusterIP and node ports still work';
    return;
  }
  const unowned = metallbIgnores(a.settings, d.input.spec.loadBalancerClass);
  if (unowned) {
    d.pendingReason = unowned;
    return;
  }
  const want = requestedLbIP(d.input);
  const prevIP = d.prev?.loadBalancerIP ?? undefined;
  const ip = want ?? prevIP;
  if (ip) {
    const holder = a.pool.holder(ip);
    if (!a.pool.contains(ip)) d.pendingReason = `MetalLB: Failed to allocate IP for "${key}": ${ip} is not in any configured address pool`;
    else if (holder && holder !== key)
      d.pendingReason = `MetalLB: Failed to allocate IP for "${key}": ${ip} is already in use by ${holder}`;
    else {
      a.pool.take(ip, key);
      d.lbIP = ip;
    }
    if (d.lbIP || want) return;
  }
  const next = a.pool.next(key);
  if (next) d.lbIP = next;
  else d.pendingReason = `MetalLB: Failed to allocate IP for "${key}": no available IPs`;
}

/** Create (or re-apply) Services in order. Rejected Services are left out, with a diagnostic each. */
export function allocateServices(inputs: ServiceInput[], settings: ClusterSettings, opts: AllocateOptions): ServiceAllocation {
  const a = new Allocation(settings);
  const drafts: Draft[] = inputs.map((input) => ({
    input,
    prev: opts.previous?.get(serviceKey(input.metadata.namespace, input.metadata.name)),
    failed: false,
    nodePorts: input.spec.ports.map(() => undefined),
  }));
  for (const d of drafts) keepPrevious(a, d);
  for (const d of drafts) {
    reserveExplicit(a, d);
    if (d.failed) a.release(d);
  }
  for (const d of drafts) {
    if (d.failed) continue;
    allocateDynamic(a, d, opts.rngState);
    if (d.failed) a.release(d);
  }
  // LoadBalancer addresses: kept and requested ones first, then the pool's lowest free ones.
  for (const d of drafts) if (!d.failed && (requestedLbIP(d.input) || d.prev?.loadBalancerIP)) assignLoadBalancer(a, d);
  for (const d of drafts) if (!d.failed && !d.lbIP && !d.pendingReason) assignLoadBalancer(a, d);
  const services = drafts.filter((d) => !d.failed).map((d) => serviceState(d.input, d, opts.rngState, opts.createdAt));
  return { services, diagnostics: a.diagnostics };
}
