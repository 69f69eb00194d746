/**
 * NetworkPolicy under canal (Calico enforcing on flannel's datapath), on the upstream netpol e2e model:
 * namespaces x, y, z with Pods a, b, c serving 80 and 81 (tests/fixtures/netpol). The truth tables are
 * derived from the semantics in the Kubernetes docs, not from the engine's output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../src/cluster/index';
import { loadManifests, type RawFile } from '../../../src/load/index';
import { readFolder } from '../../../src/load/fsFolder';
import type { Cluster } from '../../../src/model/cluster';
import type { Outcome } from '../../../src/model/trace';
import { trace1 } from './helpers';

const MODEL = readFolder('tests/fixtures/netpol').files;
const PODS = ['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c'];

function clusterWith(policies: string, settings = ''): Cluster {
  const extra: RawFile[] = [{ path: 'policies.yaml', text: policies }];
  const files = settings ? MODEL.map((f) => ({ ...f, text: f.text.replace('\n  cni: canal', `\n  ${settings}`) })) : MODEL;
  return buildCluster(loadManifests([...files, ...extra]), { seed: 1 });
}

function policy(name: string, ns: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: "${ns}"\nspec:\n${spec}\n---\n`;
}

/** Every source Pod × every destination Pod on one port: `.` delivered, `X` dropped (upstream truthtable.go's marks). */
function truthTable(c: Cluster, port: string): string[] {
  return PODS.map((from) =>
    PODS.map((to) => {
      const o: Outcome = trace1(c, `pod/${from}`, `pod/${to}:${port}`).outcome;
      return o === 'delivered' ? '.' : o === 'dropped' ? 'X' : o[0];
    }).join(''),
  );
}

const DENY_X_INGRESS = policy('deny-ingress', 'x', '  podSelector: {}');

