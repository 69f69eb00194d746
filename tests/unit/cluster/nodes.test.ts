import { describe, expect, test } from 'vitest';
import { buildCluster } from '../../../src/cluster';
import { load, node, settings } from './fixtures';

describe('nodes', () => {
  test('without Node manifests or settings: the seed cluster', () => {
    const c = buildCluster(load(), { seed: 1 });
    expect(c.nodes.map((n) => [n.name, n.ip, n.podCIDR, n.bridgeIP, n.tunnelIP, n.roles])).toEqual([
      ['k8s-master', '192.168.64.30', '10.244.0.0/24', '10.244.0.1', '10.244.0.0', ['control-plane']],
      ['k8s-node1', '192.168.64.31', '10.244.1.0/24', '10.244.1.1', '10.244.1.0', []],
      ['k8s-node2', '192.168.64.32', '10.244.2.0/24', '10.244.2.1', '10.244.2.0', []],
    ]);
    const [master, worker] = c.nodes;
    expect(master.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(master.labels).toMatchObject({
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    });
    expect(worker.taints).toEqual([]);
    expect(worker.labels).toMatchObject({
      'kubernetes.io/hostname': 'k8s-node1',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
    });
    for (const n of c.nodes) {
      expect(n.allocatable.cpu).toBe(2000);
      expect(n.allocatable.pods).toBe(110);
      expect(n.allocatable.memory).toBeGreaterThan(3.5 * 1024 ** 3);
      expect(n.allocatable.memory).toBeLessThan(4 * 1024 ** 3);
      expect(n.createdAt).toBe(0);
    }
  });

  test('settings.nodes: roles become labels and the control-plane taint; IPs continue from .30', () => {
    const c = buildCluster(
      load(
        settings({
          nodes: [
            { name: 'cp', roles: ['control-plane'] },
            { name: 'w1', cpu: '4', memory: '8Gi', labels: { disk: 'ssd' } },
            { name: 'w2', ip: '192.168.64.31' },
          ],
        }),
      ),
      { seed: 1 },
    );
    expect(c.nodes.map((n) => n.name)).toEqual(['cp', 'w1', 'w2']);
    expect(c.nodes.map((n) => n.ip)).toEqual(['192.168.64.30', '192.168.64.32', '192.168.64.31']);
    expect(c.nodes[0].taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(c.nodes[1].allocatable.cpu).toBe(4000);
    expect(c.nodes[1].capacity.memory).toBe(8 * 1024 ** 3);
    expect(c.nodes[1].labels.disk).toBe('ssd');
  });

  test('Node manifests win over settings; explicit podCIDRs are honoured, others fill in join order', () => {
    const c = buildCluster(
      load(
        settings({ nodes: [{ name: 'ignored' }] }),
        node('a', { ip: '192.168.64.50' }),
        node('b', { podCIDR: '10.244.0.0/24' }),
        node('c'),
      ),
      { seed: 1 },
    );
    expect(c.nodes.map((n) => [n.name, n.podCIDR])).toEqual([
      ['a', '10.244.1.0/24'],
      ['b', '10.244.0.0/24'],
      ['c', '10.244.2.0/24'],
    ]);
    expect(c.nodes[0].ip).toBe('192.168.64.50');
    expect(c.nodes[0].source?.file).toBe('nodes/a.yaml');
  });

  test('a podCIDR already taken is reported and replaced, so pod IPs stay unique', () => {
    const b = node('b', { podCIDR: '10.244.0.0/24' });
    const c = buildCluster(load(node('a', { podCIDR: '10.244.0.0/24' }), b), { seed: 1 });
    expect(c.nodes[1].podCIDR).toBe('10.244.1.0/24');
    const d = c.diagnostics.find((x) => x.name === 'b')!;
    expect(d).toMatchObject({ severity: 'error', path: 'spec.podCIDR', file: 'nodes/b.yaml' });
    expect(d.message).toContain('already allocated');
  });

  test('more nodes than node subnets: the rest get no podCIDR and stay NotReady', () => {
    const c = buildCluster(load(settings({ podCIDR: '10.244.0.0/23' }), node('a'), node('b'), node('c')), { seed: 1 });
    expect(c.nodes.map((n) => n.podCIDR)).toEqual(['10.244.0.0/24', '10.244.1.0/24', '']);
    expect(c.nodes[2].taints).toContainEqual({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' });
    expect(c.diagnostics.some((d) => d.message.includes('no remaining CIDRs'))).toBe(true);
  });
});
