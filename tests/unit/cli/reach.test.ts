/**
 * `kube-traffic reach` (../shared/cli-contract.md): the matrix's JSON shape and order, what --from,
 * --to and --port pick, the grid, usage errors, and that a cell is what `trace` says for its pair.
 */
import { describe, expect, it } from 'vitest';
import { cli, SEED, XY } from './runCli';

interface Matrix {
  sources: string[];
  targets: string[];
  outcomes: string[][];
}

function reach(...argv: string[]): Matrix {
  const r = cli('reach', ...argv, '--json');
  expect(r).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(r.stdout) as Matrix;
}

const FLANNEL = [
  'pod/kube-flannel/kube-flannel-ds-bltrf',
  'pod/kube-flannel/kube-flannel-ds-jvrt8',
  'pod/kube-flannel/kube-flannel-ds-zpww7',
];

describe('reach --json', () => {
  it('on the seed: every sending Pod outside kube-system × every Service port outside kube-system, ids with namespaces', () => {
    const r = cli('reach', SEED, '--json');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(Object.keys(m)).toEqual(['sources', 'targets', 'outcomes']);
    expect(m.sources).toEqual(['pod/default/pod-1', 'pod/default/pod-2', ...FLANNEL, 'pod/label-practice/pod-2', 'pod/pod-practice/pod-1']);
    expect(m.targets).toEqual([
      'svc/default/kubernetes:443',
      'svc/default/svc-1:9000',
      'svc/default/svc-2:9000',
      'svc/default/svc-3:9000',
      'svc/label-practice/svc-1:8080',
    ]);
    expect(m.outcomes).toEqual(m.sources.map(() => m.targets.map(() => 'delivered')));
  });

  it('on the x/y fixture: Service ports in spec order, UDP ports marked, a Service without endpoints refuses', () => {
    const m = reach(XY);
    expect(m.sources).toEqual([...FLANNEL, 'pod/x/a', 'pod/x/b', 'pod/y/a', 'pod/y/b']); // y/c is Pending: it cannot send
    expect(m.targets).toEqual(['svc/default/kubernetes:443', 'svc/x/web:80', 'svc/x/web:53/UDP', 'svc/y/nobody:8080']);
    expect(m.outcomes).toEqual(m.sources.map(() => ['delivered', 'delivered', 'delivered', 'refused']));
  });

  it('--from picks the source Pods by label, in every namespace', () => {
    expect(reach(XY, '--from', 'pod=a').sources).toEqual(['pod/x/a', 'pod/y/a']);
    expect(reach(XY, '--from', 'pod,pod notin (a)').sources).toEqual(['pod/x/b', 'pod/y/b']);
    expect(reach(SEED, '--from', 'k8s-app=kube-dns').sources).toEqual([
      expect.stringMatching(/^pod\/kube-system\/coredns-/),
      expect.stringMatching(/^pod\/kube-system\/coredns-/),
    ]);
  });

  it('--port: the target Pods on that port (Pending ones too: nothing reaches them)', () => {
    const m = reach(XY, '--from', 'pod', '--port', '80');
    expect(m.targets).toEqual([...FLANNEL.map((p) => `${p}:80`), 'pod/x/a:80', 'pod/x/b:80', 'pod/y/a:80', 'pod/y/b:80', 'pod/y/c:80']);
    const row = ['refused', 'refused', 'refused', 'delivered', 'refused', 'delivered', 'refused', 'unreachable'];
    expect(m.outcomes).toEqual([row, row, row, row]);
  });

  it('--to with --port picks the target Pods by label; PROTO in any case', () => {
    const m = reach(XY, '--from', 'pod=b', '--to', 'pod=a', '--port', '5353/udp');
    expect(m).toEqual({
      sources: ['pod/x/b', 'pod/y/b'],
      targets: ['pod/x/a:5353/UDP', 'pod/y/a:5353/UDP'],
      outcomes: [
        ['delivered', 'delivered'],
        ['delivered', 'delivered'],
      ],
    });
    expect(reach(XY, '--from', 'pod=b', '--to', 'pod=a', '--port', '8080/TCP').targets).toEqual(['pod/x/a:8080', 'pod/y/a:8080']);
  });

  it('a selector that picks nothing gives empty rows or columns, not an error', () => {
    expect(reach(XY, '--from', 'pod=c')).toEqual({ sources: [], targets: expect.any(Array), outcomes: [] });
    expect(reach(XY, '--from', 'pod=a', '--to', 'pod=zzz', '--port', '80')).toEqual({
      sources: ['pod/x/a', 'pod/y/a'],
      targets: [],
      outcomes: [[], []],
    });
  });

  it('every cell is what `trace --from S --to T --seed N` gives for its pair', () => {
    for (const seed of ['1', '5']) {
      const m = reach(XY, '--from', 'pod', '--port', '80', '--seed', seed);
      m.sources.forEach((from, i) =>
        m.targets.forEach((to, j) => {
          const t = cli('trace', XY, '--from', from, '--to', to, '--seed', seed, '--json');
          expect(JSON.parse(t.stdout).outcome, `${from} → ${to}`).toBe(m.outcomes[i][j]);
        }),
      );
    }
  });

  it('is byte-identical run to run, and flags may come before the command', () => {
    const a = cli('reach', XY, '--port', '80', '--json');
    expect(cli('reach', XY, '--port', '80', '--json').stdout).toBe(a.stdout);
    expect(cli('--port', '80', 'reach', XY, '--json').stdout).toBe(a.stdout);
    expect(cli('reach', SEED).stdout).toBe(cli('reach', SEED).stdout);
  });
});

