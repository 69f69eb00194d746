/**
 * networking.k8s.io/v1 NetworkPolicy as the engine evaluates it, and the namespaces whose labels its
 * namespaceSelectors read. Plain data, with the source line of every rule so a verdict can cite it.
 */
import type { LabelSelector, Labels, Protocol } from './k8s';
import type { LabelledRef, SourceRef } from './source';

export type PolicyDirection = 'Ingress' | 'Egress';

export interface PolicyIPBlock {
  cidr: string;
  except: string[];
}

/** One `from` / `to` entry: podSelector and namespaceSelector together are ANDed; ipBlock stands alone. */
export interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: PolicyIPBlock;
}

export interface PolicyPort {
  protocol: Protocol;
  /** A number, a container port name (resolved on the destination Pod), or absent: every port. */
  port?: number | string;
  endPort?: number;
}

export interface PolicyRule {
  /** Position in `spec.ingress` / `spec.egress`. */
  index: number;
  /** The peers; null when `from`/`to` is absent or empty: every source / destination. */
  peers: PolicyPeer[] | null;
  /** The ports; null when `ports` is absent or empty: every port. */
  ports: PolicyPort[] | null;
  /** The rule's line, labelled (`ingress[0] of NetworkPolicy x/allow-web`). */
  ref: LabelledRef;
}

export interface NetworkPolicyState {
  name: string;
  namespace: string;
  source: SourceRef;
  podSelector: LabelSelector;
  /** Defaulted as the API server does: Ingress always, Egress when egress rules exist. */
  policyTypes: PolicyDirection[];
  ingress: PolicyRule[];
  egress: PolicyRule[];
  /** The policy's podSelector line, for "isolated by" citations. */
  ref: LabelledRef;
}

export interface NamespaceState {
  name: string;
  /** Including the automatic `kubernetes.io/metadata.name`. */
  labels: Labels;
}
