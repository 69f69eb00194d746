/**
 * DNS records beyond A, as CoreDNS's kubernetes plugin answers them (kubeadm's Corefile) and as the
 * Kubernetes DNS specification lays them out: AAAA in an IPv4 cluster, SRV for named ports, PTR for
 * Service and Pod addresses. Expectations come from the specification and CoreDNS's docs.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../src/cluster/index';
import { coreDnsQuery, upstreamQuery } from '../../../src/dns';
import { loadManifests } from '../../../src/load/index';
import type { Cluster } from '../../../src/model/cluster';

const MANIFESTS = `apiVersion: v1
kind: Service
metadata: { name: api }
spec:
  selector: { app: api }
  ports:
  - { name: http, port: 80, targetPort: 8080 }
  - { name: dns, port: 53, targetPort: 5353, protocol: UDP }
---
apiVersion: v1
kind: Service
metadata: { name: plain }
spec:
  selector: { app: api }
  ports: [{ port: 9000, targetPort: 8080 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  replicas: 2
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
      - name: c
        image: nginx
        ports: [{ containerPort: 8080 }, { containerPort: 5353, protocol: UDP }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  clusterIP: None
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: web }
spec:
  serviceName: web
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - name: c
        image: nginx
        ports: [{ containerPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: db }
spec: { type: ExternalName, externalName: db.example.com }
---
apiVersion: v1
kind: Pod
metadata: { name: lonely }
spec:
  containers: [{ name: c, image: nginx }]
`;

function build(): Cluster {
  const c = buildCluster(loadManifests([{ path: 'm.yaml', text: MANIFESTS }]), { seed: 1 });
  const errors = c.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  c.settings.externalHosts = [{ name: 'db.example.com', ip: '192.168.64.100', ports: [{ port: 5432, protocol: 'TCP' }] }];
  return c;
}

const C = build();
const svc = (name: string) => C.services.find((s) => s.namespace === 'default' && s.name === name)!;
const pod = (name: string) => C.pods.find((p) => p.name === name)!;
const reverse = (ip: string) => `${ip.split('.').reverse().join('.')}.in-addr.arpa`;

describe('AAAA in an IPv4 cluster', () => {
  it('a name with only A records: NOERROR and no answer (NODATA), as CoreDNS answers', () => {
    const a = coreDnsQuery(C, 'api.default.svc.cluster.local', 'AAAA');
    expect(a).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(coreDnsQuery(C, 'web-0.web.default.svc.cluster.local', 'AAAA')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    // The A query for the same name does have an answer.
    expect(coreDnsQuery(C, 'api.default.svc.cluster.local', 'A').answers).toHaveLength(1);
  });

  it('a name that does not exist stays NXDOMAIN; an ExternalName keeps its CNAME', () => {
    expect(coreDnsQuery(C, 'nope.default.svc.cluster.local', 'AAAA')).toMatchObject({ rcode: 'NXDOMAIN', answers: [] });
    const db = coreDnsQuery(C, 'db.default.svc.cluster.local', 'AAAA');
    expect(db.rcode).toBe('NOERROR');
    expect(db.answers).toEqual([{ name: 'db.default.svc.cluster.local.', type: 'CNAME', ttl: 30, data: 'db.example.com.' }]);
    expect(upstreamQuery(C.settings, 'db.example.com', 'AAAA')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(upstreamQuery(C.settings, 'nowhere.example.com', 'AAAA').rcode).toBe('NXDOMAIN');
  });
});

describe('SRV for named ports: _PORT._PROTO.SVC.NS.svc.cluster.local', () => {
  it("a ClusterIP Service: its port, at the Service's own name", () => {
    const r = coreDnsQuery(C, '_http._tcp.api.default.svc.cluster.local', 'SRV');
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers).toEqual([
      { name: '_http._tcp.api.default.svc.cluster.local.', type: 'SRV', ttl: 30, data: '0 100 80 api.default.svc.cluster.local.' },
    ]);
    expect(coreDnsQuery(C, '_dns._udp.api.default.svc.cluster.local', 'SRV').answers[0].data).toBe(
      '0 100 53 api.default.svc.cluster.local.',
    );
  });

  it('a headless Service: one record per ready endpoint, its hostname and the endpoint port, weights sharing 100', () => {
    const r = coreDnsQuery(C, '_http._tcp.web.default.svc.cluster.local', 'SRV');
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers.map((x) => x.data).sort()).toEqual([
      '0 50 8080 web-0.web.default.svc.cluster.local.',
      '0 50 8080 web-1.web.default.svc.cluster.local.',
    ]);
  });

  it('no such port name or protocol, an unnamed port, or no such Service: NXDOMAIN', () => {
    expect(coreDnsQuery(C, '_http._udp.api.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(coreDnsQuery(C, '_grpc._tcp.api.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(coreDnsQuery(C, '_9000._tcp.plain.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(coreDnsQuery(C, '_http._tcp.plain.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(coreDnsQuery(C, '_http._tcp.nope.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
  });
});

describe('PTR for Service and Pod addresses', () => {
  it('a ClusterIP → the Service name', () => {
    const ip = svc('api').clusterIP!;
    const r = coreDnsQuery(C, reverse(ip), 'PTR');
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers).toEqual([{ name: `${reverse(ip)}.`, type: 'PTR', ttl: 30, data: 'api.default.svc.cluster.local.' }]);
  });

  it('a Pod behind Services → one name per Service: its hostname where it has one, else its dashed IP', () => {
    const ip = pod('web-0').ip!;
    expect(coreDnsQuery(C, reverse(ip), 'PTR').answers.map((r) => r.data)).toEqual(['web-0.web.default.svc.cluster.local.']);
    const apiPod = C.pods.find((p) => p.labels.app === 'api')!;
    // Two Services (api, plain) select it: one PTR each, as CoreDNS 1.11 answers.
    const dashed = apiPod.ip!.replace(/\./g, '-');
    expect(
      coreDnsQuery(C, reverse(apiPod.ip!), 'PTR')
        .answers.map((r) => r.data)
        .sort(),
    ).toEqual([`${dashed}.api.default.svc.cluster.local.`, `${dashed}.plain.default.svc.cluster.local.`]);
  });

  it("an address no Service knows falls through to the host's resolver: NXDOMAIN, or an outside host's name", () => {
    expect(coreDnsQuery(C, reverse(pod('lonely').ip!), 'PTR').rcode).toBe('NXDOMAIN');
    expect(coreDnsQuery(C, reverse('192.168.64.100'), 'PTR').answers.map((r) => r.data)).toEqual(['db.example.com.']);
    expect(coreDnsQuery(C, 'not-an-address.in-addr.arpa', 'PTR').rcode).toBe('NXDOMAIN');
  });
});
