/** --from / --to syntax and its usage errors (CLI exit 2). */
import { describe, expect, it } from 'vitest';
import { TraceUsageError, clusterIndex, parseSource, parseTarget, traceRequests } from '../../../src/trace';
import { SVC1_IP, seedCluster } from './fixtures';

const c = seedCluster();

describe('parseSource', () => {
  it('knows external, nodes and pods', () => {
    expect(parseSource('external', clusterIndex(c))).toMatchObject({ kind: 'external', ip: '192.168.64.1', id: 'client' });
    expect(parseSource('node/k8s-node2', clusterIndex(c))).toMatchObject({ kind: 'node', id: 'node/k8s-node2' });
    expect(parseSource('pod/pod-1', clusterIndex(c))).toMatchObject({ kind: 'pod', id: 'pod/pod-1' });
    expect(parseSource('pod/default/pod-1', clusterIndex(c))).toMatchObject({ kind: 'pod', id: 'pod/pod-1' });
  });

  it.each([
    ['inside', /invalid source/],
    ['node/nope', /nodes "nope" not found/],
    ['pod/ghost', /pods "ghost" not found in namespace "default"/],
    ['pod/a/b/c', /invalid source/],
  ])('rejects %s', (text, message) => {
    expect(() => parseSource(text, clusterIndex(c))).toThrow(TraceUsageError);
    expect(() => parseSource(text, clusterIndex(c))).toThrow(message);
  });
});

describe('parseTarget', () => {
  it.each([
    [`${SVC1_IP}:9000`, SVC1_IP, 9000],
    ['svc/svc-1:9000', SVC1_IP, 9000],
    ['svc/default/svc-1:9000', SVC1_IP, 9000],
    ['node/k8s-node1:30000', '192.168.64.31', 30000],
    ['pod/pod-1:8080', '10.244.1.2', 8080],
    ['curl 10.244.1.2:8080', '10.244.1.2', 8080],
    ['curl http://10.244.1.2:8080/', '10.244.1.2', 8080],
    ['curl -s http://10.244.1.2/index.html', '10.244.1.2', 80],
    ['curl https://192.168.64.31/', '192.168.64.31', 443],
  ])('%s → %s:%d', (text, ip, port) => {
    expect(parseTarget(text, clusterIndex(c))).toMatchObject({ ip, port, protocol: 'TCP' });
  });

  // A name has no address until the sender's resolver answers (per request: tests/unit/trace/dns.test.ts).
  it.each([
    ['svc-1.default.svc.cluster.local:9000', 'svc-1.default.svc.cluster.local', 9000],
    ['curl http://svc-1:9000/', 'svc-1', 9000],
    ['DB.Example.com:5432', 'db.example.com', 5432],
  ])('%s is the name %s, port %d', (text, dnsName, port) => {
    expect(parseTarget(text, clusterIndex(c))).toMatchObject({ ip: null, dnsName, port });
  });

  it('reads a /UDP suffix', () => {
    expect(parseTarget('10.96.0.10:53/udp', clusterIndex(c))).toMatchObject({ port: 53, protocol: 'UDP' });
  });

  it('lb/ of a pending LoadBalancer has no address yet', () => {
    expect(parseTarget('lb/svc-3:9000', clusterIndex(c))).toMatchObject({ ip: null, named: { kind: 'lb' } });
  });

  it.each([
    ['svc-1', /invalid target/],
    ['10.0.0.1:0', /must be 1-65535/],
    ['10.0.0.1:70000', /must be 1-65535/],
    ['svc/nope:80', /services "nope" not found/],
    ['lb/svc-1:9000', /type ClusterIP/],
    ['pod/ghost:80', /pods "ghost" not found/],
    ['foo/bar:80', /invalid target/],
    ['bad_name:80', /invalid target/],
    ['-x.example:80', /invalid target/],
  ])('rejects %s', (text, message) => {
    expect(() => parseTarget(text, clusterIndex(c))).toThrow(TraceUsageError);
    expect(() => parseTarget(text, clusterIndex(c))).toThrow(message);
  });

  it('traceRequests rejects a bad count', () => {
    expect(() => traceRequests(c, { from: 'external', to: 'node/k8s-node1:30000', count: 0 })).toThrow(TraceUsageError);
  });
});
