/** The Rules a hop walked, as kube-proxy v1.31's proxier.go writes them (iptables-save lines). */
import { describe, expect, it } from 'vitest';
import { traceRequests } from '../../../src/trace';
import { probability } from '../../../src/trace/iptablesSave';
import { cluster, pod, seedNodes, service } from './fixtures';

function three(extra: Partial<Parameters<typeof service>[0]> = {}) {
  const pods = [0, 1, 2].map((i) =>
    pod({
      name: `w-${i}`,
      node: `k8s-node${(i % 2) + 1}`,
      ip: `10.244.${(i % 2) + 1}.${30 + i}`,
      labels: { app: 'w' },
      containers: [{ name: 'c', ports: [8080] }],
    }),
  );
  const svc = service(
    {
      name: 'web',
      type: 'NodePort',
      clusterIP: '10.100.9.9',
      selector: { app: 'w' },
      ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }],
      ...extra,
    },
    pods,
  );
  return cluster(seedNodes(), pods, [svc]);
}

function dnatRules(c: ReturnType<typeof three>, from: string, to: string): string[] {
  const run = traceRequests(c, { from, to }).run;
  const e = run.events.find((x) => x.action === 'dnat');
  expect(e).toBeDefined();
  return e!.rules ?? [];
}

describe('iptables-save rules on packet events', () => {
  it('formats the statistic probability as proxier.probability does (%0.10f of 1/n)', () => {
    expect(probability(3)).toBe('0.3333333333');
    expect(probability(2)).toBe('0.5000000000');
  });

  it('walks KUBE-SERVICES → KUBE-SVC → KUBE-SEP for a ClusterIP, every endpoint rule with its probability', () => {
    const rules = dnatRules(three(), 'pod/w-0', '10.100.9.9:80');
    expect(rules[0]).toBe('*nat');
    const svcLine = rules.find((l) => l.startsWith('-A KUBE-SERVICES'))!;
    expect(svcLine).toMatch(
      /^-A KUBE-SERVICES -m comment --comment "default\/web cluster IP" -m tcp -p tcp -d 10\.100\.9\.9 --dport 80 -j KUBE-SVC-[A-Z2-7]{16}$/,
    );
    const chain = svcLine.split(' -j ')[1];
    const svcRules = rules.filter((l) => l.startsWith(`-A ${chain} `));
    // The masquerade rule for off-cluster sources, then one rule per endpoint; the last has no statistic match.
    expect(svcRules[0]).toContain('! -s 10.244.0.0/16 -j KUBE-MARK-MASQ');
    expect(svcRules.slice(1).map((l) => /--probability (\S+)/.exec(l)?.[1] ?? 'always')).toEqual([
      '0.3333333333',
      '0.5000000000',
      'always',
    ]);
    expect(svcRules[1]).toContain('--comment "default/web -> 10.244.1.30:8080"');
    const sep = rules.filter((l) => l.startsWith('-A KUBE-SEP-'));
    expect(sep).toHaveLength(2);
    expect(sep[1]).toMatch(/-m comment --comment default\/web -m tcp -p tcp -j DNAT --to-destination 10\.244\.\d\.\d+:8080$/);
  });

  it('walks KUBE-MARK-MASQ only when the packet is marked: from a node (outside the pod network), not from a Pod', () => {
    const c = three();
    expect(dnatRules(c, 'node/k8s-node1', '10.100.9.9:80')).toContain('-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000');
    const fromPod = traceRequests(c, { from: 'pod/w-0', to: '10.100.9.9:80', count: 6 }).run;
    for (const t of fromPod.events.filter((e) => e.action === 'dnat')) {
      const hairpin = fromPod.traces[t.flowId].pod === 'w-0';
      expect(t.rules!.includes('-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000')).toBe(hairpin);
    }
  });

  it('walks KUBE-NODEPORTS and KUBE-EXT for a node port, masquerading under externalTrafficPolicy: Cluster', () => {
    const rules = dnatRules(three(), 'external', 'node/k8s-node1:30080');
    expect(rules).toContain(
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    );
    expect(rules.some((l) => /^-A KUBE-NODEPORTS -m comment --comment default\/web -m tcp -p tcp --dport 30080 -j KUBE-EXT-/.test(l))).toBe(
      true,
    );
    expect(
      rules.some((l) =>
        /^-A KUBE-EXT-\S+ -m comment --comment "masquerade traffic for default\/web external destinations" -j KUBE-MARK-MASQ$/.test(l),
      ),
    ).toBe(true);
  });

  it('under externalTrafficPolicy: Local the EXT chain short-circuits pods and the host, then jumps to KUBE-SVL with only local endpoints', () => {
    const rules = dnatRules(three({ externalTrafficPolicy: 'Local' }), 'external', 'node/k8s-node1:30080');
    expect(rules.some((l) => l.includes('"pod traffic for default/web external destinations" -s 10.244.0.0/16 -j KUBE-SVC-'))).toBe(true);
    expect(rules.some((l) => l.includes('"route LOCAL traffic for default/web external destinations" -m addrtype --src-type LOCAL'))).toBe(
      true,
    );
    const svl = rules.filter((l) => l.startsWith('-A KUBE-SVL-'));
    // k8s-node1 runs w-0 and w-2 (10.244.1.x): two rules, the first matching half the time; node2's w-1 is not there.
    expect(svl).toHaveLength(2);
    expect(svl[0]).toContain('--probability 0.5000000000');
    expect(svl.every((l) => l.includes('-> 10.244.1.'))).toBe(true);
    expect(rules).not.toContain('-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000');
  });

  it('shows the session-affinity recent rules for sessionAffinity: ClientIP', () => {
    const rules = dnatRules(three({ sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 60 }), 'pod/w-0', '10.100.9.9:80');
    expect(rules.some((l) => / -m recent --name KUBE-SEP-\S+ --rcheck --seconds 60 --reap -j KUBE-SEP-/.test(l))).toBe(true);
    expect(rules.some((l) => / -m recent --name KUBE-SEP-\S+ --set -m tcp -p tcp -j DNAT/.test(l))).toBe(true);
  });

  it('a Service without endpoints is a filter-table REJECT', () => {
    const c = cluster(
      seedNodes(),
      [],
      [service({ name: 'empty', clusterIP: '10.100.9.10', selector: { app: 'none' }, ports: [{ port: 80 }] }, [])],
    );
    const run = traceRequests(c, { from: 'node/k8s-node1', to: '10.100.9.10:80' }).run;
    const e = run.events.find((x) => x.action === 'reject')!;
    expect(e.rules).toEqual([
      '*filter',
      '-A KUBE-SERVICES -m comment --comment "default/empty has no endpoints" -m tcp -p tcp -d 10.100.9.10 --dport 80 -j REJECT',
    ]);
  });

  it('the masquerade hop shows KUBE-POSTROUTING, and replies walk no rules', () => {
    const run = traceRequests(three(), { from: 'external', to: 'node/k8s-node1:30080' }).run;
    const snat = run.events.find((x) => x.action === 'snat' && x.direction === 'request');
    expect(snat?.rules).toContain(
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    );
    expect(run.events.filter((x) => x.direction === 'response').every((x) => x.rules === undefined)).toBe(true);
  });
});
