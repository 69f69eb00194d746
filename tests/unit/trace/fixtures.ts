/**
 * Hand-built Clusters for the traffic engine's tests: the seed's kubeadm cluster (k8s-master, k8s-node1,
 * k8s-node2 on 192.168.64.0/24, flannel 10.244.N.0/24) and builders for variations. Endpoints are derived
 * from selectors and readiness the way the EndpointSlice controller does, so tests state intent, not data.
 */
import type {
  Cluster,
  ClusterSettings,
  ContainerStatus,
  EndpointState,
  NodeState,
  PodState,
  ServicePortState,
  ServiceState,
} from '../../../src/model/cluster';
import type { Protocol, ServiceType } from '../../../src/model/k8s';
import { DEFAULT_SETTINGS } from '../../../src/cluster/settings';

const CP_LABEL = 'node-role.kubernetes.io/control-plane';
export const EXCLUDE_LB = 'node.kubernetes.io/exclude-from-external-load-balancers';

export function settings(over: Partial<ClusterSettings> = {}): ClusterSettings {
  return {
    seed: 1,
    ...DEFAULT_SETTINGS,
    ...over,
  };
}

export function node(name: string, index: number, opts: { controlPlane?: boolean; labels?: Record<string, string> } = {}): NodeState {
  const cp = opts.controlPlane ?? false;
  const labels: Record<string, string> = { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...opts.labels };
  if (cp) {
    labels[CP_LABEL] = '';
    labels[EXCLUDE_LB] = '';
  }
  const res = { cpu: 2000, memory: 4 * 1024 ** 3, pods: 110 };
  return {
    name,
    ip: `192.168.64.${30 + index}`,
    podCIDR: `10.244.${index}.0/24`,
    bridgeIP: `10.244.${index}.1`,
    tunnelIP: `10.244.${index}.0`,
    roles: cp ? ['control-plane'] : [],
    labels,
    taints: cp ? [{ key: CP_LABEL, effect: 'NoSchedule' }] : [],
    unschedulable: false,
    capacity: res,
    allocatable: res,
    images: [],
    index,
    createdAt: 0,
  };
}

export interface ContainerOpts {
  name: string;
  image?: string;
  /** Declared containerPorts (and, unless `listens` says otherwise, what the process binds). */
  ports?: (number | { containerPort: number; name?: string; protocol?: Protocol })[];
  /** What the process really listens on; defaults to the declared ports. */
  listens?: number[];
  state?: 'running' | 'waiting' | 'terminated';
  reason?: string;
  message?: string;
  ready?: boolean;
}

export interface PodOpts {
  name: string;
  namespace?: string;
  node: string | null;
  ip: string | null;
  labels?: Record<string, string>;
  containers: ContainerOpts[];
  hostNetwork?: boolean;
  phase?: PodState['phase'];
  /** Overrides readiness (default: all containers ready and running). */
  ready?: boolean;
  status?: string;
  file?: string;
}

export function pod(o: PodOpts): PodState {
  const file = o.file ?? `${o.name}.yaml`;
  const containers: ContainerStatus[] = o.containers.map((c, i) => {
    const ports = (c.ports ?? []).map((p) =>
      typeof p === 'number'
        ? { containerPort: p, protocol: 'TCP' as Protocol }
        : { containerPort: p.containerPort, name: p.name, protocol: p.protocol ?? ('TCP' as Protocol) },
    );
    const state = c.state ?? 'running';
    const listening =
      state === 'running' ? (c.listens ?? ports.map((p) => p.containerPort)).map((port) => ({ port, protocol: 'TCP' as Protocol })) : [];
    return {
      name: c.name,
      image: c.image ?? 'kubetm/app',
      ports,
      state,
      reason: c.reason,
      message: c.message,
      restartCount: state === 'running' ? 0 : 5,
      ready: c.ready ?? state === 'running',
      listening,
      source: { file, line: 8 + i * 6, column: 5 },
    };
  });
  const ready = o.ready ?? containers.every((c) => c.ready);
  const phase = o.phase ?? (o.ip ? 'Running' : 'Pending');
  return {
    uid: `uid-${o.name}`,
    name: o.name,
    namespace: o.namespace ?? 'default',
    labels: o.labels ?? {},
    annotations: {},
    nodeName: o.node,
    ip: o.ip,
    phase,
    ready,
    status: o.status ?? containers.find((c) => c.reason)?.reason ?? phase,
    owner: null,
    containers,
    hostNetwork: o.hostNetwork ?? false,
    schedule: { node: o.node, rejected: {}, scores: {} },
    createdAt: 0,
    requests: { cpu: 0, memory: 0 },
    spec: {
      containers: containers.map((c) => ({
        name: c.name,
        image: c.image,
        ports: c.ports.map((p) => ({ ...p })),
        resources: { requests: {}, limits: {} },
      })),
      initContainers: [],
      nodeSelector: {},
      tolerations: [],
      topologySpreadConstraints: [],
      hostNetwork: o.hostNetwork ?? false,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
    },
    source: { file, line: 1, column: 1 },
  };
}

