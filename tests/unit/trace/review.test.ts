/**
 * Fidelity fixes from a review against a real kubeadm + flannel + kube-proxy (iptables) cluster:
 * node ports on every local address, Pod loopback, DNS search paths, headless Services, UDP replies,
 * and the chains a node-port packet really walks.
 */
import { describe, expect, it } from 'vitest';
import { traceRequests } from '../../../src/trace';
import { cluster, pod, pod1, pod2, seedCluster, seedNodes, service, withClusterDns } from './fixtures';
import { ipOf, lastHop, path, trace1, traceWhere } from './helpers';

function nodePortCluster(etp: 'Cluster' | 'Local' = 'Cluster') {
  const pods = [pod1(), pod2()];
  const svc = service(
    {
      name: 'np',
      type: 'NodePort',
      clusterIP: '10.100.9.1',
      selector: { app: 'pod' },
      ports: [{ port: 9000, targetPort: 8080, nodePort: 30080 }],
      externalTrafficPolicy: etp,
    },
    pods,
  );
  return cluster(seedNodes(), pods, [svc]);
}

describe('a node port answers on every local address of the node (addrtype LOCAL), reached through the tunnel too', () => {
  it("a Pod calling another node's cni0 address:nodePort gets the Service, not the node kernel's RST", () => {
    const c = nodePortCluster();
    c.pods.push(pod({ name: 'client', node: 'k8s-node1', ip: '10.244.1.9', containers: [{ name: 'sh' }] }));
    const t = trace1(c, 'pod/client', '10.244.2.1:30080');
    expect(t.outcome).toBe('delivered');
    const dnat = t.hops.find((h) => h.action === 'dnat')!;
    expect(dnat).toMatchObject({ at: 'svc/np', node: 'k8s-node2' });
    // It crossed flannel.1 first: the DNAT happens on the node that owns the address.
    expect(path(t).slice(0, 3)).toEqual(['send@pod/client', 'encap@node/k8s-node1', 'decap@node/k8s-node2']);
    expect(t.reason).not.toContain('no Service uses nodePort');
  });

  it("a node calling another node's flannel.1 address:nodePort (externalTrafficPolicy: Local) is short-circuited: its flannel.1 source is in the cluster CIDR", () => {
    const c = nodePortCluster('Local');
    const t = trace1(c, 'node/k8s-node1', '10.244.2.0:30080');
    expect(t.outcome).toBe('delivered');
    expect(t.hops.find((h) => h.action === 'dnat')!.node).toBe('k8s-node2');
    expect(t.hops[0].src.startsWith('10.244.1.0:')).toBe(true);
  });
});

describe('Pod loopback', () => {
  it('127.0.0.1 from a Pod leaves from 127.0.0.1 over lo and never touches the node', () => {
    const t = trace1(seedCluster(), 'pod/pod-1', '127.0.0.1:8000');
    expect(ipOf(t.hops[0].src)).toBe('127.0.0.1');
    expect(t.hops[0].note).toContain('over lo');
    expect(t.hops[0].note).not.toContain('veth');
    expect(path(t)).toEqual(['send@pod/pod-1', 'deliver@pod/pod-1']);
  });

  it('a Pod calling its own IP stays on lo (no cni0, no node rules)', () => {
    const t = trace1(seedCluster(), 'pod/pod-1', '10.244.1.2:8080');
    expect(t).toMatchObject({ outcome: 'delivered', container: 'container2' });
    expect(path(t)).toEqual(['send@pod/pod-1', 'deliver@pod/pod-1']);
    expect(t.hops[0].note).toContain('its own address');
    expect(t.hops[0].note).not.toContain('veth');
  });

  it('a node curling 127.0.0.5 uses 127.0.0.1 as the source (local 127.0.0.0/8 src 127.0.0.1)', () => {
    const t = trace1(nodePortCluster(), 'node/k8s-node1', '127.0.0.5:30080');
    expect(ipOf(t.hops[0].src)).toBe('127.0.0.1');
  });
});

