/**
 * A Service as stored after creation: its spec with the API server's defaults and the values the
 * allocators handed out, plus `refs` — the manifest lines that decide how traffic flows, so a trace
 * verdict can point at them.
 */
import type { ServicePortState, ServiceState } from '../model/cluster';
import type { Labels } from '../model/k8s';
import type { LabelledRef, SourceRef } from '../model/source';
import { sourceRangesAnnotation } from '../load/service/serviceRules';
import { streamRng, uid } from './naming';
import type { ServiceInput } from './serviceInput';

const DEFAULT_AFFINITY_TIMEOUT = 10800;

/** What the allocators decided for one Service. */
export interface Allocated {
  clusterIP?: string;
  nodePorts: (number | undefined)[];
  healthCheckNodePort?: number;
  lbIP?: string;
  pendingReason?: string;
  prev?: ServiceState;
}

/** kube-proxy's source ranges: the field, or else the load-balancer-source-ranges annotation. */
function sourceRanges(input: ServiceInput): string[] {
  const field = input.spec.loadBalancerSourceRanges ?? [];
  return field.length > 0 ? field.map((r) => r.trim()) : sourceRangesAnnotation(input.metadata.annotations ?? {});
}

/** Where `path` is written, or undefined when the manifest leaves it out (the locator then answers with an ancestor). */
function written(input: ServiceInput, path: string): SourceRef | undefined {
  const at = input.locate(path);
  const parent = input.locate(path.replace(/(\.[^.[\]]+|\[\d+\])$/, ''));
  return at.line === parent.line && at.column === parent.column ? undefined : at;
}

/** A verdict's YAML line; a defaulted field points at its parent and says it was defaulted. */
function ref(input: ServiceInput, path: string, label: string): LabelledRef {
  const at = written(input, path);
  if (at) return { file: at.file, line: at.line, column: at.column, path, label };
  const parent = input.locate(path);
  return { file: parent.file, line: parent.line, column: parent.column, path, label: `${label} (default)` };
}

function selectorText(selector: Labels): string {
  return Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function serviceState(input: ServiceInput, d: Allocated, rngState: number, createdAt: number): ServiceState {
  const spec = input.spec;
  const { name, namespace } = input.metadata;
  const selector = spec.selector && Object.keys(spec.selector).length > 0 ? { ...spec.selector } : null;
  const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  const ports: ServicePortState[] = spec.ports.map((p, i) => {
    const out: ServicePortState = {
      protocol: p.protocol,
      port: p.port,
      targetPort: p.targetPort,
      source: input.locate(`spec.ports[${i}]`),
    };
    const fieldSources: ServicePortState['fieldSources'] = {};
    for (const field of ['port', 'targetPort', 'nodePort'] as const) {
      const at = written(input, `spec.ports[${i}].${field}`);
      if (at) fieldSources[field] = at;
    }
    out.fieldSources = fieldSources;
    if (p.name) out.name = p.name;
    const nodePort = d.nodePorts[i];
    if (nodePort !== undefined) out.nodePort = nodePort;
    return out;
  });
  const clusterIP = spec.type === 'ExternalName' ? null : spec.clusterIP === 'None' ? 'None' : (d.clusterIP ?? null);
  const state: ServiceState = {
    uid: d.prev?.uid ?? uid(streamRng(rngState, `uid:svc:${namespace}/${name}`)),
    name,
    namespace,
    labels: { ...input.metadata.labels },
    type: spec.type,
    clusterIP,
    externalIPs: [...(spec.externalIPs ?? [])],
    loadBalancerIP: d.lbIP ?? null,
    selector,
    sessionAffinity: spec.sessionAffinity ?? 'None',
    publishNotReadyAddresses: spec.publishNotReadyAddresses ?? false,
    loadBalancerSourceRanges: sourceRanges(input),
    ports,
    endpoints: [],
    createdAt: d.prev?.createdAt ?? input.createdAt ?? createdAt,
    source: input.source,
    refs: {},
  };
  if (d.pendingReason && !d.lbIP) state.pendingReason = d.pendingReason;
  if (spec.type === 'ExternalName' && spec.externalName) state.externalName = spec.externalName;
  if (external) state.externalTrafficPolicy = spec.externalTrafficPolicy ?? 'Cluster';
  if (spec.type !== 'ExternalName') state.internalTrafficPolicy = spec.internalTrafficPolicy ?? 'Cluster';
  if (state.sessionAffinity === 'ClientIP') {
    state.sessionAffinityTimeoutSeconds = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_TIMEOUT;
  }
  if (d.healthCheckNodePort !== undefined) state.healthCheckNodePort = d.healthCheckNodePort;
  if (input.builtIn) state.builtIn = true;

  state.refs.selector = ref(
    input,
    'spec.selector',
    selector ? `selector: ${selectorText(selector)}` : 'no selector: endpoints are not managed by Kubernetes',
  );
  state.refs.type = ref(input, 'spec.type', `type: ${spec.type}`);
  if (clusterIP) state.refs.clusterIP = ref(input, 'spec.clusterIP', `clusterIP: ${clusterIP}`);
  if (state.externalTrafficPolicy)
    state.refs.externalTrafficPolicy = ref(input, 'spec.externalTrafficPolicy', `externalTrafficPolicy: ${state.externalTrafficPolicy}`);
  if (state.internalTrafficPolicy)
    state.refs.internalTrafficPolicy = ref(input, 'spec.internalTrafficPolicy', `internalTrafficPolicy: ${state.internalTrafficPolicy}`);
  state.refs.sessionAffinity = ref(input, 'spec.sessionAffinity', `sessionAffinity: ${state.sessionAffinity}`);
  return state;
}
