/**
 * Hand-made Endpoints and EndpointSlices, as the control plane treats them:
 * - the EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring) mirrors an Endpoints
 *   into EndpointSlices when a Service of that name exists WITHOUT a selector, unless the Endpoints is
 *   labelled `endpointslice.kubernetes.io/skip-mirror: "true"` or carries a leader-election annotation;
 *   one slice per address type and port list, named `<service>-<5 random characters>`, labelled
 *   `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by`, at most 1,000
 *   addresses per subset (a Warning event counts the rest);
 * - a Service WITH a selector owns its Endpoints: the endpoints controller overwrites a hand-made one;
 * - kube-proxy reads every EndpointSlice labelled `kubernetes.io/service-name: X` as endpoints of X
 *   (pkg/proxy/endpointslicecache.go): the first address, unset `ready`/`serving` read as true,
 *   ports without a number skipped, and the endpoint local to the node its `nodeName` names.
 */
import type { EndpointPort, EndpointState, PodState, ServiceState } from '../model/cluster';
import {
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  LABEL_SKIP_MIRROR,
  MIRRORING_CONTROLLER,
  MIRRORING_MAX_ENDPOINTS_PER_SUBSET,
  type EndpointSliceState,
  type EndpointsObjectState,
  type SliceEndpointState,
} from '../model/endpointSlice';
import type { Protocol } from '../model/k8s';
import type { LoadedEndpoints, LoadedEndpointSlice, LoadResult } from '../model/objects';
import type { Diagnostic } from '../model/source';
import { objectDiagnostic } from './diagnostics';
import { generateName } from './naming';
import type { Sim } from './sim';

/** resourcelock.LeaderElectionRecordAnnotationKey: old leader-election locks were Endpoints objects. */
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';

export interface HandMadeEndpoints {
  endpointsObjects: EndpointsObjectState[];
  endpointSlices: EndpointSliceState[];
  diagnostics: Diagnostic[];
}

const key = (namespace: string, name: string): string => `${namespace}/${name}`;

/**
 * The folder's Endpoints and EndpointSlices, with the slices the mirroring controller makes. A slice
 * `previous` already held (a reload) keeps its name and creation time, as the controller updates it.
 */
export function handMadeEndpoints(
  sim: Sim,
  load: LoadResult,
  services: readonly ServiceState[],
  createdAt: number,
  prev: { endpointSlices?: readonly EndpointSliceState[]; endpointsObjects?: readonly EndpointsObjectState[] } = {},
): HandMadeEndpoints {
  const out: HandMadeEndpoints = { endpointsObjects: [], endpointSlices: [], diagnostics: [] };
  const previous = prev.endpointSlices ?? [];
  // Objects applied again unchanged keep their creation time (AGE), as `kubectl apply` leaves them.
  const created = new Map<string, number>();
  for (const s of previous) if (s.mirroredFrom === undefined) created.set(`EndpointSlice/${key(s.namespace, s.name)}`, s.createdAt);
  for (const e of prev.endpointsObjects ?? []) created.set(`Endpoints/${key(e.namespace, e.name)}`, e.createdAt);
  const age = (kind: string, ns: string, name: string): number => created.get(`${kind}/${key(ns, name)}`) ?? createdAt;
  const byKey = new Map(services.map((s) => [key(s.namespace, s.name), s]));
  const taken = new Set<string>();
  const mirrors: LoadedEndpoints[] = [];
  for (const o of load.objects) {
    if (o.kind === 'EndpointSlice') {
      const slice = sliceOf(o as LoadedEndpointSlice, age(o.kind, o.metadata.namespace, o.metadata.name));
      out.endpointSlices.push(slice);
      taken.add(key(slice.namespace, slice.name));
      out.diagnostics.push(...sliceWarnings(o as LoadedEndpointSlice, byKey));
    } else if (o.kind === 'Endpoints') {
      const e = o as LoadedEndpoints;
      out.endpointsObjects.push(endpointsObjectOf(e, age(o.kind, o.metadata.namespace, o.metadata.name)));
      const svc = byKey.get(key(e.metadata.namespace, e.metadata.name));
      const why = notMirrored(e, svc);
      if (why) out.diagnostics.push(objectDiagnostic(e, 'warning', 'metadata.name', why));
      else mirrors.push(e);
    }
  }
  for (const e of mirrors) {
    const mirrored = mirror(sim, e, createdAt, previous, taken);
    out.endpointSlices.push(...mirrored.slices);
    if (mirrored.skipped > 0)
      out.diagnostics.push(
        objectDiagnostic(
          e,
          'warning',
          'subsets',
          `A max of ${MIRRORING_MAX_ENDPOINTS_PER_SUBSET} addresses can be mirrored to EndpointSlices per Endpoints subset. ${mirrored.skipped} addresses were skipped (TooManyAddressesToMirror, endpointslicemirroring-controller)`,
        ),
      );
  }
  return out;
}

