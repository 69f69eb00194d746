/** Component ids shared with the renderer (DESIGN.md): `client`, `node/N`, `svc/N`, `pod/N`, `lb/N`; `svc/NS/N` outside default. */
import type { ComponentId } from '../model/trace';

export const CLIENT: ComponentId = 'client';

interface Named {
  name: string;
  namespace: string;
}

function scoped(kind: string, o: Named): ComponentId {
  return o.namespace === 'default' ? `${kind}/${o.name}` : `${kind}/${o.namespace}/${o.name}`;
}

/** Ids are built once per object: every hop and event of every trace reuses the same string. */
function memo(kind: string): (o: Named) => ComponentId {
  const cache = new WeakMap<Named, ComponentId>();
  return (o) => {
    let id = cache.get(o);
    if (id === undefined) {
      id = scoped(kind, o);
      cache.set(o, id);
    }
    return id;
  };
}

export const podId = memo('pod');
export const svcId = memo('svc');
export const lbId = memo('lb');
const nodeIds = new Map<string, ComponentId>();
export function nodeId(name: string): ComponentId {
  let id = nodeIds.get(name);
  if (id === undefined) {
    id = `node/${name}`;
    if (nodeIds.size > 10000) nodeIds.clear();
    nodeIds.set(name, id);
  }
  return id;
}

/** How people name an object in sentences: `svc-1`, or `kube-system/kube-dns` outside default. */
export function displayName(o: Named): string {
  return o.namespace === 'default' ? o.name : `${o.namespace}/${o.name}`;
}

export const addr = (ip: string, port: number): string => `${ip}:${port}`;
