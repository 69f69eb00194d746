/**
 * `kubectl get pods|services|nodes|endpoints|endpointslices|ingresses`: resource aliases, namespace and label filtering,
 * the tables and kubectl's messages ("No resources found in default namespace.", NotFound,
 * BadRequest for an invalid selector). Pure: returns the text for stdout and stderr.
 */
import type { Cluster } from '../../model/cluster';
import { matchesSelector, type Requirement } from '../../util/selector';
import { parseListSelector } from './listSelector';
import { byCodeUnit, byNamespaceAndName } from './common';
import { ENDPOINTS_COLUMNS, endpointsRow, handMadeEndpointsRow, hasEndpointsObject } from './endpoints';
import { allEndpointSlices, ENDPOINT_SLICE_COLUMNS, endpointSliceRow } from './endpointSlices';
import { INGRESS_COLUMNS, ingressRow } from './ingresses';
import { NODE_COLUMNS, NODE_WIDE_COLUMNS, nodeRow } from './nodes';
import { POD_COLUMNS, POD_WIDE_COLUMNS, podRow } from './pods';
import { SERVICE_COLUMNS, SERVICE_WIDE_COLUMNS, serviceRow } from './services';
import { formatTable } from './tabwriter';

export type GetKind = 'pods' | 'services' | 'nodes' | 'endpoints' | 'endpointslices' | 'ingresses';

/** kubectl's names and short names for the resources. */
const ALIASES: Record<string, GetKind> = {
  pods: 'pods',
  pod: 'pods',
  po: 'pods',
  services: 'services',
  service: 'services',
  svc: 'services',
  nodes: 'nodes',
  node: 'nodes',
  no: 'nodes',
  endpoints: 'endpoints',
  ep: 'endpoints',
  endpointslices: 'endpointslices',
  endpointslice: 'endpointslices',
  ingresses: 'ingresses',
  ingress: 'ingresses',
  ing: 'ingresses',
};

/** How the API server names the resource in NotFound and BadRequest messages. */
const RESOURCE: Record<GetKind, { name: string; groupVersion: string }> = {
  pods: { name: 'pods', groupVersion: '/v1' },
  services: { name: 'services', groupVersion: '/v1' },
  nodes: { name: 'nodes', groupVersion: '/v1' },
  endpoints: { name: 'endpoints', groupVersion: '/v1' },
  endpointslices: { name: 'endpointslices.discovery.k8s.io', groupVersion: 'discovery.k8s.io/v1' },
  ingresses: { name: 'ingresses.networking.k8s.io', groupVersion: 'networking.k8s.io/v1' },
};

export function resolveGetKind(arg: string): GetKind | undefined {
  const k = arg.toLowerCase();
  return Object.prototype.hasOwnProperty.call(ALIASES, k) ? ALIASES[k] : undefined;
}

export interface GetOptions {
  wide?: boolean;
  /** kubectl label-selector text (`-l`). */
  selector?: string;
  /** `-n`; default `default`. Ignored for nodes. */
  namespace?: string;
  /** `-A`: every namespace, with a NAMESPACE column. */
  allNamespaces?: boolean;
  /** Object names given after the kind (`get svc svc-3`). */
  names?: string[];
}

export type GetResult =
  | { ok: true; stdout: string; stderr: string; notFound: string[] }
  /** A request kubectl refuses (invalid selector, names with a selector): a usage error. */
  | { ok: false; error: string };

interface Listed {
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  row: (wide: boolean) => string[];
}

