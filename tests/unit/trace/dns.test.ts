/**
 * Cluster DNS hop by hop: CoreDNS's records (kubernetes plugin), the resolv.conf each dnsPolicy gives,
 * the search path with ndots:5, and the exchange's hops leading the trace. Expectations come from the
 * Kubernetes DNS specification and CoreDNS's docs, not from the engine's output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../src/cluster/index';
import { coreDnsLookup, queryNames } from '../../../src/dns';
import { loadManifests } from '../../../src/load/index';
import type { Cluster } from '../../../src/model/cluster';
import type { Trace } from '../../../src/model/trace';
import { traceRequests } from '../../../src/trace';
import { trace1 } from './helpers';

const pod = (name: string, ns: string, labels: string, extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels: { ${labels} }\nspec:\n${extra}  containers:\n  - name: c\n    image: nginx\n    ports: [{ containerPort: 80 }]\n---\n`;
const svc = (name: string, ns: string, spec: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}\n---\n`;
const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n---\n`;

const BASE =
  ns('shop') +
  pod('client', 'default', 'app: client') +
  pod('cart', 'shop', 'app: web') +
  pod('api-1', 'default', 'app: api') +
  pod('api-2', 'default', 'app: api') +
  svc('web', 'shop', '  selector: { app: web }\n  ports: [{ port: 80 }]') +
  svc('api', 'default', '  selector: { app: api }\n  ports: [{ port: 80 }]') +
  svc('api-headless', 'default', '  clusterIP: None\n  selector: { app: api }\n  ports: [{ port: 80 }]') +
  svc('db', 'default', '  type: ExternalName\n  externalName: db.example.com') +
  svc('ghost', 'default', '  type: ExternalName\n  externalName: nowhere.example.com') +
  svc('web', 'default', '  clusterIP: None\n  selector: { app: sts }\n  ports: [{ port: 80 }]') +
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: web\n  replicas: 2\n  selector: { matchLabels: { app: sts } }\n  template:\n    metadata: { labels: { app: sts } }\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        ports: [{ containerPort: 80 }]\n---\n` +
  svc('team', 'default', '  clusterIP: None\n  selector: { app: named }\n  ports: [{ port: 80 }]') +
  pod('named', 'default', 'app: named', '  hostname: alice\n  subdomain: team\n');

function build(extra = ''): Cluster {
  const c = buildCluster(loadManifests([{ path: 'm.yaml', text: BASE + extra }]), { seed: 1 });
  const errors = c.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  return c;
}

const C = build();
const ipOfSvc = (c: Cluster, ns: string, name: string) => c.services.find((s) => s.namespace === ns && s.name === name)!.clusterIP;
const podIP = (c: Cluster, name: string) => c.pods.find((p) => p.name === name)!.ip!;
/** The connection's hops, after the DNS exchange. */
const connection = (t: Trace) => t.hops.filter((h) => h.dns === undefined);
const dnsHops = (t: Trace) => t.hops.filter((h) => h.dns !== undefined);

