/** NetworkPolicy as the API server takes it: defaulting, ValidateNetworkPolicySpec's words, and the line. */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../src/cluster/index';
import type { LoadedNetworkPolicy } from '../../../src/model/objects';
import { errors, load } from './helpers';

const np = (spec: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n${spec}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: { app: web }\nspec:\n  containers:\n  - { name: c, image: nginx, ports: [{ name: http, containerPort: 80 }] }\n`;

function policyOf(text: string): LoadedNetworkPolicy {
  return load(text).objects.find((o) => o.kind === 'NetworkPolicy') as LoadedNetworkPolicy;
}

describe('NetworkPolicy loading', () => {
  it('defaults policyTypes: Ingress always, Egress when egress rules exist', () => {
    expect(policyOf(np('  podSelector: {}')).spec.policyTypes).toEqual(['Ingress']);
    expect(policyOf(np('  podSelector: {}\n  egress:\n  - {}')).spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policyOf(np('  podSelector: {}\n  policyTypes: [Egress]')).spec.policyTypes).toEqual(['Egress']);
  });

  it('reports the API server’s errors at their lines, and the Pod beside it still loads', () => {
    const r = load(
      np(
        '  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: { cidr: 10.0.0.0/33 }\n    - ipBlock: { cidr: 10.0.0.0/8, except: [192.168.0.0/16] }\n    - {}\n    ports:\n    - { port: 90, endPort: 80 }\n    - { port: http, endPort: 81 }\n    - { protocol: ICMP }\n  policyTypes: [Ingress, Sideways]',
      ),
    );
    expect(errors(r).map((d) => `${d.line}: ${d.message}`)).toEqual([
      '13: spec.ingress[0].ports[0].endPort: Invalid value: 90: must be greater than or equal to `port`',
      '14: spec.ingress[0].ports[1].endPort: Invalid value: 81: may not be specified when `port` is non-numeric',
      '15: spec.ingress[0].ports[2].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
      '9: spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      '10: spec.ingress[0].from[1].ipBlock.except[0]: Invalid value: "192.168.0.0/16": must be a strict subset of `cidr`',
      '11: spec.ingress[0].from[2]: Required value: must specify a peer',
      '16: spec.policyTypes[1]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"',
    ]);
    expect(r.objects.map((o) => o.kind)).toEqual(['Pod']);
  });

  it('warns where a policy selects no Pod or names a port no Pod declares', () => {
    const c = buildCluster(
      load(np('  podSelector: { matchLabels: { app: db } }\n  ingress:\n  - ports:\n    - port: postgres\n    - port: http')),
      { seed: 1 },
    );
    const warnings = c.diagnostics.filter((d) => d.kind === 'NetworkPolicy').map((d) => `${d.line}: ${d.message}`);
    expect(warnings).toEqual([
      '6: spec.podSelector: app=db selects no Pod in namespace "default", so this policy isolates nothing',
      '9: spec.ingress[0].ports[0].port: no Pod declares a containerPort named "postgres", so this port matches nothing',
    ]);
  });
});
