/**
 * The world outside the cluster: settings.externalHosts answer on their ports, anything else outside
 * times out; Pods reach them masqueraded by flannel and the reply is un-SNATed back hop by hop.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../../src/model/cluster';
import type { Hop, Trace } from '../../../src/model/trace';
import { traceRequests } from '../../../src/trace';
import { cluster, pod, seedNodes } from './fixtures';
import { ipOf, lastHop, path, trace1 } from './helpers';

const backLast = (t: Trace): Hop => t.response!.hops[t.response!.hops.length - 1];
/** The connection alone: a name's DNS exchange (its hops lead the trace) left out. */
const connection = (t: Trace): Trace => ({ ...t, hops: t.hops.filter((h) => h.dns === undefined) });

const DB = { name: 'db.example.com', ip: '192.168.64.100', ports: [{ port: 5432, protocol: 'TCP' as const }] };
const CACHE = {
  ip: '203.0.113.7',
  ports: [
    { port: 6379, protocol: 'TCP' as const },
    { port: 53, protocol: 'UDP' as const },
  ],
};

function outside(): Cluster {
  const app = pod({ name: 'app', node: 'k8s-node1', ip: '10.244.1.5', containers: [{ name: 'app', ports: [80] }] });
  const peer = pod({ name: 'peer', node: 'k8s-node2', ip: '10.244.2.9', containers: [{ name: 'web', ports: [8080] }] });
  return cluster(seedNodes(), [app, peer], [], { externalHosts: [DB, CACHE] });
}

describe('a Pod calling a host outside the cluster', () => {
  it('is masqueraded by flannel to its node, leaves by eth0 and reaches the host, which sees the node', () => {
    const t = trace1(outside(), 'pod/app', '192.168.64.100:5432');
    expect(t.outcome).toBe('delivered');
    expect(path(t)).toEqual(['send@pod/app', 'snat@node/k8s-node1', 'forward@node/k8s-node1', 'deliver@host/db.example.com']);
    const snat = t.hops[1];
    expect(snat.rule).toBe('FLANNEL-POSTRTG');
    expect(ipOf(snat.src)).toBe('192.168.64.31');
    const rules = traceRequests(outside(), { from: 'pod/app', to: '192.168.64.100:5432' }).run.events.find(
      (e) => e.action === 'snat',
    )?.rules;
    expect(rules).toContain(
      '-A FLANNEL-POSTRTG -s 10.244.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully',
    );
    expect(rules).toContain('-A FLANNEL-POSTRTG -s 10.244.1.0/24 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j RETURN');
    expect(t.hops[2].note).toMatch(/out of eth0 on the node network 192\.168\.64\.0\/24 to db\.example\.com/);
    expect(ipOf(lastHop(t).src)).toBe('192.168.64.31');
    expect(t.reason).toMatch(/delivered to db\.example\.com \(192\.168\.64\.100:5432\), a host outside the cluster/);
  });

  it('gets the reply through conntrack: the flannel masquerade is reversed on its node, back to the Pod', () => {
    const t = trace1(outside(), 'pod/app', '192.168.64.100:5432');
    const back = t.response!.hops;
    expect(back.map((h) => `${h.action}@${h.at}`)).toEqual([
      'reply@host/db.example.com',
      'forward@node/k8s-node1',
      'un-nat@node/k8s-node1',
      'deliver@pod/app',
    ]);
    expect(back[2].note).toMatch(/reverses the flannel masquerade/);
    expect(backLast(t)).toMatchObject({ src: '192.168.64.100:5432', dst: t.hops[0].src });
  });

  it('is not masqueraded inside the pod network (flannel RETURNs it): a Pod on another node sees the Pod IP', () => {
    const t = trace1(outside(), 'pod/app', '10.244.2.9:8080');
    expect(t.outcome).toBe('delivered');
    expect(t.hops.some((h) => h.action === 'snat')).toBe(false);
    expect(ipOf(lastHop(t).src)).toBe('10.244.1.5');
  });

  it('by name: db.example.com resolves through the host resolver, and host/NAME names it too', () => {
    for (const to of ['db.example.com:5432', 'host/db.example.com:5432', 'host/192.168.64.100:5432']) {
      const t = trace1(outside(), 'pod/app', to);
      expect(t.outcome, to).toBe('delivered');
      expect(lastHop(t).dst, to).toBe('192.168.64.100:5432');
    }
  });

  it('a host without a name is host/IP; a UDP port it serves answers, over the default gateway', () => {
    const t = trace1(outside(), 'pod/app', '203.0.113.7:53/udp');
    expect(t.outcome).toBe('delivered');
    expect(lastHop(t).at).toBe('host/203.0.113.7');
    expect(t.hops[2].note).toMatch(/through the default gateway/);
  });

  it('a port the host does not serve is refused by its kernel (RST), and the RST comes back to the Pod', () => {
    const t = trace1(outside(), 'pod/app', 'db.example.com:80');
    expect(t.outcome).toBe('refused');
    expect(lastHop(t)).toMatchObject({ at: 'host/db.example.com', action: 'rst' });
    expect(t.reason).toMatch(/nothing listens on db\.example\.com:80\/TCP \(it serves 5432\/TCP\)/);
    expect(backLast(t)).toMatchObject({ at: 'pod/app', dst: connection(t).hops[0].src });
  });

  it('an outside address nobody owns times out, and says the SYN is retransmitted', () => {
    const c = outside();
    const { run } = traceRequests(c, { from: 'pod/app', to: '198.51.100.20:443' });
    const t = run.traces[0];
    expect(t.outcome).toBe('timeout');
    expect(t.response).toBeUndefined();
    expect(t.reason).toMatch(/retransmits the SYN/);
    expect(t.reason).toMatch(/spec\.externalHosts/);
    expect(run.events[run.events.length - 1]).toMatchObject({ action: 'timeout', outcome: 'timeout' });
  });

  it('an unowned address on the node network: the node asks ARP and nobody answers', () => {
    const t = trace1(outside(), 'pod/app', '192.168.64.77:80');
    expect(t.outcome).toBe('timeout');
    expect(lastHop(t).note).toMatch(/asks ARP for it on eth0/);
  });
});

