/**
 * Selectorless Services in the trace: kube-proxy programs hand-made and mirrored EndpointSlices like
 * any other, whatever the address is (a Pod, a node, a host outside the cluster).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../src/cluster/index';
import { loadManifests } from '../../../src/load/index';
import { readFolder } from '../../../src/load/fsFolder';
import type { Cluster } from '../../../src/model/cluster';
import { lastHop, path, trace1 } from './helpers';

const EXAMPLE = readFolder('assets/examples/external-database').files;
const example = (): Cluster => buildCluster(loadManifests(EXAMPLE), { seed: 1 });
const build = (text: string): Cluster => buildCluster(loadManifests([{ path: 'm.yaml', text }]), { seed: 1 });
const appPod = (c: Cluster): string => `pod/${c.pods.find((p) => p.name.startsWith('app-'))!.name}`;

describe('the "Service in front of an external database" pattern (assets/examples/external-database)', () => {
  it('DNATs the ClusterIP to the Endpoints address, names the mirrored slice and its line, and reaches the database', () => {
    const c = example();
    const t = trace1(c, appPod(c), 'svc/db:5432');
    const dnat = t.hops.find((h) => h.action === 'dnat')!;
    expect(dnat.at).toBe('svc/db');
    expect(dnat.dst).toBe('192.168.64.100:5432');
    const slice = c.endpointSlices!.find((s) => s.mirroredFrom === 'db')!.name;
    expect(dnat.note).toContain(
      `DNAT to 192.168.64.100:5432 (address and port from EndpointSlice ${slice}, mirrored from Endpoints db (database.yaml:19))`,
    );
    expect(dnat.refs).toContainEqual(
      expect.objectContaining({
        file: 'database.yaml',
        line: 19,
        label: `192.168.64.100 (Endpoints db, mirrored into EndpointSlice ${slice})`,
      }),
    );
    // flannel masquerades the Pod's packet as it leaves the pod network; the host declared in cluster.yaml answers.
    const snat = t.hops.find((h) => h.action === 'snat')!;
    expect(snat.at).toMatch(/^node\/k8s-node[12]$/);
    expect(t.outcome).toBe('delivered');
    expect(lastHop(t)).toMatchObject({ at: 'host/db.example.com', action: 'deliver', dst: '192.168.64.100:5432', src: snat.src });
    // The way back: conntrack reverses the masquerade, then the DNAT, so the Pod sees the ClusterIP answer.
    const back = t.response!.hops;
    expect(back[back.length - 1].src).toBe(t.hops[0].dst);
  });

  it('without the host declared, nobody answers at that address: timeout', () => {
    const c = buildCluster(loadManifests(EXAMPLE.filter((f) => f.path !== 'cluster.yaml')), { seed: 1 });
    const t = trace1(c, appPod(c), 'svc/db:5432');
    expect(t.hops.find((h) => h.action === 'dnat')?.dst).toBe('192.168.64.100:5432');
    expect(t.outcome).toBe('timeout');
    expect(lastHop(t).dst).toBe('192.168.64.100:5432');
  });

  it('a hand-made EndpointSlice of node addresses reaches the kubelets, on either node', () => {
    const c = example();
    const nodes = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const t = trace1(c, appPod(c), 'svc/kubelets:10250', seed);
      expect(t.outcome).toBe('delivered');
      expect(t.reason).toMatch(/^delivered to kubelet on k8s-node[12]/);
      nodes.add(t.node!);
    }
    expect([...nodes].sort()).toEqual(['k8s-node1', 'k8s-node2']);
  });
});

const SVC = (spec = '') => `apiVersion: v1\nkind: Service\nmetadata: { name: db }\nspec:\n${spec}  ports: [{ name: pg, port: 5432 }]\n`;
const SLICE = (ports: string, endpoints: string) =>
  `---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: { name: db-1, labels: { kubernetes.io/service-name: db } }\naddressType: IPv4\nports: ${ports}\nendpoints:\n${endpoints}`;

describe('why a selectorless Service refuses', () => {
  const reason = (text: string): string => trace1(build(text), 'node/k8s-node1', 'svc/db:5432').reason;

  it('nothing in the folder gives it endpoints', () => {
    const r = reason(SVC());
    expect(r).toContain('db has no ready endpoints — it has no selector, so only EndpointSlices labelled kubernetes.io/service-name: db');
    expect(r).toContain('and the folder has none');
    expect(r).not.toContain('would have to be created by hand');
  });

  it('its Endpoints was not mirrored', () => {
    const ep =
      '---\napiVersion: v1\nkind: Endpoints\nmetadata: { name: db, labels: { endpointslice.kubernetes.io/skip-mirror: "true" } }\nsubsets:\n- addresses: [{ ip: 192.168.64.100 }]\n  ports: [{ name: pg, port: 5432 }]\n';
    expect(reason(SVC() + ep)).toContain('its hand-made Endpoints db was not mirrored into an EndpointSlice');
  });

  it('its slice has no port of that name', () => {
    expect(reason(SVC() + SLICE('[{ name: postgres, port: 5432 }]', '- addresses: ["192.168.64.100"]\n'))).toContain(
      'its EndpointSlice db-1 has no endpoint with a port named "pg" and protocol TCP',
    );
  });

  it('every endpoint of its slice is not ready', () => {
    const t = trace1(
      build(SVC() + SLICE('[{ name: pg, port: 5432 }]', '- addresses: ["192.168.64.100"]\n  conditions: { ready: false }\n')),
      'node/k8s-node1',
      'svc/db:5432',
    );
    expect(t.outcome).toBe('refused');
    expect(t.reason).toContain('every endpoint in its EndpointSlice db-1 is not ready');
  });
});

describe('traffic policies read the endpoint’s nodeName', () => {
  const text =
    SVC('  type: NodePort\n  externalTrafficPolicy: Local\n').replace(
      '{ name: pg, port: 5432 }',
      '{ name: pg, port: 5432, nodePort: 30432 }',
    ) + SLICE('[{ name: pg, port: 10250 }]', '- addresses: ["192.168.64.31"]\n  nodeName: k8s-node1\n');

  it('delivered through the node that hosts the endpoint, dropped through the other', () => {
    const c = build(text);
    const here = trace1(c, 'external', 'node/k8s-node1:30432');
    expect(here.outcome).toBe('delivered');
    expect(path(here)).toContain('dnat@svc/db');
    const there = trace1(c, 'external', 'node/k8s-node2:30432');
    expect(there.outcome).toBe('dropped');
    expect(there.reason).toContain('no ready endpoint on k8s-node2 (its ready endpoints run on k8s-node1)');
  });
});
