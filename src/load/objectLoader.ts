/**
 * One Kubernetes object: decode (Go's typing rules), default and validate it as the API server
 * would on create. The result carries either the loaded object or why it was rejected.
 */
import type { ObjectMeta } from '../model/k8s';
import { WORKLOAD_KINDS, type LoadedObject, type WorkloadKind } from '../model/objects';
import { DecodeError, fieldSet, Reader, type Obj } from './decode';
import type { FieldError } from './fieldErrors';
import { formatPath, type FieldPath } from './fieldPath';
import { decodeEndpoints, ENDPOINTS_TOP_FIELDS } from './endpoints';
import { decodeEndpointSlice, ENDPOINT_SLICE_TOP_FIELDS } from './endpointSlice';
import { decodeIngress } from './ingress';
import { decodeIngressClass } from './ingressClass';
import { isNamespaced, nameValidator, noMatchMessage, removedVersion, SIMULATED } from './kinds';
import { makeLocator, nodeStart, positionOf, type SourceNode } from './locate';
import { decodeObjectMeta, generatedNameSuffix, validateObjectMeta } from './meta';
import { decodeNetworkPolicy } from './networkPolicy';
import { decodeNode } from './node';
import { decodePodDisruptionBudget } from './podDisruptionBudget';
import { Problems, type FieldWarning } from './problems';
import { decodeServiceSpec, SERVICE_SPEC_FIELDS } from './service/serviceSpec';
import { validateServiceSpec } from './service/serviceRules';
import { decodeSettings } from './settings';
import { decodePod, decodeWorkload } from './workload';

const TOP_FIELDS = fieldSet('apiVersion', 'kind', 'metadata', 'spec', 'status');
/** Kinds whose fields sit at the top level, beside metadata, instead of under spec. */
const TOP_FIELDS_OF: Record<string, ReadonlySet<string>> = { Endpoints: ENDPOINTS_TOP_FIELDS, EndpointSlice: ENDPOINT_SLICE_TOP_FIELDS };

export interface Candidate {
  kind: string;
  apiVersion: string;
  meta: ObjectMeta;
  src: SourceNode;
  /** Undefined when the API server would reject the object. */
  object?: LoadedObject;
  errors: FieldError[];
  warnings: FieldWarning[];
  /** A rejection that is not a field error: a decoder failure or an unserved apiVersion. */
  fatal?: { message: string; path?: FieldPath };
}

export function loadObject(value: Obj, apiVersion: string, kind: string, src: SourceNode): Candidate {
  const p = new Problems();
  const namespaced = isNamespaced(kind);
  const simulated = kind in SIMULATED;
  // Until metadata is decoded, messages name the object by what its manifest says.
  const candidate: Candidate = { kind, apiVersion, meta: peekMeta(value, namespaced), src, errors: [], warnings: [] };

  if (simulated && SIMULATED[kind] !== apiVersion) {
    const removed = removedVersion(kind, apiVersion);
    const hint = removed
      ? ` (${apiVersion} was removed in Kubernetes v${removed.removedIn}; use ${SIMULATED[kind]})`
      : ` (use ${SIMULATED[kind]})`;
    candidate.fatal = { message: noMatchMessage(kind, apiVersion) + hint, path: ['apiVersion'] };
    return candidate;
  }

  const top = new Reader(value, [], kind, p, simulated ? (TOP_FIELDS_OF[kind] ?? TOP_FIELDS) : undefined);
  try {
    const seed = `${src.file}:${nodeStart(src.node) ?? 0}`;
    const meta = decodeObjectMeta(top, namespaced, () => generatedNameSuffix(seed));
    if (kind === 'ClusterSettings' && !meta.name) meta.name = 'cluster';
    candidate.meta = meta;
    if (!simulated && !meta.name) {
      // Tool configs (Kustomization, kube-scheduler Policy…) carry apiVersion and kind but are no API objects.
      candidate.warnings = [
        {
          path: ['metadata', 'name'],
          message: 'skipped: not an object the API server would store: metadata.name: Required value: name or generateName is required',
        },
      ];
      return candidate;
    }
    const metaErrors = validateObjectMeta(meta, namespaced, nameValidator(kind));
    const object = decodeKind(kind, apiVersion, value, top, meta, p, src);
    candidate.errors = [...metaErrors, ...p.errors];
    candidate.warnings = p.warnings;
    if (!simulated) {
      const removed = removedVersion(kind, apiVersion);
      if (removed)
        candidate.warnings.push({
          path: ['apiVersion'],
          message: `${noMatchMessage(kind, apiVersion)}: ${apiVersion} was removed in Kubernetes v${removed.removedIn}${removed.use ? `; use ${removed.use}` : ''} (kept, not simulated)`,
        });
    }
    if (candidate.errors.length === 0) candidate.object = object;
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    candidate.errors = [];
    candidate.warnings = [];
    candidate.fatal = { message: err.describe(formatPath(err.path)), path: err.path };
  }
  return candidate;
}

function decodeKind(
  kind: string,
  apiVersion: string,
  value: Obj,
  top: Reader,
  meta: ObjectMeta,
  p: Problems,
  src: SourceNode,
): LoadedObject {
  const base = { apiVersion, metadata: meta, source: positionOf(src, nodeStart(src.node) ?? 0), locate: makeLocator(src) };
  switch (kind) {
    case 'Pod':
      return { ...base, kind, spec: decodePod(top, meta, p) };
    case 'Service': {
      const decoded = decodeServiceSpec(top.obj('spec', 'ServiceSpec', SERVICE_SPEC_FIELDS));
      p.add(validateServiceSpec(decoded, meta.annotations));
      return { ...base, kind, spec: decoded.spec };
    }
    case 'Node':
      return { ...base, kind, ...decodeNode(top, p) };
    case 'ClusterSettings':
      return { ...base, kind, spec: decodeSettings(top, p) };
    case 'NetworkPolicy':
      return { ...base, kind, spec: decodeNetworkPolicy(top, p) };
    case 'Ingress':
      return { ...base, kind, spec: decodeIngress(top, meta, p) };
    case 'IngressClass':
      return { ...base, kind, spec: decodeIngressClass(top, p) };
    case 'Endpoints':
      return { ...base, kind, subsets: decodeEndpoints(top, p) };
    case 'EndpointSlice':
      return { ...base, kind, ...decodeEndpointSlice(top, p) };
    case 'PodDisruptionBudget':
      return { ...base, kind, spec: decodePodDisruptionBudget(top, p) };
    default:
      if ((WORKLOAD_KINDS as readonly string[]).includes(kind))
        return { ...base, kind: kind as WorkloadKind, spec: decodeWorkload(kind as WorkloadKind, top, meta, p) };
      return { ...base, kind, raw: value };
  }
}

/** Name and namespace for messages about an object that is not decoded at all. */
function peekMeta(value: Obj, namespaced: boolean): ObjectMeta {
  const m = value.metadata as Obj | undefined;
  const name = typeof m?.name === 'string' ? m.name : '';
  const ns = typeof m?.namespace === 'string' && m.namespace ? m.namespace : 'default';
  return { name, namespace: namespaced ? ns : '', labels: {}, annotations: {} };
}