describe('nodes and the external client calling an outside host', () => {
  it('a node connects from its own address, with no NAT', () => {
    const t = trace1(outside(), 'node/k8s-node2', 'db.example.com:5432');
    expect(t.outcome).toBe('delivered');
    expect(t.dns).toMatchObject({ server: '192.168.64.1:53', answers: ['192.168.64.100'] });
    expect(path(connection(t))).toEqual(['send@node/k8s-node2', 'forward@node/k8s-node2', 'deliver@host/db.example.com']);
    expect(ipOf(lastHop(t).src)).toBe('192.168.64.32');
    expect(backLast(t)).toMatchObject({ at: 'node/k8s-node2', action: 'deliver' });
  });

  it('the external client reaches it directly, through no node', () => {
    const t = trace1(outside(), 'external', '192.168.64.100:5432');
    expect(t.outcome).toBe('delivered');
    expect(t.hops.some((h) => h.at.startsWith('node/'))).toBe(false);
    expect(ipOf(lastHop(t).src)).toBe('192.168.64.1');
  });

  it('an unknown host/NAME is a usage error that lists the declared hosts', () => {
    expect(() => trace1(outside(), 'pod/app', 'host/nope.example.com:80')).toThrow(
      /hosts "nope.example.com" not found outside the cluster \(declared: db.example.com, 203.0.113.7\)/,
    );
    expect(() => trace1(cluster(seedNodes(), [], []), 'external', 'host/db:80')).toThrow(/the settings declare none/);
  });
});

describe('hostPort from a Pod on the same node (portmap marks the whole container network)', () => {
  function withHostPort(): Cluster {
    const web = pod({ name: 'web', node: 'k8s-node1', ip: '10.244.1.5', containers: [{ name: 'nginx', ports: [80] }] });
    web.spec.containers[0].ports[0].hostPort = 8081;
    const neighbour = pod({ name: 'neighbour', node: 'k8s-node1', ip: '10.244.1.7', containers: [{ name: 'sh' }] });
    const far = pod({ name: 'far', node: 'k8s-node2', ip: '10.244.2.9', containers: [{ name: 'sh' }] });
    return cluster(seedNodes(), [web, neighbour, far], []);
  }

  it("is masqueraded by CNI-HOSTPORT-MASQ to cni0's address 10.244.1.1", () => {
    const t = trace1(withHostPort(), 'pod/neighbour', 'node/k8s-node1:8081');
    expect(t.outcome).toBe('delivered');
    expect(t.hops.find((h) => h.action === 'snat')).toMatchObject({ rule: 'CNI-HOSTPORT-MASQ' });
    expect(ipOf(lastHop(t).src)).toBe('10.244.1.1');
    expect(backLast(t)).toMatchObject({ at: 'pod/neighbour', dst: t.hops[0].src });
  });

  it('from a Pod on another node, portmap does not masquerade (flannel already made it the node address)', () => {
    const t = trace1(withHostPort(), 'pod/far', 'node/k8s-node1:8081');
    expect(t.outcome).toBe('delivered');
    expect(t.hops.some((h) => h.rule === 'CNI-HOSTPORT-MASQ')).toBe(false);
    expect(ipOf(lastHop(t).src)).toBe('192.168.64.32');
  });
});

