/** Everything about the pod being scheduled that the plugins need, computed once per cycle. */
import type { PodSpec } from '../model/k8s';
import type { SchedulerCache } from './cache';
import type { PodAffinitySpec } from './podAffinityTerms';
import { podAffinityOf, specInfo, type SpecInfo } from './podSpecInfo';
import { spreadConstraintsOf, type SpreadConstraint } from './spreadConstraints';

export interface PodToSchedule {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  spec: PodSpec;
  owner?: { kind: string; name: string } | null;
}

export interface PodInfo extends SpecInfo {
  pod: PodToSchedule;
  /** ScheduleAnyway constraints (or the system defaults) for scoring. */
  soft: SpreadConstraint[];
  /** Soft constraints are the user's own: nodes must carry every key to be scored. */
  softRequireAllKeys: boolean;
  /** DoNotSchedule constraints for the PodTopologySpread filter. */
  hard: SpreadConstraint[];
  /** Pod (anti-)affinity terms (InterPodAffinity). */
  podAffinity: PodAffinitySpec | null;
}

export function buildPodInfo(cache: SchedulerCache, pod: PodToSchedule): PodInfo {
  const spec = pod.spec;
  const s = specInfo(spec);
  return {
    pod,
    req: s.req,
    requestsNothing: s.requestsNothing,
    ports: s.ports,
    tolerations: s.tolerations,
    toleratesUnschedulable: s.toleratesUnschedulable,
    preferTolerations: s.preferTolerations,
    affinity: s.affinity,
    preferred: s.preferred,
    priority: s.priority,
    images: s.images,
    soft: spreadConstraintsOf(cache.services, pod, 'ScheduleAnyway'),
    softRequireAllKeys: (spec.topologySpreadConstraints ?? []).length > 0,
    hard: spreadConstraintsOf(cache.services, pod, 'DoNotSchedule'),
    podAffinity: podAffinityOf(spec, pod.namespace),
  };
}
