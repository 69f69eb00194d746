/**
 * The NetworkPolicy part of the renderer's snapshot: the policies as a list, and for each Pod the
 * policies that select it per direction. Which policies isolate a Pod is the engine's answer
 * (its PolicyIndex, the one the traces use), never worked out again here or in the renderer.
 */
import type { PodPolicies, PolicyCitation, PolicySummary } from '../src/api/contract';
import type { Cluster } from '../src/model/cluster';
import { objectKey } from '../src/model/componentId';
import type { NetworkPolicyState } from '../src/model/policy';
import { clusterIndex, selectorText } from '../src/engine/index';

export interface PolicySnapshot {
  networkPolicyEnforced: boolean;
  networkPolicies: PolicySummary[];
  podPolicies: Record<string, PodPolicies>;
}

function byNamespaceThenName(a: NetworkPolicyState, b: NetworkPolicyState): number {
  const x = `${a.namespace}/${a.name}`;
  const y = `${b.namespace}/${b.name}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

function citation(p: NetworkPolicyState): PolicyCitation {
  return { name: p.name, namespace: p.namespace, file: p.ref.file, line: p.ref.line };
}

export function policySnapshot(cluster: Cluster): PolicySnapshot {
  const policies = [...(cluster.networkPolicies ?? [])].sort(byNamespaceThenName);
  const index = clusterIndex(cluster).policies;
  const podPolicies: Record<string, PodPolicies> = {};
  const podCount = new Map<NetworkPolicyState, number>();
  if (policies.length > 0) {
    for (const pod of cluster.pods) {
      const ingress = index.isolating(pod, 'Ingress');
      const egress = index.isolating(pod, 'Egress');
      if (ingress.length === 0 && egress.length === 0) continue;
      podPolicies[objectKey('pod', pod.namespace, pod.name)] = { ingress: ingress.map(citation), egress: egress.map(citation) };
      for (const p of new Set([...ingress, ...egress])) podCount.set(p, (podCount.get(p) ?? 0) + 1);
    }
  }
  return {
    networkPolicyEnforced: index.enforced,
    networkPolicies: policies.map((p) => ({
      name: p.name,
      namespace: p.namespace,
      policyTypes: [...p.policyTypes],
      selects: selectorText(p.podSelector),
      podCount: podCount.get(p) ?? 0,
      ingressRules: p.ingress.length,
      egressRules: p.egress.length,
      file: p.source.file,
      line: p.source.line,
    })),
    podPolicies,
  };
}
