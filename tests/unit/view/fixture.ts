/** Hand-built clusters for the view tests (plain data, as the engine produces it). */
import type { Cluster, ContainerStatus, EndpointState, NodeState, PodState, ServiceState } from '../../../src/model/cluster';
import type { PodSpec } from '../../../src/model/k8s';
import { DEFAULT_SETTINGS } from '../../../src/cluster/settings';

const src = (file: string, line = 1) => ({ file, line, column: 1 });

export function node(name: string, ip: string, opts: Partial<NodeState> = {}): NodeState {
  const index = opts.index ?? 0;
  return {
    name,
    ip,
    podCIDR: `10.244.${index}.0/24`,
    bridgeIP: `10.244.${index}.1`,
    tunnelIP: `10.244.${index}.0`,
    roles: [],
    labels: { 'kubernetes.io/hostname': name },
    taints: [],
    unschedulable: false,
    capacity: { cpu: 2000, memory: 4 * 2 ** 30, pods: 110 },
    allocatable: { cpu: 2000, memory: 4 * 2 ** 30, pods: 110 },
    images: [],
    index,
    createdAt: 0,
    ...opts,
  };
}

export function container(name: string, opts: Partial<ContainerStatus> & { lastTerminatedAt?: number } = {}): ContainerStatus {
  return {
    name,
    image: 'kubetm/app',
    ports: [{ containerPort: 8080, protocol: 'TCP' }],
    state: 'running',
    restartCount: 0,
    ready: true,
    listening: [{ port: 8080, protocol: 'TCP' }],
    ...opts,
  };
}

const spec = (n: number): PodSpec => ({
  containers: Array.from({ length: n }, (_, i) => ({
    name: `c${i}`,
    image: 'kubetm/app',
    ports: [],
    resources: { requests: {}, limits: {} },
  })),
  initContainers: [],
  nodeSelector: {},
  tolerations: [],
  topologySpreadConstraints: [],
  hostNetwork: false,
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
});

export function pod(name: string, opts: Partial<PodState> = {}): PodState {
  const containers = opts.containers ?? [container('container')];
  return {
    uid: `uid-${name}`,
    name,
    namespace: 'default',
    labels: {},
    annotations: {},
    nodeName: null,
    ip: null,
    phase: 'Running',
    ready: true,
    status: 'Running',
    owner: null,
    containers,
    hostNetwork: false,
    schedule: { node: null, rejected: {}, scores: {} },
    createdAt: 0,
    requests: { cpu: 0, memory: 0 },
    spec: spec(containers.length),
    source: src(`${name}.yaml`),
    ...opts,
  };
}

export function endpoint(podName: string, ip: string, nodeName: string, opts: Partial<EndpointState> = {}): EndpointState {
  return {
    pod: podName,
    namespace: 'default',
    ip,
    node: nodeName,
    ready: true,
    serving: true,
    terminating: false,
    ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    ...opts,
  };
}

export function service(name: string, opts: Partial<ServiceState> = {}): ServiceState {
  return {
    uid: `uid-svc-${name}`,
    name,
    namespace: 'default',
    labels: {},
    type: 'ClusterIP',
    clusterIP: '10.96.0.100',
    externalIPs: [],
    loadBalancerIP: null,
    selector: { app: name },
    sessionAffinity: 'None',
    publishNotReadyAddresses: false,
    loadBalancerSourceRanges: [],
    ports: [{ protocol: 'TCP', port: 80, targetPort: 8080, source: src(`${name}.yaml`, 8) }],
    endpoints: [],
    createdAt: 0,
    source: src(`${name}.yaml`),
    refs: {},
    ...opts,
  };
}

export function cluster(parts: Partial<Cluster> = {}): Cluster {
  return {
    settings: {
      seed: 1,
      ...DEFAULT_SETTINGS,
    },
    nodes: [],
    pods: [],
    services: [],
    workloads: [],
    objects: [],
    diagnostics: [],
    events: [],
    clock: 0,
    rngState: 0,
    ipam: {},
    serial: 0,
    ...parts,
  };
}

/** The reference's NodePort example, shaped as the engine would build it. */
export const DAY = 24 * 3600;
