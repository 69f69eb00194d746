/**
 * Service endpoints with EndpointSlice semantics (endpointslice controller + pkg/api/v1/pod FindPort):
 * - a Service with a selector picks Pods in its namespace whose labels contain every selector pair;
 *   without a selector (or with `{}`) Kubernetes manages no endpoints;
 * - only Pods with an IP that have not finished (Succeeded/Failed) are endpoints;
 * - `ready` = Pod Ready and not terminating; `serving` = Pod Ready; `terminating` = being deleted;
 *   with `publishNotReadyAddresses` every such Pod counts as ready and serving;
 * - a named targetPort is looked up per Pod among its containers' ports (same name and protocol);
 *   a Pod without that name is left out for that port.
 * Pods are indexed by namespace and label pair, so each Service only looks at its candidates.
 */
import type { EndpointPort, EndpointState, PodState, ServiceState } from '../model/cluster';
import { matchesLabelMap } from '../util/labels';

export class PodLabelIndex {
  private readonly byPair = new Map<string, PodState[]>();

  /** `keys`: when given, only these label keys are indexed (namespace → the keys its selectors use). */
  constructor(pods: Iterable<PodState>, keys?: ReadonlyMap<string, ReadonlySet<string>>) {
    for (const pod of pods) {
      if (!pod.ip || pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
      const wanted = keys?.get(pod.namespace);
      if (keys !== undefined && wanted === undefined) continue;
      for (const key in pod.labels) {
        if (wanted !== undefined && !wanted.has(key)) continue;
        const k = pairKey(pod.namespace, key, pod.labels[key]);
        const list = this.byPair.get(k);
        if (list) list.push(pod);
        else this.byPair.set(k, [pod]);
      }
    }
  }

  /** Candidate pods with IPs matching an equality selector in a namespace. */
  select(namespace: string, selector: Record<string, string>): PodState[] {
    let smallest: PodState[] | undefined;
    for (const key in selector) {
      const list = this.byPair.get(pairKey(namespace, key, selector[key]));
      if (!list) return [];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    if (!smallest) return [];
    return smallest.filter((p) => matchesLabelMap(selector, p.labels));
  }
}

function pairKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}

/** FindPort: resolve a Service port's targetPort for one Pod; null when the Pod has no such named port. */
export function resolveTargetPort(pod: PodState, targetPort: number | string, protocol: string): number | null {
  if (typeof targetPort === 'number') return targetPort;
  if (/^\d+$/.test(targetPort)) return Number(targetPort);
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) {
      if (p.name === targetPort && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return null;
}

function ipNumber(ip: string): number {
  const parts = ip.split('.');
  return ((Number(parts[0]) * 256 + Number(parts[1])) * 256 + Number(parts[2])) * 256 + Number(parts[3]);
}

function byPodName(a: EndpointState, b: EndpointState): number {
  const x = a.pod ?? '';
  const y = b.pod ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The endpoints Kubernetes manages for a Service, ordered by address as Endpoints lists them. */
export function serviceEndpoints(service: ServiceState, index: PodLabelIndex): EndpointState[] {
  if (!service.selector || Object.keys(service.selector).length === 0) return [];
  if (service.type === 'ExternalName') return [];
  const out: EndpointState[] = [];
  // Ports resolve from the pod's spec alone: pods sharing a spec share the (read-only) list.
  const portsBySpec = new Map<PodState['spec'], EndpointPort[]>();
  for (const pod of index.select(service.namespace, service.selector)) {
    if (!pod.ip || !pod.nodeName) continue;
    let ports = portsBySpec.get(pod.spec);
    if (ports === undefined) {
      ports = [];
      for (const sp of service.ports) {
        const port = resolveTargetPort(pod, sp.targetPort, sp.protocol);
        if (port !== null) ports.push({ name: sp.name ?? '', port, protocol: sp.protocol });
      }
      portsBySpec.set(pod.spec, ports);
    }
    if (service.ports.length > 0 && ports.length === 0) continue;
    const terminating = pod.terminating === true;
    const publish = service.publishNotReadyAddresses;
    out.push({
      pod: pod.name,
      namespace: pod.namespace,
      ip: pod.ip,
      node: pod.nodeName,
      ready: publish || (pod.ready && !terminating),
      // The EndpointSlice controller: serving = the Pod's Ready condition, whatever publishNotReadyAddresses says.
      serving: pod.ready,
      terminating,
      ports,
    });
  }
  if (out.length > 1) {
    const keyed = out.map((e) => ({ e, n: ipNumber(e.ip) }));
    keyed.sort((a, b) => a.n - b.n || byPodName(a.e, b.e));
    return keyed.map((k) => k.e);
  }
  return out;
}

const NONE: EndpointState[] = [];

/**
 * Recompute every Service's endpoints: the Pods a selector matches, plus the hand-made and mirrored
 * EndpointSlices' endpoints (`handMade`, by `namespace/name`: kube-proxy merges every slice labelled
 * with the Service's name). Built-in Services without a selector (`kubernetes`) keep theirs.
 */
export function refreshEndpoints(
  services: ServiceState[],
  pods: Iterable<PodState>,
  handMade: ReadonlyMap<string, EndpointState[]> = new Map(),
): ServiceState[] {
  // Only the label keys some selector uses can matter: index just those.
  const keys = new Map<string, Set<string>>();
  for (const s of services) {
    if (!s.selector) continue;
    let set = keys.get(s.namespace);
    if (!set) keys.set(s.namespace, (set = new Set()));
    for (const key in s.selector) set.add(key);
  }
  const index = new PodLabelIndex(pods, keys);
  return services.map((s) => {
    if (!s.selector && s.builtIn) return s;
    // kube-proxy programs nothing for an ExternalName Service, whatever slices name it.
    const hand = s.type === 'ExternalName' ? undefined : handMade.get(`${s.namespace}/${s.name}`);
    let endpoints = s.selector ? serviceEndpoints(s, index) : NONE;
    if (hand) endpoints = endpoints.length > 0 ? [...endpoints, ...hand] : hand;
    return sameEndpoints(s.endpoints, endpoints) ? s : { ...s, endpoints };
  });
}

function sameEndpoints(a: EndpointState[], b: EndpointState[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.pod !== y.pod ||
      x.ip !== y.ip ||
      x.ready !== y.ready ||
      x.serving !== y.serving ||
      x.terminating !== y.terminating ||
      x.node !== y.node ||
      x.origin?.slice !== y.origin?.slice
    )
      return false;
    if (
      x.ports.length !== y.ports.length ||
      x.ports.some((p, j) => p.port !== y.ports[j].port || p.name !== y.ports[j].name || p.protocol !== y.ports[j].protocol)
    )
      return false;
  }
  return true;
}

/**
 * The `default/kubernetes` Service has no selector: the API servers publish themselves, one
 * endpoint per control-plane node at `<node IP>:6443` (kubeadm's advertise address and port).
 */
export function apiServerEndpoints(nodes: { name: string; ip: string; roles: string[] }[]): EndpointState[] {
  return nodes
    .filter((n) => n.roles.includes('control-plane') || n.roles.includes('master'))
    .map((n) => ({
      pod: `kube-apiserver-${n.name}`,
      namespace: 'kube-system',
      ip: n.ip,
      node: n.name,
      ready: true,
      serving: true,
      terminating: false,
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' as const }],
    }));
}
