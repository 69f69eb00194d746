/** Small builders for scheduler tests: nodes, pods to schedule, bound pods. */
import type { NodeState, PodState } from '../../../src/model/cluster';
import type { Container, PodSpec, Taint } from '../../../src/model/k8s';
import type { PodToSchedule } from '../../../src/scheduler';

export const GiB = 1024 * 1024 * 1024;
export const MiB = 1024 * 1024;

export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

export interface NodeOpts {
  cpu?: number;
  memory?: number;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
  extra?: Record<string, number>;
}

let nodeIndex = 0;

export function node(name: string, o: NodeOpts = {}): NodeState {
  const alloc = { cpu: o.cpu ?? 2000, memory: o.memory ?? 4 * GiB, pods: o.pods ?? 110, ...(o.extra ?? {}) };
  return {
    name,
    ip: '192.168.64.' + (30 + (nodeIndex % 200)),
    podCIDR: '10.244.0.0/24',
    bridgeIP: '10.244.0.1',
    tunnelIP: '10.244.0.0',
    roles: [],
    labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(o.labels ?? {}) },
    taints: o.taints ?? [],
    unschedulable: o.unschedulable ?? false,
    capacity: { ...alloc },
    allocatable: alloc,
    images: o.images ?? [],
    index: nodeIndex++,
    createdAt: 0,
  };
}

/** The seed's cluster: a tainted control plane and two 2-CPU / 4-GiB workers. */
export function seedNodes(): NodeState[] {
  return [
    node('k8s-master', { taints: [CONTROL_PLANE_TAINT], labels: { 'node-role.kubernetes.io/control-plane': '' } }),
    node('k8s-node1'),
    node('k8s-node2'),
  ];
}

export function container(name: string, requests: Container['resources']['requests'] = {}, extra: Partial<Container> = {}): Container {
  return { name, image: 'nginx', ports: [], resources: { requests, limits: {} }, ...extra };
}

export function spec(o: Partial<PodSpec> = {}): PodSpec {
  return {
    containers: [container('c')],
    initContainers: [],
    nodeSelector: {},
    tolerations: [],
    topologySpreadConstraints: [],
    hostNetwork: false,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    ...o,
  };
}

export function pod(name: string, s: Partial<PodSpec> = {}, extra: Partial<PodToSchedule> = {}): PodToSchedule {
  return { name, namespace: 'default', labels: { app: name }, spec: spec(s), owner: null, ...extra };
}

/** A pod requesting `cpu` millicores and `memory` bytes in one container. */
export function sized(name: string, cpu?: number, memory?: number, extra: Partial<PodToSchedule> = {}): PodToSchedule {
  const requests: Record<string, number> = {};
  if (cpu !== undefined) requests.cpu = cpu;
  if (memory !== undefined) requests.memory = memory;
  return pod(name, { containers: [container('c', requests)] }, extra);
}

let uid = 0;

/** The PodState addPod needs for a pod bound to `nodeName`. */
export function bound(p: PodToSchedule, nodeName: string, extra: Partial<PodState> = {}): PodState {
  return {
    uid: 'uid-' + uid++,
    name: p.name,
    namespace: p.namespace,
    labels: p.labels,
    annotations: {},
    nodeName,
    ip: null,
    phase: 'Running',
    ready: true,
    status: 'Running',
    owner: p.owner ?? null,
    containers: [],
    hostNetwork: p.spec.hostNetwork,
    schedule: { node: nodeName, rejected: {}, scores: {} },
    createdAt: 0,
    requests: { cpu: 0, memory: 0 },
    spec: p.spec,
    source: { file: 'test.yaml', line: 1, column: 1 },
    ...extra,
  };
}