describe('property: every Pod → outside reply is un-SNATed back to the Pod', () => {
  it('the reply reaches the Pod at the exact IP:port it sent from, whatever the host, port, seed or Pod', () => {
    const c = outside();
    const targets = ['192.168.64.100:5432', 'db.example.com:80', '203.0.113.7:6379', '203.0.113.7:53/udp', '203.0.113.7:9'];
    fc.assert(
      fc.property(
        fc.constantFrom('pod/app', 'pod/peer'),
        fc.constantFrom(...targets),
        fc.integer({ min: 1, max: 10_000 }),
        (from, to, seed) => {
          const t = trace1(c, from, to, seed);
          expect(['delivered', 'refused']).toContain(t.outcome);
          const first = connection(t).hops[0];
          const back = t.response!.hops;
          const last = back[back.length - 1];
          expect(last.at).toBe(first.at);
          expect(last.dst).toBe(first.src);
          expect(last.src).toBe(first.dst);
          // The host only ever saw the node's address.
          expect(ipOf(lastHop(t).src)).toMatch(/^192\.168\.64\.3[12]$/);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the overlay: packets crossing nodes through flannel.1 are encapsulated in VXLAN', () => {
  const header = (src: string, dst: string) => ({ device: 'flannel.1', outerSrc: src, outerDst: dst, udpPort: 8472, vni: 1, mtu: 1450 });

  it('encap on the sending node and decap on the receiving one, each with the outer header node IP → peer node IP', () => {
    const t = trace1(outside(), 'pod/app', '10.244.2.9:8080');
    expect(path(t)).toEqual(['send@pod/app', 'encap@node/k8s-node1', 'decap@node/k8s-node2', 'deliver@pod/peer']);
    expect(t.hops[1].encap).toEqual(header('192.168.64.31', '192.168.64.32'));
    expect(t.hops[2].encap).toEqual(header('192.168.64.31', '192.168.64.32'));
    expect(t.hops[1].note).toMatch(/MTU 1450.*192\.168\.64\.31 → 192\.168\.64\.32, UDP 8472, VNI 1/);
    // The inner packet is untouched by the tunnel.
    expect(t.hops[1].src).toBe(t.hops[0].src);
    expect(t.hops[2].dst).toBe(t.hops[0].dst);
  });

  it('the reply crosses back the other way: the peer encapsulates toward the first node, which decapsulates', () => {
    const t = trace1(outside(), 'pod/app', '10.244.2.9:8080');
    const back = t.response!.hops;
    expect(back.map((h) => `${h.action}@${h.at}`)).toEqual([
      'reply@pod/peer',
      'encap@node/k8s-node2',
      'decap@node/k8s-node1',
      'deliver@pod/app',
    ]);
    expect(back[1].encap).toEqual(header('192.168.64.32', '192.168.64.31'));
    expect(back[2].encap).toEqual(header('192.168.64.32', '192.168.64.31'));
  });

  it('packet events carry the header on overlay hops only', () => {
    const { run } = traceRequests(outside(), { from: 'pod/app', to: '10.244.2.9:8080' });
    for (const e of run.events) {
      if (e.action === 'encap' || e.action === 'decap') expect(e.encap?.udpPort).toBe(8472);
      else expect(e.encap).toBeUndefined();
    }
    expect(run.events.filter((e) => e.encap).length).toBe(4);
  });

  it('no tunnel on the same node or to the outside', () => {
    expect(trace1(outside(), 'pod/app', 'db.example.com:5432').hops.some((h) => h.encap)).toBe(false);
  });
});
