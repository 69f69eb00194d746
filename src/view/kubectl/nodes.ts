/** `kubectl get nodes [-o wide]` rows (printers.go printNode, findNodeRoles). */
import type { Cluster, NodeState } from '../../model/cluster';
import {
  age,
  byCodeUnit,
  SIMULATED_CONTAINER_RUNTIME,
  SIMULATED_KERNEL_VERSION,
  SIMULATED_KUBELET_VERSION,
  SIMULATED_OS_IMAGE,
} from './common';

export const NODE_COLUMNS = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
export const NODE_WIDE_COLUMNS = ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'];

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** Roles from `node-role.kubernetes.io/<role>` label keys and the `kubernetes.io/role` value, sorted. */
export function nodeRoles(node: NodeState): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.labels)) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  // The engine also records roles it assigned (e.g. from settings) in case it did not label them.
  for (const r of node.roles) if (r) roles.add(r);
  return [...roles].sort(byCodeUnit);
}

export function nodeRow(cluster: Cluster, node: NodeState, wide: boolean): string[] {
  // Simulated kubelets always post Ready; cordoning appends SchedulingDisabled.
  const status = node.unschedulable ? 'Ready,SchedulingDisabled' : 'Ready';
  const roles = nodeRoles(node).join(',') || '<none>';
  const row = [node.name, status, roles, age(cluster, node.createdAt), SIMULATED_KUBELET_VERSION];
  if (wide) row.push(node.ip || '<none>', '<none>', SIMULATED_OS_IMAGE, SIMULATED_KERNEL_VERSION, SIMULATED_CONTAINER_RUNTIME);
  return row;
}
