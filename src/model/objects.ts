import type { SourceRef } from './source';
import type { LabelSelector, NodeSpecK8s, NodeStatusK8s, ObjectMeta, PodSpec, ServiceSpec, WorkloadSpec } from './k8s';
import type { PolicyDirection, PolicyPeer, PolicyPort } from './policy';

/** Maps an API field path (`spec.ports[0].targetPort`) to where it is written; falls back to the nearest ancestor. */
export type Locator = (path: string) => SourceRef;

interface LoadedBase {
  apiVersion: string;
  metadata: ObjectMeta;
  /** Position of the object itself (its first line). */
  source: SourceRef;
  locate: Locator;
}

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'ReplicationController' | 'DaemonSet' | 'StatefulSet' | 'Job';

export const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'DaemonSet',
  'StatefulSet',
  'Job',
];

export interface LoadedPod extends LoadedBase {
  kind: 'Pod';
  spec: PodSpec;
}
export interface LoadedService extends LoadedBase {
  kind: 'Service';
  spec: ServiceSpec;
}
export interface LoadedNode extends LoadedBase {
  kind: 'Node';
  spec: NodeSpecK8s;
  status: NodeStatusK8s;
}
export interface LoadedWorkload extends LoadedBase {
  kind: WorkloadKind;
  spec: WorkloadSpec;
}
export interface LoadedSettings extends LoadedBase {
  kind: 'ClusterSettings';
  spec: SimulatorSettingsSpec;
}
/** A NetworkPolicy's spec as decoded, with `policyTypes` defaulted. */
export interface NetworkPolicySpec {
  podSelector: LabelSelector;
  policyTypes: PolicyDirection[];
  ingress: { peers: PolicyPeer[] | null; ports: PolicyPort[] | null }[];
  egress: { peers: PolicyPeer[] | null; ports: PolicyPort[] | null }[];
}
export interface LoadedNetworkPolicy extends LoadedBase {
  kind: 'NetworkPolicy';
  spec: NetworkPolicySpec;
}
/** A backend as written: `port.name` and `port.number` both decoded so validation can refuse both. */
export interface IngressBackendSpec {
  service?: { name: string; port: { name: string; number: number } };
  resource?: { apiGroup?: string; kind: string; name: string };
}
export interface HTTPIngressPathSpec {
  path: string;
  /** No default in networking.k8s.io/v1: absent is refused ("pathType must be specified"). */
  pathType?: string;
  backend: IngressBackendSpec;
}
/** An Ingress's spec as decoded (Go's zero values where a field is absent; `rules` null when absent). */
export interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: IngressBackendSpec;
  rules: { host: string; http?: { paths: HTTPIngressPathSpec[] } }[] | null;
  tls: { hosts: string[]; secretName: string }[];
}
export interface LoadedIngress extends LoadedBase {
  kind: 'Ingress';
  spec: IngressSpec;
}
export interface IngressClassSpec {
  controller: string;
  /** Accepted and validated, never acted on; `scope` defaulted to Cluster as the API server does. */
  parameters?: { apiGroup?: string; kind: string; name: string; scope: string; namespace?: string };
}
export interface LoadedIngressClass extends LoadedBase {
  kind: 'IngressClass';
  spec: IngressClassSpec;
}
/** core/v1 EndpointAddress as decoded. */
export interface EndpointAddressSpec {
  ip: string;
  hostname: string;
  nodeName?: string;
  targetRef?: { kind: string; name: string; namespace: string };
}
/** core/v1 EndpointPort, `protocol` defaulted to TCP. */
export interface EndpointsPortSpec {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}
export interface EndpointSubsetSpec {
  addresses: EndpointAddressSpec[];
  notReadyAddresses: EndpointAddressSpec[];
  ports: EndpointsPortSpec[];
}
/** A v1 Endpoints written by hand (no `spec`: its `subsets` are top-level). */
export interface LoadedEndpoints extends LoadedBase {
  kind: 'Endpoints';
  subsets: EndpointSubsetSpec[];
}
/** discovery.k8s.io/v1 Endpoint as decoded: conditions stay unset (null) where not written. */
export interface SliceEndpointSpec {
  addresses: string[];
  conditions: { ready: boolean | null; serving: boolean | null; terminating: boolean | null };
  hostname?: string;
  nodeName?: string;
  zone?: string;
  targetRef?: { kind: string; name: string; namespace: string };
}
/** discovery.k8s.io/v1 EndpointPort, `name` defaulted to "" and `protocol` to TCP. */
export interface SlicePortSpec {
  name: string;
  port: number | null;
  protocol: string;
  appProtocol?: string;
}
/** A discovery.k8s.io/v1 EndpointSlice (top-level addressType, endpoints, ports). */
export interface LoadedEndpointSlice extends LoadedBase {
  kind: 'EndpointSlice';
  addressType: string;
  endpoints: SliceEndpointSpec[];
  ports: SlicePortSpec[];
}
/** policy/v1 PodDisruptionBudgetSpec as decoded; `selector` absent (null) selects no Pods, `{}` every Pod of the namespace. */
export interface PodDisruptionBudgetSpec {
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  selector?: LabelSelector;
  unhealthyPodEvictionPolicy?: string;
}
export interface LoadedPodDisruptionBudget extends LoadedBase {
  kind: 'PodDisruptionBudget';
  spec: PodDisruptionBudgetSpec;
}
/** Anything else (ConfigMap, Secret, CRDs…): kept and listed, not simulated. */
export interface LoadedOther extends LoadedBase {
  kind: string;
  raw: Record<string, unknown>;
}

