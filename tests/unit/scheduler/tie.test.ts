/**
 * selectHost's tie (schedule_one.go): among nodes sharing the top total, reservoir sampling picks
 * one at random. The schedule record names the tied nodes so "Why here?" can say it was a coin toss.
 */
import { describe, expect, it } from 'vitest';
import { addPod, newSchedulerCache, schedulePod } from '../../../src/scheduler';
import { Rng } from '../../../src/util/rng';
import { bound, node, pod, sized } from './fixtures';

describe('schedule record: a tie at the top score', () => {
  it('names every node sharing the top total, with that total, and picks one of them', () => {
    const r = schedulePod(newSchedulerCache([node('a'), node('b'), node('c')]), pod('p'), new Rng(1));
    expect(r.tie).toEqual({ score: r.scores.a.total, count: 3, nodes: ['a', 'b', 'c'] });
    expect(r.scores.b.total).toBe(r.tie!.score);
    expect(r.tie!.nodes).toContain(r.node);
  });

  it('lists only the nodes at the top, not the ones scored lower', () => {
    const cache = newSchedulerCache([node('busy'), node('a'), node('b')]);
    addPod(cache, bound(sized('x', 1000, 2 * 1024 * 1024 * 1024), 'busy'));
    const r = schedulePod(cache, pod('p'), new Rng(1));
    expect(r.tie?.nodes).toEqual(['a', 'b']);
    expect(r.scores.busy.total).toBeLessThan(r.tie!.score);
  });

  it('has no tie when one node scores best', () => {
    const cache = newSchedulerCache([node('busy'), node('idle')]);
    addPod(cache, bound(sized('x', 1000, 2 * 1024 * 1024 * 1024), 'busy'));
    const r = schedulePod(cache, pod('p'), new Rng(1));
    expect(r.node).toBe('idle');
    expect(r.tie).toBeUndefined();
  });

  it('has no tie with a single feasible node', () => {
    const r = schedulePod(newSchedulerCache([node('only')]), pod('p'), new Rng(1));
    expect(r.tie).toBeUndefined();
  });

  it('picks at random among the tied nodes: every one is chosen for some seed, and a seed always picks the same', () => {
    const picks = new Set<string | null>();
    for (let seed = 1; seed <= 40; seed++) {
      const pick = schedulePod(newSchedulerCache([node('a'), node('b'), node('c')]), pod('p'), new Rng(seed)).node;
      const again = schedulePod(newSchedulerCache([node('a'), node('b'), node('c')]), pod('p'), new Rng(seed)).node;
      expect(again).toBe(pick);
      picks.add(pick);
    }
    expect([...picks].sort()).toEqual(['a', 'b', 'c']);
  });

  it('in a large cluster counts every tied node but names only a few, the chosen one among them', () => {
    const nodes = Array.from({ length: 150 }, (_, i) => node(`n${i}`));
    const r = schedulePod(newSchedulerCache(nodes), pod('p'), new Rng(7));
    expect(r.tie!.count).toBe(r.feasibleNodes);
    expect(r.tie!.count).toBeGreaterThan(5);
    expect(r.tie!.nodes).toHaveLength(5);
    expect(r.tie!.nodes).toContain(r.node);
  });
});
