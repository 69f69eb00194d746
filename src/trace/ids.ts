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

export const podId = (p: Named): ComponentId => scoped('pod', p);
export const svcId = (s: Named): ComponentId => scoped('svc', s);
export const lbId = (s: Named): ComponentId => scoped('lb', s);
export const nodeId = (name: string): ComponentId => `node/${name}`;

/** How people name an object in sentences: `svc-1`, or `kube-system/kube-dns` outside default. */
export function displayName(o: Named): string {
  return o.namespace === 'default' ? o.name : `${o.namespace}/${o.name}`;
}

export const addr = (ip: string, port: number): string => `${ip}:${port}`;
