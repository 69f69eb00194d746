/** The EndpointSlice mirroring controller and hand-made EndpointSlices: which Service gets which addresses. */
import { describe, expect, test } from 'vitest';
import { buildCluster, deletePod, reconcileCluster } from '../../../src/cluster';
import { loadManifests } from '../../../src/load';
import type { Cluster } from '../../../src/model/cluster';

const build = (text: string, seed = 1): Cluster => buildCluster(loadManifests([{ path: 'm.yaml', text }]), { seed });
const svc = (c: Cluster, name: string) => c.services.find((s) => s.name === name)!;
const warningsOf = (c: Cluster) => c.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.line}: ${d.message}`);

const DB = 'apiVersion: v1\nkind: Service\nmetadata: { name: db }\nspec:\n  ports: [{ port: 5432 }]\n';
const endpointsYaml = (labels = '', addresses = '[{ ip: 192.168.64.100 }]', extra = '') =>
  `apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: db\n${labels ? `  labels: ${labels}\n` : ''}subsets:\n- addresses: ${addresses}\n${extra}  ports: [{ port: 5432 }]\n`;
const doc = (...parts: string[]) => parts.join('---\n');

describe('EndpointSlice mirroring (Service without a selector + hand-made Endpoints)', () => {
  test('an Endpoints is mirrored into one slice named <service>-<random>, labelled as the controller labels it', () => {
    const c = build(
      doc(
        DB,
        endpointsYaml('{ team: data }', '[{ ip: 192.168.64.100 }]', '  notReadyAddresses: [{ ip: 192.168.64.101, nodeName: k8s-node2 }]\n'),
      ),
    );
    expect(c.endpointSlices).toHaveLength(1);
    const s = c.endpointSlices![0];
    expect(s.name).toMatch(/^db-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s.labels).toEqual({
      team: 'data',
      'kubernetes.io/service-name': 'db',
      'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
    });
    expect(s.mirroredFrom).toBe('db');
    expect(s.endpoints.map((e) => [e.addresses[0], e.ready, e.nodeName])).toEqual([
      ['192.168.64.100', true, null],
      ['192.168.64.101', false, 'k8s-node2'],
    ]);
    // kube-proxy's view: the Service's endpoints carry the slice and the line they come from.
    expect(
      svc(c, 'db').endpoints.map((e) => ({
        ip: e.ip,
        pod: e.pod,
        node: e.node,
        ready: e.ready,
        slice: e.origin?.slice,
        line: e.origin?.source.line,
      })),
    ).toEqual([
      { ip: '192.168.64.100', pod: null, node: null, ready: true, slice: s.name, line: 13 },
      { ip: '192.168.64.101', pod: null, node: 'k8s-node2', ready: false, slice: s.name, line: 14 },
    ]);
    expect(warningsOf(c)).toEqual([]);
  });

  test('the slice name follows the seed and survives a reload and an operation', () => {
    const text = doc(DB, endpointsYaml());
    const c = build(text);
    expect(build(text).endpointSlices![0].name).toBe(c.endpointSlices![0].name);
    const names = new Set([1, 2, 3, 4, 5].map((seed) => build(text, seed).endpointSlices![0].name));
    expect(names.size).toBeGreaterThan(1);
    const again = reconcileCluster(c, loadManifests([{ path: 'm.yaml', text }]));
    expect(again.endpointSlices![0].name).toBe(c.endpointSlices![0].name);
    expect(again.endpointSlices![0].createdAt).toBe(c.endpointSlices![0].createdAt);
    const coredns = c.pods.find((p) => p.name.startsWith('coredns-'))!;
    const after = deletePod(c, coredns.namespace, coredns.name);
    expect(svc(after, 'db').endpoints.map((e) => e.ip)).toEqual(['192.168.64.100']);
  });

  test('skip-mirror, a Service with a selector, or no Service at all: nothing is mirrored, and a warning says why', () => {
    const skip = build(doc(DB, endpointsYaml('{ endpointslice.kubernetes.io/skip-mirror: "true" }')));
    expect(skip.endpointSlices).toBeUndefined();
    expect(svc(skip, 'db').endpoints).toEqual([]);
    expect(warningsOf(skip)).toEqual([
      expect.stringMatching(/^10: not mirrored: the label endpointslice.kubernetes.io\/skip-mirror: "true"/),
    ]);

    const selected = build(doc(DB.replace('spec:\n', 'spec:\n  selector: { app: db }\n'), endpointsYaml()));
    expect(selected.endpointSlices).toBeUndefined();
    expect(svc(selected, 'db').endpoints).toEqual([]);
    expect(warningsOf(selected)).toEqual([
      expect.stringContaining(
        'Service "db" has a selector, so the endpoints controller owns its Endpoints and replaces this hand-made one',
      ),
    ]);

    const orphan = build(endpointsYaml());
    expect(warningsOf(orphan)).toEqual([expect.stringContaining('no Service "db" in namespace "default"')]);
  });

  test('at most 1,000 addresses of a subset are mirrored; the rest are counted in a warning', () => {
    const ips = Array.from({ length: 1003 }, (_, i) => `{ ip: 10.1.${Math.floor(i / 250)}.${(i % 250) + 1} }`).join(', ');
    const c = build(doc(DB, endpointsYaml('', `[${ips}]`)));
    expect(c.endpointSlices![0].endpoints).toHaveLength(1000);
    expect(svc(c, 'db').endpoints).toHaveLength(1000);
    expect(warningsOf(c)).toEqual([
      expect.stringContaining('A max of 1000 addresses can be mirrored to EndpointSlices per Endpoints subset. 3 addresses were skipped'),
    ]);
  });

  test('subsets with different ports become different slices', () => {
    const ep =
      'apiVersion: v1\nkind: Endpoints\nmetadata: { name: db }\nsubsets:\n- addresses: [{ ip: 10.1.0.1 }]\n  ports: [{ port: 5432 }]\n- addresses: [{ ip: 10.1.0.2 }]\n  ports: [{ port: 5433 }]\n- addresses: [{ ip: 10.1.0.3 }]\n  ports: [{ port: 5432 }]\n';
    const c = build(doc(DB, ep));
    expect(c.endpointSlices!.map((s) => [s.ports[0].port, s.endpoints.map((e) => e.addresses[0])])).toEqual([
      [5432, ['10.1.0.1', '10.1.0.3']],
      [5433, ['10.1.0.2']],
    ]);
  });
});

describe('hand-made EndpointSlices', () => {
  const slice = (labels: string, endpoints: string, addressType = 'IPv4') =>
    `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: db-manual\n  labels: ${labels}\naddressType: ${addressType}\nports: [{ port: 5432 }]\nendpoints:\n${endpoints}`;

  test('feed the Service their label names, unset conditions reading as ready', () => {
    const c = build(
      doc(
        DB,
        slice(
          '{ kubernetes.io/service-name: db }',
          '- addresses: ["192.168.64.100"]\n- addresses: ["192.168.64.101"]\n  conditions: { ready: false }\n',
        ),
      ),
    );
    expect(svc(c, 'db').endpoints.map((e) => [e.ip, e.ready, e.origin?.slice, e.origin?.managedBy])).toEqual([
      ['192.168.64.100', true, 'db-manual', ''],
      ['192.168.64.101', false, 'db-manual', ''],
    ]);
    expect(warningsOf(c)).toEqual([]);
  });

  test('also feed a Service that has a selector, beside the Pods it selects (kube-proxy merges every slice)', () => {
    const c = build(
      doc(
        DB.replace('spec:\n', 'spec:\n  selector: { app: db }\n'),
        slice('{ kubernetes.io/service-name: db }', '- addresses: ["192.168.64.100"]\n'),
      ),
    );
    expect(svc(c, 'db').endpoints.map((e) => e.ip)).toEqual(['192.168.64.100']);
  });

  test('name a Pod when its address is a Pod’s', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: { name: pg }\nspec:\n  containers: [{ name: pg, image: postgres:16, ports: [{ containerPort: 5432 }] }]\n';
    const first = build(doc(DB, pod));
    const ip = first.pods.find((p) => p.name === 'pg')!.ip!;
    const c = build(doc(DB, pod, slice('{ kubernetes.io/service-name: db }', `- addresses: ["${ip}"]\n`)));
    expect(svc(c, 'db').endpoints.map((e) => [e.ip, e.pod])).toEqual([[ip, 'pg']]);
  });

  test('without the service-name label, for a missing Service, or of type FQDN: a warning says nothing uses them', () => {
    expect(warningsOf(build(doc(DB, slice('{ app: db }', '- addresses: ["192.168.64.100"]\n'))))).toEqual([
      expect.stringContaining('no kubernetes.io/service-name label'),
    ]);
    expect(warningsOf(build(slice('{ kubernetes.io/service-name: db }', '- addresses: ["192.168.64.100"]\n')))).toEqual([
      expect.stringContaining('no Service "db" in namespace "default"'),
    ]);
    const fqdn = build(doc(DB, slice('{ kubernetes.io/service-name: db }', '- addresses: ["db.example.com"]\n', 'FQDN')));
    expect(warningsOf(fqdn)).toEqual([expect.stringContaining('kube-proxy ignores FQDN EndpointSlices')]);
    expect(svc(fqdn, 'db').endpoints).toEqual([]);
  });
});
