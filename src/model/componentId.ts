/**
 * ComponentIds: the names traces, packet events, cluster events and the renderer share for the things
 * a packet visits. `client`, `node/NAME`, `host/NAME` (a host outside the cluster, by name or IP), and
 * `pod/NAME`, `svc/NAME`, `lb/NAME` in namespace `default` (`pod/NS/NAME`… elsewhere). Built, parsed and read only here, so every layer spells them alike.
 */
declare const componentIdBrand: unique symbol;

/** A string made by this module (or checked by `parseComponentId`): never a hand-built text. */
export type ComponentId = string & { readonly [componentIdBrand]: true };

/** Namespaced objects a packet can visit. */
export type ObjectKind = 'pod' | 'svc' | 'lb';
export type ComponentKind = 'client' | 'node' | 'host' | ObjectKind;

export interface ParsedComponentId {
  kind: ComponentKind;
  /** `''` for the client, nodes and outside hosts. */
  namespace: string;
  name: string;
}

/** The client outside the cluster. */
export const CLIENT_ID = 'client' as ComponentId;

export function nodeComponentId(name: string): ComponentId {
  return `node/${name}` as ComponentId;
}

/** A host outside the cluster (settings.externalHosts): `host/db.example.com`, or `host/IP` when it has no name. */
export function hostComponentId(nameOrIP: string): ComponentId {
  return `host/${nameOrIP}` as ComponentId;
}

export function objectComponentId(kind: ObjectKind, namespace: string, name: string): ComponentId {
  return objectId(kind, namespace, name) as ComponentId;
}

/**
 * The same convention for any object a cluster event names (`deployment/web`, `job/ns/migrate`):
 * lower-case kind, namespace left out in `default` and for cluster-scoped objects.
 */
export function objectId(kind: string, namespace: string, name: string): string {
  const k = kind.toLowerCase();
  return namespace && namespace !== 'default' ? `${k}/${namespace}/${name}` : `${k}/${name}`;
}

/**
 * The kind, read from the first letter: the six kinds start with six different letters, and packet
 * events ask this twice per event, so no slicing or splitting here.
 */
export function componentKind(id: ComponentId): ComponentKind {
  switch (id.charCodeAt(0)) {
    case 99: // c
      return 'client';
    case 104: // h
      return 'host';
    case 108: // l
      return 'lb';
    case 112: // p
      return 'pod';
    case 115: // s
      return 'svc';
    default:
      return 'node';
  }
}

/**
 * Any spelling a person or an API may hand over: `external` for the client, and `pod/default/x` as
 * well as `pod/x` (some APIs always include the namespace). Null when it is not a ComponentId.
 */
export function parseComponentId(id: string): ParsedComponentId | null {
  if (id === 'client' || id === 'external') return { kind: 'client', namespace: '', name: 'client' };
  const parts = id.split('/');
  const kind = parts[0];
  if (kind === 'node') return parts.length === 2 && parts[1] ? { kind: 'node', namespace: '', name: parts[1] } : null;
  if (kind === 'host') return parts.length === 2 && parts[1] ? { kind: 'host', namespace: '', name: parts[1] } : null;
  if (kind !== 'pod' && kind !== 'svc' && kind !== 'lb') return null;
  if (parts.length === 2 && parts[1]) return { kind, namespace: 'default', name: parts[1] };
  if (parts.length === 3 && parts[1] && parts[2]) return { kind, namespace: parts[1], name: parts[2] };
  return null;
}

/** One key per component whatever the spelling (namespace always written), so `pod/x` and `pod/default/x` meet. */
export function canonicalKey(id: string): string {
  const p = parseComponentId(id);
  if (!p) return id;
  if (p.kind === 'client') return 'client';
  if (p.kind === 'node') return `node/${p.name}`;
  if (p.kind === 'host') return `host/${p.name}`;
  return objectKey(p.kind, p.namespace, p.name);
}

export function objectKey(kind: ObjectKind, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** How kubectl users read a namespaced name in a sentence: `svc-1`, or `kube-system/kube-dns` outside default. */
export function displayName(namespace: string, name: string): string {
  return namespace === 'default' || namespace === '' ? name : `${namespace}/${name}`;
}

/** The short form for event rows and hop labels: `client`, `k8s-node1`, `host/db.example.com`, `pod/pod-1`, `svc/kube-system/kube-dns`. */
export function componentLabel(id: string | undefined): string {
  if (!id) return '';
  const p = parseComponentId(id);
  if (!p) return id;
  if (p.kind === 'client') return 'client';
  if (p.kind === 'node') return p.name;
  if (p.kind === 'host') return `host/${p.name}`;
  return `${p.kind}/${displayName(p.namespace, p.name)}`;
}

/** A text checked to be a ComponentId, for ids that arrive as plain text (fixtures, other processes). */
export function toComponentId(text: string): ComponentId {
  if (parseComponentId(text) === null) throw new Error(`not a ComponentId: "${text}"`);
  return text as ComponentId;
}
