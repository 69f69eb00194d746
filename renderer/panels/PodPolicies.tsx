/**
 * A selected Pod's NetworkPolicy section: per direction, the policies isolating it with the line
 * each podSelector is written on, or that nothing does. Under flannel alone the same policies are
 * listed as selecting it, and said to be not enforced.
 */
import type { PodPolicies as Policies } from '../../src/api/contract';
import { type PolicyDirection, policyName } from '../model/policies';
import { ShieldIcon } from './ShieldIcon';
import { SourceLink } from '../source/SourceLink';

export interface PodPoliciesProps {
  policies: Policies | undefined;
  enforced: boolean;
}

const OPEN: Record<PolicyDirection, string> = {
  ingress: 'Not isolated: any source may connect to it.',
  egress: 'Not isolated: it may connect anywhere.',
};

const ISOLATED: Record<PolicyDirection, string> = {
  ingress: 'Only what their ingress rules allow gets in; everything else is dropped at the Pod.',
  egress: 'Only what their egress rules allow gets out (DNS too); everything else is dropped as it leaves.',
};

export function PodPolicies({ policies, enforced }: PodPoliciesProps) {
  return (
    <>
      <h4>NetworkPolicy</h4>
      <dl className="facts pod-policies">
        {(['ingress', 'egress'] as const).map((d) => {
          const list = policies?.[d] ?? [];
          return (
            <div key={d} className="policy-direction">
              <dt>
                {list.length > 0 && enforced && <ShieldIcon direction={d} />}
                {d === 'ingress' ? 'Ingress' : 'Egress'}
              </dt>
              <dd>
                {list.length === 0 ? (
                  <span className="muted">{OPEN[d]}</span>
                ) : (
                  <>
                    <span>{enforced ? 'Isolated by' : 'Selected by (not enforced under flannel)'}</span>
                    <ul className="policy-citations">
                      {list.map((p) => (
                        <li key={`${p.namespace}/${p.name}`}>
                          <strong>{policyName(p)}</strong> <SourceLink file={p.file} line={p.line} />
                        </li>
                      ))}
                    </ul>
                    {enforced && <span className="muted">{ISOLATED[d]}</span>}
                  </>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}
