import { describe, expect, test } from 'vitest';
import { buildCluster } from '../../../src/cluster';
import { imagePorts, imageRepository } from '../../../src/cluster/imageCatalog';
import type { Cluster } from '../../../src/model/cluster';
import { container, load, pod } from './fixtures';

const podNamed = (c: Cluster, name: string) => c.pods.find((p) => p.name === name)!;

describe('containers', () => {
  test('image references are reduced to their repository', () => {
    expect(imageRepository('docker.io/library/nginx:1.27')).toBe('nginx');
    expect(imageRepository('nginx@sha256:abc')).toBe('nginx');
    expect(imageRepository('registry.k8s.io/echoserver:1.4')).toBe('registry.k8s.io/echoserver');
    expect(imageRepository('localhost:5000/app:dev')).toBe('localhost:5000/app');
  });

  test('well-known images listen on their ports whether or not containerPort says so', () => {
    // kubeadm's control-plane binds, and a container's own flag moving them.
    expect(imagePorts('registry.k8s.io/kube-scheduler:v1.30.0')).toEqual([
      { port: 10259, protocol: 'TCP', bind: { loopback: true, hostIP: false, flag: '--bind-address=127.0.0.1' } },
    ]);
    expect(imagePorts('registry.k8s.io/kube-scheduler:v1.30.0', ['kube-scheduler', '--bind-address=0.0.0.0'])).toEqual([
      { port: 10259, protocol: 'TCP' },
    ]);
    expect(
      imagePorts('registry.k8s.io/etcd:3.5.12-0', ['--listen-metrics-urls', 'http://0.0.0.0:2381'])?.find((p) => p.port === 2381),
    ).toEqual({ port: 2381, protocol: 'TCP' });
    expect(imagePorts('kubetm/p8000')).toEqual([{ port: 8000, protocol: 'TCP' }]);
    expect(imagePorts('kubetm/app:latest')).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(imagePorts('nginx:1.27')).toEqual([{ port: 80, protocol: 'TCP' }]);
    expect(imagePorts('hashicorp/http-echo', ['-listen=:9000', '-text=hi'])).toEqual([{ port: 9000, protocol: 'TCP' }]);
    expect(imagePorts('some/unknown')).toBeNull();
    const c = buildCluster(load(pod('p', [container('web', 'nginx')])), { seed: 1 });
    expect(podNamed(c, 'p').containers[0].listening).toEqual([{ port: 80, protocol: 'TCP' }]);
  });

  test('an unknown image listens on what it declares', () => {
    const c = buildCluster(load(pod('p', [container('web', 'example/app', { ports: [9090] })])), { seed: 1 });
    expect(podNamed(c, 'p').containers[0].listening).toEqual([{ port: 9090, protocol: 'TCP' }]);
  });

  test('seed pod-1: container1 on 8000 and container2 on 8080 share the Pod network and both run', () => {
    const c = buildCluster(
      load(
        pod('pod-1', [
          container('container1', 'kubetm/p8000', { ports: [8000] }),
          container('container2', 'kubetm/p8080', { ports: [8080] }),
        ]),
      ),
      { seed: 1 },
    );
    const p = podNamed(c, 'pod-1');
    expect(p).toMatchObject({ phase: 'Running', ready: true, status: 'Running' });
    expect(p.containers.map((x) => [x.name, x.state, x.listening.map((l) => l.port)])).toEqual([
      ['container1', 'running', [8000]],
      ['container2', 'running', [8080]],
    ]);
  });

  test('two containers on one port: the later one crash-loops, the Pod runs but is not Ready (1/2)', () => {
    const c = buildCluster(
      load(
        pod('dup', [container('container1', 'kubetm/p8080', { ports: [8080] }), container('container2', 'kubetm/app', { ports: [8080] })]),
      ),
      { seed: 1 },
    );
    const p = podNamed(c, 'dup');
    expect(p).toMatchObject({ phase: 'Running', ready: false, status: 'CrashLoopBackOff' });
    expect(p.ip).not.toBeNull();
    const [first, second] = p.containers;
    expect(first).toMatchObject({ state: 'running', ready: true });
    expect(second).toMatchObject({ state: 'waiting', reason: 'CrashLoopBackOff', ready: false, listening: [] });
    expect(second.message).toContain('bind: address already in use (port 8080 is held by container1)');
    expect(second.restartCount).toBeGreaterThan(0);
    expect(c.events).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'BackOff', object: 'pod/dup' }));
  });

  test('the clash counts image ports too, but TCP and UDP on one number do not clash', () => {
    const c = buildCluster(
      load(
        pod('img', [container('a', 'nginx'), container('b', 'httpd')]),
        pod('proto', [
          container('a', 'example/dns', { ports: [{ containerPort: 53, protocol: 'UDP' }] }),
          container('b', 'example/dns', { ports: [{ containerPort: 53, protocol: 'TCP' }] }),
        ]),
      ),
      { seed: 1 },
    );
    expect(podNamed(c, 'img').containers[1].message).toContain('port 80 is held by a');
    expect(podNamed(c, 'proto').ready).toBe(true);
  });

  test('a readinessProbe on a port nothing listens on keeps the Pod Running but not Ready', () => {
    const probe = { httpGet: { path: '/healthz', port: 8081 } };
    const c = buildCluster(
      load(
        pod('p', [container('web', 'kubetm/app', { readinessProbe: probe })]),
        pod('ok', [container('web', 'kubetm/app', { readinessProbe: { tcpSocket: { port: 8080 } } })]),
      ),
      { seed: 1 },
    );
    const p = podNamed(c, 'p');
    expect(p).toMatchObject({ phase: 'Running', status: 'Running', ready: false });
    expect(p.containers[0].message).toBe(
      `Readiness probe failed: Get "http://${p.ip}:8081/healthz": dial tcp ${p.ip}:8081: connect: connection refused`,
    );
    expect(podNamed(c, 'ok').ready).toBe(true);
  });

  test('exec readiness probes: true/false/exit N and sh -c understood, a bare `exit` errors, anything else passes', () => {
    const exec = (...command: string[]) => ({ exec: { command } });
    const c = buildCluster(
      load(
        pod('t', [container('web', 'kubetm/app', { readinessProbe: exec('/bin/true') })]),
        pod('f', [container('web', 'kubetm/app', { readinessProbe: exec('false') })]),
        pod('sh3', [container('web', 'kubetm/app', { readinessProbe: exec('sh', '-c', 'exit 3') })]),
        pod('bash0', [container('web', 'kubetm/app', { readinessProbe: exec('/bin/bash', '-c', 'exit 0') })]),
        pod('bare', [container('web', 'kubetm/app', { readinessProbe: exec('exit', '1') })]),
        pod('other', [container('web', 'kubetm/app', { readinessProbe: exec('cat', '/tmp/healthy') })]),
      ),
      { seed: 1 },
    );
    expect(['t', 'f', 'sh3', 'bash0', 'bare', 'other'].map((n) => podNamed(c, n).ready)).toEqual([true, false, false, true, false, true]);
    expect(podNamed(c, 'sh3')).toMatchObject({ phase: 'Running', status: 'Running' });
    expect(podNamed(c, 'sh3').containers[0].message).toBe('Readiness probe failed: (exit code 3 from [sh -c exit 3])');
    expect(podNamed(c, 'bare').containers[0].message).toContain('Readiness probe errored: ');
    expect(podNamed(c, 'bare').containers[0].message).toContain('exec: "exit": executable file not found in $PATH');
  });

  test('a failing exec livenessProbe restarts the container: killed after period × failureThreshold, then back-off', async () => {
    const { livenessCycle, podRuntime } = await import('../../../src/cluster/containers');
    // 30 s running (3 × 10 s), 10 s back-off, 30 s running, 20 s back-off, …
    expect([29, 31, 41, 71, 91].map((t) => livenessCycle(t, 30))).toEqual([
      { restarts: 0, running: true },
      { restarts: 0, running: false },
      { restarts: 1, running: true },
      { restarts: 1, running: false },
      { restarts: 2, running: true },
    ]);
    const spec = pod('p', [container('web', 'kubetm/app', { livenessProbe: { exec: { command: ['sh', '-c', 'exit 1'] } } })]).spec;
    const waiting = podRuntime(spec, 'running', { ip: '10.244.1.5', ageSeconds: 75 });
    expect(waiting).toMatchObject({ status: 'CrashLoopBackOff', ready: false });
    expect(waiting.containers[0]).toMatchObject({ state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 1 });
    expect(waiting.containers[0].message).toBe(
      'Liveness probe failed: (exit code 1 from [sh -c exit 1]); Container web failed liveness probe, will be restarted',
    );
    const running = podRuntime(spec, 'running', { ip: '10.244.1.5', ageSeconds: 45 });
    expect(running).toMatchObject({ status: 'Running', ready: true });
    expect(running.containers[0]).toMatchObject({ state: 'running', restartCount: 1 });
    const passing = pod('q', [container('web', 'kubetm/app', { livenessProbe: { exec: { command: ['true'] } } })]).spec;
    expect(podRuntime(passing, 'running', { ip: '10.244.1.6', ageSeconds: 75 }).containers[0]).toMatchObject({
      state: 'running',
      restartCount: 0,
    });
  });

  test('restart counts grow with the clock (10s, 20s, 40s … back-off)', async () => {
    const { crashLoopRestarts } = await import('../../../src/cluster/containers');
    expect([5, 10, 29, 30, 70, 150, 310, 610].map(crashLoopRestarts)).toEqual([0, 1, 1, 2, 3, 4, 5, 6]);
  });
});
