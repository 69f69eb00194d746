/**
 * Hand-built LoadedObjects, shaped as the loader hands them over (defaults applied), so the
 * cluster builder can be tested without YAML. `locate` maps each field path to a distinct fake line.
 */
import type {
  Container,
  ContainerPort,
  LabelSelector,
  Labels,
  PodSpec,
  ServicePort,
  ServiceSpec,
  Taint,
  Toleration,
  WorkloadSpec,
} from '../../../src/model/k8s';
import type {
  LoadResult,
  LoadedNode,
  LoadedObject,
  LoadedOther,
  LoadedPod,
  LoadedService,
  LoadedSettings,
  LoadedWorkload,
  Locator,
  SimulatorSettingsSpec,
  WorkloadKind,
} from '../../../src/model/objects';
import type { SourceRef } from '../../../src/model/source';

let nextLine = 1;

/** A locator for one object in `file`: every path gets its own stable line. */
export function locator(file: string): Locator {
  const lines = new Map<string, number>();
  const base = nextLine;
  nextLine += 1000;
  return (path: string): SourceRef => {
    if (!lines.has(path)) lines.set(path, base + lines.size);
    return { file, line: lines.get(path) as number, column: 3 };
  };
}

export interface ContainerOpts {
  ports?: (number | ContainerPort)[];
  cpu?: number;
  memory?: number;
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  args?: string[];
}

export function container(name: string, image: string, opts: ContainerOpts = {}): Container {
  const requests: Container['resources']['requests'] = {};
  if (opts.cpu !== undefined) requests.cpu = opts.cpu;
  if (opts.memory !== undefined) requests.memory = opts.memory;
  const c: Container = {
    name,
    image,
    ports: (opts.ports ?? []).map((p) => (typeof p === 'number' ? { containerPort: p, protocol: 'TCP' as const } : p)),
    resources: { requests, limits: {} },
  };
  if (opts.readinessProbe) c.readinessProbe = opts.readinessProbe;
  if (opts.livenessProbe) c.livenessProbe = opts.livenessProbe;
  if (opts.args) c.args = opts.args;
  return c;
}

export interface PodOpts {
  namespace?: string;
  labels?: Labels;
  nodeSelector?: Labels;
  nodeName?: string;
  hostNetwork?: boolean;
  tolerations?: Toleration[];
  file?: string;
  generateName?: string;
  restartPolicy?: PodSpec['restartPolicy'];
  terminationGracePeriodSeconds?: number;
}

export function podSpec(containers: Container[], opts: PodOpts = {}): PodSpec {
  const spec: PodSpec = {
    containers,
    initContainers: [],
    nodeSelector: opts.nodeSelector ?? {},
    tolerations: opts.tolerations ?? [],
    topologySpreadConstraints: [],
    hostNetwork: opts.hostNetwork ?? false,
    restartPolicy: opts.restartPolicy ?? 'Always',
    schedulerName: 'default-scheduler',
  };
  if (opts.nodeName) spec.nodeName = opts.nodeName;
  if (opts.terminationGracePeriodSeconds !== undefined) spec.terminationGracePeriodSeconds = opts.terminationGracePeriodSeconds;
  return spec;
}

function meta(name: string, namespace: string, labels: Labels = {}) {
  return { name, namespace, labels, annotations: {} as Record<string, string> };
}

export function pod(name: string, containers: Container[], opts: PodOpts = {}): LoadedPod {
  const file = opts.file ?? `${name}.yaml`;
  const locate = locator(file);
  const metadata = meta(name, opts.namespace ?? 'default', opts.labels);
  if (opts.generateName) (metadata as { generateName?: string }).generateName = opts.generateName;
  return { kind: 'Pod', apiVersion: 'v1', metadata, spec: podSpec(containers, opts), source: locate(''), locate };
}

export interface ServiceOpts extends Partial<Omit<ServiceSpec, 'ports'>> {
  namespace?: string;
  ports?: (Partial<ServicePort> & { port: number })[];
  file?: string;
  annotations?: Record<string, string>;
}

export function service(name: string, opts: ServiceOpts = {}): LoadedService {
  const { namespace, ports, file, annotations, ...rest } = opts;
  const locate = locator(file ?? `${name}.yaml`);
  const spec: ServiceSpec = {
    type: 'ClusterIP',
    externalIPs: [],
    loadBalancerSourceRanges: [],
    sessionAffinity: 'None',
    publishNotReadyAddresses: false,
    ports: (ports ?? [{ port: 80 }]).map((p) => ({ protocol: 'TCP', targetPort: p.port, ...p }) as ServicePort),
    ...rest,
  };
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.type !== 'ExternalName' && !spec.internalTrafficPolicy) spec.internalTrafficPolicy = 'Cluster';
  const metadata = meta(name, namespace ?? 'default');
  if (annotations) metadata.annotations = annotations;
  return { kind: 'Service', apiVersion: 'v1', metadata, spec, source: locate(''), locate };
}

export interface WorkloadOpts extends PodOpts {
  replicas?: number;
  selector?: LabelSelector;
  serviceName?: string;
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  completions?: number;
  parallelism?: number;
  strategy?: WorkloadSpec['strategy'];
  minReadySeconds?: number;
}

