/**
 * The trace's names for things: ComponentIds (made by src/model/componentId.ts; built per hop, since a
 * memo measured no faster), names in sentences, and addresses.
 */
import type { NodeState, PodState, ServiceState } from '../model/cluster';
import { type ComponentId, displayName as namespacedName, nodeComponentId, objectComponentId } from '../model/componentId';

interface Named {
  name: string;
  namespace: string;
}

/** How people name an object in sentences: `svc-1`, or `kube-system/kube-dns` outside default. */
export function displayName(o: Named): string {
  return namespacedName(o.namespace, o.name);
}

export function addr(ip: string, port: number): string {
  return `${ip}:${port}`;
}

/** The address part of an `IP:PORT` text. */
export function hostOf(address: string): string {
  return address.slice(0, address.lastIndexOf(':'));
}

export function podId(pod: PodState): ComponentId {
  return objectComponentId('pod', pod.namespace, pod.name);
}

export function svcId(svc: ServiceState): ComponentId {
  return objectComponentId('svc', svc.namespace, svc.name);
}

export function lbId(svc: ServiceState): ComponentId {
  return objectComponentId('lb', svc.namespace, svc.name);
}

export function nodeId(n: NodeState): ComponentId {
  return nodeComponentId(n.name);
}
