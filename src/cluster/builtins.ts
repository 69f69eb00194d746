/**
 * The objects `kubeadm init` + the flannel manifest create before the folder is applied (all
 * `builtIn`): control-plane static pods on each control-plane node, the kube-proxy and kube-flannel
 * DaemonSets, the coredns Deployment, and the `default/kubernetes` and `kube-system/kube-dns`
 * Services. Requests, labels, tolerations and ports are those of kubeadm's and flannel's manifests.
 */
import type { NodeState } from '../model/cluster';
import type { Container, ContainerPort, Labels, PodSpec, Toleration, WorkloadSpec } from '../model/k8s';
import type { LoadedPod, LoadedWorkload } from '../model/objects';
import { BUILT_IN_SOURCE } from './diagnostics';
import type { ServiceInput } from './serviceInput';

const K8S_VERSION = 'v1.30.2';
const MI = 1024 * 1024;
const SYSTEM_NODE_CRITICAL = 2000001000;
const SYSTEM_CLUSTER_CRITICAL = 2000000000;

const locate = () => BUILT_IN_SOURCE;

export function container(
  name: string,
  image: string,
  opts: { cpu?: number; memory?: number; ports?: ContainerPort[]; readinessProbe?: unknown } = {},
): Container {
  const requests: Container['resources']['requests'] = {};
  if (opts.cpu !== undefined) requests.cpu = opts.cpu;
  if (opts.memory !== undefined) requests.memory = opts.memory;
  const c: Container = { name, image, ports: opts.ports ?? [], resources: { requests, limits: {} } };
  if (opts.readinessProbe) c.readinessProbe = opts.readinessProbe;
  return c;
}

export function podSpec(containers: Container[], extra: Partial<PodSpec> = {}): PodSpec {
  return {
    containers,
    initContainers: [],
    nodeSelector: {},
    tolerations: [],
    topologySpreadConstraints: [],
    hostNetwork: false,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    ...extra,
  };
}

function meta(name: string, namespace: string, labels: Labels = {}) {
  return { name, namespace, labels, annotations: {} };
}

/** kubeadm's static pod manifests (/etc/kubernetes/manifests), mirrored as `<component>-<node>`. */
export function staticPods(node: NodeState): LoadedPod[] {
  const components: [string, Container][] = [
    ['etcd', container('etcd', 'registry.k8s.io/etcd:3.5.12-0', { cpu: 100, memory: 100 * MI })],
    [
      'kube-apiserver',
      container('kube-apiserver', `registry.k8s.io/kube-apiserver:${K8S_VERSION}`, {
        cpu: 250,
        readinessProbe: { httpGet: { host: node.ip, path: '/readyz', port: 6443, scheme: 'HTTPS' } },
      }),
    ],
    [
      'kube-controller-manager',
      container('kube-controller-manager', `registry.k8s.io/kube-controller-manager:${K8S_VERSION}`, { cpu: 200 }),
    ],
    ['kube-scheduler', container('kube-scheduler', `registry.k8s.io/kube-scheduler:${K8S_VERSION}`, { cpu: 100 })],
  ];
  return components.map(([component, c]) => ({
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: meta(`${component}-${node.name}`, 'kube-system', { component, tier: 'control-plane' }),
    spec: podSpec([c], {
      nodeName: node.name,
      hostNetwork: true,
      priority: SYSTEM_NODE_CRITICAL,
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
    }),
    source: BUILT_IN_SOURCE,
    locate,
  }));
}

export function workload(
  kind: LoadedWorkload['kind'],
  name: string,
  namespace: string,
  labels: Labels,
  spec: Omit<WorkloadSpec, 'template'> & { podLabels: Labels; pod: PodSpec },
): LoadedWorkload {
  const { podLabels, pod, ...rest } = spec;
  return {
    kind,
    apiVersion: 'apps/v1',
    metadata: meta(name, namespace, labels),
    spec: { ...rest, selector: { matchLabels: podLabels }, template: { metadata: meta('', namespace, podLabels), spec: pod } },
    source: BUILT_IN_SOURCE,
    locate,
  };
}

export const linux: Labels = { 'kubernetes.io/os': 'linux' };