describe('NetworkPolicy under canal', () => {
  it('with no policy every Pod reaches every Pod on both ports', () => {
    const c = clusterWith('');
    expect(truthTable(c, '80').every((row) => row === '.........')).toBe(true);
    expect(truthTable(c, '81/udp').every((row) => row === '.........')).toBe(true);
  });

  it('default-deny ingress isolates every Pod of x; traffic into y and z is untouched', () => {
    const rows = truthTable(clusterWith(DENY_X_INGRESS), '80');
    // A Pod reaching itself over its own address never leaves its network namespace: no policy applies.
    expect(rows).toEqual([
      '.XX......',
      'X.X......',
      'XX.......',
      'XXX......',
      'XXX......',
      'XXX......',
      'XXX......',
      'XXX......',
      'XXX......',
    ]);
  });

  it('an ingress rule with podSelector {} allows the own namespace only', () => {
    const c = clusterWith(DENY_X_INGRESS + policy('allow-same-ns', 'x', '  podSelector: {}\n  ingress:\n  - from:\n    - podSelector: {}'));
    expect(truthTable(c, '80').map((r) => r.slice(0, 3))).toEqual(['...', '...', '...', 'XXX', 'XXX', 'XXX', 'XXX', 'XXX', 'XXX']);
  });

  it('namespaceSelector and podSelector in one peer are ANDed; in two peers ORed', () => {
    const and = policy(
      'and',
      'x',
      '  podSelector: { matchLabels: { pod: a } }\n  ingress:\n  - from:\n    - namespaceSelector: { matchLabels: { ns: "y" } }\n      podSelector: { matchLabels: { pod: b } }',
    );
    const or = policy(
      'or',
      'x',
      '  podSelector: { matchLabels: { pod: a } }\n  ingress:\n  - from:\n    - namespaceSelector: { matchLabels: { ns: "y" } }\n    - podSelector: { matchLabels: { pod: b } }',
    );
    const column = (c: Cluster): string =>
      truthTable(c, '80')
        .map((r) => r[0])
        .join('');
    // Into x/a from x/a x/b x/c y/a y/b y/c z/a z/b z/c.
    expect(column(clusterWith(and))).toBe('.XXX.XXXX');
    expect(column(clusterWith(or))).toBe('..X...XXX');
  });

  it('the automatic kubernetes.io/metadata.name label names a namespace', () => {
    const c = clusterWith(
      policy(
        'from-z',
        'x',
        '  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: "z" } }',
      ),
    );
    expect(truthTable(c, '80').map((r) => r.slice(0, 3))).toEqual(['.XX', 'X.X', 'XX.', 'XXX', 'XXX', 'XXX', '...', '...', '...']);
  });

  it('ports: by number, by a name resolved on the destination Pod, by range, per protocol', () => {
    const only = (ports: string) => clusterWith(policy('p', 'x', `  podSelector: {}\n  ingress:\n  - ports:\n${ports}`));
    const reach = (c: Cluster, port: string): Outcome => trace1(c, 'pod/y/a', `pod/x/b:${port}`).outcome;
    const byNumber = only('    - port: 80');
    expect([reach(byNumber, '80'), reach(byNumber, '81'), reach(byNumber, '80/udp')]).toEqual(['delivered', 'dropped', 'dropped']);
    const byName = only('    - port: serve-81-udp\n      protocol: UDP');
    expect([reach(byName, '81/udp'), reach(byName, '81'), reach(byName, '80/udp')]).toEqual(['delivered', 'dropped', 'dropped']);
    const range = only('    - port: 79\n      endPort: 81');
    expect([reach(range, '80'), reach(range, '81'), reach(range, '81/udp')]).toEqual(['delivered', 'delivered', 'dropped']);
  });

  it('ipBlock with except', () => {
    const a = trace1(clusterWith(''), 'pod/y/a', 'pod/x/a:80').hops[0].src.split(':')[0];
    const c = clusterWith(
      policy('block', 'x', `  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: { cidr: 10.244.0.0/16, except: ["${a}/32"] }`),
    );
    expect(trace1(c, 'pod/y/a', 'pod/x/a:80').outcome).toBe('dropped');
    expect(trace1(c, 'pod/y/b', 'pod/x/a:80').outcome).toBe('delivered');
  });

  it('a drop names the policies that isolate the Pod and cites their lines; an allow names the rule', () => {
    const c = clusterWith(
      DENY_X_INGRESS +
        policy('allow-y', 'x', '  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: { matchLabels: { ns: "y" } }'),
    );
    const denied = trace1(c, 'pod/z/a', 'pod/x/b:80');
    expect(denied.outcome).toBe('dropped');
    expect(denied.reason).toContain('isolated for ingress by NetworkPolicy x/deny-ingress, x/allow-y');
    const drop = denied.hops[denied.hops.length - 1];
    expect(drop).toMatchObject({ action: 'drop', at: 'pod/x/b' });
    expect(drop.refs?.map((r) => `${r.file}:${r.line}`)).toEqual(['policies.yaml:7', 'policies.yaml:15']);
    const allowed = trace1(c, 'pod/y/c', 'pod/x/b:80');
    expect(allowed.hops.map((h) => h.action)).toEqual(
      ['send', 'forward', 'forward', 'allow', 'deliver'].filter((a) => allowed.hops.some((h) => h.action === a)),
    );
    const allow = allowed.hops.find((h) => h.action === 'allow');
    expect(allow?.note).toContain('NetworkPolicy x/allow-y (ingress[0])');
    expect(allow?.refs?.[0]).toMatchObject({ file: 'policies.yaml', path: 'spec.ingress[0]' });
  });

  it('egress is checked after the Service DNAT: a rule for the backend Pod allows a call to its ClusterIP', () => {
    const c = clusterWith(
      policy(
        'to-a',
        'y',
        '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector: {}\n      podSelector: { matchLabels: { pod: a } }',
      ),
    );
    expect(trace1(c, 'pod/y/b', 'svc/x/s-x-a:80').outcome).toBe('delivered');
    expect(trace1(c, 'pod/y/b', 'pod/x/b:80').outcome).toBe('dropped');
    const t = trace1(c, 'pod/y/b', 'svc/x/s-x-a:80');
    const dnat = t.hops.findIndex((h) => h.action === 'dnat');
    const allow = t.hops.findIndex((h) => h.action === 'allow');
    expect(dnat).toBeGreaterThan(0);
    expect(allow).toBeGreaterThan(dnat);
  });

  it('a default-deny egress also stops DNS: a name does not resolve, and the reason names the policy', () => {
    const c = clusterWith(policy('deny-egress', 'z', '  podSelector: {}\n  policyTypes: [Egress]'));
    const t = trace1(c, 'pod/z/a', 's-x-a.x:80');
    expect(t.outcome).toBe('unresolved');
    expect(t.reason).toContain('NetworkPolicy z/deny-egress');
    expect(t.hops[0]).toMatchObject({ action: 'send', dst: '10.96.0.10:53' });
    // Allowing DNS (to kube-system on 53/UDP) lets the name resolve, and the connection itself is still denied.
    const dns = policy(
      'allow-dns',
      'z',
      '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }\n    ports:\n    - { port: 53, protocol: UDP }',
    );
    const c2 = clusterWith(policy('deny-egress', 'z', '  podSelector: {}\n  policyTypes: [Egress]') + dns);
    expect(trace1(c2, 'pod/z/a', 's-x-a.x:80').outcome).toBe('dropped');
  });

  it('a node reaches its own Pods whatever the policies say; another node does not', () => {
    const c = clusterWith(DENY_X_INGRESS);
    const t = trace1(c, 'pod/y/a', 'pod/x/a:80');
    const node = t.node as string;
    expect(trace1(c, `node/${node}`, 'pod/x/a:80').outcome).toBe('delivered');
    const other = ['k8s-node1', 'k8s-node2'].find((n) => n !== node) as string;
    expect(trace1(c, `node/${other}`, 'pod/x/a:80').outcome).toBe('dropped');
  });

  it('the classic surprise: under externalTrafficPolicy: Cluster a NodePort request arrives masqueraded, so an ipBlock for the client misses', () => {
    const svc = (etp: string) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: np\n  namespace: "x"\nspec:\n  type: NodePort\n  externalTrafficPolicy: ${etp}\n  selector: { pod: a }\n  ports:\n  - { port: 80, nodePort: 30080 }\n---\n`;
    const allowClient = policy('client', 'x', '  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: { cidr: 192.168.64.1/32 }');
    const local = clusterWith(svc('Local') + allowClient);
    const node = trace1(local, 'pod/y/a', 'pod/x/a:80').node as string;
    const other = ['k8s-node1', 'k8s-node2'].find((n) => n !== node) as string;
    expect(trace1(local, 'external', `node/${node}:30080`).outcome).toBe('delivered');
    const cluster = clusterWith(svc('Cluster') + allowClient);
    const t = trace1(cluster, 'external', `node/${other}:30080`);
    expect(t.outcome).toBe('dropped');
    expect(t.reason).toContain("never sees the client's own address 192.168.64.1");
  });

  it('under plain flannel policies are listed and say they are not enforced', () => {
    const c = clusterWith(DENY_X_INGRESS, 'cni: flannel');
    const t = trace1(c, 'pod/y/a', 'pod/x/a:80');
    expect(t.outcome).toBe('delivered');
    expect(t.reason).toContain('is not enforced: flannel alone does not implement NetworkPolicy');
  });

  it('replies of an allowed connection pass: the way back has no policy hop', () => {
    const c = clusterWith(
      DENY_X_INGRESS +
        policy('y-deny', 'y', '  podSelector: {}') +
        policy('x-to-y', 'y', '  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: { matchLabels: { ns: "x" } }'),
    );
    const t = trace1(c, 'pod/x/a', 'pod/y/a:80');
    expect(t.outcome).toBe('delivered');
    expect(t.response?.hops.some((h) => h.action === 'drop' || h.action === 'allow')).toBe(false);
  });
});

describe('NetworkPolicy properties', () => {
  const selectors = ['{}', '{ matchLabels: { pod: a } }', '{ matchLabels: { pod: b } }'];
  const peers = [
    '- podSelector: {}',
    '- namespaceSelector: {}',
    '- namespaceSelector: { matchLabels: { ns: "y" } }',
    '- podSelector: { matchLabels: { pod: c } }',
    '- ipBlock: { cidr: 10.244.1.0/24 }',
  ];
  const rule = fc.record({ peer: fc.constantFrom(...peers), port: fc.constantFrom('', '    ports:\n    - port: 80\n') });
  const spec = fc.record({ ns: fc.constantFrom('x', 'y'), sel: fc.constantFrom(...selectors), rules: fc.array(rule, { maxLength: 2 }) });
  const text = (name: string, s: { ns: string; sel: string; rules: { peer: string; port: string }[] }): string =>
    policy(
      name,
      s.ns,
      `  podSelector: ${s.sel}\n  ingress:${s.rules.length === 0 ? ' []' : ''}\n${s.rules.map((r) => `  - from:\n    ${r.peer}\n${r.port}`).join('')}`,
    );
  const outcomes = (c: Cluster): string => truthTable(c, '80').join('');

  it('adding an allow rule never removes reachability', () => {
    fc.assert(
      fc.property(spec, rule, (base, extra) => {
        const before = outcomes(clusterWith(text('p', base)));
        const after = outcomes(clusterWith(text('p', { ...base, rules: [...base.rules, extra] })));
        for (let i = 0; i < before.length; i++) if (before[i] === '.') expect(after[i]).toBe('.');
      }),
      { numRuns: 15 },
    );
  });

  it('without policies, canal delivers exactly what flannel delivers', () => {
    expect(outcomes(clusterWith(''))).toBe(outcomes(clusterWith('', 'cni: flannel')));
  });
});