function listObjects(cluster: Cluster, kind: GetKind): Listed[] {
  switch (kind) {
    case 'pods':
      return cluster.pods.map((p) => ({ namespace: p.namespace, name: p.name, labels: p.labels, row: (w) => podRow(cluster, p, w) }));
    case 'services':
      return cluster.services.map((s) => ({
        namespace: s.namespace,
        name: s.name,
        labels: s.labels,
        row: (w) => serviceRow(cluster, s, w),
      }));
    case 'endpoints': {
      // The Endpoints object carries its Service's labels; a hand-made one is listed as written,
      // unless its Service has a selector (the endpoints controller replaces it).
      const managed = cluster.services.filter(hasEndpointsObject);
      const owned = new Set(managed.map((s) => `${s.namespace}/${s.name}`));
      const listed: Listed[] = managed.map((s) => ({
        namespace: s.namespace,
        name: s.name,
        labels: s.labels,
        row: () => endpointsRow(cluster, s),
      }));
      for (const e of cluster.endpointsObjects ?? [])
        if (!owned.has(`${e.namespace}/${e.name}`))
          listed.push({ namespace: e.namespace, name: e.name, labels: e.labels, row: () => handMadeEndpointsRow(cluster, e) });
      return listed;
    }
    case 'endpointslices':
      return allEndpointSlices(cluster).map((s) => ({
        namespace: s.namespace,
        name: s.name,
        labels: s.labels,
        row: () => endpointSliceRow(cluster, s),
      }));
    case 'nodes':
      return cluster.nodes.map((n) => ({ namespace: '', name: n.name, labels: n.labels, row: (w) => nodeRow(cluster, n, w) }));
    case 'ingresses':
      return (cluster.ingresses ?? []).map((i) => ({
        namespace: i.namespace,
        name: i.name,
        labels: i.labels ?? {},
        row: () => ingressRow(cluster, i),
      }));
  }
}

function header(kind: GetKind, wide: boolean): string[] {
  switch (kind) {
    case 'pods':
      return wide ? [...POD_COLUMNS, ...POD_WIDE_COLUMNS] : POD_COLUMNS;
    case 'services':
      return wide ? [...SERVICE_COLUMNS, ...SERVICE_WIDE_COLUMNS] : SERVICE_COLUMNS;
    case 'nodes':
      return wide ? [...NODE_COLUMNS, ...NODE_WIDE_COLUMNS] : NODE_COLUMNS;
    case 'endpoints':
      return ENDPOINTS_COLUMNS;
    case 'endpointslices':
      return ENDPOINT_SLICE_COLUMNS;
    case 'ingresses':
      return INGRESS_COLUMNS;
  }
}

export function kubectlGet(cluster: Cluster, kind: GetKind, opts: GetOptions = {}): GetResult {
  const wide = opts.wide ?? false;
  const namespaced = kind !== 'nodes';
  const namespace = opts.namespace || 'default';
  const all = opts.allNamespaces ?? false;
  const names = opts.names ?? [];

  if (names.length > 0 && all && namespaced) {
    return { ok: false, error: 'error: a resource cannot be retrieved by name across all namespaces' };
  }
  let selector: Requirement[] = [];
  if (opts.selector !== undefined && opts.selector !== '') {
    if (names.length > 0) return { ok: false, error: 'error: name cannot be provided when a selector is specified' };
    const parsed = parseListSelector(kind, opts.selector, RESOURCE[kind].groupVersion);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    selector = parsed.requirements;
  }

  const inScope = listObjects(cluster, kind).filter((o) => !namespaced || all || o.namespace === namespace);
  let shown: Listed[];
  const notFound: string[] = [];
  if (names.length > 0) {
    // One GET per name, in the order given.
    shown = [];
    for (const n of names) {
      const hit = inScope.filter((o) => o.name === n).sort(byNamespaceAndName);
      if (hit.length === 0) notFound.push(n);
      shown.push(...hit);
    }
  } else {
    shown = inScope
      .filter((o) => matchesSelector(selector, o.labels))
      .sort(namespaced ? byNamespaceAndName : (a, b) => byCodeUnit(a.name, b.name));
  }

  let stderr = notFound.map((n) => `Error from server (NotFound): ${RESOURCE[kind].name} ${JSON.stringify(n)} not found\n`).join('');
  if (shown.length === 0) {
    if (notFound.length === 0) stderr += all ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`;
    return { ok: true, stdout: '', stderr, notFound };
  }
  const withNamespace = all && namespaced;
  const rows = [withNamespace ? ['NAMESPACE', ...header(kind, wide)] : header(kind, wide)];
  for (const o of shown) rows.push(withNamespace ? [o.namespace, ...o.row(wide)] : o.row(wide));
  return { ok: true, stdout: formatTable(rows), stderr, notFound };
}
