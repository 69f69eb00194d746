/**
 * The API server's port warnings (pkg/api/pod/warnings.go): the Pod is accepted, but kubectl prints
 * `Warning: spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]`.
 * Containers share the Pod's network namespace, so the second one cannot bind that port.
 * Upstream warns once per pair of definitions, which grows with the square of the containers (600 on
 * one port: 179,700 warnings); here a port defined more than AGGREGATE_AFTER times gets the first
 * pair's warning, ending `(and 598 more containers on port 80)`.
 */
import type { ContainerPort } from '../../model/k8s';
import { formatPath, type Seg } from '../fieldPath';
import type { FieldWarning } from '../problems';
import type { DecodedPodSpec } from './podSpec';

/** Up to this many definitions of one port, every pair is reported, as upstream does (at most 3 warnings). */
const AGGREGATE_AFTER = 3;

interface Definition {
  path: Seg[];
  container: string;
  port: ContainerPort;
}

interface PortGroup {
  definitions: Definition[];
  containers: Set<string>;
  warnings: FieldWarning[];
  /** The containers named by the first warning. */
  named?: [string, string];
}

export function portWarnings(d: DecodedPodSpec): FieldWarning[] {
  const warnings: FieldWarning[] = [];
  const groups = new Map<string, PortGroup>();
  // VisitContainersWithPath order: init containers first, then regular containers.
  for (const c of [...d.initContainers, ...d.containers]) {
    const container = formatPath(c.path);
    c.container.ports.forEach((port, i) => {
      const path = [...c.path, 'ports', i];
      const key = `${port.containerPort}/${port.protocol}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { definitions: [], containers: new Set(), warnings: [] }));
      group.containers.add(container);
      // Past the threshold only the count grows; a clash is still looked for (against the first few) until one is found.
      const aggregated = group.definitions.length >= AGGREGATE_AFTER;
      if (aggregated && group.warnings.length > 0) {
        group.definitions.push({ path, container, port });
        return;
      }
      for (const other of group.definitions.slice(0, AGGREGATE_AFTER)) {
        const kind = conflict(port, other.port);
        if (!kind) continue;
        const w = { path, message: `${formatPath(path)}: ${kind} port definition with ${formatPath(other.path)}` };
        warnings.push(w);
        group.warnings.push(w);
        group.named ??= [other.container, container];
        if (aggregated) break;
      }
      group.definitions.push({ path, container, port });
    });
  }

  const dropped = new Set<FieldWarning>();
  for (const group of groups.values()) {
    const [first, ...rest] = group.warnings;
    if (group.definitions.length <= AGGREGATE_AFTER || !first || !group.named) continue;
    for (const w of rest) dropped.add(w);
    const more = group.containers.size - new Set(group.named).size;
    const { containerPort, protocol } = (group.definitions[0] as Definition).port;
    const on = protocol === 'TCP' ? `port ${containerPort}` : `port ${containerPort}/${protocol}`;
    if (more > 0) first.message += ` (and ${more} more ${more === 1 ? 'container' : 'containers'} on ${on})`;
  }
  return dropped.size === 0 ? warnings : warnings.filter((w) => !dropped.has(w));
}

/** How two definitions of one port clash, in warnings.go's words; undefined when they do not. */
function conflict(port: ContainerPort, other: ContainerPort): string | undefined {
  const hostIP = port.hostIP ?? '';
  const otherIP = other.hostIP ?? '';
  const hostPort = port.hostPort ?? 0;
  const otherPort = other.hostPort ?? 0;
  if (hostIP === otherIP && hostPort === otherPort) return 'duplicate';
  if (hostPort === 0 || otherPort === 0) return 'overlapping';
  if (hostPort === otherPort && (hostIP === '') !== (otherIP === '')) return 'dangerously ambiguous';
  return undefined;
}
