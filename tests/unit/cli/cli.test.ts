/**
 * The headless contract (../shared/cli-contract.md), driven through `run(argv, io)` on the bundled
 * seed example: exit statuses, kubectl's words for mistakes, JSON on stdout only, determinism.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { run } from '../../../cli/main';

const root = join(__dirname, '..', '..', '..');
const SEED = join(root, 'assets', 'examples', 'seed');
const TYPO = join(root, 'assets', 'examples', 'seed-typo');

function cli(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe('usage errors exit 2 with kubectl-style words on stderr', () => {
  it.each([
    [['frob'], 'error: unknown command "frob" for "kube-traffic"'],
    [['load', SEED, '--frob'], 'error: unknown flag: --frob'],
    [['get', 'pods', SEED, '-x'], "error: unknown shorthand flag: 'x' in -x"],
    [['load', '/nonexistent/kube-traffic-folder'], 'error: the path "/nonexistent/kube-traffic-folder" does not exist'],
    [['get', 'deployments', SEED], 'error: the server doesn\'t have a resource type "deployments"'],
    [['get', 'pods', SEED, '-o', 'yaml'], 'error: unable to match a printer suitable for the output format "yaml"'],
    [['trace', SEED, '--from', 'external'], 'error: required flag(s) "to" not set'],
    [
      ['trace', SEED, '--from', 'external', '--to', 'svc/svc-1:9000', '--count', 'many'],
      'error: invalid argument "many" for "--count" flag',
    ],
    [['load', SEED, '--seed'], 'error: flag needs an argument: --seed'],
    [['--seed', '3'], 'error: a command is required'],
    [['get', 'pods'], 'error: DIR is required'],
    [['get', 'pods', SEED, 'p1', '-l', 'app=pod'], 'error: name cannot be provided when a selector is specified'],
  ])('%j', (argv, message) => {
    const r = cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(message)).toBe(true);
  });

  it("an invalid selector is the API server's BadRequest", () => {
    const r = cli('get', 'pods', SEED, '-l', 'app:pod');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^Error from server \(BadRequest\): Unable to find "\/v1, Resource=pods" that match label selector "app:pod", field selector "": unable to parse requirement: <nil>: Invalid value: "app:pod": name part must consist of/,
    );
  });

  it.each([
    ['pod/nope', 'svc/svc-1:9000'],
    ['nowhere', 'svc/svc-1:9000'],
    ['external', 'svc-1'],
    ['external', 'svc/nope:9000'],
  ])('trace --from %s --to %s is a usage error', (from, to) => {
    const r = cli('trace', SEED, '--from', from, '--to', to, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: /);
  });
});

describe('help and version', () => {
  it("--version prints package.json's version", () => {
    const r = cli('--version');
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^kube-traffic \d+\.\d+\.\d+\n$/) });
  });

  it.each([[], ['--help'], ['-h'], ['help', 'get'], ['get', '--help'], ['trace', '-h'], ['load', '--help']])(
    '%j prints usage and exits 0',
    (...argv) => {
      const r = cli(...argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage:');
    },
  );
});

describe('load', () => {
  it('--json prints one document: the seed cluster, LoadBalancer <pending>', () => {
    const r = cli('load', SEED, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.nodes.map((n: { name: string }) => n.name)).toEqual(['k8s-master', 'k8s-node1', 'k8s-node2']);
    const svc3 = doc.services.find((s: { name: string }) => s.name === 'svc-3');
    expect(svc3).toMatchObject({ type: 'LoadBalancer', externalIP: '<pending>' });
    const pod2 = doc.pods.find((p: { name: string; namespace: string }) => p.name === 'pod-2' && p.namespace === 'default');
    expect(pod2).toMatchObject({ node: 'k8s-node2' });
  });

  it('exits 0 when manifests have errors: they are data, with file, line and field', () => {
    const r = cli('load', TYPO, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', file: 'svc-1.yaml', path: 'spec.ports[0].port' }));
    expect(doc.pods.map((p: { name: string }) => p.name)).toContain('pod-1');
  });

  it('without --json: objects by kind and file:line:col diagnostics', () => {
    const r = cli('load', TYPO);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^svc-1\.yaml:\d+:\d+: error: spec\.ports\[0\]\.port: /m);
    expect(r.stdout).toMatch(/Pod\s+1/);
  });

  it('is byte-identical for the same folder and seed', () => {
    expect(cli('load', SEED, '--json', '--seed', '7').stdout).toBe(cli('--seed', '7', 'load', SEED, '--json').stdout);
    expect(cli('load', SEED, '--json').stdout).not.toBe(cli('load', SEED, '--json', '--seed', '2').stdout);
  });
});

describe('get', () => {
  it("services: <pending>, 9000:30000/TCP and kubectl's columns", () => {
    const r = cli('get', 'svc', SEED);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    expect(lines.find((l) => l.startsWith('svc-2 '))).toMatch(/NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+9000:30000\/TCP\s+\S+$/);
    expect(lines.find((l) => l.startsWith('svc-3 '))).toMatch(/LoadBalancer\s+\S+\s+<pending>\s+9000:3\d{4}\/TCP/);
    expect(lines.find((l) => l.startsWith('kubernetes '))).toMatch(/ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/);
  });

  it('svc svc-3 by name, in either order', () => {
    expect(cli('get', 'svc', SEED, 'svc-3').stdout.split('\n')[1]).toMatch(/^svc-3 /);
    expect(cli('get', 'svc', 'svc-3', SEED).stdout.split('\n')[1]).toMatch(/^svc-3 /);
  });

  it('pods -n label-practice -l type=web', () => {
    const r = cli('get', 'pods', SEED, '-n', 'label-practice', '-l', 'type=web');
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .split('\n')
        .slice(1, -1)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['pod-2']);
  });

  it("services -A -l filters on the Services' own labels (kube-dns carries k8s-app=kube-dns)", () => {
    const r = cli('get', 'svc', SEED, '-A', '-l', 'k8s-app=kube-dns');
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .split('\n')
        .slice(1, -1)
        .map((l) => l.split(/\s+/).slice(0, 2).join('/')),
    ).toEqual(['kube-system/kube-dns']);
  });

  it('an empty result says so on stderr and exits 0', () => {
    const r = cli('get', 'pods', SEED, '-l', 'app=nothing');
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
  });

  it('nodes: control-plane and <none> roles; -o wide shows internal IPs', () => {
    const r = cli('get', 'nodes', SEED, '-o', 'wide');
    expect(r.stdout).toMatch(/^k8s-master\s+Ready\s+control-plane\s+\S+\s+v\d+\.\d+\.\d+\s+192\.168\.64\.\d+/m);
    expect(r.stdout).toMatch(/^k8s-node1\s+Ready\s+<none>/m);
  });

  it('-A lists kube-system too, with a NAMESPACE column', () => {
    const r = cli('get', 'po', SEED, '-A');
    expect(r.stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(r.stdout).toMatch(/^kube-system\s+coredns-/m);
  });

  it('endpoints list ready Pod IP:port pairs', () => {
    const r = cli('get', 'ep', SEED);
    expect(r.stdout).toMatch(/^svc-1\s+10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080\s/m);
  });
});

describe('trace', () => {
  it('--json: one trace with hops whose addresses show the NAT', () => {
    const r = cli('trace', SEED, '--from', 'pod/pod-2', '--to', 'svc/svc-1:9000', '--json');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(t.outcome).toBe('delivered');
    expect(t.hops[0]).toMatchObject({ at: 'pod/pod-2', action: 'send', dst: expect.stringMatching(/:9000$/) });
    expect(t.hops.some((h: { dst: string }) => /^10\.244\.\d+\.\d+:8080$/.test(h.dst))).toBe(true);
  });

  it('--count N gives {"traces": [N]} and replays byte for byte', () => {
    const argv = ['trace', SEED, '--from', 'external', '--to', 'node/k8s-node1:30000', '--count', '3', '--json'];
    const r = cli(...argv);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).traces).toHaveLength(3);
    expect(cli(...argv).stdout).toBe(r.stdout);
  });

  it('without --json: a hop table, the outcome and its reason', () => {
    const r = cli('trace', SEED, '--from', 'external', '--to', 'node/k8s-node2:30000');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^HOP\s+AT\s+ACTION\s+SRC\s+DST/m);
    expect(r.stdout).toMatch(/^outcome: \w+: ./m);
  });
});
