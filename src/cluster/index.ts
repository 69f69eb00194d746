/**
 * The cluster builder: manifests in, a simulated kubeadm + flannel cluster out (plain data), and
 * the operations a user performs on it. Every function is pure and deterministic.
 */
export { buildCluster } from './build';
export { reconcileCluster } from './reconcile';
export { deletePod, scaleWorkload, cordonNode, uncordonNode, drainNode, type DrainOptions } from './operations';
export { ClusterOperationError } from './errors';
export { resolveSettings, DEFAULT_SETTINGS } from './settings';
export { imagePorts, imageRepository } from './imageCatalog';
export { resolveTargetPort } from './endpoints';
export { computeHash, SAFE_ALPHABET } from './naming';
export { CLUSTER_CREATED_AT, FOLDER_APPLIED_AT, FIRST_LOOK_AT, OPERATION_STEP } from './clock';
export { advanceCluster, nextChangeAt, type Advanced } from './advance';
export { DEFAULT_GRACE_SECONDS } from './termination';
export { CONTAINER_START_SECONDS } from './rollout';
export { resolveFenceposts, scaledValue, newReplicaSetReplicas, oldScaleDownBudget, availableScaleDown } from './rolloutMath';