export type LoadedObject =
  | LoadedPod
  | LoadedService
  | LoadedNode
  | LoadedWorkload
  | LoadedSettings
  | LoadedNetworkPolicy
  | LoadedIngress
  | LoadedIngressClass
  | LoadedEndpoints
  | LoadedEndpointSlice
  | LoadedPodDisruptionBudget
  | LoadedOther;

/**
 * The simulator settings object (`apiVersion: kube-traffic.dev/v1alpha1`, `kind: ClusterSettings`),
 * at most one per folder. Every field is optional; defaults are the seed's kubeadm + flannel cluster.
 */
export interface SimulatorSettingsSpec {
  /** Nodes to create when the folder has no Node manifests (default: the seed's three). */
  nodes?: SettingsNode[];
  /** Default 10.244.0.0/16 (flannel). */
  podCIDR?: string;
  /** Default 10.96.0.0/12 (kubeadm). */
  serviceCIDR?: string;
  /** Per-node podCIDR mask, default 24. */
  nodeCIDRMaskSize?: number;
  /** Default "30000-32767". */
  nodePortRange?: string;
  /** Only iptables is modelled. */
  proxyMode?: 'iptables';
  /** Off by default, as in the seed: LoadBalancer services stay <pending>. */
  /** `loadBalancerClass`: MetalLB's `--lb-class`; it then serves only Services of that class. */
  loadBalancer?: { provider: 'none' | 'metallb'; addresses?: string[]; loadBalancerClass?: string };
  /** Node network, default 192.168.64.0/24. */
  nodeNetwork?: string;
  /** The external client's address, default 192.168.64.1. */
  externalClientIP?: string;
  /** `flannel` (default: NetworkPolicy listed, not enforced) or `canal` (flannel's datapath, Calico's policy). */
  cni?: string;
  /** Cluster add-ons to install, as `minikube addons enable` would: `ingress-nginx`. */
  addons?: string[];
  /** Hosts outside the cluster, as written; checked when the cluster is built (their IPs must not be the cluster's). */
  externalHosts?: SettingsExternalHost[];
}

/** One `spec.externalHosts[i]` as written: ports are numbers or `PORT/PROTOCOL` texts (`53/UDP`). */
export interface SettingsExternalHost {
  name?: string;
  ip?: string;
  ports?: (number | string)[];
}

export interface SettingsNode {
  name: string;
  ip?: string;
  roles?: string[];
  labels?: Record<string, string>;
  cpu?: string | number;
  memory?: string | number;
  pods?: number;
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  unschedulable?: boolean;
}

export interface LoadResult {
  objects: LoadedObject[];
  diagnostics: import('./source').Diagnostic[];
  /** Every file considered, relative to the folder, in the order read. */
  files: string[];
}
