/** Names in the trace's sentences and addresses; ComponentIds themselves come from src/model/componentId.ts. */
import { displayName as namespacedName } from '../model/componentId';

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
