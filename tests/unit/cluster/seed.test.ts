/** The seed practice end to end: the bundled example folder, through the real loader. */
import { describe, expect, test } from 'vitest';
import { advanceCluster, buildCluster, deletePod, reconcileCluster } from '../../../src/cluster';
import { loadManifests } from '../../../src/load';
import { readFolder } from '../../../src/load/fsFolder';
import type { Cluster } from '../../../src/model/cluster';

const seedDir = `${__dirname}/../../../assets/examples/seed`;
const seedLoad = () => loadManifests(readFolder(seedDir).files);
const pod = (c: Cluster, ns: string, name: string) => c.pods.find((p) => p.namespace === ns && p.name === name)!;
const svc = (c: Cluster, ns: string, name: string) => c.services.find((s) => s.namespace === ns && s.name === name)!;

describe('the seed practice', () => {
  const load = seedLoad();
  const c = buildCluster(load, { seed: 1 });

  test('loads without diagnostics', () => {
    expect(load.diagnostics).toEqual([]);
    expect(c.diagnostics).toEqual([]);
  });

  test('every object of the folder is listed, simulated or not; built-ins are not', () => {
    expect(c.objects.map((o) => `${o.kind} ${o.namespace}/${o.name} ${o.simulated}`)).toEqual([
      'Namespace /pod-practice false',
      'Pod pod-practice/pod-1 true',
      'Namespace /label-practice false',
      'Pod label-practice/pod-2 true',
      'Service label-practice/svc-1 true',
      'Pod default/pod-1 true',
      'Service default/svc-1 true',
      'Pod default/pod-2 true',
      'Service default/svc-2 true',
      'Service default/svc-3 true',
    ]);
    expect(c.objects[1]).toMatchObject({ file: '1-pod/pod-1.yaml', line: expect.any(Number) });
  });

  test('Pod: pod-1 runs container1 on 8000 and container2 on 8080 in one network', () => {
    const p = pod(c, 'pod-practice', 'pod-1');
    expect(p).toMatchObject({ phase: 'Running', ready: true });
    expect(p.ip).toMatch(/^10\.244\.[12]\.\d+$/);
    expect(p.containers.map((x) => [x.name, x.listening.map((l) => l.port)])).toEqual([
      ['container1', [8000]],
      ['container2', [8080]],
    ]);
  });

  test('Label: svc-1 in label-practice selects pod-2 by type=web', () => {
    expect(svc(c, 'label-practice', 'svc-1').endpoints.map((e) => e.pod)).toEqual(['pod-2']);
  });

  test('Node scheduling: nodeSelector puts pod-1 on k8s-node1 and pod-2 on k8s-node2', () => {
    expect(pod(c, 'default', 'pod-1')).toMatchObject({ nodeName: 'k8s-node1', ready: true });
    expect(pod(c, 'default', 'pod-2')).toMatchObject({ nodeName: 'k8s-node2', ready: true });
    expect(pod(c, 'default', 'pod-1').ip).toMatch(/^10\.244\.1\./);
    expect(pod(c, 'default', 'pod-2').ip).toMatch(/^10\.244\.2\./);
  });

  test("ClusterIP: svc-1 forwards 9000 to both pods' 8080", () => {
    const s = svc(c, 'default', 'svc-1');
    expect(s.type).toBe('ClusterIP');
    expect(s.ports.map((p) => [p.port, p.targetPort])).toEqual([[9000, 8080]]);
    expect(s.endpoints.map((e) => `${e.pod} ${e.node} :${e.ports[0].port} ${e.ready}`)).toEqual([
      'pod-1 k8s-node1 :8080 true',
      'pod-2 k8s-node2 :8080 true',
    ]);
  });

  test('NodePort: svc-2 on 30000 with externalTrafficPolicy Local', () => {
    const s = svc(c, 'default', 'svc-2');
    expect(s).toMatchObject({ type: 'NodePort', externalTrafficPolicy: 'Local' });
    expect(s.ports[0]).toMatchObject({ port: 9000, targetPort: 8080, nodePort: 30000 });
    expect(s.refs.externalTrafficPolicy).toMatchObject({ file: '4-nodeport/svc-2.yaml', label: 'externalTrafficPolicy: Local' });
  });

  test('LoadBalancer: svc-3 has a ClusterIP and a node port but its external IP stays <pending>', () => {
    const s = svc(c, 'default', 'svc-3');
    expect(s.loadBalancerIP).toBeNull();
    expect(s.pendingReason).toBeTruthy();
    expect(s.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(s.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\./);
  });

  test('the Pod IP changes when the pod is re-created; the Service IP does not', () => {
    const before = pod(c, 'default', 'pod-1');
    const deleted = deletePod(c, 'default', 'pod-1');
    expect(
      svc(deleted, 'default', 'svc-1')
        .endpoints.filter((e) => e.ready)
        .map((e) => e.pod),
    ).toEqual(['pod-2']);
    // kubectl delete waits until the Pod is gone: its 30 s grace period.
    const gone = advanceCluster(deleted, deleted.clock + 30).cluster;
    expect(svc(gone, 'default', 'svc-1').endpoints.map((e) => e.pod)).toEqual(['pod-2']);
    const back = reconcileCluster(gone, seedLoad()); // kubectl apply -f again
    const after = pod(back, 'default', 'pod-1');
    expect(after.nodeName).toBe('k8s-node1');
    expect(after.ip).not.toBe(before.ip);
    expect(svc(back, 'default', 'svc-1').clusterIP).toBe(svc(c, 'default', 'svc-1').clusterIP);
    expect(svc(back, 'default', 'svc-1').endpoints.map((e) => e.ip)).toContain(after.ip);
  });

  test('two containers on one port: CrashLoopBackOff, READY 1/2', () => {
    const dup = loadManifests([
      {
        path: 'dup.yaml',
        text: `apiVersion: v1
kind: Pod
metadata:
  name: dup
spec:
  containers:
  - name: container1
    image: kubetm/p8080
    ports:
    - containerPort: 8080
  - name: container2
    image: kubetm/p8080
    ports:
    - containerPort: 8080
`,
      },
    ]);
    const p = pod(buildCluster(dup, { seed: 1 }), 'default', 'dup');
    expect(p.status).toBe('CrashLoopBackOff');
    expect(p.containers.filter((x) => x.ready)).toHaveLength(1);
    expect(p.containers[1].message).toContain('port 8080 is held by container1');
  });

  test("the typo folder: svc-1 is left out with the loader's error, pod-1 still runs", () => {
    const typo = buildCluster(loadManifests(readFolder(`${seedDir}-typo`).files), { seed: 1 });
    expect(typo.services.some((s) => s.name === 'svc-1')).toBe(false);
    expect(typo.pods.some((p) => p.name === 'pod-1' && p.ready)).toBe(true);
    expect(typo.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', file: 'svc-1.yaml', path: 'spec.ports[0].port' }));
  });
});
