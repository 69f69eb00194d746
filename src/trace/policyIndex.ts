/**
 * NetworkPolicy as Calico enforces it for a canal cluster (Kubernetes' semantics, docs "Network
 * Policies" and the upstream e2e model in test/e2e/network/netpol): a Pod is isolated for a direction
 * once any policy with that policyType selects it; then only what some rule of those policies allows
 * passes (rules are additive). Peers are matched on the packet's addresses where Calico sees it.
 */
import type { Cluster, PodState } from '../model/cluster';
import type { Labels } from '../model/k8s';
import type { NetworkPolicyState, PolicyDirection, PolicyPeer, PolicyPort, PolicyRule } from '../model/policy';
import { NAMESPACE_NAME_LABEL } from '../cluster/policies';
import { ipInCidr } from '../util/ip';
import { matchesLabelSelector } from '../util/labels';

/** A rule that let the packet through. */
export interface PolicyMatch {
  readonly policy: NetworkPolicyState;
  readonly rule: PolicyRule;
}

export interface PolicyVerdict {
  readonly allowed: boolean;
  /** The policies isolating the Pod in this direction; empty: not isolated, allowed by default. */
  readonly isolatedBy: readonly NetworkPolicyState[];
  /** The first rule (in policy order) that allows the packet, if any. */
  readonly match: PolicyMatch | null;
}

/** The other end of the packet as the policy sees it: an address, and the Pod that has it, if any. */
export interface PolicyPeerAddress {
  readonly ip: string;
  readonly pod: PodState | null;
}

const NOT_ISOLATED: PolicyVerdict = { allowed: true, isolatedBy: [], match: null };

export class PolicyIndex {
  /** Calico enforces policies only in a canal cluster; flannel alone lists them. */
  readonly enforced: boolean;
  private readonly byNamespace = new Map<string, NetworkPolicyState[]>();
  private readonly namespaceLabels = new Map<string, Labels>();
  private readonly ingressOf = new Map<PodState, readonly NetworkPolicyState[]>();
  private readonly egressOf = new Map<PodState, readonly NetworkPolicyState[]>();

  constructor(c: Cluster) {
    this.enforced = c.settings.cni === 'canal';
    for (const p of c.networkPolicies ?? []) {
      const list = this.byNamespace.get(p.namespace);
      if (list) list.push(p);
      else this.byNamespace.set(p.namespace, [p]);
    }
    for (const ns of c.namespaces ?? []) this.namespaceLabels.set(ns.name, ns.labels);
  }

  /** A namespace's labels; one the folder does not declare still has its automatic name label. */
  labelsOf(namespace: string): Labels {
    let labels = this.namespaceLabels.get(namespace);
    if (labels === undefined) this.namespaceLabels.set(namespace, (labels = { [NAMESPACE_NAME_LABEL]: namespace }));
    return labels;
  }

  /** The policies that select this Pod for a direction (hostNetwork Pods are outside NetworkPolicy). */
  isolating(pod: PodState, direction: PolicyDirection): readonly NetworkPolicyState[] {
    const memo = direction === 'Ingress' ? this.ingressOf : this.egressOf;
    let list = memo.get(pod);
    if (list === undefined) {
      list = pod.hostNetwork
        ? []
        : (this.byNamespace.get(pod.namespace) ?? []).filter(
            (p) => p.policyTypes.includes(direction) && matchesLabelSelector(p.podSelector, pod.labels),
          );
      memo.set(pod, list);
    }
    return list;
  }

  /**
   * Whether a connection passes `subject`'s policies for one direction. `peer` is the other end (the
   * source for Ingress, the destination for Egress); `port` the destination port, whose names are
   * resolved on `portOwner` (the destination Pod).
   */
  verdict(
    direction: PolicyDirection,
    subject: PodState,
    peer: PolicyPeerAddress,
    port: number,
    protocol: string,
    portOwner: PodState | null,
  ): PolicyVerdict {
    const isolatedBy = this.isolating(subject, direction);
    if (isolatedBy.length === 0) return NOT_ISOLATED;
    for (const policy of isolatedBy) {
      const rules = direction === 'Ingress' ? policy.ingress : policy.egress;
      for (const rule of rules) {
        if (this.ruleAllows(policy, rule, peer, port, protocol, portOwner)) return { allowed: true, isolatedBy, match: { policy, rule } };
      }
    }
    return { allowed: false, isolatedBy, match: null };
  }

  private ruleAllows(
    policy: NetworkPolicyState,
    rule: PolicyRule,
    peer: PolicyPeerAddress,
    port: number,
    protocol: string,
    portOwner: PodState | null,
  ): boolean {
    if (rule.ports !== null && !rule.ports.some((p) => portMatches(p, port, protocol, portOwner))) return false;
    return rule.peers === null || rule.peers.some((p) => this.peerMatches(policy, p, peer));
  }

  private peerMatches(policy: NetworkPolicyState, p: PolicyPeer, peer: PolicyPeerAddress): boolean {
    if (p.ipBlock) return ipInCidr(peer.ip, p.ipBlock.cidr) && !p.ipBlock.except.some((e) => ipInCidr(peer.ip, e));
    // Pod and namespace selectors name Pods: a node or an outside address never matches them.
    const pod = peer.pod;
    if (pod === null || pod.hostNetwork) return false;
    if (p.namespaceSelector) {
      if (!matchesLabelSelector(p.namespaceSelector, this.labelsOf(pod.namespace))) return false;
    } else if (pod.namespace !== policy.namespace) return false;
    return p.podSelector === undefined || matchesLabelSelector(p.podSelector, pod.labels);
  }
}

/** A rule's port: by number (with endPort, a range) or by a name the destination Pod's containers declare. */
function portMatches(p: PolicyPort, port: number, protocol: string, portOwner: PodState | null): boolean {
  if (p.protocol !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'number') return port >= p.port && port <= (p.endPort ?? p.port);
  if (portOwner === null) return false;
  for (const c of portOwner.spec.containers) {
    for (const cp of c.ports ?? []) if (cp.name === p.port && (cp.protocol ?? 'TCP') === protocol && cp.containerPort === port) return true;
  }
  return false;
}
