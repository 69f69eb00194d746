/** LoadBalancer Services with and without a provider (MetalLB layer 2). */
import { describe, expect, it } from 'vitest';
import { traceRequests } from '../../../src/trace';
import { sha256 } from '../../../src/trace/sha256';
import { EXCLUDE_LB, cluster, pod, pod1, pod2, seedNodes, service } from './fixtures';
import { lastHop, trace1 } from './helpers';

const LB_IP = '192.168.64.240';

function withMetalLB(opts: { local?: boolean; pods?: ReturnType<typeof pod>[]; ranges?: string[] } = {}) {
  const pods = opts.pods ?? [pod1(), pod2()];
  const svc = service(
    {
      name: 'web',
      type: 'LoadBalancer',
      clusterIP: '10.100.2.1',
      selector: { app: 'pod' },
      ports: [{ port: 80, targetPort: 8080, nodePort: 31000 }],
      externalTrafficPolicy: opts.local ? 'Local' : 'Cluster',
      loadBalancerIP: LB_IP,
      loadBalancerSourceRanges: opts.ranges,
      healthCheckNodePort: opts.local ? 32000 : undefined,
    },
    pods,
  );
  return cluster(seedNodes(), pods, [svc], { loadBalancer: { provider: 'metallb', addresses: ['192.168.64.240-192.168.64.250'] } });
}

/** MetalLB's election: lowest sha256(node + "#" + ip) among the candidates. */
function elected(names: string[]): string {
  const hex = (s: string) => Array.from(sha256(s), (b) => b.toString(16).padStart(2, '0')).join('');
  return [...names].sort((a, b) => (hex(`${a}#${LB_IP}`) < hex(`${b}#${LB_IP}`) ? -1 : 1))[0];
}

describe('LoadBalancer with MetalLB', () => {
  it('enters one announcing worker (never the excluded control plane) and keeps the LB IP as destination', () => {
    const t = trace1(withMetalLB(), 'external', `lb/web:80`);
    expect(t.outcome).toBe('delivered');
    const lb = t.hops[1];
    expect(lb).toMatchObject({ at: 'lb/web', action: 'lb', dst: `${LB_IP}:80` });
    expect(lb.node).toBe(elected(['k8s-node1', 'k8s-node2']));
    const dnat = t.hops[2];
    expect(dnat).toMatchObject({ action: 'dnat', node: lb.node });
    expect(dnat.rule).toMatch(/^KUBE-SERVICES → KUBE-EXT-[A-Z2-7]{16} → KUBE-SVC-/);
    // The reply comes back from the LB IP.
    expect(t.response!.hops[t.response!.hops.length - 1]).toMatchObject({ at: 'client', src: `${LB_IP}:80` });
  });

  it('an IP:PORT target equal to the LB IP takes the same path', () => {
    expect(trace1(withMetalLB(), 'external', `${LB_IP}:80`).hops[1].action).toBe('lb');
  });

  it('with externalTrafficPolicy: Local only nodes with a ready local endpoint are candidates', () => {
    const t = trace1(withMetalLB({ local: true, pods: [pod2()] }), 'external', 'lb/web:80');
    expect(t.hops[1].node).toBe('k8s-node2');
    expect(t).toMatchObject({ outcome: 'delivered', pod: 'pod-2' });
    expect(lastHop(t).src.startsWith('192.168.64.1:')).toBe(true);
  });

  it('no node announces an IP whose Service has no ready endpoint', () => {
    const t = trace1(withMetalLB({ pods: [] }), 'external', 'lb/web:80');
    expect(t.outcome).toBe('unreachable');
    expect(t.reason).toContain('no ready endpoint');
  });

  it('a node labelled exclude-from-external-load-balancers never announces', () => {
    const c = withMetalLB();
    for (const n of c.nodes) if (n.name !== 'k8s-master') n.labels[EXCLUDE_LB] = '';
    expect(trace1(c, 'external', 'lb/web:80').outcome).toBe('unreachable');
  });

  it('loadBalancerSourceRanges drops other clients at KUBE-FW', () => {
    const t = trace1(withMetalLB({ ranges: ['10.0.0.0/8'] }), 'external', 'lb/web:80');
    expect(t.outcome).toBe('dropped');
    expect(lastHop(t).rule).toMatch(/^KUBE-FW-/);
    expect(trace1(withMetalLB({ ranges: ['192.168.64.0/24'] }), 'external', 'lb/web:80').outcome).toBe('delivered');
  });

  it('a Pod calling the LB IP is captured on its own node (no trip to the load balancer)', () => {
    const t = trace1(withMetalLB(), 'pod/pod-1', `${LB_IP}:80`);
    expect(t.hops.some((h) => h.action === 'lb')).toBe(false);
    expect(t.hops[1]).toMatchObject({ action: 'dnat', node: 'k8s-node1' });
  });

  it('the health-check node port answers 200 only where an endpoint runs', () => {
    const c = withMetalLB({ local: true, pods: [pod2()] });
    expect(trace1(c, 'external', 'node/k8s-node2:32000').reason).toContain('HTTP 200');
    expect(trace1(c, 'external', 'node/k8s-node1:32000').reason).toContain('HTTP 503');
  });
});

describe('LoadBalancer without a provider', () => {
  it('is <pending>: unreachable at once, with no packet on the wire and no timeout', () => {
    const pods = [pod1()];
    const svc = service(
      {
        name: 'web',
        type: 'LoadBalancer',
        clusterIP: '10.100.2.2',
        selector: { app: 'pod' },
        ports: [{ port: 80, targetPort: 8080, nodePort: 31001 }],
      },
      pods,
    );
    const run = traceRequests(cluster(seedNodes(), pods, [svc]), { from: 'external', to: 'lb/web:80' }).run;
    expect(run.traces[0].outcome).toBe('unreachable');
    expect(run.traces[0].hops[1].dst).toBe('<pending>:80');
    expect(run.events.some((e) => e.action === 'timeout')).toBe(false);
    expect(run.events[run.events.length - 1].outcome).toBe('unreachable');
  });
});
