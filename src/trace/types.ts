/**
 * The trace engine's derived data: what the cluster index holds (clusterIndex.ts) and what a parsed
 * request names (parse.ts). Plain data, shared by the routing modules; no behaviour here.
 */
import type {
  ContainerStatus,
  EndpointState,
  ExternalHost,
  ListenBind,
  NodeState,
  PodState,
  ServicePortState,
  ServiceState,
} from '../model/cluster';
import type { ComponentId } from '../model/componentId';
import type { LabelledRef } from '../model/source';
import type { ServiceChains } from './chains';
import type { HttpRequest } from './httpRequest';
import type { Protocol } from '../model/k8s';

export type NodeInterface = 'eth0' | 'cni0' | 'flannel.1';

/** One Service port as kube-proxy programs it. */
export interface PortEntry {
  readonly svc: ServiceState;
  readonly port: ServicePortState;
  readonly portIndex: number;
  /** ServicePortName.String(), e.g. `default/svc-1` or `default/web:http`. */
  readonly spn: string;
  /** Lower-case protocol, as hashed into chain names. */
  readonly proto: string;
  /** The Service's ComponentId, where its rule hops are drawn. */
  readonly svcId: ComponentId;
}

/** How a packet's destination names a Service port: its ClusterIP, a load-balancer IP or an externalIP. */
export interface VipEntry {
  readonly entry: PortEntry;
  readonly kind: 'clusterIP' | 'loadBalancer' | 'externalIP';
}

/** One endpoint of one Service port, resolved: where DNAT sends the packet. */
export interface Backend {
  readonly ep: EndpointState;
  readonly ip: string;
  readonly port: number;
  /** `IP:port`, kube-proxy's sort key and endpoint-chain hash input. */
  readonly addr: string;
  /** The KUBE-SEP-… chain name. */
  readonly sep: string;
  /** `DNAT to pod-1 10.244.1.2:8080 (targetPort 8080)`. */
  readonly dnatNote: string;
}

export interface BackendSet {
  readonly entry: PortEntry;
  readonly chains: ServiceChains;
  /** Usable cluster-wide endpoints in kube-proxy's order: Ready ones, else serving+terminating ones. */
  readonly all: readonly Backend[];
  /** Same rule applied per node (traffic policy Local). */
  readonly local: ReadonlyMap<string, readonly Backend[]>;
  /** Every endpoint that resolves this port, whatever its readiness (for explanations). */
  readonly listed: readonly Backend[];
}

/** A running container of a pod-network Pod listening on a port, with the containerPort line behind it. */
export interface PodListen {
  /** The Pod's ComponentId, where the delivery hop is drawn. */
  readonly podId: ComponentId;
  readonly container: ContainerStatus;
  /** Bound to fewer than all of the Pod's addresses (127.0.0.1 only, say). */
  readonly bind: ListenBind | undefined;
  readonly refs: LabelledRef[];
  /** The constant start of the delivery note. */
  readonly note: string;
}

/** A hostNetwork Pod's container listening on its node's port. */
export interface Listener {
  readonly pod: PodState;
  readonly container: ContainerStatus;
  /** Bound to fewer than all of the node's addresses (e.g. kube-scheduler on 127.0.0.1 only). */
  readonly bind: ListenBind | undefined;
}

/** A `hostPort` of a pod-network Pod: the CNI portmap plugin DNATs node:hostPort to podIP:containerPort. */
export interface HostPortMapping {
  readonly pod: PodState;
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol: string;
  /** Only this node address when set (spec.containers[].ports[].hostIP); every local address otherwise. */
  readonly hostIP: string | null;
  readonly ref: LabelledRef;
}

export type Source =
  | { readonly kind: 'external'; readonly id: ComponentId; readonly ip: string }
  | { readonly kind: 'node'; readonly id: ComponentId; readonly node: NodeState }
  | { readonly kind: 'pod'; readonly id: ComponentId; readonly pod: PodState; readonly node: NodeState; readonly route: string };

export interface Target {
  /** The target as the user named it, normalised (`svc/svc-1:9000`, `10.244.1.2:8080`). */
  readonly text: string;
  /** Destination address; null when the named thing has none (LB <pending>, headless Service, Pending pod). */
  readonly ip: string | null;
  readonly port: number;
  /** `ip:port`, the packet's first destination text (null without an address). */
  readonly addr: string | null;
  readonly protocol: Protocol;
  readonly named?: {
    kind: 'svc' | 'lb' | 'pod' | 'node' | 'host';
    svc?: ServiceState;
    pod?: PodState;
    node?: NodeState;
    host?: ExternalHost;
  };
  /** The Service port at `ip:port`, if any (resolved when the target is parsed). */
  readonly vip: VipEntry | undefined;
  /** The DNS name the target was given as (`svc-1`, `web.shop`), when it was one. */
  readonly dnsName?: string;
  /** The HTTP request, when the target was a URL or a curl command line. */
  readonly http?: HttpRequest;
}

/** How the packet matched the Service: its ClusterIP, a NodePort on a local address, an LB IP, an externalIP. */
export type Via = 'clusterIP' | 'nodePort' | 'loadBalancer' | 'externalIP';
/** Where the packet came from, as kube-proxy's rules tell apart. */
export type Origin = 'pod' | 'host' | 'wire';
/** Which traffic policy field decided: none, internalTrafficPolicy, externalTrafficPolicy. */
export type Policy = 'none' | 'itp' | 'etp';

export interface PolicyDecision {
  readonly policy: Policy;
  /** Endpoints the KUBE-SVC / KUBE-SVL chain picks from; empty when a Local policy finds none here. */
  readonly candidates: readonly Backend[];
  /** KUBE-SVC-… or KUBE-SVL-…. */
  readonly chain: string;
  /** Why these candidates, in words ('' for the plain cluster-wide case). */
  readonly note: string;
  /** Where the candidates are: `in the cluster` or `on NODE`. */
  readonly scope: string;
  /** KUBE-MARK-MASQ's reason, or null when the connection is not marked. */
  readonly masq: string | null;
  /** externalTrafficPolicy: Local keeps the client address. */
  readonly preserved: boolean;
}
