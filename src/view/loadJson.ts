/**
 * The `kube-traffic load --json` document (../shared/cli-contract.md) and toLoadJson, which builds
 * it from a Cluster. The same document is the renderer's ClusterSnapshot base, so its order is
 * stable: nodes in join order, pods and services by namespace then name, objects by file and line.
 */
import type { Cluster, EndpointState, NodeState, PodState, ServiceState } from '../model/cluster';
import type { Diagnostic } from '../model/source';
import { nextChangeAt } from '../cluster/advance';

export interface LoadJson {
  nodes: {
    name: string;
    ip: string;
    podCIDR: string;
    roles: string[];
    labels: Record<string, string>;
    allocatable: { cpu: number; memory: number; pods?: number };
    taints: { key: string; value?: string; effect: string }[];
    unschedulable?: boolean;
  }[];
  pods: {
    name: string;
    namespace: string;
    node: string | null;
    ip: string | null;
    phase: string;
    ready: boolean;
    status?: string;
    labels: Record<string, string>;
    owner: string | null;
    containers: {
      name: string;
      image?: string;
      ports: { containerPort: number; name?: string; protocol: string }[];
      state: 'running' | 'waiting' | 'terminated';
      reason?: string;
      message?: string;
    }[];
    schedule: {
      node: string | null;
      message?: string;
      rejected: Record<string, string>;
      scores: Record<string, { total: number; plugins: Record<string, number> }>;
      /** How the Pod got its node: `spec.nodeName`, kube-scheduler, or the DaemonSet controller. */
      by?: 'nodeName' | 'scheduler' | 'daemonset';
      /** Nodes that tied at the top total (kube-scheduler picked among them at random, seeded here). */
      tie?: { score: number; count: number; nodes: string[] };
    };
    file?: string;
    line?: number;
    /** Part of the cluster itself (kube-system), not of the folder. Absent for the folder's Pods. */
    builtIn?: true;
    /** Being deleted: STATUS `Terminating` until `deletionTimestamp` (the cluster clock's seconds), when it is gone. */
    terminating?: true;
    deletionTimestamp?: number;
  }[];
  /** Deployments' ReplicaSets as `kubectl get rs` lists them (DESIRED, CURRENT, READY), by namespace then name. */
  replicaSets?: {
    name: string;
    namespace: string;
    deployment: string;
    templateHash: string;
    /** The Deployment's current template (kubectl describe deployment's NewReplicaSet); the others are its OldReplicaSets. */
    newReplicaSet: boolean;
    desired: number;
    current: number;
    ready: number;
  }[];
  /** The simulated clock (seconds) and when the cluster next changes on its own (a grace period ends, a rollout step); null: nothing due. */
  clock?: number;
  nextChangeAt?: number | null;
  services: {
    name: string;
    namespace: string;
    type: string;
    clusterIP: string | null;
    externalIP: string | null;
    selector: Record<string, string>;
    externalTrafficPolicy?: 'Cluster' | 'Local';
    internalTrafficPolicy?: 'Cluster' | 'Local';
    sessionAffinity: 'None' | 'ClientIP';
    ports: { name?: string; port: number; targetPort: number | string; nodePort?: number; protocol: string }[];
    /**
     * `pod` and `node` are null for an address no Pod has (a hand-made endpoint); `slice`, `managedBy`,
     * `mirroredFrom`, `file`, `line` say which hand-made or mirrored EndpointSlice it comes from;
     * `serving` and `terminating` are written for a terminating endpoint (EndpointSlice conditions).
     */
    endpoints: {
      pod: string | null;
      ip: string;
      node: string | null;
      ready: boolean;
      serving?: boolean;
      terminating?: true;
      slice?: string;
      managedBy?: string;
      mirroredFrom?: string;
      file?: string;
      line?: number;
    }[];
    healthCheckNodePort?: number;
    pendingReason?: string;
    /** spec.externalIPs, when set. */
    externalIPs?: string[];
    /** ExternalName Services: the DNS name they alias. */
    externalName?: string;
    file?: string;
    line?: number;
    /** `kubernetes`, `kube-dns`: created by the cluster, not the folder. */
    builtIn?: true;
  }[];
  objects: { kind: string; name: string; namespace: string; file: string; line: number }[];
  diagnostics: Diagnostic[];
}

