/**
 * `kubectl get` tables compared with real kubectl output (the reference's transcripts): same
 * columns, same spacing (tabwriter: widest cell + 3, at least 6), same cell formats.
 */
import { describe, expect, it } from 'vitest';
import { kubectlGet, resolveGetKind, type GetOptions } from '../../../src/view/kubectl/get';
import { formatTable } from '../../../src/view/kubectl/tabwriter';
import type { Cluster } from '../../../src/model/cluster';
import { DAY, cluster, container, endpoint, node, pod, service } from './fixture';

function table(c: Cluster, kind: string, opts: GetOptions = {}): string {
  const r = kubectlGet(c, resolveGetKind(kind)!, opts);
  if (!r.ok) throw new Error(r.error);
  return r.stdout;
}

const lines = (...l: string[]): string => l.join('\n') + '\n';

describe('tabwriter layout', () => {
  it('pads every column but the last to its widest cell + 3 spaces, at least 6 wide', () => {
    expect(
      formatTable([
        ['NAME', 'AGE', 'X'],
        ['a', 'b', 'ccccccc'],
      ]),
    ).toBe('NAME   AGE   X\na      b     ccccccc\n');
    expect(
      formatTable([
        ['IP', 'Z'],
        ['x', 'y'],
      ]),
    ).toBe('IP    Z\nx     y\n');
  });
});

describe('kubectl get services', () => {
  // The reference's bare-metal example (no load-balancer controller).
  const c = cluster({
    clock: 10 * DAY,
    services: [
      service('kubernetes', {
        clusterIP: '10.96.0.1',
        selector: null,
        builtIn: true,
        ports: [{ protocol: 'TCP', port: 443, targetPort: 6443, source: { file: '', line: 0, column: 0 } }],
      }),
      service('web', {
        type: 'LoadBalancer',
        clusterIP: '10.101.27.153',
        createdAt: 10 * DAY - 12,
        ports: [{ protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 31547, source: { file: 'web.yaml', line: 9, column: 5 } }],
      }),
      service('web-np', {
        type: 'NodePort',
        clusterIP: '10.99.46.4',
        createdAt: 10 * DAY - 38,
        ports: [{ protocol: 'TCP', port: 8000, targetPort: 8080, nodePort: 32557, source: { file: 'np.yaml', line: 9, column: 5 } }],
      }),
    ],
  });

  it('prints the table kubectl prints, <pending> for a LoadBalancer nobody serves', () => {
    expect(table(c, 'svc')).toBe(
      lines(
        'NAME         TYPE           CLUSTER-IP      EXTERNAL-IP   PORT(S)          AGE',
        'kubernetes   ClusterIP      10.96.0.1       <none>        443/TCP          10d',
        'web          LoadBalancer   10.101.27.153   <pending>     80:31547/TCP     12s',
        'web-np       NodePort       10.99.46.4      <none>        8000:32557/TCP   38s',
      ),
    );
  });

  it('-o wide adds SELECTOR (sorted k=v, <none> without one)', () => {
    const out = table(c, 'services', { wide: true }).split('\n');
    expect(out[0]).toMatch(/PORT\(S\)\s+AGE\s+SELECTOR$/);
    expect(out[1]).toMatch(/10d\s+<none>$/);
    expect(out[2]).toMatch(/12s\s+app=web$/);
  });

  it('headless, ExternalName, multi-port and externalIPs cells', () => {
    const c2 = cluster({
      services: [
        service('db', { clusterIP: 'None', ports: [] }),
        service('ext', { type: 'ExternalName', clusterIP: null, externalName: 'db.example.com', selector: null, ports: [] }),
        service('dns', {
          clusterIP: '10.96.0.10',
          externalIPs: ['192.168.64.50'],
          ports: [
            { protocol: 'UDP', port: 53, targetPort: 53, source: { file: '', line: 0, column: 0 } },
            { protocol: 'TCP', port: 53, targetPort: 53, source: { file: '', line: 0, column: 0 } },
            { protocol: 'TCP', port: 9153, targetPort: 9153, source: { file: '', line: 0, column: 0 } },
          ],
        }),
        service('lb', {
          type: 'LoadBalancer',
          loadBalancerIP: '192.168.64.200',
          ports: [{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 30080, source: { file: '', line: 0, column: 0 } }],
        }),
      ],
    });
    const rows = table(c2, 'svc')
      .split('\n')
      .map((l) => l.split(/\s{3,}/));
    expect(rows[1]).toEqual(['db', 'ClusterIP', 'None', '<none>', '<none>', '0s']);
    expect(rows[2]).toEqual(['dns', 'ClusterIP', '10.96.0.10', '192.168.64.50', '53/UDP,53/TCP,9153/TCP', '0s']);
    expect(rows[3]).toEqual(['ext', 'ExternalName', '<none>', 'db.example.com', '<none>', '0s']);
    expect(rows[4]).toEqual(['lb', 'LoadBalancer', '10.96.0.100', '192.168.64.200', '80:30080/TCP', '0s']);
  });
});

