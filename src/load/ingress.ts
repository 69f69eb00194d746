/**
 * networking.k8s.io/v1 Ingress: decoded with Go's typing rules and validated as the API server does
 * on create (pkg/apis/networking/validation ValidateIngressCreate: ValidateIngressSpec,
 * validateIngressRules, validateHTTPIngressPath, validateIngressBackend, validateIngressTLS). v1 has
 * no defaulting for Ingress: a path without pathType is refused, not filled in.
 */
import { INGRESS_CLASS_ANNOTATION } from '../model/ingress';
import type { ObjectMeta } from '../model/k8s';
import type { HTTPIngressPathSpec, IngressBackendSpec, IngressSpec } from '../model/objects';
import {
  isDNS1123Subdomain,
  isIP,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSSubdomain,
} from '../util/validation';
import { fieldSet, type Reader } from './decode';
import { invalid, invalidEach, notSupported, required, type FieldError } from './fieldErrors';
import type { FieldPath } from './fieldPath';
import { validateTypedLocalObjectReference } from './ingressClass';
import type { Problems } from './problems';

const SPEC_FIELDS = fieldSet('ingressClassName', 'defaultBackend', 'tls', 'rules');
const BACKEND_FIELDS = fieldSet('service', 'resource');
const SERVICE_FIELDS = fieldSet('name', 'port');
const PORT_FIELDS = fieldSet('name', 'number');
const RESOURCE_FIELDS = fieldSet('apiGroup', 'kind', 'name');
const RULE_FIELDS = fieldSet('host', 'http');
const PATH_FIELDS = fieldSet('path', 'pathType', 'backend');
const TLS_FIELDS = fieldSet('hosts', 'secretName');

/** sets.NewString(...).List(): sorted. */
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

export function decodeIngress(top: Reader, meta: ObjectMeta, p: Problems): IngressSpec {
  const s = top.obj('spec', 'IngressSpec', SPEC_FIELDS);
  const spec: IngressSpec = {
    rules: s?.list('rules', 'IngressRule', RULE_FIELDS)?.map(decodeRule) ?? null,
    tls: (s?.list('tls', 'IngressTLS', TLS_FIELDS) ?? []).map((t) => ({
      hosts: t.strList('hosts') ?? [],
      secretName: t.str('secretName') ?? '',
    })),
  };
  const className = s?.str('ingressClassName');
  if (className !== undefined) spec.ingressClassName = className;
  const defaultBackend = s?.obj('defaultBackend', 'IngressBackend', BACKEND_FIELDS);
  if (defaultBackend) spec.defaultBackend = decodeBackend(defaultBackend);
  p.add(validateIngressSpec(spec));
  p.add(validateClassAnnotation(spec, meta.annotations));
  // The API server's WarningsOnCreate, shown by kubectl as "Warning: …".
  if (INGRESS_CLASS_ANNOTATION in meta.annotations && className === undefined)
    p.warn(
      ['metadata', 'annotations', { key: INGRESS_CLASS_ANNOTATION }],
      `annotation "${INGRESS_CLASS_ANNOTATION}" is deprecated, please use 'spec.ingressClassName' instead`,
    );
  return spec;
}

function decodeRule(r: Reader): NonNullable<IngressSpec['rules']>[number] {
  const rule: NonNullable<IngressSpec['rules']>[number] = { host: r.str('host') ?? '' };
  const http = r.obj('http', 'HTTPIngressRuleValue', fieldSet('paths'));
  if (http) rule.http = { paths: (http.list('paths', 'HTTPIngressPath', PATH_FIELDS) ?? []).map(decodePath) };
  return rule;
}

function decodePath(r: Reader): HTTPIngressPathSpec {
  const path: HTTPIngressPathSpec = {
    path: r.str('path') ?? '',
    backend: decodeBackend(r.obj('backend', 'IngressBackend', BACKEND_FIELDS)),
  };
  const pathType = r.str('pathType');
  if (pathType !== undefined) path.pathType = pathType;
  return path;
}

function decodeBackend(r: Reader | undefined): IngressBackendSpec {
  const backend: IngressBackendSpec = {};
  const service = r?.obj('service', 'IngressServiceBackend', SERVICE_FIELDS);
  if (service) {
    const port = service.obj('port', 'ServiceBackendPort', PORT_FIELDS);
    backend.service = { name: service.str('name') ?? '', port: { name: port?.str('name') ?? '', number: port?.int('number') ?? 0 } };
  }
  const resource = r?.obj('resource', 'TypedLocalObjectReference', RESOURCE_FIELDS);
  if (resource) {
    backend.resource = { kind: resource.str('kind') ?? '', name: resource.str('name') ?? '' };
    const apiGroup = resource.str('apiGroup');
    if (apiGroup !== undefined) backend.resource.apiGroup = apiGroup;
  }
  return backend;
}