/** Code-unit order: never locale-dependent, so the document is byte-identical everywhere. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedRecord(r: Readonly<Record<string, string>> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r ?? {}).sort(byCodeUnit)) out[k] = (r as Record<string, string>)[k];
  return out;
}

function nodeJson(n: NodeState): LoadJson['nodes'][number] {
  return {
    name: n.name,
    ip: n.ip,
    podCIDR: n.podCIDR,
    roles: [...n.roles],
    labels: sortedRecord(n.labels),
    allocatable: { cpu: n.allocatable.cpu, memory: n.allocatable.memory, pods: n.allocatable.pods },
    taints: n.taints.map((t) =>
      t.value !== undefined && t.value !== '' ? { key: t.key, value: t.value, effect: t.effect } : { key: t.key, effect: t.effect },
    ),
    unschedulable: n.unschedulable,
  };
}

function podJson(p: PodState): LoadJson['pods'][number] {
  const out: LoadJson['pods'][number] = {
    name: p.name,
    namespace: p.namespace,
    node: p.nodeName,
    ip: p.ip,
    phase: p.phase,
    ready: p.ready,
    status: p.status,
    labels: sortedRecord(p.labels),
    owner: p.owner ? `${p.owner.kind}/${p.owner.name}` : null,
    containers: p.containers.map((c) => {
      const cj: LoadJson['pods'][number]['containers'][number] = {
        name: c.name,
        image: c.image,
        ports: c.ports.map((port) =>
          port.name !== undefined
            ? { containerPort: port.containerPort, name: port.name, protocol: port.protocol }
            : { containerPort: port.containerPort, protocol: port.protocol },
        ),
        state: c.state,
      };
      if (c.reason !== undefined) cj.reason = c.reason;
      if (c.message !== undefined) cj.message = c.message;
      return cj;
    }),
    schedule: {
      node: p.schedule.node,
      ...(p.schedule.message !== undefined ? { message: p.schedule.message } : {}),
      rejected: { ...p.schedule.rejected },
      scores: Object.fromEntries(
        Object.entries(p.schedule.scores).map(([node, s]) => [node, { total: s.total, plugins: { ...s.plugins } }]),
      ),
      ...(p.schedule.by !== undefined ? { by: p.schedule.by } : {}),
      ...(p.schedule.tie !== undefined ? { tie: { ...p.schedule.tie, nodes: [...p.schedule.tie.nodes] } } : {}),
    },
  };
  if (p.builtIn) out.builtIn = true;
  else if (p.source) {
    out.file = p.source.file;
    out.line = p.source.line;
  }
  if (p.terminating) {
    out.status = 'Terminating';
    out.terminating = true;
    if (p.deletionTimestamp !== undefined) out.deletionTimestamp = p.deletionTimestamp;
  }
  return out;
}

function replicaSetsJson(c: Cluster): NonNullable<LoadJson['replicaSets']> {
  const out: NonNullable<LoadJson['replicaSets']> = [];
  for (const w of c.workloads) {
    if (w.kind !== 'Deployment' || !w.replicaSet) continue;
    const sets = w.replicaSets ?? [
      { name: w.replicaSet, templateHash: w.templateHash ?? '', replicas: w.replicas, createdAt: w.createdAt },
    ];
    for (const rs of sets) {
      const pods = c.pods.filter(
        (p) => p.namespace === w.namespace && p.owner?.kind === 'ReplicaSet' && p.owner.name === rs.name && !p.terminating,
      );
      out.push({
        name: rs.name,
        namespace: w.namespace,
        deployment: w.name,
        templateHash: rs.templateHash,
        newReplicaSet: rs.name === w.replicaSet,
        desired: rs.replicas,
        current: pods.length,
        ready: pods.filter((p) => p.ready).length,
      });
    }
  }
  return out.sort(byNamespaceThenName);
}

/** EXTERNAL-IP as one address: the load balancer's, else the first spec.externalIPs, else <pending> for a LoadBalancer. */
function externalIP(s: ServiceState): string | null {
  if (s.type === 'LoadBalancer') return s.loadBalancerIP ?? s.externalIPs[0] ?? '<pending>';
  if (s.type === 'ExternalName') return null;
  return s.externalIPs[0] ?? null;
}

