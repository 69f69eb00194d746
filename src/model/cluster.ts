import type { Diagnostic, LabelledRef, SourceRef } from './source';
import type { IngressClassState, IngressState } from './ingress';
import type { NamespaceState, NetworkPolicyState } from './policy';
import type { LabelSelector, Labels, PodSpec, Protocol, ServiceType, Taint, WorkloadSpec } from './k8s';
import type { WorkloadKind } from './objects';
import type { EndpointOrigin, EndpointSliceState, EndpointsObjectState } from './endpointSlice';

/** Resolved simulator settings (all defaults applied). */
export interface ClusterSettings {
  seed: number;
  podCIDR: string;
  serviceCIDR: string;
  nodeCIDRMaskSize: number;
  nodePortRange: { min: number; max: number };
  proxyMode: 'iptables';
  /** MetalLB serves Services whose `spec.loadBalancerClass` equals its `loadBalancerClass` (both unset by default). */
  loadBalancer: { provider: 'none' } | { provider: 'metallb'; addresses: string[]; loadBalancerClass?: string };
  nodeNetwork: string;
  externalClientIP: string;
  clusterDomain: string;
  /** `flannel`: VXLAN, NetworkPolicy not enforced (the seed). `canal`: the same datapath, Calico enforces NetworkPolicy. */
  cni: 'flannel' | 'canal';
  /** Add-ons installed with the cluster (`ingress-nginx`). */
  addons: ClusterAddon[];
  /** Hosts outside the cluster (`spec.externalHosts`): they answer on their ports; a named one resolves through the host resolver. */
  externalHosts: ExternalHost[];
}

export type ClusterAddon = 'ingress-nginx';

/** A machine outside the cluster, e.g. the database behind a selectorless Service. */
export interface ExternalHost {
  /** A DNS name the host resolver (nodes, the external client, dnsPolicy Default, CoreDNS upstream) answers for. */
  name?: string;
  ip: string;
  ports: { port: number; protocol: Protocol }[];
}

export interface Resources {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
  pods: number;
  [resource: string]: number;
}

export interface NodeState {
  name: string;
  /** InternalIP */
  ip: string;
  podCIDR: string;
  /** cni0 bridge address (.1 of podCIDR): the pods' gateway and the SNAT address for same-node hairpin/masquerade. */
  bridgeIP: string;
  /** flannel.1 address (.0 of podCIDR): SNAT address when a masqueraded packet crosses to another node. */
  tunnelIP: string;
  roles: string[];
  labels: Labels;
  taints: Taint[];
  unschedulable: boolean;
  capacity: Resources;
  allocatable: Resources;
  images: { names: string[]; sizeBytes: number }[];
  /** Order in which the node joined (drives podCIDR allocation). */
  index: number;
  createdAt: number;
  source?: SourceRef;
}

export type ContainerRunState = 'running' | 'waiting' | 'terminated';

/**
 * A socket bound to fewer than all addresses (0.0.0.0): kubeadm starts kube-controller-manager and
 * kube-scheduler with `--bind-address=127.0.0.1`, and etcd's metrics on 127.0.0.1 only.
 */
export interface ListenBind {
  /** Reachable on 127.0.0.1 (from the same network namespace). */
  loopback: boolean;
  /** Reachable on the host's own address (the node's InternalIP for a hostNetwork Pod, else the Pod IP). */
  hostIP: boolean;
  /** What binds it so, in the component's own words: `--bind-address=127.0.0.1`. */
  flag: string;
}

export interface ContainerStatus {
  name: string;
  image: string;
  ports: { containerPort: number; name?: string; protocol: Protocol }[];
  state: ContainerRunState;
  /** e.g. CrashLoopBackOff, Completed, ContainerCreating */
  reason?: string;
  /** Why, in a sentence: "bind: address already in use (port 8080 is taken by container1)". */
  message?: string;
  restartCount: number;
  ready: boolean;
  /** Ports this container actually listens on (what a SYN can reach). */
  listening: { port: number; protocol: Protocol; bind?: ListenBind }[];
  source?: SourceRef;
}

export interface PluginScores {
  total: number;
  plugins: Record<string, number>;
}

export interface ScheduleResult {
  node: string | null;
  /** FailedScheduling text, exactly as kube-scheduler words it. */
  message?: string;
  /** node → first failing filter's reason */
  rejected: Record<string, string>;
  /** node → weighted total and per-plugin 0–100 scores */
  scores: Record<string, PluginScores>;
  /** How the pod got its node: bound by nodeName, by the scheduler, or by the DaemonSet controller. */
  by?: 'nodeName' | 'scheduler' | 'daemonset';
  /** Several feasible nodes shared the top total: selectHost picked among them at random (seeded). */
  tie?: ScoreTie;
}

