import { describe, expect, test } from 'vitest';
import { buildCluster } from '../../../src/cluster';
import type { Cluster, PodState } from '../../../src/model/cluster';
import { container, load, node, pod, workload } from './fixtures';

const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';
const userPods = (c: Cluster): PodState[] => c.pods.filter((p) => !p.builtIn);

describe('controllers', () => {
  test('a bare Pod keeps its name and has no owner', () => {
    const c = buildCluster(load(pod('web', [container('web', 'nginx')])), { seed: 1 });
    expect(userPods(c).map((p) => [p.name, p.owner])).toEqual([['web', null]]);
  });

  test('Deployment → ReplicaSet <deploy>-<hash> → Pods <rs>-<5>, labelled pod-template-hash', () => {
    const c = buildCluster(load(workload('Deployment', 'web', [container('web', 'nginx')], { replicas: 3 })), { seed: 1 });
    const w = c.workloads.find((x) => x.name === 'web')!;
    expect(w.replicaSet).toBe(`web-${w.templateHash}`);
    expect(w.templateHash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    const pods = userPods(c);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.name).toMatch(new RegExp(`^${w.replicaSet}-${SUFFIX}$`));
      expect(p.owner).toEqual({ kind: 'ReplicaSet', name: w.replicaSet });
      expect(p.labels).toEqual({ app: 'web', 'pod-template-hash': w.templateHash });
    }
    expect(new Set(pods.map((p) => p.name)).size).toBe(3);
    expect(
      c.events.some((e) => e.reason === 'ScalingReplicaSet' && e.message === `Scaled up replica set ${w.replicaSet} from 0 to 3`),
    ).toBe(true);
    expect(c.events.filter((e) => e.reason === 'SuccessfulCreate' && e.object === `replicaset/${w.replicaSet}`)).toHaveLength(3);
  });

  test('the same template gives the same hash; a different template another one', () => {
    const a = buildCluster(load(workload('Deployment', 'web', [container('web', 'nginx')])), { seed: 1 });
    const b = buildCluster(load(workload('Deployment', 'web', [container('web', 'nginx')])), { seed: 99 });
    const d = buildCluster(load(workload('Deployment', 'web', [container('web', 'nginx:1.27')])), { seed: 1 });
    expect(a.workloads.at(-1)!.templateHash).toBe(b.workloads.at(-1)!.templateHash);
    expect(d.workloads.at(-1)!.templateHash).not.toBe(a.workloads.at(-1)!.templateHash);
  });

  test('ReplicaSet and ReplicationController pods: <name>-<5>', () => {
    const c = buildCluster(
      load(
        workload('ReplicaSet', 'rs', [container('c', 'nginx')], { replicas: 2 }),
        workload('ReplicationController', 'rc', [container('c', 'nginx')], { replicas: 1 }),
      ),
      { seed: 1 },
    );
    const pods = userPods(c);
    expect(pods.filter((p) => p.owner?.kind === 'ReplicaSet').every((p) => new RegExp(`^rs-${SUFFIX}$`).test(p.name))).toBe(true);
    expect(pods.filter((p) => p.owner?.kind === 'ReplicationController').map((p) => p.name)).toEqual([
      expect.stringMatching(new RegExp(`^rc-${SUFFIX}$`)),
    ]);
  });

  test('DaemonSet: one pod per eligible node, pinned by matchFields; skips the tainted control plane', () => {
    const c = buildCluster(load(workload('DaemonSet', 'agent', [container('a', 'busybox')])), { seed: 1 });
    const pods = userPods(c);
    expect(pods.map((p) => p.nodeName).sort()).toEqual(['k8s-node1', 'k8s-node2']);
    for (const p of pods) {
      const terms = p.spec.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms;
      expect(terms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.nodeName] }] }]);
      expect(p.spec.tolerations).toContainEqual({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' });
      expect(p.schedule.by).toBe('daemonset');
    }
    expect(c.workloads.find((w) => w.name === 'agent')!.replicas).toBe(2);
  });

  test('DaemonSet tolerating the control-plane taint runs there too; nodeSelector narrows it', () => {
    const everywhere = buildCluster(
      load(
        workload('DaemonSet', 'agent', [container('a', 'busybox')], {
          tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
        }),
      ),
      { seed: 1 },
    );
    expect(userPods(everywhere)).toHaveLength(3);
    const one = buildCluster(
      load(workload('DaemonSet', 'agent', [container('a', 'busybox')], { nodeSelector: { 'kubernetes.io/hostname': 'k8s-node2' } })),
      { seed: 1 },
    );
    expect(userPods(one).map((p) => p.nodeName)).toEqual(['k8s-node2']);
  });

  test('StatefulSet: <sts>-0..n-1 with the pod-name label, hostname and subdomain', () => {
    const c = buildCluster(load(workload('StatefulSet', 'db', [container('db', 'redis')], { replicas: 3, serviceName: 'db' })), {
      seed: 1,
    });
    const pods = userPods(c);
    expect(pods.map((p) => p.name)).toEqual(['db-0', 'db-1', 'db-2']);
    expect(pods.map((p) => p.labels['statefulset.kubernetes.io/pod-name'])).toEqual(['db-0', 'db-1', 'db-2']);
    expect(pods[1].spec.hostname).toBe('db-1');
    expect(pods[1].spec.subdomain).toBe('db');
    expect(pods.every((p) => p.owner?.kind === 'StatefulSet')).toBe(true);
  });

  test('StatefulSet OrderedReady: a pod that is not Ready stops the next ones; Parallel does not wait', () => {
    const stuck = [container('a', 'nginx'), container('b', 'nginx')]; // both bind :80 → b crash-loops, pod never Ready
    const ordered = buildCluster(load(workload('StatefulSet', 'db', stuck, { replicas: 3 })), { seed: 1 });
    expect(userPods(ordered).map((p) => [p.name, p.ready])).toEqual([['db-0', false]]);
    const parallel = buildCluster(load(workload('StatefulSet', 'db', stuck, { replicas: 3, podManagementPolicy: 'Parallel' })), {
      seed: 1,
    });
    expect(userPods(parallel).map((p) => p.name)).toEqual(['db-0', 'db-1', 'db-2']);
  });

  test('Job: pods <job>-<5> run to completion: Succeeded, Completed, not ready', () => {
    const c = buildCluster(load(workload('Job', 'pi', [container('pi', 'perl')], { completions: 2, restartPolicy: 'Never' })), { seed: 1 });
    const pods = userPods(c);
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.name).toMatch(new RegExp(`^pi-${SUFFIX}$`));
      expect(p).toMatchObject({ phase: 'Succeeded', status: 'Completed', ready: false, owner: { kind: 'Job', name: 'pi' } });
      expect(p.labels['job-name']).toBe('pi');
      expect(p.containers[0]).toMatchObject({ state: 'terminated', reason: 'Completed' });
    }
    expect(c.events.some((e) => e.object === 'job/pi' && e.reason === 'Completed')).toBe(true);
  });

  test('pods carry their source position: the workload, and each container where written', () => {
    const w = workload('Deployment', 'web', [container('web', 'nginx')], { file: 'apps/web.yaml' });
    const c = buildCluster(load(w), { seed: 1 });
    const p = userPods(c)[0];
    expect(p.source).toEqual(w.source);
    expect(p.containers[0].source).toEqual(w.locate('spec.template.spec.containers[0]'));
  });

  test('Node manifests: controllers use them', () => {
    const c = buildCluster(load(node('a'), node('b'), workload('DaemonSet', 'agent', [container('a', 'busybox')])), { seed: 1 });
    expect(
      userPods(c)
        .map((p) => p.nodeName)
        .sort(),
    ).toEqual(['a', 'b']);
  });
});
