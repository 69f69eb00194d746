/**
 * The Ingress part of the renderer's snapshot: every Ingress with its rules and who routes it, and for
 * each ingress-nginx controller Pod the rules it routes. Which Pod is a controller and which Ingresses
 * it serves is the engine's answer (its IngressIndex, the one the traces use), never worked out here
 * or in the renderer again.
 */
import type { IngressRoute, IngressSnapshot, IngressSummary } from '../src/api/contract';
import type { Cluster } from '../src/model/cluster';
import { displayName, objectKey } from '../src/model/componentId';
import type { IngressBackend, IngressState } from '../src/model/ingress';
import { clusterIndex } from '../src/engine/index';

function backendText(b: IngressBackend): string {
  if (b.service) return `${b.service.name}:${b.service.port}`;
  if (b.resource) return `${b.resource.kind}/${b.resource.name}`;
  return '(none)';
}

/** The Ingress's paths, rule by rule, then its defaultBackend, each with its line. */
function routesOf(ing: IngressState): IngressRoute[] {
  const ingress = displayName(ing.namespace, ing.name);
  const routes: IngressRoute[] = [];
  for (const rule of ing.rules) {
    for (const p of rule.paths) {
      routes.push({
        ingress,
        host: rule.host,
        path: p.path,
        pathType: p.pathType,
        backend: backendText(p.backend),
        file: p.ref.file,
        line: p.ref.line,
      });
    }
  }
  if (ing.defaultBackend) {
    const { backend, ref } = ing.defaultBackend;
    routes.push({
      ingress,
      host: undefined,
      path: '*',
      pathType: 'default',
      backend: backendText(backend),
      file: ref.file,
      line: ref.line,
    });
  }
  return routes;
}

function byNamespaceThenName(a: IngressState, b: IngressState): number {
  const x = `${a.namespace}/${a.name}`;
  const y = `${b.namespace}/${b.name}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function ingressSnapshot(cluster: Cluster): IngressSnapshot {
  const index = clusterIndex(cluster).ingress;
  const routes = new Map<IngressState, IngressRoute[]>();
  const routesFor = (ing: IngressState) => routes.get(ing) ?? routes.set(ing, routesOf(ing)).get(ing)!;
  const routedBy = new Map<IngressState, string[]>();
  const controllers: Record<string, IngressRoute[]> = {};
  for (const pod of cluster.pods) {
    const ctl = index.controllerOf(pod);
    if (!ctl) continue;
    const key = objectKey('pod', pod.namespace, pod.name);
    controllers[key] = ctl.ingresses.flatMap(routesFor);
    for (const ing of ctl.ingresses) routedBy.set(ing, [...(routedBy.get(ing) ?? []), key]);
  }
  const ingresses: IngressSummary[] = [...(cluster.ingresses ?? [])].sort(byNamespaceThenName).map((ing) => ({
    name: ing.name,
    namespace: ing.namespace,
    className: ing.ingressClassName,
    routedBy: routedBy.get(ing) ?? [],
    routes: routesFor(ing),
    tlsHosts: ing.tls.flatMap((t) => t.hosts),
    file: ing.source.file,
    line: ing.source.line,
  }));
  return { ingresses, controllers };
}