/** The nodes that tied at the top score, so "Why here?" can say the pick was a coin toss. */
export interface ScoreTie {
  /** The shared weighted total. */
  score: number;
  /** How many nodes had it (at least 2). */
  count: number;
  /** Their names in evaluation order, the chosen node always among them (capped in a large cluster). */
  nodes: string[];
}

export interface OwnerRef {
  kind: string;
  name: string;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodState {
  uid: string;
  name: string;
  namespace: string;
  labels: Labels;
  annotations: Record<string, string>;
  nodeName: string | null;
  ip: string | null;
  phase: PodPhase;
  ready: boolean;
  /** Short status as kubectl's STATUS column prints it (Running, Pending, CrashLoopBackOff, Completed…). */
  status: string;
  owner: OwnerRef | null;
  containers: ContainerStatus[];
  hostNetwork: boolean;
  schedule: ScheduleResult;
  /** Simulated seconds since cluster start. */
  createdAt: number;
  /** Effective requests used by the scheduler (millicores / bytes), without the non-zero defaults. */
  requests: { cpu: number; memory: number };
  spec: PodSpec;
  source: SourceRef;
  /** Set when the pod is being deleted (terminating endpoint). */
  terminating?: boolean;
  /** metadata.deletionTimestamp: when a Terminating pod's grace period ends and it is gone (simulated seconds). */
  deletionTimestamp?: number;
  /**
   * When its Ready condition turned (or will turn) true. Absent: at creation. A pod a rollout creates
   * starts not Ready and becomes Ready at this time (see cluster/advance.ts).
   */
  readyAt?: number;
  /** Part of the cluster itself (kube-system: coredns, kube-proxy, flannel, control-plane static pods), not the folder. */
  builtIn?: boolean;
}

export interface EndpointPort {
  /** The Service port's name ('' when unnamed) this resolves. */
  name: string;
  port: number;
  protocol: Protocol;
}

/** One address of an EndpointSlice. */
export interface EndpointState {
  /** The Pod at this address; null for an address no Pod has (a node, a host outside the cluster). */
  pod: string | null;
  namespace: string;
  ip: string;
  /** The endpoint's nodeName (what kube-proxy's Local traffic policies compare); null when unset. */
  node: string | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** Resolved ports, one per Service port the pod can serve (named targetPorts resolved per pod). */
  ports: EndpointPort[];
  /** The hand-made or mirrored EndpointSlice it comes from; absent for the endpointslice controller's (from a Pod). */
  origin?: EndpointOrigin;
}

export interface ServicePortState {
  name?: string;
  protocol: Protocol;
  port: number;
  targetPort: number | string;
  nodePort?: number;
  source: SourceRef;
  /** Where each field is written; absent when the API server defaulted it or the allocator chose it. */
  fieldSources?: Partial<Record<'port' | 'targetPort' | 'nodePort', SourceRef>>;
}

export interface ServiceState {
  uid: string;
  name: string;
  namespace: string;
  /** metadata.labels (what `kubectl get svc -l` filters on). */
  labels: Labels;
  type: ServiceType;
  /** IP, 'None' (headless) or null (ExternalName). */
  clusterIP: string | null;
  externalIPs: string[];
  /** status.loadBalancer.ingress[0].ip when a provider assigned one. */
  loadBalancerIP: string | null;
  /** Why there is no load-balancer address, when type is LoadBalancer and it is <pending>. */
  pendingReason?: string;
  externalName?: string;
  /** null = no selector (endpoints are managed by hand). */
  selector: Labels | null;
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
  sessionAffinity: 'None' | 'ClientIP';
  sessionAffinityTimeoutSeconds?: number;
  healthCheckNodePort?: number;
  publishNotReadyAddresses: boolean;
  loadBalancerSourceRanges: string[];
  ports: ServicePortState[];
  endpoints: EndpointState[];
  createdAt: number;
  source: SourceRef;
  /** Lines a verdict can point at: selector, type, externalTrafficPolicy, internalTrafficPolicy, sessionAffinity. */
  refs: Partial<
    Record<'selector' | 'type' | 'externalTrafficPolicy' | 'internalTrafficPolicy' | 'sessionAffinity' | 'clusterIP', LabelledRef>
  >;
  /** Built in by the cluster (kubernetes, kube-dns), not from the folder. */
  builtIn?: boolean;
}

export interface WorkloadState {
  kind: WorkloadKind;
  name: string;
  namespace: string;
  /** Desired replicas (DaemonSet: number of eligible nodes; Job: parallelism). */
  replicas: number;
  spec: WorkloadSpec;
  /** For Deployments: the ReplicaSet it owns (name with pod-template-hash). */
  replicaSet?: string;
  templateHash?: string;
  /** Deployments: every ReplicaSet it owns with its spec.replicas, oldest first (absent: only `replicaSet`, at `replicas`). */
  replicaSets?: ReplicaSetState[];
  /** Deployments: when the rollout in progress started (absent: none in progress). */
  rolloutStartedAt?: number;
  source: SourceRef;
  createdAt: number;
  /** Where each template container is written (spec.template.spec.containers[i]), for pods created later. */
  containerSources?: SourceRef[];
  /** Part of the cluster itself (coredns, kube-proxy, kube-flannel), not the folder. */
  builtIn?: boolean;
}

/** A Deployment's ReplicaSet, as `kubectl get rs` lists it (DESIRED = replicas). */
export interface ReplicaSetState {
  name: string;
  /** Its pod-template-hash label. */
  templateHash: string;
  replicas: number;
  createdAt: number;
}

/** Something the cluster did on its own as simulated time passed (a Pod became Ready, a rollout step). */
export interface ClusterChange {
  /** Simulated seconds (the cluster clock). */
  at: number;
  text: string;
}

/** A Kubernetes Event, as `kubectl get events` would list it. */
export interface ClusterEvent {
  time: number;
  type: 'Normal' | 'Warning';
  reason: string;
  object: string;
  message: string;
}

/** Kubernetes object in the folder that the simulation does not act on (ConfigMap, Ingress…), kept and listed. */
export interface ObjectSummary {
  kind: string;
  name: string;
  namespace: string;
  file: string;
  line: number;
  /** Whether the engine models it (Pod, Service, Deployment…) or only lists it. */
  simulated: boolean;
}

/**
 * The whole simulated cluster. Plain data: can be cloned, serialised and compared.
 * Every random choice made so far is reflected in `rngState`, so operations replay byte for byte.
 */
export interface Cluster {
  settings: ClusterSettings;
  nodes: NodeState[];
  pods: PodState[];
  services: ServiceState[];
  workloads: WorkloadState[];
  objects: ObjectSummary[];
  diagnostics: Diagnostic[];
  events: ClusterEvent[];
  /** Simulated seconds since the cluster was created (AGE columns derive from it). */
  clock: number;
  rngState: number;
  /** host-local IPAM: per node, the last index handed out (round-robin, never reuses at once). */
  ipam: Record<string, number>;
  /** Monotonic counter for uids and generated names. */
  serial: number;
  /**
   * kube-scheduler's round-robin `nextStartNodeIndex`: where the next scheduling cycle starts
   * looking, so an operation continues where the last one stopped (absent: 0).
   */
  schedulerStartIndex?: number;
  /** The folder's NetworkPolicies (absent: none). Enforced only when `settings.cni` is `canal`. */
  networkPolicies?: NetworkPolicyState[];
  /** Namespaces the folder declares, with their labels (absent: none; others have only the automatic label). */
  namespaces?: NamespaceState[];
  /** The folder's Ingresses in apply order, each with its resolved class (absent: none); an ingress-nginx controller routes those of its classes. */
  ingresses?: IngressState[];
  /** The folder's IngressClasses (absent: none); add-ons bring their own (cluster/addons.ts). */
  ingressClasses?: IngressClassState[];
  /** The folder's hand-made Endpoints (absent: none). */
  endpointsObjects?: EndpointsObjectState[];
  /** The folder's EndpointSlices and those mirrored from its Endpoints (absent: none). */
  endpointSlices?: EndpointSliceState[];
  /** The folder's PodDisruptionBudgets (absent: none); evictions (drain) honour them. */
  podDisruptionBudgets?: PodDisruptionBudgetState[];
}

/** A policy/v1 PodDisruptionBudget as the cluster keeps it (desired state: its status is computed when asked). */
export interface PodDisruptionBudgetState {
  name: string;
  namespace: string;
  source: SourceRef;
  /** Absent: selects no Pod; `{}`: every Pod of its namespace. */
  selector?: LabelSelector;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  /** Absent: IfHealthyBudget. */
  unhealthyPodEvictionPolicy?: string;
}
