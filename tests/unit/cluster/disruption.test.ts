/** PodDisruptionBudgets: loaded as a v1.31 API server validates them, and honoured by the Eviction API that `kubectl drain` uses. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCluster, drainNode } from '../../../src/cluster';
import { drainNodeWithOutput } from '../../../src/cluster/operations';
import { budgetStatus } from '../../../src/cluster/disruption';
import { Sim } from '../../../src/cluster/sim';
import { loadManifests } from '../../../src/load';
import type { Cluster } from '../../../src/model/cluster';
import type { LoadedObject, LoadedPodDisruptionBudget, PodDisruptionBudgetSpec } from '../../../src/model/objects';
import { container, load, locator, pod, workload } from './fixtures';

function pdb(name: string, spec: PodDisruptionBudgetSpec): LoadedPodDisruptionBudget {
  const locate = locator(`${name}.yaml`);
  return {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: { name, namespace: 'default', labels: {}, annotations: {} },
    spec,
    source: locate(''),
    locate,
  };
}

const web = (replicas: number, opts: { readinessProbe?: unknown } = {}) =>
  workload('Deployment', 'web', [container('web', 'kubetm/app', { ports: [8080], ...opts })], { replicas });
const build = (...objects: LoadedObject[]) => buildCluster(load(...objects), { seed: 1 });
const webPods = (c: Cluster) => c.pods.filter((p) => p.labels.app === 'web');

/** The worker running the most web Pods, and how many. */
function busiest(c: Cluster): { node: string; count: number } {
  const count = new Map<string, number>();
  for (const p of webPods(c)) count.set(p.nodeName!, (count.get(p.nodeName!) ?? 0) + 1);
  const [node, n] = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return { node, count: n };
}

