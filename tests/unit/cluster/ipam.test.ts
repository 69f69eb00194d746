import { describe, expect, test } from 'vitest';
import { buildCluster, deletePod } from '../../../src/cluster';
import { PodIpam } from '../../../src/cluster/ipam';
import type { NodeState, PodState } from '../../../src/model/cluster';
import { container, load, pod, settings, workload } from './fixtures';

const onNode1 = { nodeSelector: { 'kubernetes.io/hostname': 'k8s-node1' } };

function fakeNode(podCIDR: string): NodeState {
  return { name: 'n', podCIDR } as NodeState;
}

describe('pod IPs (host-local IPAM, round-robin)', () => {
  test('the first pod on a node gets .2 of its podCIDR (.1 is the cni0 bridge), then .3, …', () => {
    const c = buildCluster(load(pod('a', [container('c', 'nginx')], onNode1), pod('b', [container('c', 'nginx')], onNode1)), { seed: 1 });
    expect(c.pods.filter((p) => !p.builtIn).map((p) => p.ip)).toEqual(['10.244.1.2', '10.244.1.3']);
    expect(c.ipam['k8s-node1']).toBe(3);
  });

  test('a re-created pod gets the next address, not the freed one', () => {
    const c = buildCluster(load(workload('Deployment', 'web', [container('c', 'nginx')], onNode1)), { seed: 1 });
    const before = c.pods.find((p) => !p.builtIn)!;
    expect(before.ip).toBe('10.244.1.2');
    const after = deletePod(c, 'default', before.name).pods.find((p) => !p.builtIn && !p.terminating)!;
    expect(after.name).not.toBe(before.name);
    expect(after.ip).toBe('10.244.1.3');
  });

  test('at the end of the range it wraps around, skipping addresses in use', () => {
    const node = fakeNode('10.244.1.0/29'); // usable .2 … .6
    const inUse = { nodeName: 'n', ip: '10.244.1.2', hostNetwork: false, phase: 'Running' } as PodState;
    const ipam = new PodIpam([node], { n: 5 }, [inUse]);
    expect(ipam.allocate('n')).toBe('10.244.1.6');
    expect(ipam.allocate('n')).toBe('10.244.1.3');
    expect(ipam.allocate('n')).toBe('10.244.1.4');
    expect(ipam.allocate('n')).toBe('10.244.1.5');
    expect(ipam.allocate('n')).toBeNull();
    expect(ipam.exhaustedMessage('n')).toBe(
      'failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.6',
    );
  });

  test('a full node leaves new pods in ContainerCreating with the CNI error', () => {
    const pods = Array.from({ length: 6 }, (_, i) => pod(`p${i}`, [container('c', 'nginx')], onNode1));
    const c = buildCluster(load(settings({ nodeCIDRMaskSize: 29 }), ...pods), { seed: 1 });
    const mine = c.pods.filter((p) => !p.builtIn);
    expect(mine.filter((p) => p.ip).length).toBe(5);
    const stuck = mine.find((p) => !p.ip)!;
    expect(stuck).toMatchObject({ nodeName: 'k8s-node1', phase: 'Pending', status: 'ContainerCreating' });
    expect(c.events).toContainEqual(expect.objectContaining({ reason: 'FailedCreatePodSandBox', object: `pod/${stuck.name}` }));
  });

  test('hostNetwork pods use the node IP and take no pod address', () => {
    const c = buildCluster(
      load(pod('h', [container('c', 'nginx')], { ...onNode1, hostNetwork: true }), pod('a', [container('c', 'nginx')], onNode1)),
      { seed: 1 },
    );
    expect(c.pods.find((p) => p.name === 'h')!.ip).toBe('192.168.64.31');
    expect(c.pods.find((p) => p.name === 'a')!.ip).toBe('10.244.1.2');
  });
});
