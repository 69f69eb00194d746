/**
 * kube-scheduler's default profile as a pure, explainable module. Callers keep one SchedulerCache
 * per cluster, call schedulePod for each pending pod and then addPod once it is bound.
 */
export type { PodToSchedule } from './podInfo';
export type { SchedulerCache } from './cache';
export type { ServiceSelector } from './spreadConstraints';
export type { ScheduleOptions, SchedulerResult } from './schedule';
export type { KubeletRejection } from './kubeletAdmission';
export { newSchedulerCache, addPod, removePod, updateNode, setServiceSelectors } from './cache';
export { schedulePod } from './schedule';
export { podRequests } from './resources';
export { kubeletAdmission } from './kubeletAdmission';
export { SCORE_WEIGHTS } from './scorePlugins';
