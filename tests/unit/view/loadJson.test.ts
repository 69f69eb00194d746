/** The `load --json` document: the contract's shape, in a stable order. */
import { describe, expect, it } from 'vitest';
import { toLoadJson } from '../../../src/view/loadJson';
import { cluster, container, endpoint, node, pod, service } from './fixture';

const c = cluster({
  nodes: [
    node('k8s-node1', '192.168.64.31', { index: 1 }),
    node('k8s-master', '192.168.64.30', {
      index: 0,
      roles: ['control-plane'],
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    }),
  ],
  pods: [
    pod('web-5d8f6c7b9-x2k4p', {
      owner: { kind: 'ReplicaSet', name: 'web-5d8f6c7b9' },
      nodeName: 'k8s-node1',
      ip: '10.244.1.2',
      labels: { tier: 'web', app: 'web' },
      containers: [container('app', { ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }] })],
      schedule: {
        node: 'k8s-node1',
        rejected: { 'k8s-master': 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }' },
        scores: { 'k8s-node1': { total: 180, plugins: { NodeResourcesFit: 90 } } },
        by: 'scheduler',
      },
      source: { file: 'web.yaml', line: 3, column: 1 },
    }),
    pod('coredns-abc', { namespace: 'kube-system', builtIn: true }),
    pod('big', {
      phase: 'Pending',
      status: 'Pending',
      ready: false,
      containers: [container('c', { state: 'waiting', reason: 'ContainerCreating' })],
      schedule: { node: null, message: '0/3 nodes are available: 3 Insufficient cpu.', rejected: {}, scores: {} },
    }),
  ],
  services: [
    service('svc-3', {
      type: 'LoadBalancer',
      ports: [{ protocol: 'TCP', port: 9000, targetPort: 8080, nodePort: 31547, source: { file: 'svc-3.yaml', line: 9, column: 5 } }],
    }),
    service('db', {
      clusterIP: 'None',
      selector: { app: 'db' },
      ports: [{ name: 'pg', protocol: 'TCP', port: 5432, targetPort: 'pg', source: { file: 'db.yaml', line: 9, column: 5 } }],
    }),
    service('svc-2', {
      type: 'NodePort',
      externalTrafficPolicy: 'Local',
      endpoints: [endpoint('pod-2', '10.244.2.2', 'k8s-node2')],
      ports: [{ protocol: 'TCP', port: 9000, targetPort: 8080, nodePort: 30000, source: { file: 'svc-2.yaml', line: 9, column: 5 } }],
    }),
  ],
  objects: [
    { kind: 'Service', name: 'svc-2', namespace: 'default', file: 'b.yaml', line: 1, simulated: true },
    { kind: 'ConfigMap', name: 'cfg', namespace: 'default', file: 'a.yaml', line: 5, simulated: false },
  ],
  diagnostics: [
    {
      severity: 'error',
      file: 'svc-1.yaml',
      line: 12,
      column: 11,
      path: 'spec.ports[0].port',
      message: 'Invalid value: "9000 // x": must be an integer',
    },
  ],
});

describe('toLoadJson', () => {
  const doc = toLoadJson(c);

  it("has exactly the contract's top-level keys", () => {
    // The first wave's five, then time's: the ReplicaSets, the clock and when the cluster next changes on its own.
    expect(Object.keys(doc)).toEqual(['nodes', 'pods', 'services', 'objects', 'diagnostics', 'replicaSets', 'clock', 'nextChangeAt']);
  });

  it('nodes in join order, with roles, allocatable and taints', () => {
    expect(doc.nodes.map((n) => n.name)).toEqual(['k8s-master', 'k8s-node1']);
    expect(doc.nodes[0]).toMatchObject({
      ip: '192.168.64.30',
      podCIDR: '10.244.0.0/24',
      roles: ['control-plane'],
      allocatable: { cpu: 2000, memory: 4 * 2 ** 30 },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    });
  });

  it('pods by namespace then name; owner as Kind/name; scheduling explained', () => {
    expect(doc.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual([
      'default/big',
      'default/web-5d8f6c7b9-x2k4p',
      'kube-system/coredns-abc',
    ]);
    const web = doc.pods[1];
    expect(web).toMatchObject({
      node: 'k8s-node1',
      ip: '10.244.1.2',
      phase: 'Running',
      ready: true,
      owner: 'ReplicaSet/web-5d8f6c7b9',
      containers: [{ name: 'app', ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }], state: 'running' }],
      schedule: {
        node: 'k8s-node1',
        rejected: { 'k8s-master': expect.stringContaining('untolerated taint') },
        scores: { 'k8s-node1': { total: 180, plugins: { NodeResourcesFit: 90 } } },
        by: 'scheduler',
      },
      file: 'web.yaml',
      line: 3,
    });
    expect(Object.keys(web.labels)).toEqual(['app', 'tier']);
    expect(doc.pods[0]).toMatchObject({
      node: null,
      ip: null,
      phase: 'Pending',
      owner: null,
      schedule: { node: null, message: '0/3 nodes are available: 3 Insufficient cpu.' },
    });
    expect(doc.pods[0].containers[0]).toMatchObject({ state: 'waiting', reason: 'ContainerCreating' });
    expect(doc.pods[2]).toMatchObject({ builtIn: true });
  });

  it('services: "<pending>" for an unserved LoadBalancer, "None" for headless, named targetPorts kept', () => {
    const svc = Object.fromEntries(doc.services.map((s) => [s.name, s]));
    expect(svc['svc-3']).toMatchObject({
      type: 'LoadBalancer',
      externalIP: '<pending>',
      ports: [{ port: 9000, targetPort: 8080, nodePort: 31547, protocol: 'TCP' }],
    });
    expect(svc.db).toMatchObject({
      clusterIP: 'None',
      externalIP: null,
      ports: [{ name: 'pg', port: 5432, targetPort: 'pg', protocol: 'TCP' }],
    });
    expect(svc['svc-2']).toMatchObject({
      externalTrafficPolicy: 'Local',
      sessionAffinity: 'None',
      selector: { app: 'svc-2' },
      endpoints: [{ pod: 'pod-2', ip: '10.244.2.2', node: 'k8s-node2', ready: true }],
    });
    expect(svc.db.ports[0]).not.toHaveProperty('nodePort');
  });

  it('objects by file and line, diagnostics with file, line, column and path', () => {
    expect(doc.objects).toEqual([
      { kind: 'ConfigMap', name: 'cfg', namespace: 'default', file: 'a.yaml', line: 5 },
      { kind: 'Service', name: 'svc-2', namespace: 'default', file: 'b.yaml', line: 1 },
    ]);
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'error', file: 'svc-1.yaml', line: 12, column: 11, path: 'spec.ports[0].port' });
  });

  it('is the same bytes for the same cluster, whatever order the engine listed things in', () => {
    const shuffled = { ...c, pods: [...c.pods].reverse(), services: [...c.services].reverse(), nodes: [...c.nodes].reverse() };
    expect(JSON.stringify(toLoadJson(shuffled))).toBe(JSON.stringify(doc));
  });
});