function endpointJson(e: EndpointState): LoadJson['services'][number]['endpoints'][number] {
  const out: LoadJson['services'][number]['endpoints'][number] = { pod: e.pod, ip: e.ip, node: e.node, ready: e.ready };
  if (e.terminating) {
    out.serving = e.serving;
    out.terminating = true;
  }
  const o = e.origin;
  if (o) {
    out.slice = o.slice;
    out.managedBy = o.managedBy;
    if (o.mirroredFrom !== undefined) out.mirroredFrom = o.mirroredFrom;
    out.file = o.source.file;
    out.line = o.source.line;
  }
  return out;
}

function serviceJson(s: ServiceState): LoadJson['services'][number] {
  const out: LoadJson['services'][number] = {
    name: s.name,
    namespace: s.namespace,
    type: s.type,
    clusterIP: s.clusterIP,
    externalIP: externalIP(s),
    selector: sortedRecord(s.selector),
    ...(s.externalTrafficPolicy !== undefined ? { externalTrafficPolicy: s.externalTrafficPolicy } : {}),
    ...(s.internalTrafficPolicy !== undefined ? { internalTrafficPolicy: s.internalTrafficPolicy } : {}),
    sessionAffinity: s.sessionAffinity,
    ports: s.ports.map((p) => ({
      ...(p.name !== undefined && p.name !== '' ? { name: p.name } : {}),
      port: p.port,
      targetPort: p.targetPort,
      ...(p.nodePort ? { nodePort: p.nodePort } : {}),
      protocol: p.protocol,
    })),
    endpoints: s.endpoints.map(endpointJson),
  };
  if (s.healthCheckNodePort !== undefined) out.healthCheckNodePort = s.healthCheckNodePort;
  if (s.pendingReason !== undefined) out.pendingReason = s.pendingReason;
  if (s.externalIPs.length > 0) out.externalIPs = [...s.externalIPs];
  if (s.externalName !== undefined) out.externalName = s.externalName;
  if (s.builtIn) out.builtIn = true;
  else if (s.source) {
    out.file = s.source.file;
    out.line = s.source.line;
  }
  return out;
}

const byNamespaceThenName = <T extends { namespace: string; name: string }>(a: T, b: T): number =>
  byCodeUnit(a.namespace, b.namespace) || byCodeUnit(a.name, b.name);

/** The `load --json` document for a cluster. Pure; the same cluster gives the same bytes. */
export function toLoadJson(c: Cluster): LoadJson {
  return {
    nodes: [...c.nodes].sort((a, b) => a.index - b.index).map(nodeJson),
    pods: [...c.pods].sort(byNamespaceThenName).map(podJson),
    services: [...c.services].sort(byNamespaceThenName).map(serviceJson),
    objects: [...c.objects]
      .sort((a, b) => byCodeUnit(a.file, b.file) || a.line - b.line)
      .map((o) => ({ kind: o.kind, name: o.name, namespace: o.namespace, file: o.file, line: o.line })),
    diagnostics: c.diagnostics.map((d) => ({ ...d })),
    // Added with time (second wave), after the contract's first keys.
    replicaSets: replicaSetsJson(c),
    clock: c.clock,
    nextChangeAt: nextChangeAt(c),
  };
}