/** Why the mirroring controller leaves this Endpoints alone, or null when it mirrors it. */
function notMirrored(e: LoadedEndpoints, svc: ServiceState | undefined): string | null {
  const name = e.metadata.name;
  if (e.metadata.labels[LABEL_SKIP_MIRROR] === 'true')
    return `not mirrored: the label ${LABEL_SKIP_MIRROR}: "true" tells the EndpointSlice mirroring controller to skip this Endpoints, and kube-proxy reads only EndpointSlices, so no Service gets these addresses`;
  if (LEADER_ANNOTATION in e.metadata.annotations)
    return `not mirrored: an Endpoints with the ${LEADER_ANNOTATION} annotation is a leader-election lock, not a set of endpoints`;
  if (!svc)
    return `no Service ${JSON.stringify(name)} in namespace ${JSON.stringify(e.metadata.namespace)}: the EndpointSlice mirroring controller mirrors an Endpoints only for a Service of the same name without a selector, so nothing routes to these addresses`;
  if (svc.selector !== null)
    return `Service ${JSON.stringify(name)} has a selector, so the endpoints controller owns its Endpoints and replaces this hand-made one with the Pods the selector matches; remove the selector to use these addresses`;
  return null;
}

function endpointsObjectOf(e: LoadedEndpoints, createdAt: number): EndpointsObjectState {
  return {
    name: e.metadata.name,
    namespace: e.metadata.namespace,
    labels: e.metadata.labels,
    subsets: e.subsets.map((s) => ({
      addresses: s.addresses.map((a) => canonicalIP(a.ip)),
      notReadyAddresses: s.notReadyAddresses.map((a) => canonicalIP(a.ip)),
      ports: s.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol as Protocol })),
    })),
    createdAt,
    source: e.source,
  };
}

function sliceOf(o: LoadedEndpointSlice, createdAt: number): EndpointSliceState {
  return {
    name: o.metadata.name,
    namespace: o.metadata.namespace,
    labels: o.metadata.labels,
    addressType: o.addressType,
    ports: o.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol as Protocol })),
    endpoints: o.endpoints.map((e, i): SliceEndpointState => {
      const out: SliceEndpointState = {
        addresses: e.addresses,
        ready: e.conditions.ready,
        serving: e.conditions.serving,
        terminating: e.conditions.terminating,
        nodeName: e.nodeName ?? null,
        source: o.locate(`endpoints[${i}]`),
      };
      if (e.hostname !== undefined) out.hostname = e.hostname;
      if (e.targetRef) out.targetRef = e.targetRef;
      return out;
    }),
    createdAt,
    source: o.source,
  };
}

function sliceWarnings(o: LoadedEndpointSlice, services: ReadonlyMap<string, ServiceState>): Diagnostic[] {
  const svcName = o.metadata.labels[LABEL_SERVICE_NAME];
  if (svcName === undefined || svcName === '')
    return [
      objectDiagnostic(
        o,
        'warning',
        'metadata.labels',
        `no ${LABEL_SERVICE_NAME} label: kube-proxy ties an EndpointSlice to its Service by that label, so these endpoints feed no Service`,
      ),
    ];
  const out: Diagnostic[] = [];
  const path = `metadata.labels[${LABEL_SERVICE_NAME}]`;
  if (!services.has(key(o.metadata.namespace, svcName)))
    out.push(
      objectDiagnostic(
        o,
        'warning',
        path,
        `no Service ${JSON.stringify(svcName)} in namespace ${JSON.stringify(o.metadata.namespace)}: kube-proxy keeps these endpoints for a Service of that name, and none exists`,
      ),
    );
  if (o.addressType === 'FQDN')
    out.push(
      objectDiagnostic(
        o,
        'warning',
        'addressType',
        'kube-proxy ignores FQDN EndpointSlices: it only programs IP addresses, so these endpoints are never used',
      ),
    );
  return out;
}

/** A subset's port list as the controller keys slices: address type and the ports, sorted. */
function portMapKey(addressType: string, ports: readonly EndpointPort[]): string {
  const list = ports.map((p) => `${p.name}/${p.port}/${p.protocol}`).sort();
  return `${addressType}|${list.join(',')}`;
}

interface Desired {
  addressType: string;
  ports: EndpointPort[];
  endpoints: SliceEndpointState[];
}

