/**
 * Ingresses and IngressClasses as the cluster keeps them: every path and the defaultBackend with the
 * line it is written on, and the class each Ingress ends up with — spec.ingressClassName, else the
 * deprecated `kubernetes.io/ingress.class` annotation (ingress-nginx still reads it), else the default
 * IngressClass that the DefaultIngressClass admission plugin writes in when the Ingress is created.
 */
import {
  DEFAULT_CLASS_ANNOTATION,
  INGRESS_CLASS_ANNOTATION,
  type IngressBackend,
  type IngressClassState,
  type IngressRule,
  type IngressState,
  type PathType,
} from '../model/ingress';
import type { IngressBackendSpec, LoadedIngress, LoadedIngressClass, LoadResult } from '../model/objects';
import type { LabelledRef } from '../model/source';

export function ingressClassesOf(load: LoadResult): IngressClassState[] {
  const out: IngressClassState[] = [];
  for (const o of load.objects) if (o.kind === 'IngressClass') out.push(classStateOf(o as LoadedIngressClass));
  return out;
}

function classStateOf(o: LoadedIngressClass): IngressClassState {
  return { name: o.metadata.name, controller: o.spec.controller, isDefault: isDefaultClass(o), source: o.source };
}

export function isDefaultClass(o: LoadedIngressClass): boolean {
  return o.metadata.annotations[DEFAULT_CLASS_ANNOTATION] === 'true';
}

/**
 * Ingresses in apply order, each with the class it has once created. New ones are created at
 * `createdAt`; one that `previous` already holds (a re-apply) keeps its creation time.
 * `builtInClasses` are the cluster's own (an add-on's), there before the folder is applied.
 */
export function ingressesOf(
  load: LoadResult,
  createdAt: number,
  previous: readonly IngressState[] = [],
  builtInClasses: readonly IngressClassState[] = [],
): IngressState[] {
  const created = new Map(previous.map((i) => [`${i.namespace}/${i.name}`, i.createdAt]));
  const out: IngressState[] = [];
  const defaults: string[] = [];
  for (const o of load.objects) {
    if (o.kind === 'IngressClass' && isDefaultClass(o as LoadedIngressClass)) defaults.push(o.metadata.name);
    if (o.kind !== 'Ingress') continue;
    const state = ingressStateOf(o as LoadedIngress, defaultClassName(defaults, builtInClasses));
    out.push({ ...state, createdAt: created.get(`${state.namespace}/${state.name}`) ?? createdAt });
  }
  return out;
}

/**
 * The class the DefaultIngressClass admission plugin writes into a new Ingress. It sees only classes
 * that exist by then: the folder's default IngressClasses applied before it, and the cluster's own.
 * Of several it takes the newest (the folder's are newer than the cluster's); of those created in the
 * same second, the first by name.
 */
export function defaultClassName(folderDefaults: readonly string[], builtInClasses: readonly IngressClassState[] = []): string | undefined {
  const first = (names: readonly string[]): string | undefined => [...names].sort()[0];
  return first(folderDefaults) ?? first(builtInClasses.filter((k) => k.isDefault).map((k) => k.name));
}

/** The class an Ingress has and where it came from; an annotated Ingress is left alone by admission. */
export function classOf(o: LoadedIngress, defaultClass: string | undefined): Pick<IngressState, 'ingressClassName' | 'classFrom'> {
  if (o.spec.ingressClassName !== undefined) return { ingressClassName: o.spec.ingressClassName, classFrom: 'spec' };
  const annotated = o.metadata.annotations[INGRESS_CLASS_ANNOTATION];
  if (annotated !== undefined) return { ingressClassName: annotated, classFrom: 'annotation' };
  return defaultClass === undefined ? {} : { ingressClassName: defaultClass, classFrom: 'default' };
}

function ingressStateOf(o: LoadedIngress, defaultClass: string | undefined): IngressState {
  const { name, namespace } = o.metadata;
  const who = `Ingress ${namespace === 'default' ? name : `${namespace}/${name}`}`;
  const ref = (path: string, says: string): LabelledRef => ({ ...o.locate(path), path, label: `${path} of ${who}: ${says}` });
  const rules: IngressRule[] = (o.spec.rules ?? []).map((rule, i) => {
    const paths = (rule.http?.paths ?? []).map((p, j) => {
      const backend = backendOf(p.backend);
      const pathType = p.pathType as PathType;
      const shown = p.path === '' ? '""' : p.path;
      return {
        path: p.path,
        pathType,
        backend,
        ref: ref(`spec.rules[${i}].http.paths[${j}]`, `path ${shown} (${pathType}) → ${backendText(backend)}`),
      };
    });
    return rule.host === '' ? { paths } : { host: rule.host, paths };
  });
  const state: IngressState = {
    name,
    namespace,
    source: o.source,
    ...classOf(o, defaultClass),
    rules,
    tls: o.spec.tls.map((t) => (t.secretName === '' ? { hosts: [...t.hosts] } : { hosts: [...t.hosts], secretName: t.secretName })),
    annotations: { ...o.metadata.annotations },
    labels: { ...o.metadata.labels },
  };
  if (o.spec.defaultBackend) {
    const backend = backendOf(o.spec.defaultBackend);
    state.defaultBackend = { backend, ref: ref('spec.defaultBackend', `defaultBackend → ${backendText(backend)}`) };
  }
  return state;
}

/** Validation has left exactly one of port name and number, and one of service and resource. */
function backendOf(b: IngressBackendSpec): IngressBackend {
  if (b.service) return { service: { name: b.service.name, port: b.service.port.name || b.service.port.number } };
  return b.resource ? { resource: { kind: b.resource.kind, name: b.resource.name } } : {};
}

/** `svc api:80`, `svc api:http`, `resource StorageBucket static-assets`. */
export function backendText(b: IngressBackend): string {
  if (b.service) return `svc ${b.service.name}:${b.service.port}`;
  return b.resource ? `resource ${b.resource.kind} ${b.resource.name}` : 'no backend';
}