describe("Service names resolve through the calling Pod's DNS search path", () => {
  function twoNamespaces() {
    const shopPod = pod({
      name: 'cart',
      namespace: 'shop',
      node: 'k8s-node2',
      ip: '10.244.2.7',
      labels: { app: 'web' },
      containers: [{ name: 'c', ports: [8080] }],
    });
    const webPod = pod({
      name: 'web-1',
      node: 'k8s-node1',
      ip: '10.244.1.7',
      labels: { app: 'web' },
      containers: [{ name: 'c', ports: [8080] }],
    });
    const pods = [shopPod, webPod];
    const inShop = service(
      { name: 'web', namespace: 'shop', clusterIP: '10.100.7.1', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      pods,
    );
    const inDefault = service(
      { name: 'web', clusterIP: '10.100.7.2', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      pods,
    );
    const onlyDefault = service(
      { name: 'api', clusterIP: '10.100.7.3', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      pods,
    );
    return withClusterDns(cluster(seedNodes(), pods, [inShop, inDefault, onlyDefault]));
  }

  /** The connection's first hop, after the DNS exchange. */
  const connectionStart = (t: ReturnType<typeof trace1>) => t.hops.find((h) => h.dns === undefined)!;

  it('a bare name from a Pod in shop is web.shop, not web.default', () => {
    const t = trace1(twoNamespaces(), 'pod/shop/cart', 'curl http://web/');
    expect(t.dns?.queries[0]).toEqual({ name: 'web.shop.svc.cluster.local', rcode: 'NOERROR' });
    expect(connectionStart(t).dst).toBe('10.100.7.1:80');
    expect(t.hops.filter((h) => h.dns === undefined).find((h) => h.action === 'dnat')!.at).toBe('svc/shop/web');
  });

  it('the same bare name from a Pod in default is web.default', () => {
    expect(connectionStart(trace1(twoNamespaces(), 'pod/web-1', 'web:80')).dst).toBe('10.100.7.2:80');
  });

  it('a name that exists only in another namespace does not resolve from shop: NXDOMAIN, and the reason names the fix', () => {
    const c = twoNamespaces();
    const t = trace1(c, 'pod/shop/cart', 'api:80');
    expect(t.outcome).toBe('unresolved');
    expect(t.dns?.rcode).toBe('NXDOMAIN');
    expect(t.reason).toMatch(/^Could not resolve host: api .*did you mean api\.default/);
    expect(connectionStart(trace1(c, 'pod/shop/cart', 'api.default:80')).dst).toBe('10.100.7.3:80');
  });
});

describe('headless Services (clusterIP: None)', () => {
  function headless(pods = [pod1(), pod2()]) {
    const svc = service({ name: 'db', clusterIP: 'None', selector: { app: 'pod' }, ports: [{ port: 8080 }] }, pods);
    svc.refs.clusterIP = { file: 'db.yaml', line: 6, column: 3, path: 'spec.clusterIP', label: 'clusterIP: None' };
    const client = pod({ name: 'client', node: 'k8s-node1', ip: '10.244.1.9', containers: [{ name: 'sh' }] });
    return cluster(seedNodes(), [...pods, client], [svc]);
  }

  it('a Pod connects straight to a Pod IP that DNS handed out: no DNAT, the port it asked for', () => {
    const t = traceWhere(headless(), 'pod/client', 'svc/db:8080', (x) => x.pod === 'pod-2');
    expect(t.outcome).toBe('delivered');
    expect(t.hops[0].dst).toBe('10.244.2.2:8080');
    expect(t.hops.some((h) => h.action === 'dnat')).toBe(false);
    expect(t.hops[0].note).toContain('A records');
    expect(t.reason).toContain('headless');
    expect(t.refs?.some((r) => r.label === 'clusterIP: None')).toBe(true);
    // The reply comes straight from the Pod IP: there is no Service address to un-NAT to.
    expect(t.response!.hops[t.response!.hops.length - 1].src).toBe('10.244.2.2:8080');
  });

  it('DNS answers in random order, so both Pods get connections', () => {
    const run = traceRequests(headless(), { from: 'pod/client', to: 'svc/db:8080', count: 20 }).run;
    expect(new Set(run.traces.map((t) => t.pod))).toEqual(new Set(['pod-1', 'pod-2']));
  });

  it('a node cannot resolve cluster names: unreachable, and the reason says so', () => {
    const t = trace1(headless(), 'node/k8s-node1', 'svc/db:8080');
    expect(t.outcome).toBe('unreachable');
    expect(t.reason).toContain('resolv.conf');
  });

  it('without a ready endpoint there is no A record at all', () => {
    const t = trace1(headless([]), 'pod/client', 'svc/db:8080');
    expect(t.outcome).toBe('unreachable');
    expect(t.reason).toContain('no ready endpoint');
  });
});

describe('UDP replies', () => {
  it('a DNS answer is not a "connection"', () => {
    const pods = [
      pod({ name: 'dns', node: 'k8s-node2', ip: '10.244.2.8', labels: { k: 'dns' }, containers: [{ name: 'coredns', ports: [53] }] }),
    ];
    pods[0].containers[0].listening = [{ port: 53, protocol: 'UDP' }];
    const svc = service({ name: 'dns', clusterIP: '10.96.0.10', selector: { k: 'dns' }, ports: [{ port: 53, protocol: 'UDP' }] }, pods);
    pods.push(pod1());
    const t = trace1(cluster(seedNodes(), pods, [svc]), 'pod/pod-1', '10.96.0.10:53/udp');
    expect(t.outcome).toBe('delivered');
    const last = t.response!.hops[t.response!.hops.length - 1];
    expect(last.src).toBe('10.96.0.10:53');
    expect(last.note).not.toContain('connected');
  });
});

describe('the chains a node-port packet walks', () => {
  it('starts in KUBE-SERVICES, whose last rule jumps to KUBE-NODEPORTS', () => {
    const t = trace1(nodePortCluster(), 'external', 'node/k8s-node1:30080');
    expect(t.hops.find((h) => h.action === 'dnat')!.rule).toMatch(/^KUBE-SERVICES → KUBE-NODEPORTS → KUBE-EXT-[A-Z2-7]{16} → KUBE-SVC-/);
  });

  it('an LB IP with loadBalancerSourceRanges passes KUBE-FW before KUBE-EXT', () => {
    const pods = [pod1(), pod2()];
    const svc = service(
      {
        name: 'web',
        type: 'LoadBalancer',
        clusterIP: '10.100.2.1',
        selector: { app: 'pod' },
        ports: [{ port: 80, targetPort: 8080, nodePort: 31000 }],
        loadBalancerIP: '192.168.64.240',
        loadBalancerSourceRanges: ['192.168.64.0/24'],
      },
      pods,
    );
    const c = cluster(seedNodes(), pods, [svc], { loadBalancer: { provider: 'metallb', addresses: ['192.168.64.240-192.168.64.250'] } });
    const t = trace1(c, 'external', 'lb/web:80');
    expect(t.outcome).toBe('delivered');
    expect(t.hops.find((h) => h.action === 'dnat')!.rule).toMatch(/^KUBE-SERVICES → KUBE-FW-[A-Z2-7]{16} → KUBE-EXT-/);
    expect(lastHop(t).action).toBe('deliver');
  });
});

describe("hostPort (the portmap plugin in flannel's CNI chain)", () => {
  function withHostPort() {
    const ingress = pod({ name: 'ingress', node: 'k8s-node1', ip: '10.244.1.5', containers: [{ name: 'nginx', ports: [80] }] });
    ingress.spec.containers[0].ports[0].hostPort = 8081;
    const client = pod({ name: 'client', node: 'k8s-node2', ip: '10.244.2.9', containers: [{ name: 'sh' }] });
    return cluster(seedNodes(), [ingress, client], []);
  }

  it("node:hostPort on the Pod's node is DNATed to podIP:containerPort, and the Pod sees the real client", () => {
    const t = trace1(withHostPort(), 'external', 'node/k8s-node1:8081');
    expect(t).toMatchObject({ outcome: 'delivered', pod: 'ingress', container: 'nginx' });
    expect(t.hops[1]).toMatchObject({ at: 'node/k8s-node1', action: 'dnat', rule: 'CNI-HOSTPORT-DNAT', dst: '10.244.1.5:80' });
    expect(ipOf(lastHop(t).src)).toBe('192.168.64.1');
    expect(t.refs?.some((r) => r.path === 'spec.containers[0].ports[0].hostPort')).toBe(true);
    const back = t.response!.hops;
    expect(back[back.length - 1]).toMatchObject({ at: 'client', src: '192.168.64.31:8081' });
  });

  it('only on that node: another node has nothing on the port (RST)', () => {
    const t = trace1(withHostPort(), 'external', 'node/k8s-node2:8081');
    expect(t.outcome).toBe('refused');
    expect(lastHop(t)).toMatchObject({ at: 'node/k8s-node2', action: 'rst' });
  });

  it('the Pod calling its own hostPort is masqueraded (hairpin) to cni0', () => {
    const t = trace1(withHostPort(), 'pod/ingress', 'node/k8s-node1:8081');
    expect(t.outcome).toBe('delivered');
    expect(t.hops.find((h) => h.action === 'snat')).toMatchObject({ rule: 'CNI-HOSTPORT-MASQ' });
    expect(ipOf(lastHop(t).src)).toBe('10.244.1.1');
  });
});

describe('objects the folder has but the network does not use', () => {
  it('a NetworkPolicy is shown as present but not enforced (flannel has no policy controller)', () => {
    const c = seedCluster();
    c.objects.push({ kind: 'NetworkPolicy', name: 'deny-all', namespace: 'default', file: 'np.yaml', line: 3, simulated: false });
    const t = trace1(c, 'external', 'node/k8s-node1:30000');
    expect(t.outcome).toBe('delivered');
    expect(t.reason).toMatch(/NetworkPolicy deny-all is not enforced: flannel/);
    expect(t.refs?.some((r) => r.file === 'np.yaml' && r.line === 3)).toBe(true);
  });

  it('a Service the API server rejected is named with its error, not just "not found"', () => {
    const c = seedCluster();
    c.diagnostics.push({
      severity: 'error',
      file: 'svc-9.yaml',
      line: 9,
      column: 11,
      path: 'spec.ports[0].port',
      message: 'spec.ports[0].port: Invalid value: "9000 // x": must be an integer',
      kind: 'Service',
      name: 'svc-9',
      namespace: 'default',
    });
    expect(() => traceRequests(c, { from: 'pod/pod-1', to: 'svc/svc-9:9000' })).toThrow(
      /svc-9\.yaml:9 was rejected — spec\.ports\[0\]\.port/,
    );
  });
});

describe('ExternalName', () => {
  it('says what really happens: a CNAME, nothing from kube-proxy, and a connection to a host outside the cluster', () => {
    const svc = service({ name: 'db', type: 'ExternalName', clusterIP: null, ports: [] }, []);
    svc.externalName = 'db.example.com';
    const t = trace1(cluster(seedNodes(), [pod1()], [svc]), 'pod/pod-1', 'svc/db:5432');
    expect(t.outcome).toBe('unreachable');
    expect(t.reason).toContain('CNAME to db.example.com');
    expect(t.reason).toContain('outside this cluster');
  });
});