describe('kubectl get pods', () => {
  const c = cluster({
    clock: 1000,
    pods: [
      pod('web-7c5ddbdf54-2xkqn', { createdAt: 1000 - 120, ip: '10.244.1.2', nodeName: 'node01' }),
      pod('web-7c5ddbdf54-q8vzt', {
        createdAt: 1000 - 180,
        ip: '10.244.2.3',
        nodeName: 'node02',
        ready: false,
        status: 'CrashLoopBackOff',
        containers: [
          container('app'),
          container('sidecar', {
            state: 'waiting',
            reason: 'CrashLoopBackOff',
            ready: false,
            restartCount: 4,
            lastTerminatedAt: 1000 - 20,
          }),
        ],
      }),
    ],
  });

  it('-o wide prints the reference example byte for byte', () => {
    expect(table(c, 'pods', { wide: true })).toBe(
      lines(
        'NAME                   READY   STATUS             RESTARTS      AGE   IP           NODE     NOMINATED NODE   READINESS GATES',
        'web-7c5ddbdf54-2xkqn   1/1     Running            0             2m    10.244.1.2   node01   <none>           <none>',
        'web-7c5ddbdf54-q8vzt   1/2     CrashLoopBackOff   4 (20s ago)   3m    10.244.2.3   node02   <none>           <none>',
      ),
    );
  });

  it('a restarted CoreDNS pod reads like the real one (RESTARTS "2 (131m ago)", AGE 4d21h)', () => {
    const now = 5 * DAY;
    const c2 = cluster({
      clock: now,
      pods: [
        pod('coredns-7db6d8ff4d-7kb9x', {
          namespace: 'kube-system',
          createdAt: now - (4 * DAY + 21 * 3600 + 5 * 60),
          containers: [container('coredns', { restartCount: 2, lastTerminatedAt: now - 131 * 60 })],
        }),
      ],
    });
    expect(table(c2, 'po', { namespace: 'kube-system' })).toBe(
      lines(
        'NAME                       READY   STATUS    RESTARTS       AGE',
        'coredns-7db6d8ff4d-7kb9x   1/1     Running   2 (131m ago)   4d21h',
      ),
    );
  });

  it('a Pending pod shows <none> for IP and NODE; a terminating pod shows Terminating', () => {
    const c2 = cluster({
      pods: [
        pod('big', { phase: 'Pending', status: 'Pending', ready: false, containers: [container('c', { state: 'waiting', ready: false })] }),
        pod('old', { terminating: true, ip: '10.244.1.9', nodeName: 'n1' }),
      ],
    });
    const rows = table(c2, 'pods', { wide: true })
      .split('\n')
      .map((l) => l.split(/\s{3,}/));
    expect(rows[1]).toEqual(['big', '0/1', 'Pending', '0', '0s', '<none>', '<none>', '<none>', '<none>']);
    expect(rows[2][2]).toBe('Terminating');
  });

  it('lists only the default namespace unless -n or -A; -A adds NAMESPACE and sorts by namespace', () => {
    const c2 = cluster({ pods: [pod('b'), pod('a', { namespace: 'zeta' }), pod('coredns', { namespace: 'kube-system' })] });
    expect(table(c2, 'pods').split('\n')[1]).toMatch(/^b\s/);
    const all = table(c2, 'pods', { allNamespaces: true }).split('\n');
    expect(all[0]).toMatch(/^NAMESPACE\s+NAME\s+READY/);
    expect(all.slice(1, 4).map((l) => l.split(/\s+/).slice(0, 2).join('/'))).toEqual(['default/b', 'kube-system/coredns', 'zeta/a']);
  });

  it('-l filters by labels; no match says so on stderr, not stdout', () => {
    const c2 = cluster({ pods: [pod('p1', { labels: { app: 'pod' } }), pod('p2', { labels: { app: 'web' } })] });
    expect(kubectlGet(c2, 'pods', { selector: 'app=pod' })).toMatchObject({ ok: true, stdout: expect.stringMatching(/\np1 /) });
    expect(kubectlGet(c2, 'pods', { selector: 'app!=pod' })).toMatchObject({ ok: true, stdout: expect.not.stringMatching(/p1/) });
    expect(kubectlGet(c2, 'pods', { selector: 'app=none' })).toEqual({
      ok: true,
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
      notFound: [],
    });
    expect(kubectlGet(c2, 'pods', { selector: 'app=none', allNamespaces: true })).toMatchObject({ stderr: 'No resources found\n' });
  });

  it("an invalid selector is the API server's BadRequest", () => {
    expect(kubectlGet(cluster(), 'pods', { selector: 'app:monolith' })).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^Error from server \(BadRequest\): Unable to find "\/v1, Resource=pods" that match label selector "app:monolith", field selector "": unable to parse requirement: <nil>: Invalid value: "app:monolith": name part must/,
      ),
    });
  });

  it('names select objects; a missing one is NotFound', () => {
    const c2 = cluster({ pods: [pod('p1'), pod('p2')] });
    const r = kubectlGet(c2, 'pods', { names: ['p2', 'nope'] });
    expect(r).toMatchObject({ ok: true, stderr: 'Error from server (NotFound): pods "nope" not found\n', notFound: ['nope'] });
    expect(r.ok && r.stdout.split('\n').length).toBe(3);
  });
});

