/**
 * The traffic engine: kube-proxy (iptables mode) + flannel VXLAN on a simulated kubeadm cluster.
 * `traceRequests` turns "send N requests from here to there" into hop-by-hop traces and packet events.
 */
export { TraceUsageError } from './errors';
export { clusterIndex, type ClusterIndex } from './clusterIndex';
export { parseSource, parseTarget } from './parse';
export type { Source, Target } from './parse';
export { newNetState } from './netState';
export type { NetState } from './netState';
export { traceRequests, REQUEST_INTERVAL_S, MAX_TRACE_COUNT } from './run';
export { portProtoHash, serviceChains, endpointChain, servicePortName } from './chains';
