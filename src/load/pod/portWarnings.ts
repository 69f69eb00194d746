/**
 * The API server's port warnings (pkg/api/pod/warnings.go): the Pod is accepted, but kubectl prints
 * `Warning: spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]`.
 * Containers share the Pod's network namespace, so the second one cannot bind that port.
 */
import type { ContainerPort } from '../../model/k8s';
import { formatPath, type Seg } from '../fieldPath';
import type { FieldWarning } from '../problems';
import type { DecodedPodSpec } from './podSpec';

export function portWarnings(d: DecodedPodSpec): FieldWarning[] {
  const warnings: FieldWarning[] = [];
  const all = new Map<string, { path: Seg[]; port: ContainerPort }[]>();
  // VisitContainersWithPath order: init containers first, then regular containers.
  for (const c of [...d.initContainers, ...d.containers]) {
    c.container.ports.forEach((port, i) => {
      const path = [...c.path, 'ports', i];
      const key = `${port.containerPort}/${port.protocol}`;
      const others = all.get(key) ?? [];
      for (const other of others) {
        const hostIP = port.hostIP ?? '';
        const otherIP = other.port.hostIP ?? '';
        const hostPort = port.hostPort ?? 0;
        const otherPort = other.port.hostPort ?? 0;
        let kind: string | undefined;
        if (hostIP === otherIP && hostPort === otherPort) kind = 'duplicate';
        else if (hostPort === 0 || otherPort === 0) kind = 'overlapping';
        else if (hostPort === otherPort && (hostIP === '') !== (otherIP === '')) kind = 'dangerously ambiguous';
        if (kind) warnings.push({ path, message: `${formatPath(path)}: ${kind} port definition with ${formatPath(other.path)}` });
      }
      others.push({ path, port });
      all.set(key, others);
    });
  }
  return warnings;
}