describe('loading a PodDisruptionBudget', () => {
  const text = (spec: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: b\nspec:\n${spec}`;
  const errors = (spec: string) =>
    loadManifests([{ path: 'b.yaml', text: text(spec) }])
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.message);

  it('is simulated: a valid one loads without a problem', () => {
    const r = loadManifests([{ path: 'b.yaml', text: text('  minAvailable: 50%\n  selector:\n    matchLabels: {app: web}\n') }]);
    expect(r.diagnostics).toEqual([]);
    expect((r.objects[0] as LoadedPodDisruptionBudget).spec).toEqual({ minAvailable: '50%', selector: { matchLabels: { app: 'web' } } });
  });

  it('refuses what ValidatePodDisruptionBudgetSpec refuses, each at its field', () => {
    expect(errors('  minAvailable: 1\n  maxUnavailable: 1\n')).toEqual([
      expect.stringMatching(
        /^spec: Invalid value: policy\.PodDisruptionBudgetSpec\{.*\}: minAvailable and maxUnavailable cannot be both set$/,
      ),
    ]);
    expect(errors('  maxUnavailable: 150%\n')).toEqual(['spec.maxUnavailable: Invalid value: "150%": must not be greater than 100%']);
    expect(errors('  minAvailable: -1\n')).toEqual(['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']);
    expect(errors('  minAvailable: half\n')[0]).toMatch(/^spec\.minAvailable: Invalid value: "half": a valid percent string must be/);
    expect(errors('  unhealthyPodEvictionPolicy: Never\n')).toEqual([
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ]);
  });

  it('policy/v1beta1 is no longer served', () => {
    const r = loadManifests([{ path: 'b.yaml', text: text('  minAvailable: 1\n').replace('policy/v1', 'policy/v1beta1') }]);
    expect(r.objects).toEqual([]);
    expect(r.diagnostics[0].message).toContain('policy/v1beta1 was removed in Kubernetes v1.25; use policy/v1');
  });
});

describe("the disruption controller's status", () => {
  const status = (c: Cluster) => budgetStatus(Sim.fromCluster(c), c.podDisruptionBudgets![0]);

  it('minAvailable N counts the selected Pods; a percentage and maxUnavailable the controllers’ scale, rounded up', () => {
    const sel = { matchLabels: { app: 'web' } };
    expect(status(build(web(3), pdb('b', { minAvailable: 2, selector: sel })))).toEqual({
      expectedPods: 3,
      currentHealthy: 3,
      desiredHealthy: 2,
      disruptionsAllowed: 1,
    });
    expect(status(build(web(3), pdb('b', { minAvailable: '50%', selector: sel })))).toMatchObject({
      desiredHealthy: 2,
      disruptionsAllowed: 1,
    });
    expect(status(build(web(3), pdb('b', { maxUnavailable: '50%', selector: sel })))).toMatchObject({
      desiredHealthy: 1,
      disruptionsAllowed: 2,
    });
    expect(status(build(web(3), pdb('b', { maxUnavailable: 0, selector: sel })))).toMatchObject({ disruptionsAllowed: 0 });
  });

  it('a null selector selects nothing, {} the whole namespace; neither bound set allows nothing', () => {
    expect(status(build(web(2), pdb('b', { minAvailable: 1 })))).toMatchObject({ expectedPods: 0, disruptionsAllowed: 0 });
    expect(status(build(web(2), pdb('b', { minAvailable: 1, selector: {} })))).toMatchObject({ expectedPods: 2, disruptionsAllowed: 1 });
    expect(status(build(web(2), pdb('b', { selector: {} })))).toMatchObject({ disruptionsAllowed: 0 });
  });

  it('a Pod whose controller has no scale (DaemonSet) makes the sync fail: no disruption allowed', () => {
    const ds = workload('DaemonSet', 'agent', [container('a', 'kubetm/app')]);
    expect(status(build(ds, pdb('b', { maxUnavailable: 1, selector: { matchLabels: { app: 'agent' } } })))).toMatchObject({
      disruptionsAllowed: 0,
    });
  });
});

describe('kubectl drain through the Eviction API', () => {
  it('a budget refuses the second eviction (429); drain retries 5 s later, once the replacement is Ready', () => {
    const c = build(web(4), pdb('web', { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }));
    const { node, count } = busiest(c);
    expect(count).toBeGreaterThanOrEqual(2);
    const [first, second] = webPods(c)
      .filter((p) => p.nodeName === node)
      .map((p) => p.name)
      .sort();
    const { cluster, output } = drainNodeWithOutput(c, node);
    expect(output).toContain(
      `error when evicting pods/"${second}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`,
    );
    expect(output.filter((l) => l === `evicting pod default/${second}`)).toHaveLength(2);
    expect(output.filter((l) => l === `evicting pod default/${first}`)).toHaveLength(1);
    expect(output.at(-1)).toBe(`node/${node} drained`);
    const left = webPods(cluster);
    expect(left.filter((p) => !p.terminating)).toHaveLength(4);
    expect(left.every((p) => p.nodeName !== node)).toBe(true);
    // The retry came 5 s after the first round: the second Pod's grace period ended 5 s after the first's.
    expect(cluster.clock).toBeGreaterThanOrEqual(c.clock + 5 + 5 + 30);
  });

  it('without a budget every Pod goes in one round', () => {
    const c = build(web(4));
    const { node } = busiest(c);
    const { output } = drainNodeWithOutput(c, node);
    expect(output.some((l) => l.startsWith('error when evicting'))).toBe(false);
  });

  it('a budget that nothing will satisfy: the drain fails with kubectl’s words and the cluster is untouched', () => {
    const c = build(web(2), pdb('web', { minAvailable: 2, selector: { matchLabels: { app: 'web' } } }));
    const { node } = busiest(c);
    const victim = webPods(c).find((p) => p.nodeName === node)!;
    let message = '';
    try {
      drainNode(c, node);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`node/${node} cordoned`);
    expect(message).toContain(
      `error when evicting pods/"${victim.name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`,
    );
    expect(message).toContain('nothing in the cluster will change');
    expect(c.nodes.find((n) => n.name === node)!.unschedulable).toBeFalsy();
  });

  it('an unready Pod: refused under IfHealthyBudget while the budget is not met, evicted under AlwaysAllow', () => {
    const unready = web(2, { readinessProbe: { exec: { command: ['false'] } } });
    const sel = { matchLabels: { app: 'web' } };
    const strict = build(unready, pdb('web', { minAvailable: 1, selector: sel }));
    expect(webPods(strict).every((p) => !p.ready)).toBe(true);
    const { node } = busiest(strict);
    expect(() => drainNode(strict, node)).toThrow("Cannot evict pod as it would violate the pod's disruption budget.");
    const lenient = build(unready, pdb('web', { minAvailable: 1, selector: sel, unhealthyPodEvictionPolicy: 'AlwaysAllow' }));
    const drained = drainNode(lenient, node);
    expect(webPods(drained).every((p) => p.nodeName !== node)).toBe(true);
  });

  it('two budgets over one Pod: the eviction fails (500) and so does the drain', () => {
    const sel = { matchLabels: { app: 'web' } };
    const c = build(web(2), pdb('a', { maxUnavailable: 2, selector: sel }), pdb('b', { maxUnavailable: 2, selector: sel }));
    const { node } = busiest(c);
    expect(() => drainNode(c, node)).toThrow(
      /error when evicting pods\/"web-[^"]+" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support\./,
    );
  });

  it('a bare Pod (--force) is protected by a budget too, and no controller will ever replace it', () => {
    const c = build(
      pod('solo', [container('c', 'kubetm/app')], { labels: { app: 'solo' }, nodeSelector: { 'kubernetes.io/hostname': 'k8s-node1' } }),
      pdb('solo', { minAvailable: 1, selector: { matchLabels: { app: 'solo' } } }),
    );
    expect(() => drainNode(c, 'k8s-node1', { force: true })).toThrow(/Warning: deleting Pods that declare no controller: default\/solo/);
  });
});

describe('drain against any budget (property)', () => {
  it('succeeds exactly when the budget wants fewer healthy Pods than the Deployment runs; it never strands a Pod on the node', () => {
    const budget = fc.oneof(
      fc.record({ kind: fc.constant('min' as const), v: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('max' as const), v: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('pct' as const), v: fc.constantFrom(0, 25, 50, 75, 100) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), budget, (replicas, b) => {
        const sel = { matchLabels: { app: 'web' } };
        const spec: PodDisruptionBudgetSpec =
          b.kind === 'min'
            ? { minAvailable: Math.min(b.v, replicas), selector: sel }
            : b.kind === 'max'
              ? { maxUnavailable: Math.min(b.v, replicas), selector: sel }
              : { minAvailable: `${b.v}%`, selector: sel };
        // desiredHealthy as the disruption controller computes it (percentages of the scale, rounded up).
        const desired =
          b.kind === 'min'
            ? Math.min(b.v, replicas)
            : b.kind === 'max'
              ? replicas - Math.min(b.v, replicas)
              : Math.ceil((b.v * replicas) / 100);
        const c = build(web(replicas), pdb('web', spec));
        const { node } = busiest(c);
        if (desired < replicas) {
          const drained = drainNode(c, node);
          const live = webPods(drained).filter((p) => !p.terminating);
          expect(live).toHaveLength(replicas);
          expect(webPods(drained).some((p) => p.nodeName === node)).toBe(false);
        } else {
          expect(() => drainNode(c, node)).toThrow("Cannot evict pod as it would violate the pod's disruption budget.");
        }
      }),
      { numRuns: 30 },
    );
  });
});
