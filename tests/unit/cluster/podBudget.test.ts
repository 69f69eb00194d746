/**
 * Issue 13, Pods per cluster: workloads each within their own budget can still ask for more Pods
 * than the simulator holds. Controllers stop at MAX_PODS_PER_CLUSTER as under a quota (a
 * FailedCreate event and one warning on the workload), a bare Pod past it is refused, and what was
 * created before stays. `kubectl scale` past the per-workload budget is refused outright.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster, ClusterOperationError, scaleWorkload } from '../../../src/cluster';
import { loadManifests } from '../../../src/load';
import { MAX_PODS_PER_CLUSTER, MAX_PODS_PER_WORKLOAD } from '../../../src/load/budgets';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - {name: c, image: nginx}\n`;
const deployment = (name: string, replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n      - {name: c, image: nginx}\n`;

describe('Pods per cluster', () => {
  it('controllers stop at the budget with a FailedCreate; a bare Pod past it is refused', () => {
    const started = performance.now();
    // The real budget (MAX_PODS_PER_CLUSTER, above Kubernetes' 150,000) takes a benchmark to reach; the rule is the same at 3,000.
    const budget = 3 * MAX_PODS_PER_WORKLOAD;
    const workloads = Math.ceil(budget / MAX_PODS_PER_WORKLOAD);
    const files = [
      { path: 'a-good.yaml', text: pod('good') },
      ...Array.from({ length: workloads }, (_, i) => ({ path: `b-web${i}.yaml`, text: deployment(`web${i}`, MAX_PODS_PER_WORKLOAD) })),
      { path: 'c-late.yaml', text: pod('late') },
    ];
    const c = buildCluster(loadManifests(files), { seed: 1, podBudget: budget });
    expect(performance.now() - started).toBeLessThan(20_000);

    expect(c.pods).toHaveLength(budget);
    expect(MAX_PODS_PER_CLUSTER).toBeGreaterThan(160_000);
    expect(c.pods.some((p) => p.name === 'good')).toBe(true);
    expect(c.pods.some((p) => p.name === 'late')).toBe(false);
    const last = `web${workloads - 1}`;
    const refusal = c.diagnostics.filter((d) => d.name === last);
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toMatchObject({ severity: 'warning', file: `b-web${workloads - 1}.yaml`, line: 1, kind: 'Deployment' });
    expect(refusal[0]?.message).toMatch(
      new RegExp(
        `^Error creating: pods "${last}-[0-9a-z]+-[0-9a-z]{5}" is forbidden: exceeded the simulator's limit of ${budget} Pods per cluster$`,
      ),
    );
    expect(c.events.filter((e) => e.reason === 'FailedCreate')).toHaveLength(1);
    expect(c.diagnostics.find((d) => d.name === 'late')).toMatchObject({
      severity: 'error',
      file: 'c-late.yaml',
      message: `pods "late" is forbidden: exceeded the simulator's limit of ${budget} Pods per cluster`,
    });
  });
});

describe('kubectl scale past the per-workload budget', () => {
  it('is refused with the words of an invalid Scale, and changes nothing', () => {
    const c = buildCluster(loadManifests([{ path: 'web.yaml', text: deployment('web', 2) }]), { seed: 1 });
    expect(() => scaleWorkload(c, 'deployment', 'default', 'web', 2147483647)).toThrow(ClusterOperationError);
    expect(() => scaleWorkload(c, 'deployment', 'default', 'web', MAX_PODS_PER_WORKLOAD + 1)).toThrow(
      `The Scale "web" is invalid: spec.replicas: Invalid value: ${MAX_PODS_PER_WORKLOAD + 1}: exceeds the simulator's limit of ${MAX_PODS_PER_WORKLOAD} Pods per workload`,
    );
    expect(scaleWorkload(c, 'deployment', 'default', 'web', 3).pods.filter((p) => !p.builtIn)).toHaveLength(3);
  });
});