export function validateIngressSpec(spec: IngressSpec): FieldError[] {
  const errs: FieldError[] = [];
  const rules = spec.rules ?? [];
  if (rules.length === 0 && !spec.defaultBackend) {
    // The API server prints the Go value of spec.Rules with %#v.
    const value = spec.rules === null ? '[]networking.IngressRule(nil)' : '[]networking.IngressRule{}';
    errs.push({ type: 'Invalid value', path: ['spec'], value, detail: 'either `defaultBackend` or `rules` must be specified' });
  }
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, ['spec', 'defaultBackend']));
  rules.forEach((rule, i) => {
    const at: FieldPath = ['spec', 'rules', i];
    if (rule.host) errs.push(...validateHost(rule.host, [...at, 'host'], true));
    if (!rule.http) return;
    if (rule.http.paths.length === 0) errs.push(required([...at, 'http', 'paths'], ''));
    rule.http.paths.forEach((path, j) => errs.push(...validatePath(path, [...at, 'http', 'paths', j])));
  });
  spec.tls.forEach((tls, i) => {
    tls.hosts.forEach((host, j) => errs.push(...validateHost(host, ['spec', 'tls', i, 'hosts', j], false)));
    if (tls.secretName) errs.push(...invalidEach(['spec', 'tls', i, 'secretName'], tls.secretName, nameIsDNSSubdomain(tls.secretName)));
  });
  if (spec.ingressClassName !== undefined)
    errs.push(...invalidEach(['spec', 'ingressClassName'], spec.ingressClassName, nameIsDNSSubdomain(spec.ingressClassName)));
  return errs;
}

/** A rule's host is a DNS name (never an IP), or `*.` and one; a TLS host skips the IP check. */
function validateHost(host: string, path: FieldPath, rejectIP: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (rejectIP && isIP(host)) errs.push(invalid(path, host, 'must be a DNS name, not an IP address'));
  const problems = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  errs.push(...invalidEach(path, host, problems));
  return errs;
}

function validatePath(path: HTTPIngressPathSpec, at: FieldPath): FieldError[] {
  if (path.pathType === undefined) return [required([...at, 'pathType'], 'pathType must be specified')];
  const errs: FieldError[] = [];
  const where: FieldPath = [...at, 'path'];
  if (path.pathType === 'Exact' || path.pathType === 'Prefix') {
    if (!path.path.startsWith('/')) errs.push(invalid(where, path.path, 'must be an absolute path'));
    for (const seq of INVALID_PATH_SEQUENCES)
      if (path.path.includes(seq)) errs.push(invalid(where, path.path, `must not contain '${seq}'`));
    for (const suffix of INVALID_PATH_SUFFIXES)
      if (path.path.endsWith(suffix)) errs.push(invalid(where, path.path, `cannot end with '${suffix}'`));
  } else if (path.pathType === 'ImplementationSpecific') {
    if (path.path !== '' && !path.path.startsWith('/')) errs.push(invalid(where, path.path, 'must be an absolute path'));
  } else {
    errs.push(notSupported([...at, 'pathType'], path.pathType, PATH_TYPES));
  }
  errs.push(...validateBackend(path.backend, [...at, 'backend']));
  return errs;
}

function validateBackend(backend: IngressBackendSpec, at: FieldPath): FieldError[] {
  const { service, resource } = backend;
  if (service && resource) return [invalid(at, '', 'cannot set both resource and service backends')];
  if (resource) return validateTypedLocalObjectReference(resource, [...at, 'resource']);
  if (!service) return [invalid(at, '', 'resource or service backend is required')];
  const errs: FieldError[] = [];
  const name: FieldPath = [...at, 'service', 'name'];
  // ValidateServiceName (DNS-1035); the RelaxedServiceNameValidation gate is off by default.
  if (service.name === '') errs.push(required(name, ''));
  else errs.push(...invalidEach(name, service.name, nameIsDNS1035Label(service.name)));
  const { name: portName, number } = service.port;
  if (portName !== '' && number !== 0) errs.push(invalid(at, '', 'cannot set both port name & port number'));
  else if (portName !== '') errs.push(...invalidEach([...at, 'service', 'port', 'name'], portName, isValidPortName(portName)));
  else if (number !== 0) errs.push(...invalidEach([...at, 'service', 'port', 'number'], number, isValidPortNum(number)));
  else errs.push(required(at, 'port name or number is required'));
  return errs;
}

/** ValidateIngressCreate: the deprecated annotation may stay only when it agrees with the field. */
function validateClassAnnotation(spec: IngressSpec, annotations: Record<string, string>): FieldError[] {
  const value = annotations[INGRESS_CLASS_ANNOTATION];
  if (value === undefined || spec.ingressClassName === undefined || value === spec.ingressClassName) return [];
  // Upstream names the path `annotations.…` (no `metadata.`); the source line is the annotation's.
  return [
    invalid(['annotations', INGRESS_CLASS_ANNOTATION], value, 'must match `ingressClassName` when both are specified', [
      'metadata',
      'annotations',
      { key: INGRESS_CLASS_ANNOTATION },
    ]),
  ];
}
