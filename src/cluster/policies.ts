/**
 * NetworkPolicies and Namespaces as the cluster keeps them: the policy's rules with the line each is
 * written on, and each namespace's labels with the automatic `kubernetes.io/metadata.name` (set by the
 * API server since v1.21, so namespaceSelectors can name a namespace).
 */
import type { PodState } from '../model/cluster';
import type { LabelSelector } from '../model/k8s';
import type { LoadedNetworkPolicy, LoadResult } from '../model/objects';
import type { NamespaceState, NetworkPolicyState, PolicyRule } from '../model/policy';
import type { Diagnostic } from '../model/source';
import { matchesLabelSelector } from '../util/labels';
import { objectDiagnostic } from './diagnostics';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function networkPoliciesOf(load: LoadResult): NetworkPolicyState[] {
  const out: NetworkPolicyState[] = [];
  for (const o of load.objects) if (o.kind === 'NetworkPolicy') out.push(policyStateOf(o as LoadedNetworkPolicy));
  return out;
}

function policyStateOf(o: LoadedNetworkPolicy): NetworkPolicyState {
  const { name, namespace } = o.metadata;
  const who = namespace === 'default' ? name : `${namespace}/${name}`;
  const rules = (key: 'ingress' | 'egress'): PolicyRule[] =>
    o.spec[key].map((r, index) => {
      const path = `spec.${key}[${index}]`;
      return { index, peers: r.peers, ports: r.ports, ref: { ...o.locate(path), path, label: `${key}[${index}] of NetworkPolicy ${who}` } };
    });
  return {
    name,
    namespace,
    source: o.source,
    podSelector: o.spec.podSelector,
    policyTypes: o.spec.policyTypes,
    ingress: rules('ingress'),
    egress: rules('egress'),
    ref: {
      ...o.locate('spec.podSelector'),
      path: 'spec.podSelector',
      label: `NetworkPolicy ${who} selects ${selectorText(o.spec.podSelector)} (${o.spec.policyTypes.join(', ')})`,
    },
  };
}

/** `app=web`, `{}` (every Pod in the namespace), or the expressions as kubectl prints them. */
export function selectorText(sel: LabelSelector): string {
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`);
  }
  return parts.length === 0 ? 'every Pod in the namespace ({})' : parts.join(',');
}

/** Namespaces the folder declares, with their labels (the automatic one added). */
export function namespacesOf(load: LoadResult): NamespaceState[] {
  const out: NamespaceState[] = [];
  for (const o of load.objects) {
    if (o.kind !== 'Namespace') continue;
    out.push({ name: o.metadata.name, labels: { ...(o.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: o.metadata.name } });
  }
  return out;
}

/**
 * What a policy author most likely got wrong, said at the line (the API server accepts all of it):
 * a podSelector that selects no Pod, and a named port that no Pod the rule could reach declares.
 */
export function policyWarnings(load: LoadResult, pods: readonly PodState[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const portNames = new Set<string>();
  for (const p of pods) for (const c of p.spec.containers) for (const cp of c.ports ?? []) if (cp.name) portNames.add(cp.name);
  for (const o of load.objects) {
    if (o.kind !== 'NetworkPolicy') continue;
    const np = o as LoadedNetworkPolicy;
    const ns = np.metadata.namespace;
    const selected = pods.some((p) => p.namespace === ns && matchesLabelSelector(np.spec.podSelector, p.labels));
    if (!selected) {
      out.push(
        objectDiagnostic(
          np,
          'warning',
          'spec.podSelector',
          `spec.podSelector: ${selectorText(np.spec.podSelector)} selects no Pod in namespace "${ns}", so this policy isolates nothing`,
        ),
      );
    }
    for (const key of ['ingress', 'egress'] as const) {
      np.spec[key].forEach((rule, i) =>
        (rule.ports ?? []).forEach((port, j) => {
          if (typeof port.port !== 'string' || portNames.has(port.port)) return;
          const path = `spec.${key}[${i}].ports[${j}].port`;
          out.push(
            objectDiagnostic(
              np,
              'warning',
              path,
              `${path}: no Pod declares a containerPort named "${port.port}", so this port matches nothing`,
            ),
          );
        }),
      );
    }
  }
  return out;
}
