/**
 * kubeadm binds some control-plane sockets to fewer than all addresses: kube-controller-manager and
 * kube-scheduler to 127.0.0.1 (`--bind-address=127.0.0.1`), etcd's metrics to 127.0.0.1, its peer
 * port to the node's address; kube-proxy's metrics to 127.0.0.1. A call to another address of the
 * node finds no socket, and the kernel refuses it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../src/cluster/index';
import { readFolder } from '../../../src/load/fsFolder';
import { loadManifests, type RawFile } from '../../../src/load/index';
import { lastHop, trace1 } from './helpers';

const SEED = join(__dirname, '..', '..', '..', 'assets', 'examples', 'seed');
const seed = buildCluster(loadManifests(readFolder(SEED).files), { seed: 1 });
const masterIP = seed.nodes.find((n) => n.name === 'k8s-master')!.ip;

describe('sockets bound to loopback only', () => {
  it('kube-controller-manager refuses a client outside the node, naming its --bind-address', () => {
    const t = trace1(seed, 'external', 'node/k8s-master:10257');
    expect(t.outcome).toBe('refused');
    expect(lastHop(t)).toMatchObject({ action: 'rst', node: 'k8s-master' });
    expect(t.reason).toContain('listens on 127.0.0.1:10257 only (--bind-address=127.0.0.1)');
    expect(t.response!.hops.map((h) => h.action)).toEqual(['reply', 'deliver']);
  });

  it('but answers the node itself on 127.0.0.1', () => {
    expect(trace1(seed, 'node/k8s-master', '127.0.0.1:10257')).toMatchObject({
      outcome: 'delivered',
      container: 'kube-controller-manager',
    });
    expect(trace1(seed, 'node/k8s-master', '127.0.0.1:10259')).toMatchObject({ outcome: 'delivered', container: 'kube-scheduler' });
  });

  it('the node calling its own InternalIP is refused too: the socket is not on that address', () => {
    const t = trace1(seed, 'node/k8s-master', `${masterIP}:10259`);
    expect(t.outcome).toBe('refused');
    expect(t.reason).toContain(`not on ${masterIP}`);
  });

  it("the kubelet's healthz (10248) answers only on 127.0.0.1, its API (10250) on every address", () => {
    expect(trace1(seed, 'node/k8s-node1', '127.0.0.1:10248').outcome).toBe('delivered');
    const t = trace1(seed, 'external', 'node/k8s-node1:10248');
    expect(t.outcome).toBe('refused');
    expect(t.reason).toContain('healthzBindAddress: 127.0.0.1');
    expect(trace1(seed, 'external', 'node/k8s-node1:10250').outcome).toBe('delivered');
  });

  it('kube-proxy metrics (10249) are loopback-only while its healthz (10256) answers everyone', () => {
    expect(trace1(seed, 'external', 'node/k8s-node1:10249').outcome).toBe('refused');
    expect(trace1(seed, 'node/k8s-node1', '127.0.0.1:10249').outcome).toBe('delivered');
    expect(trace1(seed, 'external', 'node/k8s-node1:10256').outcome).toBe('delivered');
  });
});

describe('etcd', () => {
  it('serves clients on the node address and loopback, metrics on loopback, peers on the node address', () => {
    expect(trace1(seed, 'pod/pod-practice/pod-1', 'node/k8s-master:2379').outcome).toBe('delivered');
    expect(trace1(seed, 'node/k8s-master', '127.0.0.1:2379').outcome).toBe('delivered');
    expect(trace1(seed, 'pod/pod-practice/pod-1', 'node/k8s-master:2381').outcome).toBe('refused');
    expect(trace1(seed, 'node/k8s-master', '127.0.0.1:2381').outcome).toBe('delivered');
    expect(trace1(seed, 'external', 'node/k8s-master:2380').outcome).toBe('delivered');
    const peer = trace1(seed, 'node/k8s-master', '127.0.0.1:2380');
    expect(peer.outcome).toBe('refused');
    expect(peer.reason).toContain(`listens on ${masterIP}:2380 only`);
  });

  it('the API server still listens on every address', () => {
    expect(trace1(seed, 'external', 'node/k8s-master:6443').outcome).toBe('delivered');
  });
});

describe('a container started with its own --bind-address', () => {
  const file = (text: string): RawFile => ({ path: 'sched.yaml', text });
  const pod = (args: string) => `apiVersion: v1
kind: Pod
metadata: {name: my-scheduler, namespace: kube-system}
spec:
  containers:
  - name: s
    image: registry.k8s.io/kube-scheduler:v1.30.0
    command: [kube-scheduler, ${args}]
`;

  it('--bind-address=0.0.0.0 makes the Pod answer on its IP', () => {
    const c = buildCluster(loadManifests([file(pod('--bind-address=0.0.0.0'))]), { seed: 1 });
    expect(trace1(c, 'node/k8s-master', 'pod/kube-system/my-scheduler:10259').outcome).toBe('delivered');
  });

  it("without it, the image keeps kubeadm's loopback bind and the Pod IP is refused by the Pod's kernel", () => {
    const c = buildCluster(loadManifests([file(pod('--leader-elect=false'))]), { seed: 1 });
    const t = trace1(c, 'node/k8s-master', 'pod/kube-system/my-scheduler:10259');
    expect(t.outcome).toBe('refused');
    expect(t.reason).toContain("the Pod's kernel answers RST");
    expect(t.pod).toBe('my-scheduler');
  });
});
