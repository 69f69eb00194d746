/**
 * Properties of the traffic engine over generated clusters and requests: traffic policies, endpoint
 * validity, NAT symmetry of the way back, determinism, and a well-formed event stream.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cluster, PodState } from '../../src/model/cluster';
import type { Trace } from '../../src/model/trace';
import { traceRequests } from '../../src/trace';
import { cluster, node, pod, service } from '../unit/trace/fixtures';

const APPS = ['a', 'b', 'c'];
const PORTS = [80, 8080, 9090];

interface Gen {
  cluster: Cluster;
  requests: { from: string; to: string }[];
}

const podSpec = fc.record({
  node: fc.nat(),
  app: fc.constantFrom(...APPS),
  ready: fc.boolean(),
  ports: fc.subarray(PORTS, { minLength: 1 }),
  listensAll: fc.boolean(),
});

const svcSpec = fc.record({
  type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer' as const),
  app: fc.constantFrom(...APPS),
  targetPort: fc.constantFrom(...PORTS),
  local: fc.boolean(),
  itpLocal: fc.boolean(),
  sticky: fc.boolean(),
  lb: fc.boolean(),
});

const genCluster: fc.Arbitrary<Gen> = fc
  .record({
    nodes: fc.integer({ min: 2, max: 4 }),
    pods: fc.array(podSpec, { maxLength: 8 }),
    services: fc.array(svcSpec, { minLength: 1, maxLength: 4 }),
    picks: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }),
  })
  .map(({ nodes: nodeCount, pods: podSpecs, services: svcSpecs, picks }) => {
    const nodes = Array.from({ length: nodeCount }, (_, i) => node(i === 0 ? 'cp' : `w${i}`, i, { controlPlane: i === 0 }));
    const pods: PodState[] = podSpecs.map((p, i) => {
      const n = p.node % nodeCount;
      return pod({
        name: `p${i}`,
        node: nodes[n].name,
        ip: `10.244.${n}.${10 + i}`,
        labels: { app: p.app },
        ready: p.ready,
        containers: [{ name: 'c', ports: p.ports, listens: p.listensAll ? p.ports : p.ports.slice(0, 1) }],
      });
    });
    const services = svcSpecs.map((s, i) =>
      service(
        {
          name: `s${i}`,
          type: s.type,
          clusterIP: `10.100.0.${i + 1}`,
          selector: { app: s.app },
          ports: [{ port: 80, targetPort: s.targetPort, nodePort: s.type === 'ClusterIP' ? undefined : 30000 + i }],
          externalTrafficPolicy: s.type === 'ClusterIP' ? undefined : s.local ? 'Local' : 'Cluster',
          internalTrafficPolicy: s.itpLocal ? 'Local' : 'Cluster',
          sessionAffinity: s.sticky ? 'ClientIP' : 'None',
          loadBalancerIP: s.type === 'LoadBalancer' && s.lb ? `192.168.64.${240 + i}` : null,
        },
        pods,
      ),
    );
    const c = cluster(nodes, pods, services, { loadBalancer: { provider: 'metallb', addresses: ['192.168.64.240-192.168.64.250'] } });
    const sources = ['external', ...nodes.map((n) => `node/${n.name}`), ...pods.map((p) => `pod/${p.name}`)];
    const targets = [
      ...services.map((s) => `svc/${s.name}:80`),
      ...services.flatMap((s) => (s.ports[0].nodePort ? nodes.map((n) => `node/${n.name}:${s.ports[0].nodePort}`) : [])),
      ...services.filter((s) => s.type === 'LoadBalancer').map((s) => `lb/${s.name}:80`),
      ...pods.flatMap((p) => PORTS.map((port) => `pod/${p.name}:${port}`)),
      '10.244.1.250:80',
      '10.100.0.1:81',
    ];
    const requests = picks.map(([a, b]) => ({ from: sources[a % sources.length], to: targets[b % targets.length] }));
    return { cluster: c, requests };
  });

const ip = (addr: string): string => addr.slice(0, addr.lastIndexOf(':'));

function eachTrace(g: Gen, seed: number, check: (t: Trace, req: { from: string; to: string }) => void): void {
  for (const req of g.requests) {
    const run = traceRequests(g.cluster, { ...req, count: 2, seed }).run;
    for (const t of run.traces) check(t, req);
  }
}

describe('trace properties', () => {
  it('a request under externalTrafficPolicy: Local from outside never crosses nodes and keeps the client IP', () => {
    fc.assert(
      fc.property(genCluster, fc.nat(1000), (g, seed) => {
        const c = g.cluster;
        for (const s of c.services.filter((x) => x.externalTrafficPolicy === 'Local')) {
          for (const n of c.nodes) {
            const t = traceRequests(c, { from: 'external', to: `node/${n.name}:${s.ports[0].nodePort}`, seed }).run.traces[0];
            expect(t.hops.some((h) => h.action === 'forward' || h.action === 'snat')).toBe(false);
            if (t.outcome === 'delivered') {
              expect(t.node).toBe(n.name);
              expect(ip(t.hops[t.hops.length - 1].src)).toBe(c.settings.externalClientIP);
            } else {
              expect(['dropped', 'refused']).toContain(t.outcome);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('every request delivered through a Service ends on a ready endpoint its selector matches', () => {
    fc.assert(
      fc.property(genCluster, fc.nat(1000), (g, seed) => {
        eachTrace(g, seed, (t) => {
          const dnat = t.hops.find((h) => h.action === 'dnat');
          if (!dnat || t.outcome !== 'delivered') return;
          const svc = g.cluster.services.find((s) => `svc/${s.name}` === dnat.at)!;
          const p = g.cluster.pods.find((x) => x.name === t.pod)!;
          expect(p.ready).toBe(true);
          expect(Object.entries(svc.selector ?? {}).every(([k, v]) => p.labels[k] === v)).toBe(true);
          expect(ip(t.hops[t.hops.length - 1].dst)).toBe(p.ip);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("the response reverses the request's NAT: it ends with the first hop's addresses swapped", () => {
    fc.assert(
      fc.property(genCluster, fc.nat(1000), (g, seed) => {
        eachTrace(g, seed, (t) => {
          if (t.outcome === 'delivered') expect(t.response).toBeDefined();
          if (!t.response) return;
          const first = t.hops[0];
          const back = t.response.hops;
          expect(back[back.length - 1].src).toBe(first.dst);
          expect(back[back.length - 1].dst).toBe(first.src);
          expect(back[back.length - 1].at).toBe(first.at);
          expect(back[0].src).toBe(t.hops[t.hops.length - 1].dst);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('the same cluster, request and seed give the same run; events are ordered with one outcome per flow', () => {
    fc.assert(
      fc.property(genCluster, fc.nat(1000), fc.integer({ min: 1, max: 4 }), (g, seed, count) => {
        for (const req of g.requests) {
          const a = traceRequests(g.cluster, { ...req, count, seed }).run;
          const b = traceRequests(g.cluster, { ...req, count, seed }).run;
          expect(JSON.stringify(a)).toBe(JSON.stringify(b));
          a.events.forEach((e, i) => {
            expect(e.seq).toBe(i);
            expect(e.time).toBeGreaterThanOrEqual(e.arrive);
            if (i > 0) expect(e.time).toBeGreaterThanOrEqual(a.events[i - 1].time);
          });
          for (let f = 0; f < count; f++) {
            const ends = a.events.filter((e) => e.flowId === f && e.outcome !== undefined);
            expect(ends).toHaveLength(1);
            expect(ends[0].outcome).toBe(a.traces[f].outcome);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