describe('reach without --json: a truth table', () => {
  it('numbers the targets, marks each pair with its letter, then the legend and a summary', () => {
    const r = cli('reach', XY, '--from', 'pod', '--port', '80');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'TARGETS',
        '  1  pod/kube-flannel/kube-flannel-ds-bltrf:80',
        '  2  pod/kube-flannel/kube-flannel-ds-jvrt8:80',
        '  3  pod/kube-flannel/kube-flannel-ds-zpww7:80',
        '  4  pod/x/a:80',
        '  5  pod/x/b:80',
        '  6  pod/y/a:80',
        '  7  pod/y/b:80',
        '  8  pod/y/c:80',
        '',
        'FROM \\ TO  1  2  3  4  5  6  7  8',
        'pod/x/a    R  R  R  .  R  .  R  U',
        'pod/x/b    R  R  R  .  R  .  R  U',
        'pod/y/a    R  R  R  .  R  .  R  U',
        'pod/y/b    R  R  R  .  R  .  R  U',
        '',
        '. delivered   R refused   X dropped   T timeout   U unreachable   N unresolved',
        '32 pairs (4 sources × 8 targets): 8 delivered, 20 refused, 4 unreachable',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to trace', () => {
    const r = cli('reach', XY, '--from', 'pod=c');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^0 pairs \(0 sources × 4 targets\): nothing to trace\n$/m);
    expect(r.stdout).not.toMatch(/FROM/);
  });
});

describe('reach usage errors exit 2, nothing on stdout', () => {
  it.each([
    [
      ['--from', 'a:b'],
      /^Error from server \(BadRequest\): Unable to find "\/v1, Resource=pods" that match label selector "a:b", field selector "": /,
    ],
    [
      ['--to', 'x in (', '--port', '80'],
      /^Error from server \(BadRequest\): Unable to find "\/v1, Resource=pods" that match label selector "x in \(", /,
    ],
    [['--port', '0'], /^error: invalid argument "0" for "--port" flag: expected PORT or PORT\/PROTO/],
    [['--port', '65536'], /^error: invalid argument "65536" for "--port" flag/],
    [['--port', 'http'], /^error: invalid argument "http" for "--port" flag/],
    [['--port', '80/quic'], /^error: invalid argument "80\/quic" for "--port" flag/],
    [['--to', 'pod=a'], /^error: --to picks Pods and needs --port PORT/],
    [['--port'], /^error: flag needs an argument: --port/],
    [['--frob'], /^error: unknown flag: --frob/],
    [['extra'], /^error: unexpected argument "extra"/],
  ])('reach XY %j', (argv, message) => {
    const r = cli('reach', XY, ...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('a missing folder, or none', () => {
    expect(cli('reach', '/nonexistent/kube-traffic-folder').stderr).toMatch(
      /^error: the path "\/nonexistent\/kube-traffic-folder" does not exist/,
    );
    expect(cli('reach')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^error: DIR is required\nSee 'kube-traffic reach --help'/),
    });
  });
});

describe('help', () => {
  it.each([
    ['reach', '--help'],
    ['help', 'reach'],
    ['test', '-h'],
    ['help', 'test'],
  ])('%s %s prints usage', (...argv) => {
    const r = cli(...argv);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage:\\n  kube-traffic ${argv.find((a) => !a.startsWith('-') && a !== 'help')} DIR`, 'm'));
  });

  it('the root help lists reach and test', () => {
    expect(cli('--help').stdout).toMatch(/^ {2}reach {3}.+\n {2}test {4}/m);
  });
});
