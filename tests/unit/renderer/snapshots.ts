/** Snapshot builders for the renderer's tests (a helper, not a test file). */
import type { ClusterSnapshot } from '../../../src/api/contract';

type Pod = ClusterSnapshot['pods'][number];
type Service = ClusterSnapshot['services'][number];

export function node(name: string, i: number): ClusterSnapshot['nodes'][number] {
  return {
    name,
    ip: `192.168.64.${30 + i}`,
    podCIDR: `10.244.${i}.0/24`,
    roles: i === 0 ? ['control-plane'] : [],
    labels: {},
    allocatable: { cpu: 2000, memory: 2 ** 31 },
    taints: [],
  };
}

export function pod(name: string, nodeName: string | null, extra: Partial<Pod> = {}): Pod {
  return {
    name,
    namespace: 'default',
    node: nodeName,
    ip: nodeName ? `10.244.1.${name.length}` : null,
    phase: nodeName ? 'Running' : 'Pending',
    ready: Boolean(nodeName),
    labels: { app: 'pod' },
    owner: null,
    containers: [{ name: 'container', ports: [{ containerPort: 8080, protocol: 'TCP' }], state: 'running' }],
    schedule: { node: nodeName, rejected: {}, scores: {} },
    ...extra,
  };
}

export function service(name: string, extra: Partial<Service> = {}): Service {
  return {
    name,
    namespace: 'default',
    type: 'ClusterIP',
    clusterIP: '10.96.0.10',
    externalIP: null,
    selector: { app: 'pod' },
    sessionAffinity: 'None',
    ports: [{ port: 9000, targetPort: 8080, protocol: 'TCP' }],
    endpoints: [],
    ...extra,
  };
}

export function snapshot(parts: Partial<ClusterSnapshot>): ClusterSnapshot {
  return {
    nodes: [node('k8s-master', 0), node('k8s-node1', 1), node('k8s-node2', 2)],
    pods: [],
    services: [],
    objects: [],
    diagnostics: [],
    revision: 1,
    folder: '/tmp/x',
    clock: 0,
    settings: {
      podCIDR: '10.244.0.0/16',
      serviceCIDR: '10.96.0.0/12',
      proxyMode: 'iptables',
      loadBalancer: 'none',
      seed: 1,
      externalClientIP: '192.168.64.1',
      cni: 'flannel',
      networkPolicyEnforced: false,
      externalHosts: [],
    },
    events: [],
    networkPolicies: [],
    podPolicies: {},
    ingress: { ingresses: [], controllers: {} },
    ...parts,
  };
}
