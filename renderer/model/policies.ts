/**
 * How the view speaks of NetworkPolicy. Which policies isolate a Pod comes from the host (the
 * engine's answer, in the snapshot); this module only words it, and recognises the hops the engine
 * writes for a policy verdict.
 */
import type { PodPolicies, PolicyCitation } from '../../src/api/contract';
import { displayName } from '../../src/model/componentId';
import type { PacketEvent } from '../../src/model/trace';

export type PolicyDirection = 'ingress' | 'egress';

/** `x/deny-ingress`, or `deny-ingress` in namespace default, as the engine's notes name policies. */
export function policyName(p: { namespace: string; name: string }): string {
  return displayName(p.namespace, p.name);
}

function names(list: readonly PolicyCitation[]): string {
  const all = list.map(policyName);
  return all.length <= 1 ? (all[0] ?? '') : `${all.slice(0, -1).join(', ')} and ${all.at(-1)}`;
}

/** The directions a Pod is isolated in (some policy of that type selects it). */
export function isolatedDirections(p: PodPolicies | undefined): PolicyDirection[] {
  if (!p) return [];
  return (['ingress', 'egress'] as const).filter((d) => p[d].length > 0);
}

/**
 * One phrase for a Pod's accessible name and tooltip: `isolated by NetworkPolicy x/deny-ingress and
 * x/allow-from-y (ingress)`; directions isolated by the same policies share one phrase.
 */
export function isolationText(p: PodPolicies | undefined): string | null {
  const dirs = isolatedDirections(p);
  if (!p || dirs.length === 0) return null;
  const phrase = (list: readonly PolicyCitation[]) => `NetworkPolicy ${names(list)}`;
  if (dirs.length === 2 && names(p.ingress) === names(p.egress)) return `isolated by ${phrase(p.ingress)} (ingress and egress)`;
  return `isolated by ${dirs.map((d) => `${phrase(p[d])} (${d})`).join(' and ')}`;
}

/**
 * A policy verdict: the engine writes an `allow` or `drop` hop at the Pod, decided by Calico's
 * per-workload chains (`cali-tw-…` into the Pod's veth: ingress; `cali-fw-…` out of it: egress).
 * Other drops at a Pod (one without an IP) carry no such chain.
 */
export function policyVerdict(e: Pick<PacketEvent, 'action' | 'rule'>): { allowed: boolean; direction: PolicyDirection } | null {
  if (e.action !== 'allow' && e.action !== 'drop') return null;
  const rule = e.rule ?? '';
  const direction = rule.startsWith('cali-tw') ? 'ingress' : rule.startsWith('cali-fw') ? 'egress' : null;
  return direction ? { allowed: e.action === 'allow', direction } : null;
}
