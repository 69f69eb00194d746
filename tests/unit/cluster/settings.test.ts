import { describe, expect, test } from 'vitest';
import { buildCluster } from '../../../src/cluster';
import { resolveSettings } from '../../../src/cluster/settings';
import { load, settings } from './fixtures';

describe('simulator settings', () => {
  test('defaults are the seed cluster: kubeadm + flannel, iptables, no load-balancer provider', () => {
    const { settings: s, diagnostics } = resolveSettings(load(), 7);
    expect(s).toEqual({
      seed: 7,
      podCIDR: '10.244.0.0/16',
      serviceCIDR: '10.96.0.0/12',
      nodeCIDRMaskSize: 24,
      nodePortRange: { min: 30000, max: 32767 },
      proxyMode: 'iptables',
      loadBalancer: { provider: 'none' },
      nodeNetwork: '192.168.64.0/24',
      externalClientIP: '192.168.64.1',
      clusterDomain: 'cluster.local',
      cni: 'flannel',
      addons: [],
      externalHosts: [],
    });
    expect(diagnostics).toEqual([]);
  });

  test('a ClusterSettings object overrides fields', () => {
    const { settings: s } = resolveSettings(
      load(
        settings({
          podCIDR: '10.32.0.0/12',
          serviceCIDR: '172.20.0.0/16',
          nodePortRange: '31000-31999',
          loadBalancer: { provider: 'metallb', addresses: ['192.168.64.240-192.168.64.250'] },
          nodeNetwork: '10.0.0.0/24',
          cni: 'canal',
        }),
      ),
      1,
    );
    expect(s.podCIDR).toBe('10.32.0.0/12');
    expect(s.serviceCIDR).toBe('172.20.0.0/16');
    expect(s.nodePortRange).toEqual({ min: 31000, max: 31999 });
    expect(s.loadBalancer).toEqual({ provider: 'metallb', addresses: ['192.168.64.240-192.168.64.250'] });
    expect(s.externalClientIP).toBe('10.0.0.1');
    expect(s.cni).toBe('canal');
  });

  test('an invalid field keeps its default and reports where it is written', () => {
    const obj = settings({ serviceCIDR: '10.96.0.0/40', nodePortRange: '32767-30000', cni: 'calico' });
    const { settings: s, diagnostics } = resolveSettings(load(obj), 1);
    expect(s.serviceCIDR).toBe('10.96.0.0/12');
    expect(s.nodePortRange).toEqual({ min: 30000, max: 32767 });
    expect(s.cni).toBe('flannel');
    expect(diagnostics.map((d) => d.path)).toEqual(['spec.serviceCIDR', 'spec.nodePortRange', 'spec.cni']);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', file: 'cluster.yaml', line: obj.locate('spec.serviceCIDR').line });
    expect(diagnostics[0].message).toContain('spec.serviceCIDR: Invalid value: "10.96.0.0/40"');
  });

  test('the settings land in the cluster and shape it', () => {
    const c = buildCluster(load(settings({ serviceCIDR: '172.20.0.0/16' })), { seed: 3 });
    expect(c.settings.seed).toBe(3);
    expect(c.services.find((s) => s.name === 'kubernetes')!.clusterIP).toBe('172.20.0.1');
    expect(c.services.find((s) => s.name === 'kube-dns')!.clusterIP).toBe('172.20.0.10');
  });
});
