/**
 * The request sources and targets the user can pick, listed from the cluster so the renderer never
 * guesses: every place a packet can start, and every address:port something could answer on —
 * including the ones that will not answer (a pending load balancer, a Pod port nobody listens on),
 * because watching those fail is the point of the app.
 */
import type { RequestChoices } from '../src/api/contract';
import type { Cluster, PodState, ServiceState } from '../src/model/cluster';
import { displayName, hostComponentId, objectComponentId } from '../src/model/componentId';

type Target = RequestChoices['targets'][number];

function byNamespaceThenName(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}

/** Pods the user put in the folder (not kube-system's own), in a stable order. */
function userPods(cluster: Cluster): PodState[] {
  return cluster.pods.filter((pod) => !pod.builtIn).sort(byNamespaceThenName);
}

function sources(cluster: Cluster): RequestChoices['sources'] {
  const list: RequestChoices['sources'] = [{ id: 'external', label: `External client (${cluster.settings.externalClientIP})` }];
  for (const node of cluster.nodes) list.push({ id: `node/${node.name}`, label: `Node ${node.name} (${node.ip})` });
  for (const pod of userPods(cluster)) {
    // A Pod without an IP has no network namespace yet: it cannot send anything.
    if (pod.ip === null) continue;
    list.push({ id: objectComponentId('pod', pod.namespace, pod.name), label: `Pod ${displayName(pod.namespace, pod.name)} (${pod.ip})` });
  }
  return list;
}

function serviceTargets(cluster: Cluster, service: ServiceState): Target[] {
  const list: Target[] = [];
  if (service.type === 'ExternalName') return list;
  const svcRef = objectComponentId('svc', service.namespace, service.name);
  for (const port of service.ports) {
    const address = service.clusterIP && service.clusterIP !== 'None' ? service.clusterIP : 'None';
    list.push({
      id: `${svcRef}:${port.port}`,
      label: `${displayName(service.namespace, service.name)} ${address}:${port.port}/${port.protocol} (${service.type})`,
      group: 'Service',
    });
  }
  for (const port of service.ports) {
    if (port.nodePort === undefined) continue;
    for (const node of cluster.nodes) {
      list.push({
        id: `node/${node.name}:${port.nodePort}`,
        label: `${node.name} ${node.ip}:${port.nodePort} → ${displayName(service.namespace, service.name)}:${port.port}`,
        group: 'NodePort',
      });
    }
  }
  if (service.type === 'LoadBalancer') {
    const lbRef = objectComponentId('lb', service.namespace, service.name);
    const address = service.loadBalancerIP ?? '<pending>';
    for (const port of service.ports) {
      list.push({
        id: `${lbRef}:${port.port}`,
        label: `${displayName(service.namespace, service.name)} load balancer ${address}:${port.port}`,
        group: 'LoadBalancer',
      });
    }
  }
  return list;
}

function podTargets(pod: PodState): Target[] {
  const list: Target[] = [];
  if (pod.ip === null) return list;
  const seen = new Set<number>();
  const podRef = objectComponentId('pod', pod.namespace, pod.name);
  for (const container of pod.containers) {
    for (const port of container.ports) {
      if (seen.has(port.containerPort)) continue;
      seen.add(port.containerPort);
      list.push({
        id: `${podRef}:${port.containerPort}`,
        label: `${displayName(pod.namespace, pod.name)} ${pod.ip}:${port.containerPort}/${port.protocol} (${container.name})`,
        group: pod.hostNetwork ? 'Node' : 'Pod',
      });
    }
  }
  return list;
}

/** hostPort mappings answer on the node's own address. */
function hostPortTargets(cluster: Cluster, pod: PodState): Target[] {
  const list: Target[] = [];
  if (pod.nodeName === null) return list;
  const node = cluster.nodes.find((n) => n.name === pod.nodeName);
  for (const container of pod.spec.containers) {
    for (const port of container.ports) {
      if (port.hostPort === undefined) continue;
      list.push({
        id: `node/${pod.nodeName}:${port.hostPort}`,
        label: `${pod.nodeName} ${node?.ip ?? ''}:${port.hostPort} → ${displayName(pod.namespace, pod.name)}:${port.containerPort} (hostPort)`,
        group: 'Node',
      });
    }
  }
  return list;
}

/** A Service by its DNS name, namespace-qualified so it resolves from any Pod (the DNS exchange is part of the trace). */
function nameTargets(cluster: Cluster, service: ServiceState): Target[] {
  if (service.builtIn) return [];
  const name = `${service.name}.${service.namespace}`;
  const answer =
    service.type === 'ExternalName'
      ? `CNAME ${service.externalName ?? ''}`
      : service.clusterIP === 'None'
        ? 'headless: Pod IPs'
        : `A ${service.clusterIP ?? ''}`;
  return service.ports.map((port) => ({
    id: `${name}:${port.port}${port.protocol === 'TCP' ? '' : `/${port.protocol.toLowerCase()}`}`,
    label: `${name}:${port.port} (DNS → ${answer})`,
    group: 'DNS name' as const,
  }));
}

/** Every port of every declared outside host: `host/NAME:PORT` (`host/IP:PORT` without a name). */
function outsideTargets(cluster: Cluster): Target[] {
  const list: Target[] = [];
  for (const h of cluster.settings.externalHosts ?? []) {
    const name = h.name ?? h.ip;
    for (const p of h.ports) {
      if (p.protocol === 'SCTP') continue;
      list.push({
        id: `${hostComponentId(name)}:${p.port}${p.protocol === 'TCP' ? '' : `/${p.protocol.toLowerCase()}`}`,
        label: `${h.name ? `${h.name} ` : ''}${h.ip}:${p.port}/${p.protocol} (outside)`,
        group: 'Outside',
      });
    }
  }
  return list;
}

export function requestChoices(cluster: Cluster): RequestChoices {
  const targets: Target[] = [];
  const services = [...cluster.services].sort(
    (a, b) => Number(a.builtIn ?? false) - Number(b.builtIn ?? false) || byNamespaceThenName(a, b),
  );
  for (const service of services) targets.push(...serviceTargets(cluster, service));
  for (const service of services) targets.push(...nameTargets(cluster, service));
  for (const pod of userPods(cluster)) targets.push(...podTargets(pod), ...hostPortTargets(cluster, pod));
  targets.push(...outsideTargets(cluster));
  const unique = new Map<string, Target>();
  for (const target of targets) if (!unique.has(target.id)) unique.set(target.id, target);
  return { sources: sources(cluster), targets: [...unique.values()] };
}
