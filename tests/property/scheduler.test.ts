/**
 * Scheduler properties on random small clusters: the chosen node passes every filter (checked by
 * an independent naive model below), the same seed gives the same decision, and the chosen node
 * has the highest total among the feasible nodes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeState } from '../../src/model/cluster';
import type { Taint, Toleration } from '../../src/model/k8s';
import { addPod, newSchedulerCache, schedulePod, type PodToSchedule, type SchedulerCache } from '../../src/scheduler';
import { Rng } from '../../src/util/rng';
import { bound, container, GiB, node, pod } from '../unit/scheduler/fixtures';

const TAINT_KEYS = ['dedicated', 'gpu', 'slow'];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

const taintArb: fc.Arbitrary<Taint> = fc.record({
  key: fc.constantFrom(...TAINT_KEYS),
  value: fc.constantFrom('a', 'b'),
  effect: fc.constantFrom(...EFFECTS),
});

const nodeArb = fc.record({
  cpu: fc.integer({ min: 500, max: 4000 }),
  memGiB: fc.integer({ min: 1, max: 8 }),
  pods: fc.integer({ min: 1, max: 6 }),
  zone: fc.constantFrom('z1', 'z2', undefined),
  taints: fc.array(taintArb, { maxLength: 2 }),
  unschedulable: fc.boolean(),
});

const tolerationArb: fc.Arbitrary<Toleration> = fc.oneof(
  fc.record({ key: fc.constantFrom(...TAINT_KEYS), operator: fc.constant('Exists' as const) }),
  fc.record({
    key: fc.constantFrom(...TAINT_KEYS),
    operator: fc.constant('Equal' as const),
    value: fc.constantFrom('a', 'b'),
    effect: fc.constantFrom(...EFFECTS),
  }),
);

const podArb = fc.record({
  cpu: fc.option(fc.integer({ min: 0, max: 2500 }), { nil: undefined }),
  memMiB: fc.option(fc.integer({ min: 0, max: 4096 }), { nil: undefined }),
  tolerations: fc.array(tolerationArb, { maxLength: 2 }),
  zone: fc.constantFrom('z1', 'z2', undefined),
  hostPort: fc.constantFrom(undefined, 8080, 9090),
  app: fc.constantFrom('web', 'api'),
});

type NodeGen = typeof nodeArb extends fc.Arbitrary<infer T> ? T : never;
type PodGen = typeof podArb extends fc.Arbitrary<infer T> ? T : never;

function makeNodes(gens: NodeGen[]): NodeState[] {
  return gens.map((g, i) =>
    node('n' + i, {
      cpu: g.cpu,
      memory: g.memGiB * GiB,
      pods: g.pods,
      labels: g.zone ? { 'topology.kubernetes.io/zone': g.zone } : {},
      taints: g.taints,
      unschedulable: g.unschedulable,
    }),
  );
}

function makePod(g: PodGen, i: number): PodToSchedule {
  const requests: Record<string, number> = {};
  if (g.cpu !== undefined) requests.cpu = g.cpu;
  if (g.memMiB !== undefined) requests.memory = g.memMiB * 1024 * 1024;
  const ports = g.hostPort ? [{ containerPort: 80, hostPort: g.hostPort, protocol: 'TCP' as const }] : [];
  return pod(
    g.app + '-' + i,
    {
      containers: [container('c', requests, { ports })],
      tolerations: g.tolerations,
      nodeSelector: g.zone ? { 'topology.kubernetes.io/zone': g.zone } : {},
    },
    { labels: { app: g.app }, owner: { kind: 'ReplicaSet', name: g.app + '-rs' } },
  );
}

// ---- An independent, deliberately naive model of the filters. ----

interface Placed {
  node: string;
  cpu: number;
  memory: number;
  hostPort?: number;
}

function tolerates(ts: Toleration[], t: Taint): boolean {
  return ts.some(
    (x) => (!x.effect || x.effect === t.effect) && x.key === t.key && (x.operator === 'Exists' || x.value === (t.value ?? '')),
  );
}

function violations(n: NodeState, p: PodToSchedule, g: PodGen, placed: Placed[]): string[] {
  const out: string[] = [];
  if (n.unschedulable) out.push('cordoned');
  for (const t of n.taints) if (t.effect !== 'PreferNoSchedule' && !tolerates(p.spec.tolerations, t)) out.push('taint ' + t.key);
  for (const [k, v] of Object.entries(p.spec.nodeSelector)) if (n.labels[k] !== v) out.push('selector');
  const here = placed.filter((x) => x.node === n.name);
  if (here.length + 1 > n.allocatable.pods) out.push('pods');
  const cpu = g.cpu ?? 0;
  const mem = (g.memMiB ?? 0) * 1024 * 1024;
  if (cpu > 0 && here.reduce((s, x) => s + x.cpu, 0) + cpu > n.allocatable.cpu) out.push('cpu');
  if (mem > 0 && here.reduce((s, x) => s + x.memory, 0) + mem > n.allocatable.memory) out.push('memory');
  if (g.hostPort && here.some((x) => x.hostPort === g.hostPort)) out.push('port');
  return out;
}

function fill(cache: SchedulerCache, pods: PodGen[], seed: number): Placed[] {
  const placed: Placed[] = [];
  const rng = new Rng(seed);
  pods.forEach((g, i) => {
    const p = makePod(g, i);
    const r = schedulePod(cache, p, rng);
    if (!r.node) return;
    addPod(cache, bound(p, r.node));
    placed.push({ node: r.node, cpu: g.cpu ?? 0, memory: (g.memMiB ?? 0) * 1024 * 1024, hostPort: g.hostPort });
  });
  return placed;
}

const scenario = fc.record({
  nodes: fc.array(nodeArb, { minLength: 1, maxLength: 6 }),
  existing: fc.array(podArb, { maxLength: 12 }),
  incoming: podArb,
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

describe('scheduler properties', () => {
  it('never places a pod on a node that violates a filter, and rejects only nodes that do', () => {
    fc.assert(
      fc.property(scenario, ({ nodes: gens, existing, incoming, seed }) => {
        const nodes = makeNodes(gens);
        const cache = newSchedulerCache(nodes);
        const placed = fill(cache, existing, seed);
        const p = makePod(incoming, 999);
        const r = schedulePod(cache, p, new Rng(seed + 1));
        const bad = new Map(nodes.map((n) => [n.name, violations(n, p, incoming, placed)]));
        if (r.node !== null) expect(bad.get(r.node)).toEqual([]);
        for (const name of Object.keys(r.rejected)) expect(bad.get(name)!.length).toBeGreaterThan(0);
        for (const name of Object.keys(r.scores)) expect(bad.get(name)).toEqual([]);
        // Unschedulable exactly when every node violates something.
        expect(r.node === null).toBe([...bad.values()].every((v) => v.length > 0));
        if (r.node === null) expect(r.message).toMatch(new RegExp(`^0/${nodes.length} nodes are available: `));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same decision for the same seed and state', () => {
    fc.assert(
      fc.property(scenario, ({ nodes: gens, existing, incoming, seed }) => {
        const once = () => {
          const cache = newSchedulerCache(makeNodes(gens));
          fill(cache, existing, seed);
          return schedulePod(cache, makePod(incoming, 999), new Rng(seed + 1));
        };
        expect(once()).toEqual(once());
      }),
      { numRuns: 100 },
    );
  });

  it('chooses a node with the highest total among the feasible nodes', () => {
    fc.assert(
      fc.property(scenario, ({ nodes: gens, existing, incoming, seed }) => {
        const cache = newSchedulerCache(makeNodes(gens));
        fill(cache, existing, seed);
        const r = schedulePod(cache, makePod(incoming, 999), new Rng(seed + 1));
        if (r.node === null) return;
        const totals = Object.values(r.scores).map((s) => s.total);
        expect(r.scores[r.node].total).toBe(Math.max(...totals));
        for (const s of Object.values(r.scores)) {
          for (const v of Object.values(s.plugins)) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(100);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