describe('CoreDNS records (kubernetes plugin, kubeadm Corefile)', () => {
  it('a Service name → an A record with its ClusterIP, TTL 30 (kubeadm Corefile: ttl 30)', () => {
    const a = coreDnsLookup(C, 'api.default.svc.cluster.local');
    expect(a.rcode).toBe('NOERROR');
    expect(a.answers).toEqual([{ name: 'api.default.svc.cluster.local.', type: 'A', ttl: 30, data: ipOfSvc(C, 'default', 'api') }]);
  });

  it('a missing Service or namespace → NXDOMAIN', () => {
    expect(coreDnsLookup(C, 'nope.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(coreDnsLookup(C, 'api.nons.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(coreDnsLookup(C, 'api.default.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('a headless Service → one A record per ready endpoint; without one, NXDOMAIN', () => {
    const a = coreDnsLookup(C, 'api-headless.default.svc.cluster.local');
    expect(a.answers.map((r) => r.data).sort()).toEqual([podIP(C, 'api-1'), podIP(C, 'api-2')].sort());
    const empty = build(svc('lonely', 'default', '  clusterIP: None\n  selector: { app: nobody }\n  ports: [{ port: 80 }]'));
    expect(coreDnsLookup(empty, 'lonely.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('a not-ready Pod is left out, unless publishNotReadyAddresses', () => {
    const notReady = (publish: boolean) =>
      build(
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: slow\n  labels: { app: slow }\nspec:\n  containers:\n  - name: c\n    image: nginx\n    readinessProbe: { tcpSocket: { port: 9999 } }\n---\n` +
          svc(
            'slow',
            'default',
            `  clusterIP: None\n  publishNotReadyAddresses: ${publish}\n  selector: { app: slow }\n  ports: [{ port: 80 }]`,
          ),
      );
    const c = notReady(false);
    const slow = c.pods.find((p) => p.name === 'slow')!;
    expect(slow.ready).toBe(false);
    expect(coreDnsLookup(c, 'slow.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
    const published = notReady(true);
    expect(coreDnsLookup(published, 'slow.default.svc.cluster.local').answers.map((r) => r.data)).toEqual([
      published.pods.find((p) => p.name === 'slow')!.ip,
    ]);
  });

  it("a StatefulSet's Pods behind their governing headless Service: web-0.web.NS.svc.cluster.local", () => {
    for (const name of ['web-0', 'web-1']) {
      const a = coreDnsLookup(C, `${name}.web.default.svc.cluster.local`);
      expect(a.answers.map((r) => r.data)).toEqual([podIP(C, name)]);
    }
    expect(coreDnsLookup(C, 'web-7.web.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('a Pod with hostname and subdomain matching a headless Service: HOSTNAME.SUBDOMAIN.NS.svc.cluster.local', () => {
    expect(coreDnsLookup(C, 'alice.team.default.svc.cluster.local').answers.map((r) => r.data)).toEqual([podIP(C, 'named')]);
    // Not under its Pod name: the hostname is what the endpoint publishes.
    expect(coreDnsLookup(C, 'named.team.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('pods insecure: A-B-C-D.NS.pod.cluster.local answers the address in the name', () => {
    const ip = podIP(C, 'client');
    expect(coreDnsLookup(C, `${ip.replace(/\./g, '-')}.default.pod.cluster.local`).answers[0].data).toBe(ip);
  });

  it('ExternalName → a CNAME, then the upstream resolves the target (an outside host the settings declare), else NXDOMAIN', () => {
    const c = build();
    c.settings.externalHosts = [{ name: 'db.example.com', ip: '192.168.64.100', ports: [{ port: 5432, protocol: 'TCP' }] }];
    const a = coreDnsLookup(c, 'db.default.svc.cluster.local');
    expect(a.rcode).toBe('NOERROR');
    expect(a.answers).toMatchObject([
      { type: 'CNAME', name: 'db.default.svc.cluster.local.', data: 'db.example.com.' },
      { type: 'A', name: 'db.example.com.', data: '192.168.64.100' },
    ]);
    const gone = coreDnsLookup(c, 'ghost.default.svc.cluster.local');
    expect(gone.rcode).toBe('NXDOMAIN');
    expect(gone.answers).toMatchObject([{ type: 'CNAME', data: 'nowhere.example.com.' }]);
  });

  it('names outside cluster.local are forwarded upstream: NXDOMAIN unless an outside host has that name', () => {
    const c = build();
    expect(coreDnsLookup(c, 'example.org').rcode).toBe('NXDOMAIN');
    c.settings.externalHosts = [{ name: 'example.org', ip: '192.168.64.9', ports: [] }];
    expect(coreDnsLookup(c, 'EXAMPLE.org.').answers.map((r) => r.data)).toEqual(['192.168.64.9']);
  });
});

describe('the stub resolver: search path and ndots (glibc res_search)', () => {
  const conf = {
    nameservers: ['10.96.0.10'],
    searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
    ndots: 5,
    origin: '',
  };

  it('fewer dots than ndots: the search list first, then the name as is', () => {
    expect(queryNames('web', conf)).toEqual(['web.shop.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']);
  });

  it('ndots or more: the name as is first; a trailing dot: only as is', () => {
    expect(queryNames('a.b.c.d.e.f', conf)[0]).toBe('a.b.c.d.e.f');
    expect(queryNames('web.shop.svc.cluster.local.', conf)).toEqual(['web.shop.svc.cluster.local']);
  });
});

describe('a request to a name: the DNS exchange leads the trace', () => {
  it('svc-1 from a Pod: UDP to 10.96.0.10:53, DNAT to a CoreDNS Pod, the answer back through the reverse NAT, then the connection', () => {
    const t = trace1(C, 'pod/client', 'api:80');
    expect(t.outcome).toBe('delivered');
    expect(t.dns).toEqual({
      name: 'api',
      server: '10.96.0.10:53',
      rcode: 'NOERROR',
      answers: [ipOfSvc(C, 'default', 'api')],
      queries: [{ name: 'api.default.svc.cluster.local', rcode: 'NOERROR' }],
    });
    const q = dnsHops(t);
    expect(q[0]).toMatchObject({ at: 'pod/client', action: 'send', dst: '10.96.0.10:53' });
    expect(q[0].dns).toMatchObject({ kind: 'query', question: { name: 'api.default.svc.cluster.local.', type: 'A' } });
    const dnat = q.find((h) => h.action === 'dnat')!;
    expect(dnat.at).toBe('svc/kube-system/kube-dns');
    expect(q.find((h) => h.action === 'deliver' && h.dns?.kind === 'query')!.at).toMatch(/^pod\/kube-system\/coredns-/);
    const unNat = q.find((h) => h.action === 'un-nat')!;
    expect(unNat.src).toBe('10.96.0.10:53');
    const last = q[q.length - 1];
    expect(last).toMatchObject({ at: 'pod/client', src: '10.96.0.10:53' });
    expect(last.dns).toMatchObject({ kind: 'response', rcode: 'NOERROR', answers: [{ type: 'A', data: ipOfSvc(C, 'default', 'api') }] });
    expect(last.dns!.id).toBe(q[0].dns!.id);
    expect(connection(t)[0]).toMatchObject({ action: 'send', dst: `${ipOfSvc(C, 'default', 'api')}:80` });
  });

  it('each query the search path makes is shown, NXDOMAIN ones too: web.shop from default', () => {
    const t = trace1(C, 'pod/client', 'web.shop:80');
    expect(t.dns!.queries).toEqual([
      { name: 'web.shop.default.svc.cluster.local', rcode: 'NXDOMAIN' },
      { name: 'web.shop.svc.cluster.local', rcode: 'NOERROR' },
    ]);
    const sent = dnsHops(t).filter((h) => h.action === 'send');
    expect(sent.map((h) => h.dns!.question.name)).toEqual(['web.shop.default.svc.cluster.local.', 'web.shop.svc.cluster.local.']);
    expect(t.pod).toBe('cart');
  });

  it('a name nothing answers for: unresolved, after every search-path query, with the NXDOMAIN shown', () => {
    const t = trace1(C, 'pod/client', 'nope:80');
    expect(t.outcome).toBe('unresolved');
    expect(t.reason).toMatch(/^Could not resolve host: nope/);
    expect(t.dns!.rcode).toBe('NXDOMAIN');
    expect(t.dns!.queries.map((q) => q.name)).toEqual([
      'nope.default.svc.cluster.local',
      'nope.svc.cluster.local',
      'nope.cluster.local',
      'nope',
    ]);
    expect(connection(t)).toEqual([]);
    // The answer came back: no waiting for a timeout.
    const run = traceRequests(C, { from: 'pod/client', to: 'nope:80' }).run;
    expect(run.events.some((e) => e.action === 'timeout')).toBe(false);
  });

  it('a headless Service: the client connects straight to the Pod IP the answer led with (random order, seeded)', () => {
    const run = traceRequests(C, { from: 'pod/client', to: 'api-headless:80', count: 20 }).run;
    expect(new Set(run.traces.map((t) => t.pod))).toEqual(new Set(['api-1', 'api-2']));
    for (const t of run.traces) {
      expect(connection(t).some((h) => h.action === 'dnat')).toBe(false);
      expect(connection(t)[0].dst).toBe(`${t.dns!.answers[0]}:80`);
    }
  });

  it('a StatefulSet Pod by name: web-0.web reaches web-0', () => {
    expect(trace1(C, 'pod/client', 'web-0.web:80').pod).toBe('web-0');
  });

  it('nodes and the outside client use the host resolver, which knows no cluster.local', () => {
    for (const from of ['node/k8s-node1', 'external']) {
      const t = trace1(C, from, 'api:80');
      expect(t.outcome).toBe('unresolved');
      expect(t.reason).toContain('Could not resolve host: api');
      expect(t.dns!.server).toBe('192.168.64.1:53');
      expect(dnsHops(t).some((h) => h.at.startsWith('svc/'))).toBe(false);
      expect(trace1(C, from, 'api.default.svc.cluster.local:80').outcome).toBe('unresolved');
    }
  });

  it('an outside host the settings declare resolves through the host resolver, from nodes and Pods alike', () => {
    const c = build();
    c.settings.externalHosts = [{ name: 'db.example.com', ip: '192.168.64.100', ports: [{ port: 5432, protocol: 'TCP' }] }];
    expect(trace1(c, 'node/k8s-node1', 'db.example.com:5432').dns).toMatchObject({ rcode: 'NOERROR', answers: ['192.168.64.100'] });
    // From a Pod: 2 dots < ndots 5, so the search list is tried (NXDOMAIN ×3) before the name itself.
    const t = trace1(c, 'pod/client', 'db.example.com:5432');
    expect(t.dns!.queries.map((q) => q.rcode)).toEqual(['NXDOMAIN', 'NXDOMAIN', 'NXDOMAIN', 'NOERROR']);
    // An ExternalName Service: CNAME, then the outside address.
    expect(trace1(c, 'pod/client', 'db:5432').dns!.answers).toEqual(['db.example.com', '192.168.64.100']);
  });
});

describe('dnsPolicy and dnsConfig', () => {
  const withPod = (name: string, spec: string) => build(pod(name, 'default', `app: ${name}`, spec));

  it('Default: the node resolv.conf, so cluster names do not resolve and no query goes to kube-dns', () => {
    const t = trace1(withPod('d', '  dnsPolicy: Default\n'), 'pod/d', 'api:80');
    expect(t.outcome).toBe('unresolved');
    expect(t.dns!.server).toBe('192.168.64.1:53');
  });

  it('hostNetwork with ClusterFirst falls back to the node resolver; ClusterFirstWithHostNet asks kube-dns', () => {
    const host = withPod('h', '  hostNetwork: true\n');
    expect(trace1(host, 'pod/h', 'api:80').outcome).toBe('unresolved');
    const withNet = withPod('h', '  hostNetwork: true\n  dnsPolicy: ClusterFirstWithHostNet\n');
    const t = trace1(withNet, 'pod/h', 'api:80');
    expect(t.outcome).toBe('delivered');
    expect(t.dns!.server).toBe('10.96.0.10:53');
    // From the host network the query leaves with the node's address.
    const node = withNet.nodes.find((n) => n.name === withNet.pods.find((p) => p.name === 'h')!.nodeName)!;
    expect(dnsHops(t)[0].src.startsWith(`${node.ip}:`)).toBe(true);
  });

  it('None: only dnsConfig — its nameservers, searches and ndots', () => {
    const c = withPod(
      'custom',
      '  dnsPolicy: None\n  dnsConfig:\n    nameservers: [10.96.0.10]\n    searches: [shop.svc.cluster.local]\n    options: [{ name: ndots, value: "2" }]\n',
    );
    const t = trace1(c, 'pod/custom', 'web:80');
    expect(t.dns!.queries[0]).toEqual({ name: 'web.shop.svc.cluster.local', rcode: 'NOERROR' });
    expect(t.pod).toBe('cart');
    // api.default has 1 dot < ndots 2: the search list first.
    expect(trace1(c, 'pod/custom', 'api.default:80').dns!.queries[0].name).toBe('api.default.shop.svc.cluster.local');
  });

  it('ClusterFirst + dnsConfig: searches appended after the cluster ones', () => {
    const c = withPod('s', '  dnsConfig:\n    searches: [shop.svc.cluster.local]\n');
    const t = trace1(c, 'pod/s', 'nope:80');
    expect(t.dns!.queries.map((q) => q.name)).toEqual([
      'nope.default.svc.cluster.local',
      'nope.svc.cluster.local',
      'nope.cluster.local',
      'nope.shop.svc.cluster.local',
      'nope',
    ]);
  });
});

describe('the DNS exchange in packet events', () => {
  it('one packet per DNS message (the query, then its answer as a response), then the connection', () => {
    const run = traceRequests(C, { from: 'pod/client', to: 'web.shop:80' }).run;
    const ids = [...new Set(run.events.map((e) => e.packetId))];
    expect(ids).toEqual(['f0-dns0', 'f0-dns1', 'f0-dns2', 'f0-dns3', 'f0-req', 'f0-resp']);
    const answer = run.events.filter((e) => e.packetId === 'f0-dns1');
    expect(answer.every((e) => e.direction === 'response' && e.dns?.kind === 'response' && e.packet.protocol === 'UDP')).toBe(true);
    expect(run.events.filter((e) => e.packetId === 'f0-req').every((e) => e.dns === undefined)).toBe(true);
    // Time moves on: the connection starts after the last answer arrived.
    const lastAnswer = run.events.filter((e) => e.packetId === 'f0-dns3').pop()!;
    expect(run.events.find((e) => e.packetId === 'f0-req')!.arrive).toBeGreaterThanOrEqual(lastAnswer.time);
  });

  it('replays byte for byte with the same seed', () => {
    const a = traceRequests(C, { from: 'pod/client', to: 'api-headless:80', count: 5, seed: 7 }).run;
    const b = traceRequests(C, { from: 'pod/client', to: 'api-headless:80', count: 5, seed: 7 }).run;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('property: every name form of a Service resolves to its ClusterIP from any Pod in any namespace', () => {
  it('NAME (same namespace), NAME.NS, NAME.NS.svc, NAME.NS.svc.cluster.local and the FQDN with its dot', () => {
    const pods = C.pods.filter((p) => !p.hostNetwork && p.ip && p.namespace !== 'kube-system');
    const services = C.services.filter(
      (s) => s.clusterIP && s.clusterIP !== 'None' && s.type !== 'ExternalName' && s.namespace !== 'kube-system',
    );
    fc.assert(
      fc.property(fc.constantFrom(...pods), fc.constantFrom(...services), fc.integer({ min: 0, max: 4 }), (p, s, form) => {
        const forms = [
          `${s.name}.${s.namespace}`,
          `${s.name}.${s.namespace}.svc`,
          `${s.name}.${s.namespace}.svc.cluster.local`,
          `${s.name}.${s.namespace}.svc.cluster.local.`,
        ];
        if (p.namespace === s.namespace) forms.push(s.name);
        const name = forms[form % forms.length];
        const t = trace1(C, `pod/${p.namespace}/${p.name}`, `${name}:${s.ports[0].port}`);
        expect(t.dns!.rcode).toBe('NOERROR');
        expect(t.dns!.answers).toEqual([s.clusterIP]);
        expect(connection(t)[0].dst).toBe(`${s.clusterIP}:${s.ports[0].port}`);
      }),
      { numRuns: 60 },
    );
  });
});
