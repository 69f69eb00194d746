/** percentageOfNodesToScore, the round-robin start index and the reservoir-sampled tie break. */
import { describe, expect, it } from 'vitest';
import { newSchedulerCache, schedulePod } from '../../../src/scheduler';
import { numFeasibleNodesToFind, selectHost } from '../../../src/scheduler/selectHost';
import { Rng } from '../../../src/util/rng';
import { node, pod } from './fixtures';

describe('numFeasibleNodesToFind', () => {
  it.each([
    // [nodes, configured %, expected]: below 100 nodes all; adaptive 50 − n/125 %, floor 5 %, at least 100.
    [3, undefined, 3],
    [99, undefined, 99],
    [100, undefined, 100], // 50 − 0 = 50 % → 50 → raised to 100
    [1000, undefined, 420], // 50 − 8 = 42 %
    [5000, undefined, 500], // 50 − 40 = 10 %
    [6000, undefined, 300], // 50 − 48 = 2 % → floor 5 % → 300
    [500, 10, 100], // 10 % → 50 → raised to 100
    [1000, 100, 1000],
  ])('%i nodes at %s%% → %i', (nodes, pct, want) => {
    expect(numFeasibleNodesToFind(pct, nodes)).toBe(want);
  });
});

describe('round-robin start index', () => {
  const many = (n: number, cordoned: number[] = []) =>
    Array.from({ length: n }, (_, i) => node('n' + String(i).padStart(3, '0'), { unschedulable: cordoned.includes(i) }));

  it('evaluates only enough nodes and starts the next cycle where this one stopped', () => {
    // 200 nodes: 50 − 1 = 49 % → 98 → at least 100 nodes per cycle.
    const cache = newSchedulerCache(many(200, [5]));
    const first = schedulePod(cache, pod('a'), new Rng(1), { explainNodes: 1000 });
    // n000…n100: 101 nodes looked at (n005 cordoned), 100 feasible.
    expect(Object.keys(first.scores)).toHaveLength(100);
    expect(first.rejected).toEqual({ n005: 'node(s) were unschedulable' });
    expect(first.scores).toHaveProperty('n100');
    expect(first.scores).not.toHaveProperty('n101');
    expect(first.evaluatedNodes).toBe(101);
    expect(cache.nextStartNodeIndex).toBe(101);

    const second = schedulePod(cache, pod('b'), new Rng(1), { explainNodes: 1000 });
    expect(Object.keys(second.scores).sort()[0]).toBe('n000'); // wrapped around: n101…n199, n000
    expect(second.scores).toHaveProperty('n101');
    expect(second.scores).not.toHaveProperty('n001');
    expect(cache.nextStartNodeIndex).toBe(1);
  });

  it('keeps only the best few scores per pod in a large cluster, the chosen node among them', () => {
    const cache = newSchedulerCache(many(150));
    const r = schedulePod(cache, pod('a'), new Rng(2));
    expect(Object.keys(r.scores)).toHaveLength(5);
    expect(r.scores).toHaveProperty(r.node!);
    expect(r.feasibleNodes).toBe(100);
  });
});

describe('selectHost', () => {
  it('takes the unique maximum without consulting the RNG', () => {
    const rng = new Rng(9);
    const before = rng.state;
    expect(selectHost([10, 30, 20], 3, rng)).toBe(1);
    expect(rng.state).toBe(before);
  });

  it('picks uniformly among equal maxima (reservoir sampling)', () => {
    const rng = new Rng(123);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 6000; i++) counts[selectHost([5, 9, 9, 9], 4, rng)]++;
    expect(counts[0]).toBe(0);
    for (const c of counts.slice(1)) expect(c).toBeGreaterThan(1800); // ≈ 2000 each
  });
});
