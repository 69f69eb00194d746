/**
 * ComponentIds as DESIGN.md defines them: `client`, `node/NAME`, `svc/NAME`, `pod/NAME`, `lb/NAME`,
 * with the namespace in the middle outside `default`. Some APIs (matchSelector) always include the
 * namespace, so parsing accepts both spellings and the renderer keys objects by `kind/ns/name`.
 */
export type ObjectKind = 'pod' | 'svc' | 'lb';

export interface ParsedId {
  kind: 'client' | 'node' | ObjectKind;
  namespace: string;
  name: string;
}

export function componentId(kind: ObjectKind, namespace: string, name: string): string {
  return namespace === 'default' ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}

/** Canonical key (namespace always present) so `pod/x` and `pod/default/x` meet. */
export function objectKey(kind: ObjectKind, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

export function parseId(id: string): ParsedId | null {
  if (id === 'client' || id === 'external') return { kind: 'client', namespace: '', name: 'client' };
  const parts = id.split('/');
  const kind = parts[0];
  if (kind === 'node' && parts.length === 2 && parts[1]) return { kind: 'node', namespace: '', name: parts[1] };
  if (kind !== 'pod' && kind !== 'svc' && kind !== 'lb') return null;
  if (parts.length === 2 && parts[1]) return { kind, namespace: 'default', name: parts[1] };
  if (parts.length === 3 && parts[1] && parts[2]) return { kind, namespace: parts[1], name: parts[2] };
  return null;
}

/** The canonical key for any id; node and client ids are already canonical. */
export function canonicalKey(id: string): string {
  const p = parseId(id);
  if (!p) return id;
  if (p.kind === 'client') return 'client';
  if (p.kind === 'node') return `node/${p.name}`;
  return objectKey(p.kind, p.namespace, p.name);
}

/** `name` in `default`, `ns/name` elsewhere: how kubectl users read a namespaced name. */
export function displayName(namespace: string, name: string): string {
  return namespace === 'default' ? name : `${namespace}/${name}`;
}

/** Short human form of an id, for event rows and hop labels. */
export function shortLabel(id: string | undefined): string {
  if (!id) return '';
  const p = parseId(id);
  if (!p) return id;
  if (p.kind === 'client') return 'client';
  if (p.kind === 'node') return p.name;
  return `${p.kind}/${displayName(p.namespace, p.name)}`;
}
