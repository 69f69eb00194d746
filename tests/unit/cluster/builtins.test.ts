import { describe, expect, test } from 'vitest';
import { buildCluster } from '../../../src/cluster';
import { container, load, pod, service, settings } from './fixtures';

describe('built-in cluster objects (kubeadm + flannel)', () => {
  const c = buildCluster(load(), { seed: 1 });
  const system = c.pods.filter((p) => p.builtIn);

  test('control-plane static pods run on the control plane with the node IP and their real requests', () => {
    const names = system.filter((p) => p.owner?.kind === 'Node').map((p) => p.name);
    expect(names).toEqual([
      'etcd-k8s-master',
      'kube-apiserver-k8s-master',
      'kube-controller-manager-k8s-master',
      'kube-scheduler-k8s-master',
    ]);
    const apiserver = system.find((p) => p.name === 'kube-apiserver-k8s-master')!;
    expect(apiserver).toMatchObject({
      namespace: 'kube-system',
      nodeName: 'k8s-master',
      ip: '192.168.64.30',
      hostNetwork: true,
      ready: true,
    });
    expect(apiserver.requests.cpu).toBe(250);
    expect(system.find((p) => p.name === 'etcd-k8s-master')!.requests).toEqual({ cpu: 100, memory: 100 * 1024 * 1024 });
  });

  test('kube-proxy and kube-flannel run on every node, on the host network', () => {
    for (const [ns, prefix] of [
      ['kube-system', 'kube-proxy-'],
      ['kube-flannel', 'kube-flannel-ds-'],
    ]) {
      const ds = system.filter((p) => p.namespace === ns && p.name.startsWith(prefix));
      expect(ds.map((p) => p.nodeName).sort()).toEqual(['k8s-master', 'k8s-node1', 'k8s-node2']);
      for (const p of ds) {
        expect(p.hostNetwork).toBe(true);
        expect(p.ip).toBe(c.nodes.find((n) => n.name === p.nodeName)!.ip);
        expect(p.schedule.by).toBe('daemonset');
        expect(p.name).toMatch(new RegExp(`^${prefix}[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      }
    }
  });

  test('coredns: 2 ready replicas on the control plane, taking its first pod IPs', () => {
    const dns = system.filter((p) => p.labels['k8s-app'] === 'kube-dns');
    expect(dns).toHaveLength(2);
    expect(dns.map((p) => p.nodeName)).toEqual(['k8s-master', 'k8s-master']);
    expect(dns.map((p) => p.ip).sort()).toEqual(['10.244.0.2', '10.244.0.3']);
    expect(dns.every((p) => p.ready && p.requests.cpu === 100 && p.requests.memory === 70 * 1024 * 1024)).toBe(true);
    expect(dns[0].owner?.kind).toBe('ReplicaSet');
    expect(dns[0].name.startsWith(dns[0].owner!.name + '-')).toBe(true);
  });

  test('the kubernetes and kube-dns Services, with real endpoints', () => {
    const k = c.services.find((s) => s.name === 'kubernetes')!;
    expect(k).toMatchObject({ namespace: 'default', clusterIP: '10.96.0.1', selector: null, builtIn: true });
    expect(k.ports).toMatchObject([{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
    expect(k.endpoints.map((e) => `${e.ip}:${e.ports[0].port}`)).toEqual(['192.168.64.30:6443']);
    const dns = c.services.find((s) => s.name === 'kube-dns')!;
    expect(dns).toMatchObject({ namespace: 'kube-system', clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' } });
    expect(dns.ports.map((p) => `${p.name} ${p.port}/${p.protocol}`)).toEqual(['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP']);
    expect(dns.endpoints.map((e) => e.ip)).toEqual(['10.244.0.2', '10.244.0.3']);
    expect(dns.endpoints.every((e) => e.ready)).toBe(true);
  });

  test('built-ins exist before the folder: created at t=0 and listed first', () => {
    const withFolder = buildCluster(load(pod('web', [container('web', 'nginx')])), { seed: 1 });
    const firstUser = withFolder.pods.findIndex((p) => !p.builtIn);
    expect(withFolder.pods.slice(0, firstUser).every((p) => p.builtIn && p.createdAt === 0)).toBe(true);
    expect(withFolder.pods[firstUser].createdAt).toBeGreaterThan(0);
  });

  test("a user Service cannot take kube-dns's address", () => {
    const c2 = buildCluster(load(service('dns2', { clusterIP: '10.96.0.10', selector: { a: 'b' } })), { seed: 1 });
    expect(c2.services.find((s) => s.name === 'dns2')).toBeUndefined();
    expect(c2.diagnostics.at(-1)!.message).toBe(
      'spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
  });

  test('without a control-plane node there are no static pods, and coredns schedules anywhere', () => {
    const c3 = buildCluster(load(settings({ nodes: [{ name: 'w1' }, { name: 'w2' }] })), { seed: 1 });
    expect(c3.pods.some((p) => p.owner?.kind === 'Node')).toBe(false);
    expect(c3.pods.filter((p) => p.labels['k8s-app'] === 'kube-dns').every((p) => p.nodeName !== null)).toBe(true);
  });
});
