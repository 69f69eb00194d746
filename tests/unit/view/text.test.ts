/** The human-readable trace and load outputs. */
import { describe, expect, it } from 'vitest';
import { formatTraceRun } from '../../../src/view/traceText';
import { formatDiagnostic, formatLoadSummary } from '../../../src/view/loadSummary';
import { toComponentId } from '../../../src/model/componentId';
import type { TraceRun } from '../../../src/model/trace';
import { cluster, node, pod } from './fixture';

const run: TraceRun = {
  request: { from: 'external', to: 'node/k8s-node1:30000' },
  traces: [
    {
      outcome: 'delivered',
      reason: 'svc-2 sent it to pod-1 on the same node (externalTrafficPolicy: Local keeps the client IP)',
      pod: 'pod-1',
      container: 'container',
      node: 'k8s-node1',
      hops: [
        { at: toComponentId('client'), action: 'send', src: '192.168.64.1:40000', dst: '192.168.64.31:30000' },
        { at: toComponentId('node/k8s-node1'), action: 'dnat', src: '192.168.64.1:40000', dst: '10.244.1.2:8080', rule: 'KUBE-SEP-ABC' },
        { at: toComponentId('pod/pod-1'), action: 'deliver', src: '192.168.64.1:40000', dst: '10.244.1.2:8080' },
      ],
      response: {
        hops: [
          { at: toComponentId('pod/pod-1'), action: 'reply', src: '10.244.1.2:8080', dst: '192.168.64.1:40000' },
          { at: toComponentId('node/k8s-node1'), action: 'un-nat', src: '192.168.64.31:30000', dst: '192.168.64.1:40000' },
        ],
      },
    },
  ],
  events: [],
  duration: 0,
};

describe('trace text', () => {
  const text = formatTraceRun(run);

  it('spells out each NAT rewrite on the hop that made it', () => {
    const dnat = text.split('\n').find((l) => l.includes('dnat'));
    expect(dnat).toContain('dst 192.168.64.31:30000 → 10.244.1.2:8080');
    expect(dnat).toContain('KUBE-SEP-ABC');
    const unnat = text.split('\n').find((l) => l.includes('un-nat'));
    expect(unnat).toContain('src 10.244.1.2:8080 → 192.168.64.31:30000');
  });

  it('gives the outcome, its reason and where it landed, then the way back', () => {
    expect(text).toContain('outcome: delivered: svc-2 sent it to pod-1');
    expect(text).toContain('pod: pod-1 (container container on k8s-node1)');
    expect(text.indexOf('response:')).toBeGreaterThan(text.indexOf('outcome:'));
  });

  it('numbers several requests', () => {
    const two = formatTraceRun({ ...run, traces: [run.traces[0], run.traces[0]] });
    expect(two).toContain('request 1 of 2: external → node/k8s-node1:30000');
    expect(two).toContain('request 2 of 2');
  });
});

describe('load summary', () => {
  it('counts objects by kind and prints diagnostics as file:line:col: severity: path: message', () => {
    const c = cluster({
      nodes: [node('k8s-master', '192.168.64.30')],
      pods: [pod('a', { nodeName: 'k8s-master' }), pod('b'), pod('coredns', { builtIn: true, namespace: 'kube-system' })],
      objects: [
        { kind: 'Pod', name: 'a', namespace: 'default', file: 'a.yaml', line: 1, simulated: true },
        { kind: 'Pod', name: 'b', namespace: 'default', file: 'b.yaml', line: 1, simulated: true },
        { kind: 'ConfigMap', name: 'c', namespace: 'default', file: 'c.yaml', line: 1, simulated: false },
      ],
      diagnostics: [
        { severity: 'error', file: 'svc-1.yaml', line: 12, column: 11, path: 'spec.ports[0].port', message: 'Invalid value: "9000 // x"' },
        { severity: 'warning', file: 'notes.yaml', line: 1, column: 1, message: 'not a Kubernetes object (no apiVersion/kind); skipped' },
      ],
    });
    const out = formatLoadSummary(c);
    expect(out).toMatch(/ConfigMap\s+1\n/);
    expect(out).toMatch(/Pod\s+2\n/);
    expect(out).toContain('pods: 2 from the folder (1 scheduled, 1 pending), 1 of the cluster itself');
    expect(out).toContain('diagnostics: 1 error, 1 warning');
    expect(out).toContain('svc-1.yaml:12:11: error: spec.ports[0].port: Invalid value: "9000 // x"\n');
    expect(formatDiagnostic(c.diagnostics[1])).toBe('notes.yaml:1:1: warning: not a Kubernetes object (no apiVersion/kind); skipped');
    // A message that already starts with its path is not given the path twice.
    expect(
      formatDiagnostic({ severity: 'error', file: 'a.yaml', line: 2, column: 3, path: 'spec.x', message: 'spec.x: Required value' }),
    ).toBe('a.yaml:2:3: error: spec.x: Required value');
  });
});