/** The mirroring controller's reconcile: one slice per address type and port list, 1,000 addresses per subset. */
function mirror(
  sim: Sim,
  e: LoadedEndpoints,
  createdAt: number,
  previous: readonly EndpointSliceState[],
  taken: Set<string>,
): { slices: EndpointSliceState[]; skipped: number } {
  const desired = new Map<string, Desired>();
  let skipped = 0;
  e.subsets.forEach((subset, i) => {
    const ports = subset.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol as Protocol }));
    let added = 0;
    const total = subset.addresses.length + subset.notReadyAddresses.length;
    const add = (list: typeof subset.addresses, field: 'addresses' | 'notReadyAddresses', ready: boolean): void => {
      for (let j = 0; j < list.length && added < MIRRORING_MAX_ENDPOINTS_PER_SUBSET; j++) {
        const a = list[j];
        const ip = canonicalIP(a.ip);
        const addressType = ip.includes(':') ? 'IPv6' : 'IPv4';
        const k = portMapKey(addressType, ports);
        let d = desired.get(k);
        if (!d) desired.set(k, (d = { addressType, ports, endpoints: [] }));
        const ep: SliceEndpointState = {
          addresses: [ip],
          ready,
          serving: null,
          terminating: null,
          nodeName: a.nodeName ?? null,
          source: e.locate(`subsets[${i}].${field}[${j}]`),
        };
        if (a.hostname) ep.hostname = a.hostname;
        if (a.targetRef) ep.targetRef = a.targetRef;
        d.endpoints.push(ep);
        added++;
      }
    };
    add(subset.addresses, 'addresses', true);
    add(subset.notReadyAddresses, 'notReadyAddresses', false);
    skipped += total - added;
  });

  const ns = e.metadata.namespace;
  const name = e.metadata.name;
  const prefix = `${name}-`;
  const labels = { ...e.metadata.labels, [LABEL_SERVICE_NAME]: name, [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER };
  const slices: EndpointSliceState[] = [];
  for (const [k, d] of desired) {
    const before = previous.find(
      (s) => s.namespace === ns && s.mirroredFrom === name && portMapKey(s.addressType, portsOf(s)) === k && !taken.has(key(ns, s.name)),
    );
    const sliceName = before?.name ?? generateName(prefix, sim.nameStream(ns, prefix), (n) => taken.has(key(ns, n)));
    taken.add(key(ns, sliceName));
    slices.push({
      name: sliceName,
      namespace: ns,
      labels,
      addressType: d.addressType,
      ports: d.ports,
      endpoints: d.endpoints,
      mirroredFrom: name,
      createdAt: before?.createdAt ?? createdAt,
      source: e.source,
    });
  }
  return { slices, skipped };
}

function portsOf(s: EndpointSliceState): EndpointPort[] {
  return s.ports.map((p) => ({ name: p.name, port: p.port ?? 0, protocol: p.protocol }));
}

/** ParseIPSloppy + String(): an IPv4 address without leading zeros. */
function canonicalIP(ip: string): string {
  if (ip.includes(':')) return ip.toLowerCase();
  return ip
    .split('.')
    .map((p) => String(Number(p)))
    .join('.');
}

/**
 * What kube-proxy makes of the slices: for each Service (`namespace/name`), its endpoints in slice
 * order. A Pod that has the address (in the slice's namespace) is named, so the map can link it.
 */
export function sliceEndpointsByService(slices: readonly EndpointSliceState[], pods: Iterable<PodState>): Map<string, EndpointState[]> {
  const out = new Map<string, EndpointState[]>();
  if (slices.length === 0) return out;
  const podsByIP = new Map<string, PodState>();
  for (const p of pods)
    if (p.ip && !p.hostNetwork && p.phase !== 'Succeeded' && p.phase !== 'Failed') podsByIP.set(`${p.namespace}/${p.ip}`, p);
  for (const s of slices) {
    const svc = s.labels[LABEL_SERVICE_NAME];
    if (!svc || (s.addressType !== 'IPv4' && s.addressType !== 'IPv6')) continue;
    const ports = s.ports.filter((p) => p.port !== null).map((p) => ({ name: p.name, port: p.port as number, protocol: p.protocol }));
    const managedBy = s.labels[LABEL_MANAGED_BY] ?? '';
    let list = out.get(key(s.namespace, svc));
    if (!list) out.set(key(s.namespace, svc), (list = []));
    for (const e of s.endpoints) {
      const ip = e.addresses[0];
      // The simulated cluster is IPv4 only: kube-proxy's IPv4 proxier skips IPv6 addresses.
      if (ip === undefined || ip.includes(':')) continue;
      const pod = podsByIP.get(`${s.namespace}/${ip}`);
      const ep: EndpointState = {
        pod: pod?.name ?? null,
        namespace: s.namespace,
        ip,
        node: e.nodeName,
        ready: e.ready ?? true,
        serving: e.serving ?? true,
        terminating: e.terminating ?? false,
        ports,
        origin: { slice: s.name, managedBy, source: e.source },
      };
      if (s.mirroredFrom !== undefined && ep.origin) ep.origin.mirroredFrom = s.mirroredFrom;
      list.push(ep);
    }
  }
  return out;
}