describe('kubectl get nodes', () => {
  const c = cluster({
    clock: 600,
    nodes: [
      node('k8s-master', '192.168.64.30', { index: 0, roles: ['control-plane'], labels: { 'node-role.kubernetes.io/control-plane': '' } }),
      node('k8s-node1', '192.168.64.31', { index: 1, createdAt: 60 }),
      node('k8s-node2', '192.168.64.32', { index: 2, createdAt: 60, unschedulable: true }),
    ],
  });

  it('STATUS, ROLES (control-plane / <none>), AGE and VERSION as kubectl prints them', () => {
    expect(table(c, 'nodes')).toBe(
      lines(
        'NAME         STATUS                     ROLES           AGE   VERSION',
        'k8s-master   Ready                      control-plane   10m   v1.31.4',
        'k8s-node1    Ready                      <none>          9m    v1.31.4',
        'k8s-node2    Ready,SchedulingDisabled   <none>          9m    v1.31.4',
      ),
    );
  });

  it('-o wide adds the node addresses and system info; -A adds no NAMESPACE for nodes', () => {
    const out = table(c, 'no', { wide: true, allNamespaces: true }).split('\n');
    expect(out[0].split(/\s{3,}/)).toEqual([
      'NAME',
      'STATUS',
      'ROLES',
      'AGE',
      'VERSION',
      'INTERNAL-IP',
      'EXTERNAL-IP',
      'OS-IMAGE',
      'KERNEL-VERSION',
      'CONTAINER-RUNTIME',
    ]);
    expect(out[2].split(/\s{3,}/).slice(5, 7)).toEqual(['192.168.64.31', '<none>']);
  });
});

describe('kubectl get endpoints', () => {
  it('ready ip:port pairs, at most three, then "+ N more..." (like kube-dns with two pods)', () => {
    const now = 4 * DAY + 21 * 3600;
    const ports = [
      { name: 'dns', port: 53, protocol: 'UDP' as const },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' as const },
      { name: 'metrics', port: 9153, protocol: 'TCP' as const },
    ];
    const c = cluster({
      clock: now,
      services: [
        service('kube-dns', {
          namespace: 'kube-system',
          endpoints: [endpoint('coredns-b', '10.1.0.21', 'n1', { ports }), endpoint('coredns-a', '10.1.0.20', 'n1', { ports })],
        }),
      ],
    });
    expect(table(c, 'ep', { namespace: 'kube-system' })).toBe(
      lines(
        'NAME       ENDPOINTS                                            AGE',
        'kube-dns   10.1.0.20:53,10.1.0.21:53,10.1.0.20:53 + 3 more...   4d21h',
      ),
    );
  });

  it('<none> without endpoints, not-ready and terminating addresses left out, no object for selector-less Services', () => {
    const c = cluster({
      nodes: [node('cp', '192.168.64.30', { roles: ['control-plane'] })],
      services: [
        service('kubernetes', { selector: null, builtIn: true }),
        service('manual', { selector: null }),
        service('svc-1', {
          endpoints: [
            endpoint('a', '10.244.1.2', 'n1'),
            endpoint('b', '10.244.2.2', 'n2', { ready: false }),
            endpoint('c', '10.244.2.3', 'n2', { terminating: true, ready: false }),
          ],
        }),
        service('svc-2'),
      ],
    });
    const rows = table(c, 'endpoints')
      .split('\n')
      .map((l) => l.split(/\s{3,}/));
    expect(rows.slice(1, -1)).toEqual([
      ['kubernetes', '192.168.64.30:6443', '0s'],
      ['svc-1', '10.244.1.2:8080', '0s'],
      ['svc-2', '<none>', '0s'],
    ]);
  });
});

describe('resource names', () => {
  it("accepts kubectl's plural, singular and short names", () => {
    expect(['pods', 'pod', 'po', 'svc', 'service', 'no', 'nodes', 'ep', 'endpoints'].map(resolveGetKind)).toEqual([
      'pods',
      'pods',
      'pods',
      'services',
      'services',
      'nodes',
      'nodes',
      'endpoints',
      'endpoints',
    ]);
    expect(resolveGetKind('deployments')).toBeUndefined();
  });
});
