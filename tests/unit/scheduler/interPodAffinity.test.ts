/** InterPodAffinity: required (anti-)affinity filters and the preferred-term score. */
import { describe, expect, it } from 'vitest';
import { addPod, newSchedulerCache, schedulePod } from '../../../src/scheduler';
import { Rng } from '../../../src/util/rng';
import { bound, node, pod } from './fixtures';

const rng = (): Rng => new Rng(5);
const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

const term = (app: string, topologyKey: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey });

function web(name: string, affinity?: Record<string, unknown>) {
  return pod(name, affinity ? { affinity } : {}, { labels: { app: 'web' } });
}

describe('InterPodAffinity filter', () => {
  it('keeps one replica per node with required anti-affinity on the hostname', () => {
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', HOST)] } };
    const cache = newSchedulerCache([node('a'), node('b')]);
    addPod(cache, bound(web('web-0', anti), 'a'));
    const second = schedulePod(cache, web('web-1', anti), rng());
    expect(second.node).toBe('b');
    expect(second.rejected).toEqual({ a: "node(s) didn't match pod anti-affinity rules" });
    addPod(cache, bound(web('web-1', anti), 'b'));
    expect(schedulePod(cache, web('web-2', anti), rng()).message).toBe(
      "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. " +
        'preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
  });

  it("honours an existing pod's anti-affinity against the incoming pod (symmetry)", () => {
    const cache = newSchedulerCache([node('a'), node('b')]);
    const loner = pod('loner', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', HOST)] } } });
    addPod(cache, bound(loner, 'a'));
    const r = schedulePod(cache, web('web-0'), rng());
    expect(r.node).toBe('b');
    expect(r.rejected).toEqual({ a: "node(s) didn't satisfy existing pods anti-affinity rules" });
  });

  it('requires a matching pod in the same zone for required affinity', () => {
    const z = (name: string, zone: string) => node(name, { labels: { [ZONE]: zone } });
    const cache = newSchedulerCache([z('x1', 'x'), z('x2', 'x'), z('y1', 'y')]);
    const withDb = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', ZONE)] } };
    // No db pod anywhere, and the web pod does not match its own term: nowhere to go.
    expect(schedulePod(cache, web('early', withDb), rng()).message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod affinity rules. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    addPod(cache, bound(pod('db-0', {}, { labels: { app: 'db' } }), 'x2'));
    const r = schedulePod(cache, web('web-0', withDb), rng());
    expect(Object.keys(r.scores).sort()).toEqual(['x1', 'x2']);
    expect(r.rejected).toEqual({ y1: "node(s) didn't match pod affinity rules" });
  });

  it('lets the first pod of a self-affine group go anywhere', () => {
    const cache = newSchedulerCache([node('a'), node('b')]);
    const selfAffine = web('web-0', { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', HOST)] } });
    expect(schedulePod(cache, selfAffine, rng()).node).not.toBeNull();
  });
});

describe('InterPodAffinity score', () => {
  it('is 0 on every node when no term matches anything', () => {
    const cache = newSchedulerCache([node('a'), node('b')]);
    const r = schedulePod(cache, pod('p'), rng());
    expect(r.scores.a.plugins.InterPodAffinity).toBe(0);
    expect(r.scores.b.plugins.InterPodAffinity).toBe(0);
  });

  it('pushes a CoreDNS-like replica away with preferred anti-affinity: raw −100 vs 0 → 0 vs 100', () => {
    const dnsAffinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            podAffinityTerm: {
              labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
              topologyKey: HOST,
            },
          },
        ],
      },
    };
    const dns = (n: string) => pod(n, { affinity: dnsAffinity }, { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } });
    const cache = newSchedulerCache([node('a'), node('b')]);
    addPod(cache, bound(dns('coredns-0'), 'a'));
    const r = schedulePod(cache, dns('coredns-1'), rng());
    // Incoming term against coredns-0 on a: −100; coredns-0's own term against the incoming pod: −100 more.
    // raw a = −200, b = 0 → min −200, max 0: a 100·(0/200) = 0, b 100·(200/200) = 100
    expect(r.scores.a.plugins.InterPodAffinity).toBe(0);
    expect(r.scores.b.plugins.InterPodAffinity).toBe(100);
    expect(r.node).toBe('b');
  });

  it('adds weight 1 for an existing pod whose required affinity the incoming pod matches', () => {
    const cache = newSchedulerCache([node('a'), node('b'), node('c')]);
    const follower = pod('follower', {
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', HOST)] } },
    });
    addPod(cache, bound(follower, 'a'));
    const r = schedulePod(cache, web('web-0'), rng());
    // raw a = 1, b = c = 0 → a 100, b 0, c 0
    expect([r.scores.a, r.scores.b, r.scores.c].map((s) => s.plugins.InterPodAffinity)).toEqual([100, 0, 0]);
  });
});