/** kube-proxy (kubeadm addon) and kube-flannel-ds (kube-flannel.yml): host network, on every node. */
export function builtInDaemonSets(): LoadedWorkload[] {
  const everything: Toleration[] = [{ operator: 'Exists' }];
  const proxy = workload(
    'DaemonSet',
    'kube-proxy',
    'kube-system',
    { 'k8s-app': 'kube-proxy' },
    {
      podLabels: { 'k8s-app': 'kube-proxy' },
      pod: podSpec([container('kube-proxy', `registry.k8s.io/kube-proxy:${K8S_VERSION}`)], {
        hostNetwork: true,
        nodeSelector: { ...linux },
        tolerations: everything,
        priority: SYSTEM_NODE_CRITICAL,
      }),
    },
  );
  const flannel = workload(
    'DaemonSet',
    'kube-flannel-ds',
    'kube-flannel',
    { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' },
    {
      podLabels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' },
      pod: podSpec([container('kube-flannel', 'docker.io/flannel/flannel:v0.25.4', { cpu: 100, memory: 50 * MI })], {
        hostNetwork: true,
        initContainers: [
          container('install-cni-plugin', 'docker.io/flannel/flannel-cni-plugin:v1.4.1-flannel1'),
          container('install-cni', 'docker.io/flannel/flannel:v0.25.4'),
        ],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }],
            },
          },
        },
        tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
        priority: SYSTEM_NODE_CRITICAL,
      }),
    },
  );
  return [proxy, flannel];
}

/** kubeadm's CoreDNS addon: 2 replicas, 100m / 70Mi, tolerating the control-plane taint. */
export function coreDns(): LoadedWorkload {
  const ports: ContainerPort[] = [
    { containerPort: 53, name: 'dns', protocol: 'UDP' },
    { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
    { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
  ];
  const dnsLabels = { 'k8s-app': 'kube-dns' };
  return workload('Deployment', 'coredns', 'kube-system', dnsLabels, {
    replicas: 2,
    podLabels: dnsLabels,
    pod: podSpec(
      [
        container('coredns', 'registry.k8s.io/coredns/coredns:v1.11.1', {
          cpu: 100,
          memory: 70 * MI,
          ports,
          readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
        }),
      ],
      {
        nodeSelector: { ...linux },
        tolerations: [
          { key: 'CriticalAddonsOnly', operator: 'Exists' },
          { key: 'node-role.kubernetes.io/control-plane', operator: 'Equal', effect: 'NoSchedule' },
        ],
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 100,
                podAffinityTerm: {
                  labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
                  topologyKey: 'kubernetes.io/hostname',
                },
              },
            ],
          },
        },
        priority: SYSTEM_CLUSTER_CRITICAL,
      },
    ),
  });
}

export function service(
  name: string,
  namespace: string,
  labels: Labels,
  spec: Partial<ServiceInput['spec']> & Pick<ServiceInput['spec'], 'ports'>,
): ServiceInput {
  return {
    kind: 'Service',
    metadata: { name, namespace, labels, annotations: {} },
    spec: {
      type: 'ClusterIP',
      externalIPs: [],
      loadBalancerSourceRanges: [],
      sessionAffinity: 'None',
      publishNotReadyAddresses: false,
      internalTrafficPolicy: 'Cluster',
      ...spec,
    },
    source: BUILT_IN_SOURCE,
    locate,
    builtIn: true,
  };
}

/** `kubernetes` takes the range's 1st address, `kube-dns` its 10th (kubeadm GetDNSIP). */
export function builtInServices(kubernetesIP: string, dnsIP: string): ServiceInput[] {
  return [
    service(
      'kubernetes',
      'default',
      { component: 'apiserver', provider: 'kubernetes' },
      {
        clusterIP: kubernetesIP,
        ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 }],
      },
    ),
    service(
      'kube-dns',
      'kube-system',
      { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      {
        clusterIP: dnsIP,
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', protocol: 'UDP', port: 53, targetPort: 53 },
          { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: 53 },
          { name: 'metrics', protocol: 'TCP', port: 9153, targetPort: 9153 },
        ],
      },
    ),
  ];
}