export function workload(kind: WorkloadKind, name: string, containers: Container[], opts: WorkloadOpts = {}): LoadedWorkload {
  const locate = locator(opts.file ?? `${name}.yaml`);
  const labels = opts.labels ?? { app: name };
  const ns = opts.namespace ?? 'default';
  const spec: WorkloadSpec = {
    selector: opts.selector ?? { matchLabels: labels },
    template: { metadata: meta('', ns, labels), spec: podSpec(containers, opts) },
  };
  if (kind !== 'DaemonSet' && kind !== 'Job') spec.replicas = opts.replicas ?? 1;
  if (opts.serviceName) spec.serviceName = opts.serviceName;
  if (kind === 'StatefulSet') spec.podManagementPolicy = opts.podManagementPolicy ?? 'OrderedReady';
  if (opts.completions !== undefined) spec.completions = opts.completions;
  if (opts.parallelism !== undefined) spec.parallelism = opts.parallelism;
  if (opts.strategy) spec.strategy = opts.strategy;
  if (opts.minReadySeconds !== undefined) spec.minReadySeconds = opts.minReadySeconds;
  return {
    kind,
    apiVersion: kind === 'Job' ? 'batch/v1' : kind === 'ReplicationController' ? 'v1' : 'apps/v1',
    metadata: meta(name, ns, labels),
    spec,
    source: locate(''),
    locate,
  };
}

export interface NodeOpts {
  ip?: string;
  labels?: Labels;
  taints?: Taint[];
  cpu?: number;
  memory?: number;
  pods?: number;
  podCIDR?: string;
  unschedulable?: boolean;
}

export function node(name: string, opts: NodeOpts = {}): LoadedNode {
  const locate = locator(`nodes/${name}.yaml`);
  const capacity = { cpu: opts.cpu ?? 4000, memory: opts.memory ?? 8 * 1024 ** 3, pods: opts.pods ?? 110 };
  const n: LoadedNode = {
    kind: 'Node',
    apiVersion: 'v1',
    metadata: meta(name, '', opts.labels ?? {}),
    spec: { taints: opts.taints ?? [], unschedulable: opts.unschedulable ?? false },
    status: { capacity, allocatable: capacity, addresses: opts.ip ? [{ type: 'InternalIP', address: opts.ip }] : [] },
    source: locate(''),
    locate,
  };
  if (opts.podCIDR) n.spec.podCIDR = opts.podCIDR;
  return n;
}

export function settings(spec: SimulatorSettingsSpec): LoadedSettings {
  const locate = locator('cluster.yaml');
  return {
    kind: 'ClusterSettings',
    apiVersion: 'kube-traffic.dev/v1alpha1',
    metadata: meta('cluster', ''),
    spec,
    source: locate(''),
    locate,
  };
}

export function other(kind: string, name: string, namespace = 'default'): LoadedOther {
  const locate = locator(`${name}.yaml`);
  return { kind, apiVersion: 'v1', metadata: meta(name, namespace), raw: {}, source: locate(''), locate };
}

export function load(...objects: LoadedObject[]): LoadResult {
  return { objects, diagnostics: [], files: [...new Set(objects.map((o) => o.source.file))] };
}

/** The seed practice (assets/examples/seed), as the loader would hand it over. */
export function seedPractice(): LoadedObject[] {
  return [
    other('Namespace', 'pod-practice', ''),
    pod('pod-1', [container('container1', 'kubetm/p8000', { ports: [8000] }), container('container2', 'kubetm/p8080', { ports: [8080] })], {
      namespace: 'pod-practice',
      file: '1-pod/pod-1.yaml',
    }),
    other('Namespace', 'label-practice', ''),
    pod('pod-2', [container('container', 'kubetm/init')], {
      namespace: 'label-practice',
      labels: { type: 'web', lo: 'dev' },
      file: '2-label/pod-2.yaml',
    }),
    service('svc-1', { namespace: 'label-practice', selector: { type: 'web' }, ports: [{ port: 8080 }], file: '2-label/svc-1.yaml' }),
    pod('pod-1', [container('container', 'kubetm/app', { ports: [8080] })], {
      labels: { app: 'pod' },
      nodeSelector: { 'kubernetes.io/hostname': 'k8s-node1' },
      file: '3-clusterip/pod-1.yaml',
    }),
    service('svc-1', { selector: { app: 'pod' }, ports: [{ port: 9000, targetPort: 8080 }], file: '3-clusterip/svc-1.yaml' }),
    pod('pod-2', [container('container', 'kubetm/app', { ports: [8080] })], {
      labels: { app: 'pod' },
      nodeSelector: { 'kubernetes.io/hostname': 'k8s-node2' },
      file: '4-nodeport/pod-2.yaml',
    }),
    service('svc-2', {
      type: 'NodePort',
      selector: { app: 'pod' },
      ports: [{ port: 9000, targetPort: 8080, nodePort: 30000 }],
      externalTrafficPolicy: 'Local',
      file: '4-nodeport/svc-2.yaml',
    }),
    service('svc-3', {
      type: 'LoadBalancer',
      selector: { app: 'pod' },
      ports: [{ port: 9000, targetPort: 8080 }],
      file: '5-loadbalancer/svc-3.yaml',
    }),
  ];
}
