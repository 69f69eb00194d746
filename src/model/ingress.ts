/**
 * networking.k8s.io/v1 Ingress and IngressClass as the engine routes them, with the line of every
 * rule and path so an L7 verdict can cite it.
 */
import type { Labels } from './k8s';
import type { LabelledRef, SourceRef } from './source';

/** The deprecated annotation that named the class before spec.ingressClassName (v1.18). */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
/** networkingv1.AnnotationIsDefaultIngressClass: `"true"` makes an IngressClass the default. */
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** `service.name` + `service.port.number` or `.name`; a `resource` backend is listed, never routed. */
export interface IngressBackend {
  service?: { name: string; port: number | string };
  resource?: { kind: string; name: string };
}

export interface IngressPath {
  path: string;
  pathType: PathType;
  backend: IngressBackend;
  ref: LabelledRef;
}

export interface IngressRule {
  /** Absent: every host. `*.example.com`: one label in front of example.com. */
  host?: string;
  paths: IngressPath[];
}

export interface IngressState {
  name: string;
  namespace: string;
  source: SourceRef;
  /** spec.ingressClassName, else the annotation's class, else the default IngressClass's (resolved at load). */
  ingressClassName?: string;
  /**
   * Where the class came from: the field, the deprecated `kubernetes.io/ingress.class` annotation
   * (which ingress-nginx still reads), or the default IngressClass at creation. Absent with the class.
   */
  classFrom?: 'spec' | 'annotation' | 'default';
  defaultBackend?: { backend: IngressBackend; ref: LabelledRef };
  rules: IngressRule[];
  /** Hosts with TLS and the Secret that holds their certificate. */
  tls: { hosts: string[]; secretName?: string }[];
  annotations: Record<string, string>;
  /** metadata.labels (what `kubectl get ingress -l` filters on). */
  labels?: Labels;
  /** Simulated seconds when it was created (AGE). */
  createdAt?: number;
}

export interface IngressClassState {
  name: string;
  /** e.g. `k8s.io/ingress-nginx`. */
  controller: string;
  /** `ingressclass.kubernetes.io/is-default-class: "true"`. */
  isDefault: boolean;
  source: SourceRef;
}
