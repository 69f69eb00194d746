/** Properties of generated clusters: allocations are unique and in range, endpoints are sound, runs replay. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildCluster, cordonNode, deletePod, drainNode, scaleWorkload, uncordonNode } from '../../src/cluster';
import type { Cluster, NodeState, PodState } from '../../src/model/cluster';
import type { Taint, Toleration } from '../../src/model/k8s';
import type { LoadedObject } from '../../src/model/objects';
import { ipInCidr } from '../../src/util/ip';
import { container, load, pod, service, settings, workload } from '../unit/cluster/fixtures';

const APPS = ['a', 'b', 'c'];
const IMAGES = ['nginx', 'kubetm/app', 'redis', 'example/thing'];
const TAINT: Taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };
const TOLERATE: Toleration = { key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' };

const nodeArb = fc.record({ cpu: fc.integer({ min: 1, max: 4 }), tainted: fc.boolean(), cordoned: fc.boolean() });

const podArb = fc.record({
  app: fc.constantFrom(...APPS),
  image: fc.constantFrom(...IMAGES),
  cpu: fc.constantFrom(0, 100, 500, 1500),
  pin: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  tolerate: fc.boolean(),
  hostNetwork: fc.boolean(),
});

const svcArb = fc.record({
  app: fc.option(fc.constantFrom(...APPS), { nil: undefined }),
  type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'Headless'),
  nodePort: fc.option(fc.integer({ min: 29990, max: 30010 }), { nil: undefined }),
  clusterIP: fc.option(fc.constantFrom('10.96.0.10', '10.96.0.50', '10.100.0.1', '10.0.0.1'), { nil: undefined }),
  targetPort: fc.constantFrom<number | string>(80, 8080, 'http'),
  local: fc.boolean(),
});

const scenarioArb = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  nodes: fc.array(nodeArb, { minLength: 1, maxLength: 5 }),
  pods: fc.array(podArb, { maxLength: 12 }),
  deployments: fc.array(
    fc.record({ app: fc.constantFrom(...APPS), replicas: fc.integer({ min: 0, max: 4 }), cpu: fc.constantFrom(0, 200, 700) }),
    { maxLength: 3 },
  ),
  services: fc.array(svcArb, { maxLength: 6 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function objectsOf(s: Scenario): LoadedObject[] {
  const nodeName = (i: number) => `n${i % s.nodes.length}`;
  const objs: LoadedObject[] = [
    settings({
      nodes: s.nodes.map((n, i) => ({
        name: `n${i}`,
        cpu: String(n.cpu),
        roles: i === 0 ? ['control-plane'] : [],
        taints: n.tainted ? [{ ...TAINT }] : i === 0 ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : [],
        unschedulable: n.cordoned,
      })),
    }),
  ];
  s.pods.forEach((p, i) => {
    const c = container('main', p.image, { cpu: p.cpu || undefined, ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }] });
    objs.push(
      pod(`p${i}`, [c], {
        labels: { app: p.app },
        nodeSelector: p.pin !== undefined ? { 'kubernetes.io/hostname': nodeName(p.pin) } : {},
        tolerations: p.tolerate ? [TOLERATE] : [],
        hostNetwork: p.hostNetwork,
      }),
    );
  });
  s.deployments.forEach((d, i) =>
    objs.push(
      workload('Deployment', `d${i}`, [container('main', 'kubetm/app', { cpu: d.cpu || undefined })], {
        replicas: d.replicas,
        labels: { app: d.app },
      }),
    ),
  );
  s.services.forEach((v, i) => {
    const type = v.type === 'Headless' ? 'ClusterIP' : v.type;
    objs.push(
      service(`s${i}`, {
        type,
        selector: v.app ? { app: v.app } : undefined,
        clusterIP: v.type === 'Headless' ? 'None' : v.clusterIP,
        externalTrafficPolicy: type === 'ClusterIP' ? undefined : v.local ? 'Local' : 'Cluster',
        ports: [{ port: 80, targetPort: v.targetPort, nodePort: type === 'ClusterIP' ? undefined : v.nodePort }],
      }),
    );
  });
  return objs;
}

function checkInvariants(c: Cluster): void {
  const nodes = new Map(c.nodes.map((n) => [n.name, n]));
  // Pod IPs: unique among live pods, inside their node's podCIDR (or the node IP with hostNetwork).
  const live = c.pods.filter((p) => p.ip && p.phase !== 'Succeeded' && p.phase !== 'Failed' && !p.hostNetwork);
  expect(new Set(live.map((p) => p.ip)).size).toBe(live.length);
  for (const p of c.pods) {
    if (!p.ip) continue;
    const node = nodes.get(p.nodeName!) as NodeState;
    if (p.hostNetwork) expect(p.ip).toBe(node.ip);
    else expect(ipInCidr(p.ip, node.podCIDR)).toBe(true);
  }
  // ClusterIPs unique and in the service CIDR.
  const ips = c.services.map((s) => s.clusterIP).filter((ip): ip is string => !!ip && ip !== 'None');
  expect(new Set(ips).size).toBe(ips.length);
  for (const ip of ips) expect(ipInCidr(ip, c.settings.serviceCIDR)).toBe(true);
  // Node ports (and health-check ports) unique across Services and in range.
  const owners = new Map<number, string>();
  for (const s of c.services) {
    const mine = new Set([...s.ports.map((p) => p.nodePort), s.healthCheckNodePort].filter((p): p is number => p !== undefined));
    for (const port of mine) {
      expect(port).toBeGreaterThanOrEqual(c.settings.nodePortRange.min);
      expect(port).toBeLessThanOrEqual(c.settings.nodePortRange.max);
      expect(owners.get(port) ?? s.name).toBe(s.name);
      owners.set(port, s.name);
    }
  }
  // Endpoints ⊆ live pods matching the selector; ready endpoints are Ready pods.
  const byKey = new Map(c.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
  for (const s of c.services) {
    if (!s.selector) continue;
    for (const e of s.endpoints) {
      const p = byKey.get(`${e.namespace}/${e.pod}`) as PodState;
      expect(p).toBeDefined();
      expect(p.namespace).toBe(s.namespace);
      expect(e.ip).toBe(p.ip);
      for (const [k, v] of Object.entries(s.selector)) expect(p.labels[k]).toBe(v);
      if (e.ready && !s.publishNotReadyAddresses) expect(p.ready).toBe(true);
    }
  }
}

function tolerated(p: PodState, t: Taint): boolean {
  return p.spec.tolerations.some(
    (x) => (x.operator === 'Exists' && (!x.key || x.key === t.key)) || (x.key === t.key && (x.value ?? '') === (t.value ?? '')),
  );
}

describe('generated clusters', () => {
  test('allocations are unique and in range; endpoints are live, matching, ready pods', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        checkInvariants(buildCluster(load(...objectsOf(s)), { seed: s.seed }));
      }),
      { numRuns: 60 },
    );
  });

  test('the same seed gives the identical cluster', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const input = load(...objectsOf(s));
        const first = JSON.parse(JSON.stringify(buildCluster(input, { seed: s.seed })));
        expect(buildCluster(input, { seed: s.seed })).toEqual(first);
      }),
      { numRuns: 25 },
    );
  });

  test('the scheduler never breaks a nodeSelector, a NoSchedule taint or a cordon', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const c = buildCluster(load(...objectsOf(s)), { seed: s.seed });
        const nodes = new Map(c.nodes.map((n) => [n.name, n]));
        for (const p of c.pods) {
          if (!p.nodeName || p.schedule.by !== 'scheduler') continue;
          const n = nodes.get(p.nodeName) as NodeState;
          for (const [k, v] of Object.entries(p.spec.nodeSelector)) expect(n.labels[k]).toBe(v);
          for (const t of n.taints) if (t.effect !== 'PreferNoSchedule') expect(tolerated(p, t)).toBe(true);
          expect(n.unschedulable).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('invariants hold after any sequence of operations', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), i: fc.nat() }),
      fc.record({ kind: fc.constant('scale' as const), i: fc.nat(), replicas: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constantFrom('cordon' as const, 'uncordon' as const, 'drain' as const), i: fc.nat() }),
    );
    fc.assert(
      fc.property(scenarioArb, fc.array(op, { maxLength: 6 }), (s, ops) => {
        let c = buildCluster(load(...objectsOf(s)), { seed: s.seed });
        for (const o of ops) {
          if (o.kind === 'delete' && c.pods.length > 0) {
            const p = c.pods[o.i % c.pods.length];
            c = deletePod(c, p.namespace, p.name);
          } else if (o.kind === 'scale' && s.deployments.length > 0) {
            c = scaleWorkload(c, 'deployment', 'default', `d${o.i % s.deployments.length}`, o.replicas);
          } else if (o.kind === 'cordon' || o.kind === 'uncordon' || o.kind === 'drain') {
            const n = c.nodes[o.i % c.nodes.length].name;
            c = o.kind === 'cordon' ? cordonNode(c, n) : o.kind === 'uncordon' ? uncordonNode(c, n) : drainNode(c, n, { force: true });
          }
          checkInvariants(c);
        }
      }),
      { numRuns: 40 },
    );
  });
});
