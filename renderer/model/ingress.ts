/**
 * How the view speaks of Ingress. Which Pod is a controller and what it routes comes from the host
 * (the engine's answer, in the snapshot); this module only words it.
 */
import type { ClusterSnapshot, IngressRoute } from '../../src/api/contract';

export const NO_CONTROLLER =
  'Ingress objects are listed but nothing routes them: no ingress controller in this cluster (add spec.addons: [ingress-nginx])';

/** The badge on a controller Pod's card. */
export const CONTROLLER_BADGE = 'Ingress controller';

/** `shop.example.com/api (Prefix) → api:http`; `*` for any host, `default backend → web:80`. */
export function routeText(r: IngressRoute): string {
  if (r.pathType === 'default') return `default backend → ${r.backend}`;
  return `${r.host ?? '*'}${r.path} (${r.pathType}) → ${r.backend}`;
}

/** The notice to show, or null: Ingresses exist and no controller Pod routes any. */
export function ingressNotice(snapshot: ClusterSnapshot): string | null {
  const { ingresses, controllers } = snapshot.ingress;
  return ingresses.length > 0 && Object.keys(controllers).length === 0 ? NO_CONTROLLER : null;
}

/** Whether the Pod under `podKey` runs an ingress-nginx controller. */
export function isIngressController(snapshot: ClusterSnapshot, podKey: string): boolean {
  return Object.hasOwn(snapshot.ingress.controllers, podKey);
}
