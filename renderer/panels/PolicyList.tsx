/**
 * The cluster's NetworkPolicies, in the summary panel: whether they are enforced (said once, here and
 * in the status bar, not on every trace), what the map's shields mean, and each policy with what it
 * selects and where it is written.
 */
import type { ClusterSnapshot, PolicySummary } from '../../src/api/contract';
import { policyName } from '../model/policies';
import { ShieldIcon } from './ShieldIcon';
import { SourceLink } from '../source/SourceLink';

/** What the policy does in a few words: `Ingress: 1 rule · Egress: none allowed`. */
function rulesText(p: PolicySummary): string {
  const part = (type: 'Ingress' | 'Egress', n: number) =>
    `${type}: ${n === 0 ? 'nothing allowed' : `${n} allow rule${n === 1 ? '' : 's'}`}`;
  return p.policyTypes.map((t) => part(t, t === 'Ingress' ? p.ingressRules : p.egressRules)).join(' · ');
}

export const NOT_ENFORCED =
  "NetworkPolicy is listed but not enforced: this cluster's CNI is flannel; set spec.cni: canal in the ClusterSettings to enforce it.";

export function PolicyList({ snapshot }: { snapshot: ClusterSnapshot }) {
  const policies = snapshot.networkPolicies;
  if (policies.length === 0) return null;
  const enforced = snapshot.settings.networkPolicyEnforced;
  return (
    <section className="policy-list" aria-label="NetworkPolicies">
      <h4>NetworkPolicies</h4>
      {enforced ? (
        <p className="hint policy-legend">
          Calico (canal) enforces them. On the map, <ShieldIcon direction="ingress" /> marks a Pod isolated for ingress,{' '}
          <ShieldIcon direction="egress" /> for egress.
        </p>
      ) : (
        <p className="notice tone-warn" role="note">
          {NOT_ENFORCED}
        </p>
      )}
      <ul>
        {policies.map((p) => (
          <li key={`${p.namespace}/${p.name}`}>
            <div>
              <strong>{policyName(p)}</strong> <SourceLink file={p.file} line={p.line} />
            </div>
            <div className="muted">
              selects {p.selects} ({p.podCount} Pod{p.podCount === 1 ? '' : 's'}) · {rulesText(p)}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
