/**
 * networking.k8s.io/v1 IngressClass: which controller serves the Ingresses that name it. Decoded,
 * defaulted (SetDefaults_IngressClass: parameters.scope Cluster) and validated as the API server does
 * (ValidateIngressClass). `spec.parameters` is accepted and checked, never acted on.
 */
import type { IngressClassSpec } from '../model/objects';
import { isDNS1123Subdomain, isPathSegmentName, nameIsDNSLabel, regexError } from '../util/validation';
import { fieldSet, type Reader } from './decode';
import { forbidden, invalid, invalidEach, notSupported, required, tooLong, type FieldError } from './fieldErrors';
import type { FieldPath } from './fieldPath';
import type { Problems } from './problems';

const SPEC_FIELDS = fieldSet('controller', 'parameters');
const PARAMETERS_FIELDS = fieldSet('apiGroup', 'kind', 'name', 'scope', 'namespace');
const MAX_CONTROLLER_LENGTH = 250;
const SCOPES = ['Cluster', 'Namespace'];
/** RFC 3986 path characters (apimachinery's httpPathFmt). */
const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const httpPathRe = new RegExp(`^${HTTP_PATH_FMT}$`);

export function decodeIngressClass(top: Reader, p: Problems): IngressClassSpec {
  const s = top.obj('spec', 'IngressClassSpec', SPEC_FIELDS);
  const spec: IngressClassSpec = { controller: s?.str('controller') ?? '' };
  const params = s?.obj('parameters', 'IngressClassParametersReference', PARAMETERS_FIELDS);
  if (params) {
    spec.parameters = { kind: params.str('kind') ?? '', name: params.str('name') ?? '', scope: params.str('scope') ?? 'Cluster' };
    const apiGroup = params.str('apiGroup');
    if (apiGroup !== undefined) spec.parameters.apiGroup = apiGroup;
    const namespace = params.str('namespace');
    if (namespace !== undefined) spec.parameters.namespace = namespace;
  }
  p.add(validateIngressClassSpec(spec));
  return spec;
}

export function validateIngressClassSpec(spec: IngressClassSpec): FieldError[] {
  const at: FieldPath = ['spec', 'controller'];
  const errs: FieldError[] = [];
  if (spec.controller === '') errs.push(required(at, ''));
  else {
    if (spec.controller.length > MAX_CONTROLLER_LENGTH) errs.push(tooLong(at, MAX_CONTROLLER_LENGTH));
    errs.push(...domainPrefixedPathErrors(at, spec.controller));
  }
  if (spec.parameters) errs.push(...validateParameters(spec.parameters, ['spec', 'parameters']));
  return errs;
}

/** IsDomainPrefixedPath: `acme.io/foo`, a DNS subdomain, a slash, then URL path characters. */
function domainPrefixedPathErrors(at: FieldPath, text: string): FieldError[] {
  const slash = text.indexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  const path = slash < 0 ? '' : text.slice(slash + 1);
  if (slash < 0 || host === '' || path === '') return [invalid(at, text, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = invalidEach(at, host, isDNS1123Subdomain(host));
  if (!httpPathRe.test(path)) errs.push(invalid(at, path, regexError('Invalid path', HTTP_PATH_FMT)));
  return errs;
}

/** validateIngressTypedLocalObjectReference, shared with an Ingress backend's `resource`. */
export function validateTypedLocalObjectReference(ref: { apiGroup?: string; kind: string; name: string }, at: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (ref.apiGroup !== undefined) errs.push(...invalidEach([...at, 'apiGroup'], ref.apiGroup, isDNS1123Subdomain(ref.apiGroup)));
  for (const key of ['kind', 'name'] as const) {
    if (ref[key] === '') errs.push(required([...at, key], ''));
    else errs.push(...invalidEach([...at, key], ref[key], isPathSegmentName(ref[key])));
  }
  return errs;
}

function validateParameters(params: NonNullable<IngressClassSpec['parameters']>, at: FieldPath): FieldError[] {
  const errs = validateTypedLocalObjectReference(params, at);
  if (!SCOPES.includes(params.scope)) return [...errs, notSupported([...at, 'scope'], params.scope, SCOPES)];
  if (params.scope === 'Namespace') {
    if (params.namespace === undefined) errs.push(required([...at, 'namespace'], "`parameters.scope` is set to 'Namespace'"));
    else errs.push(...invalidEach([...at, 'namespace'], params.namespace, nameIsDNSLabel(params.namespace)));
  }
  if (params.scope === 'Cluster' && params.namespace !== undefined)
    errs.push(forbidden([...at, 'namespace'], "`parameters.scope` is set to 'Cluster'"));
  return errs;
}
