/**
 * The subset of the Kubernetes API (core/v1, apps/v1, batch/v1) the engine reads, *after* the loader
 * has validated and defaulted it the way the API server does. Field names are Kubernetes' own.
 */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type Labels = Record<string, string>;

export interface ObjectMeta {
  name: string;
  /** '' for cluster-scoped objects (Node). */
  namespace: string;
  labels: Labels;
  annotations: Record<string, string>;
  generateName?: string;
  uid?: string;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}
export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface ContainerPort {
  containerPort: number;
  name?: string;
  protocol: Protocol;
  hostPort?: number;
  hostIP?: string;
}

/** Quantities are already parsed: cpu in millicores, everything else in bytes/units. */
export interface ResourceList {
  cpu?: number;
  memory?: number;
  [resource: string]: number | undefined;
}

export interface Container {
  name: string;
  image: string;
  ports: ContainerPort[];
  resources: { requests: ResourceList; limits: ResourceList };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  command?: string[];
  args?: string[];
}

export interface Toleration {
  key?: string;
  operator: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}
export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
  preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; preference: NodeSelectorTerm }[];
}

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelector;
  minDomains?: number;
}

export interface PodSpec {
  containers: Container[];
  initContainers: Container[];
  nodeName?: string;
  nodeSelector: Labels;
  affinity?: { nodeAffinity?: NodeAffinity; podAffinity?: unknown; podAntiAffinity?: unknown };
  tolerations: Toleration[];
  topologySpreadConstraints: TopologySpreadConstraint[];
  hostNetwork: boolean;
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  schedulerName: string;
  priority?: number;
  hostname?: string;
  subdomain?: string;
  /** Absent = `ClusterFirst` (SetDefaults_PodSpec). */
  dnsPolicy?: DnsPolicy;
  dnsConfig?: PodDnsConfig;
  /** Seconds a deleted Pod stays Terminating (the API server's default, 30, when absent). */
  terminationGracePeriodSeconds?: number;
  /** Readiness gates etc. are ignored. */
}

export type DnsPolicy = 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';

/** spec.dnsConfig: merged into the resolv.conf the dnsPolicy produces (replaces it under `None`). */
export interface PodDnsConfig {
  nameservers: string[];
  searches: string[];
  options: { name: string; value?: string }[];
}

export interface PodTemplate {
  metadata: ObjectMeta;
  spec: PodSpec;
}

export interface ServicePort {
  name?: string;
  protocol: Protocol;
  port: number;
  /** Defaulted to `port` when absent, as the API server does. */
  targetPort: number | string;
  nodePort?: number;
  appProtocol?: string;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServiceSpec {
  type: ServiceType;
  selector?: Labels;
  ports: ServicePort[];
  /** User-requested; undefined = allocate. 'None' = headless. */
  clusterIP?: string;
  clusterIPs?: string[];
  externalIPs: string[];
  externalName?: string;
  loadBalancerIP?: string;
  loadBalancerSourceRanges: string[];
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
  sessionAffinity: 'None' | 'ClientIP';
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds: number } };
  healthCheckNodePort?: number;
  publishNotReadyAddresses: boolean;
  allocateLoadBalancerNodePorts?: boolean;
  /** Which load-balancer implementation serves it; unset = the default one. */
  loadBalancerClass?: string;
  /** `PreferClose` (v1.31); kube-proxy's zone hints, not modelled beyond validation. */
  trafficDistribution?: string;
}

export interface NodeSpecK8s {
  podCIDR?: string;
  podCIDRs?: string[];
  taints: Taint[];
  unschedulable: boolean;
}
export interface NodeStatusK8s {
  capacity: ResourceList;
  allocatable: ResourceList;
  addresses: { type: string; address: string }[];
  images?: { names: string[]; sizeBytes: number }[];
}

/** Controllers — only what shapes their Pods. */
/** apps/v1 DeploymentStrategy, defaulted as the API server does. */
export interface DeploymentStrategy {
  type: 'RollingUpdate' | 'Recreate';
  /** RollingUpdate only: an int or a percentage of spec.replicas ("25%"). */
  rollingUpdate?: { maxSurge: number | string; maxUnavailable: number | string };
}

export interface WorkloadSpec {
  replicas?: number;
  selector?: LabelSelector;
  template: PodTemplate;
  /** StatefulSet */
  serviceName?: string;
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  /** Deployment: how a new template replaces the old Pods (absent: RollingUpdate 25%/25%). */
  strategy?: DeploymentStrategy;
  /** Deployment: seconds a new Pod must stay Ready before it counts as available (absent: 0). */
  minReadySeconds?: number;
  /** Job */
  completions?: number;
  parallelism?: number;
}