export interface ServiceOpts {
  name: string;
  namespace?: string;
  type?: ServiceType;
  clusterIP: string | null;
  selector?: Record<string, string> | null;
  ports: { port: number; targetPort?: number | string; nodePort?: number; name?: string; protocol?: Protocol }[];
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
  sessionAffinity?: 'None' | 'ClientIP';
  sessionAffinityTimeoutSeconds?: number;
  loadBalancerIP?: string | null;
  loadBalancerSourceRanges?: string[];
  externalIPs?: string[];
  healthCheckNodePort?: number;
  file?: string;
}

/** A Service whose endpoints are computed from `pods` like the EndpointSlice controller would. */
export function service(o: ServiceOpts, pods: PodState[]): ServiceState {
  const file = o.file ?? `${o.name}.yaml`;
  const type = o.type ?? 'ClusterIP';
  const ports: ServicePortState[] = o.ports.map((p, i) => ({
    name: p.name,
    protocol: p.protocol ?? 'TCP',
    port: p.port,
    targetPort: p.targetPort ?? p.port,
    nodePort: p.nodePort,
    source: { file, line: 8 + i * 3, column: 5 },
  }));
  const selector = o.selector === undefined ? null : o.selector;
  const ns = o.namespace ?? 'default';
  const endpoints: EndpointState[] = [];
  if (selector && Object.keys(selector).length > 0) {
    for (const p of pods) {
      if (p.namespace !== ns || !p.ip || !p.nodeName || p.phase === 'Succeeded' || p.phase === 'Failed') continue;
      if (!Object.entries(selector).every(([k, v]) => p.labels[k] === v)) continue;
      const epPorts = [];
      for (const sp of ports) {
        let num: number | undefined;
        if (typeof sp.targetPort === 'number') num = sp.targetPort;
        else {
          for (const c of p.containers) {
            const hit = c.ports.find((cp) => cp.name === sp.targetPort && cp.protocol === sp.protocol);
            if (hit) {
              num = hit.containerPort;
              break;
            }
          }
        }
        if (num !== undefined) epPorts.push({ name: sp.name ?? '', port: num, protocol: sp.protocol });
      }
      if (epPorts.length === 0) continue;
      endpoints.push({
        pod: p.name,
        namespace: ns,
        ip: p.ip,
        node: p.nodeName,
        ready: p.ready,
        serving: p.ready,
        terminating: false,
        ports: epPorts,
      });
    }
  }
  const etp = type === 'NodePort' || type === 'LoadBalancer' ? (o.externalTrafficPolicy ?? 'Cluster') : undefined;
  const ref = (line: number, path: string, label: string) => ({ file, line, column: 3, path, label });
  const refs: ServiceState['refs'] = {};
  if (selector)
    refs.selector = ref(
      5,
      'spec.selector',
      `selector: ${Object.entries(selector)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')}`,
    );
  refs.type = ref(7, 'spec.type', `type: ${type}`);
  if (etp) refs.externalTrafficPolicy = ref(12, 'spec.externalTrafficPolicy', `externalTrafficPolicy: ${etp}`);
  if (o.internalTrafficPolicy)
    refs.internalTrafficPolicy = ref(13, 'spec.internalTrafficPolicy', `internalTrafficPolicy: ${o.internalTrafficPolicy}`);
  if (o.sessionAffinity === 'ClientIP') refs.sessionAffinity = ref(14, 'spec.sessionAffinity', 'sessionAffinity: ClientIP');
  return {
    uid: `uid-${o.name}`,
    name: o.name,
    namespace: ns,
    labels: {},
    type,
    clusterIP: o.clusterIP,
    externalIPs: o.externalIPs ?? [],
    loadBalancerIP: o.loadBalancerIP ?? null,
    pendingReason: type === 'LoadBalancer' && !o.loadBalancerIP ? 'no load-balancer provider is configured' : undefined,
    selector,
    externalTrafficPolicy: etp,
    internalTrafficPolicy: o.internalTrafficPolicy ?? 'Cluster',
    sessionAffinity: o.sessionAffinity ?? 'None',
    sessionAffinityTimeoutSeconds: o.sessionAffinity === 'ClientIP' ? (o.sessionAffinityTimeoutSeconds ?? 10800) : undefined,
    healthCheckNodePort: o.healthCheckNodePort,
    publishNotReadyAddresses: false,
    loadBalancerSourceRanges: o.loadBalancerSourceRanges ?? [],
    ports,
    endpoints,
    createdAt: 0,
    source: { file, line: 1, column: 1 },
    refs,
  };
}

