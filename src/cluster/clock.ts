/**
 * The simulated clock (seconds since `kubeadm init`). Fixed, documented moments keep every run
 * deterministic and make AGE columns look like a real session:
 * - t = 0: the nodes join and the cluster's own objects (kube-system, kube-flannel) are created;
 * - t = 600 (10m): the folder is applied (`kubectl apply -f DIR`);
 * - t = 690: the cluster as first shown, so folder objects are `90s` old and nodes `11m30s`;
 * - every operation (delete, scale, cordon, drain, re-apply) then moves the clock 5 s on.
 */
export const CLUSTER_CREATED_AT = 0;
export const FOLDER_APPLIED_AT = 600;
export const FIRST_LOOK_AT = 690;
export const OPERATION_STEP = 5;
/** StatefulSet pods under OrderedReady start one after another, a couple of seconds apart. */
export const ORDERED_POD_GAP = 2;
/** Kubernetes keeps events for an hour; we keep the most recent ones. */
export const MAX_EVENTS = 10000;
