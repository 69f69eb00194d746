/**
 * What an Ingress author most likely got wrong, said at the line (the API server accepts all of it):
 * a class no IngressClass names, no class at all, a backend Service that does not exist in the
 * Ingress's namespace, or a Service without the port the backend asks for.
 */
import type { ServiceState } from '../model/cluster';
import { DEFAULT_CLASS_ANNOTATION, INGRESS_CLASS_ANNOTATION, type IngressClassState } from '../model/ingress';
import type { IngressBackendSpec, LoadedIngress, LoadedIngressClass, LoadResult } from '../model/objects';
import type { Diagnostic } from '../model/source';
import { objectDiagnostic } from './diagnostics';
import { classOf, defaultClassName, isDefaultClass } from './ingresses';

const UNSERVED = 'so no ingress controller serves this Ingress';
/** An upstream without endpoints: nginx answers 503 Service Temporarily Unavailable. */
const ANSWERS_503 = 'so ingress-nginx answers 503';

/** `builtInClasses`: the cluster's own IngressClasses (an add-on's), there before the folder. */
export function ingressWarnings(
  load: LoadResult,
  services: readonly ServiceState[],
  builtInClasses: readonly IngressClassState[] = [],
): Diagnostic[] {
  const classes = new Set<string>(builtInClasses.map((k) => k.name));
  const defaults: { name: string; index: number }[] = [];
  load.objects.forEach((o, index) => {
    if (o.kind !== 'IngressClass') return;
    classes.add(o.metadata.name);
    if (isDefaultClass(o as LoadedIngressClass)) defaults.push({ name: o.metadata.name, index });
  });
  const byKey = new Map(services.map((s) => [`${s.namespace}/${s.name}`, s]));
  const out: Diagnostic[] = [];
  load.objects.forEach((o, index) => {
    if (o.kind !== 'Ingress') return;
    const ing = o as LoadedIngress;
    const earlier = defaults.filter((d) => d.index < index).map((d) => d.name);
    out.push(...classWarnings(ing, classes, defaultClassName(earlier, builtInClasses), defaults[0]?.name));
    const check = (backend: IngressBackendSpec, at: string) => out.push(...backendWarnings(ing, backend, at, byKey));
    if (ing.spec.defaultBackend) check(ing.spec.defaultBackend, 'spec.defaultBackend');
    (ing.spec.rules ?? []).forEach((rule, i) =>
      (rule.http?.paths ?? []).forEach((p, j) => check(p.backend, `spec.rules[${i}].http.paths[${j}].backend`)),
    );
  });
  return out;
}

function classWarnings(ing: LoadedIngress, classes: ReadonlySet<string>, defaultClass?: string, laterDefault?: string): Diagnostic[] {
  const { ingressClassName, classFrom } = classOf(ing, defaultClass);
  if (classFrom === 'default' || (ingressClassName !== undefined && classes.has(ingressClassName))) return [];
  if (ingressClassName !== undefined) {
    const path = classFrom === 'spec' ? 'spec.ingressClassName' : `metadata.annotations[${INGRESS_CLASS_ANNOTATION}]`;
    return [objectDiagnostic(ing, 'warning', path, `${path}: no IngressClass named "${ingressClassName}", ${UNSERVED}`)];
  }
  const path = 'spec.ingressClassName';
  const why = laterDefault
    ? `IngressClass "${laterDefault}" is the default but is created after this Ingress in apply order, so the DefaultIngressClass admission plugin gave it none`
    : `no IngressClass is the default (${DEFAULT_CLASS_ANNOTATION}: "true")`;
  return [
    objectDiagnostic(
      ing,
      'warning',
      path,
      `${path}: not set and ${why}; ingress-nginx serves an Ingress without a class only with --watch-ingress-without-class`,
    ),
  ];
}

function backendWarnings(
  ing: LoadedIngress,
  backend: IngressBackendSpec,
  at: string,
  services: ReadonlyMap<string, ServiceState>,
): Diagnostic[] {
  if (!backend.service) return [];
  const { name, port } = backend.service;
  const ns = ing.metadata.namespace;
  const svc = services.get(`${ns}/${name}`);
  if (!svc) {
    const path = `${at}.service.name`;
    return [objectDiagnostic(ing, 'warning', path, `${path}: services "${name}" not found in namespace "${ns}", ${ANSWERS_503}`)];
  }
  // An ExternalName Service has no ports of its own: the backend's number is used as written.
  if (svc.type === 'ExternalName') return [];
  const found = port.name ? svc.ports.some((p) => p.name === port.name) : svc.ports.some((p) => p.port === port.number);
  if (found) return [];
  const path = `${at}.service.port.${port.name ? 'name' : 'number'}`;
  const wanted = port.name ? `port named "${port.name}"` : `port ${port.number}`;
  const has = svc.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol}`).join(', ') || 'none';
  return [objectDiagnostic(ing, 'warning', path, `${path}: service "${name}" has no ${wanted} (its ports: ${has}), ${ANSWERS_503}`)];
}