export function cluster(nodes: NodeState[], pods: PodState[], services: ServiceState[], over: Partial<ClusterSettings> = {}): Cluster {
  return {
    settings: settings(over),
    nodes,
    pods,
    services,
    workloads: [],
    objects: [],
    diagnostics: [],
    events: [],
    clock: 0,
    rngState: 1,
    ipam: {},
    serial: 0,
  };
}

export const seedNodes = (): NodeState[] => [node('k8s-master', 0, { controlPlane: true }), node('k8s-node1', 1), node('k8s-node2', 2)];

/** pod-1 from the seed's Pod practice (container1 :8000, container2 :8080), labelled app: pod, on k8s-node1. */
export const pod1 = (): PodState =>
  pod({
    name: 'pod-1',
    node: 'k8s-node1',
    ip: '10.244.1.2',
    labels: { app: 'pod' },
    containers: [
      { name: 'container1', image: 'kubetm/p8000', ports: [8000] },
      { name: 'container2', image: 'kubetm/p8080', ports: [8080] },
    ],
  });

/** pod-2 from the NodePort practice, on k8s-node2. */
export const pod2 = (): PodState =>
  pod({
    name: 'pod-2',
    node: 'k8s-node2',
    ip: '10.244.2.2',
    labels: { app: 'pod' },
    containers: [{ name: 'container', image: 'kubetm/app', ports: [8080] }],
  });

export const SVC1_IP = '10.104.23.155';
export const SVC2_IP = '10.99.46.4';
export const SVC3_IP = '10.101.27.153';

export const svc1 = (pods: PodState[]): ServiceState =>
  service({ name: 'svc-1', clusterIP: SVC1_IP, selector: { app: 'pod' }, ports: [{ port: 9000, targetPort: 8080 }] }, pods);
export const svc2 = (pods: PodState[]): ServiceState =>
  service(
    {
      name: 'svc-2',
      type: 'NodePort',
      clusterIP: SVC2_IP,
      selector: { app: 'pod' },
      ports: [{ port: 9000, targetPort: 8080, nodePort: 30000 }],
      externalTrafficPolicy: 'Local',
    },
    pods,
  );
export const svc3 = (pods: PodState[]): ServiceState =>
  service(
    {
      name: 'svc-3',
      type: 'LoadBalancer',
      clusterIP: SVC3_IP,
      selector: { app: 'pod' },
      ports: [{ port: 9000, targetPort: 8080, nodePort: 31547 }],
    },
    pods,
  );

/** The seed cluster: pod-1 on k8s-node1, pod-2 on k8s-node2 (unless left out), svc-1, svc-2 (NodePort 30000, Local), svc-3 (LB, <pending>). */
export function seedCluster(opts: { withoutPod2?: boolean } = {}): Cluster {
  const pods = opts.withoutPod2 ? [pod1()] : [pod1(), pod2()];
  return cluster(seedNodes(), pods, [svc1(pods), svc2(pods), svc3(pods)]);
}

/** kube-dns (10.96.0.10, 53/UDP) with one CoreDNS Pod on k8s-master, as kubeadm installs it: Pods can resolve names. */
export function withClusterDns(c: Cluster): Cluster {
  const coredns = pod({
    name: 'coredns-1',
    namespace: 'kube-system',
    node: 'k8s-master',
    ip: '10.244.0.2',
    labels: { 'k8s-app': 'kube-dns' },
    containers: [
      { name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.1', ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }] },
    ],
  });
  coredns.containers[0].listening = [{ port: 53, protocol: 'UDP' }];
  const kubeDns = service(
    {
      name: 'kube-dns',
      namespace: 'kube-system',
      clusterIP: '10.96.0.10',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [{ name: 'dns', port: 53, protocol: 'UDP' }],
    },
    [coredns],
  );
  return { ...c, pods: [...c.pods, coredns], services: [...c.services, kubeDns] };
}
