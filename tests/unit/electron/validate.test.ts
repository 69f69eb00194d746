/** Every payload the renderer can send is checked before the host acts on it (src/api/validate.ts). */
import { describe, expect, it } from 'vitest';
import { API_METHODS, validateArgs, validateMenuCommand, validateSnapshot } from '../../../src/api/validate';

function accepted(method: Parameters<typeof validateArgs>[0], args: unknown): unknown {
  const result = validateArgs(method, args);
  if (!result.ok) throw new Error(`expected ${method}(${JSON.stringify(args)}) to pass, got: ${result.error}`);
  return result.value;
}

function rejected(method: Parameters<typeof validateArgs>[0], args: unknown): string {
  const result = validateArgs(method, args);
  if (result.ok) throw new Error(`expected ${method}(${JSON.stringify(args)}) to be rejected`);
  return result.error;
}

describe('validateArgs', () => {
  it('knows every request method of the API and nothing else', () => {
    expect([...API_METHODS].sort()).toEqual(
      [
        'getChoices',
        'getReachability',
        'getRecentFolders',
        'getSnapshot',
        'matchSelector',
        'openFolder',
        'operate',
        'readSource',
        'sendRequest',
        'getScenarios',
        'saveScenario',
        'deleteScenario',
      ].sort(),
    );
    expect(rejected('deleteEverything' as never, [])).toMatch(/Unknown method/);
  });

  it('argument lists must be arrays', () => {
    for (const method of API_METHODS) expect(rejected(method, { 0: 'x' })).toMatch(/JSON array/);
  });

  it.each(['getSnapshot', 'getChoices', 'getRecentFolders'] as const)('%s takes no arguments', (method) => {
    expect(accepted(method, [])).toEqual([]);
    expect(accepted(method, [null])).toEqual([]);
    expect(rejected(method, ['surprise'])).toMatch(/at most 0 arguments/);
  });

  describe('sendRequest', () => {
    const good = { from: 'external', to: 'node/k8s-node1:30000', count: 3 };

    it('accepts a well-formed request and trims the text', () => {
      expect(accepted('sendRequest', [{ from: ' pod/pod-1 ', to: 'curl 10.96.0.10:9000 ', count: 1 }])).toEqual([
        { from: 'pod/pod-1', to: 'curl 10.96.0.10:9000', count: 1 },
      ]);
      expect(accepted('sendRequest', [good])).toEqual([good]);
    });

    it.each([
      [[], /request: Invalid value/],
      [['external'], /must be an object/],
      [[{ ...good, count: 0 }], /request.count: Invalid value: 0/],
      [[{ ...good, count: 2.5 }], /request.count: .*must be an integer/],
      [[{ ...good, count: 1001 }], /between 1 and 1000/],
      [[{ ...good, count: '3' }], /must be an integer/],
      [[{ ...good, from: '' }], /request.from: Required value/],
      [[{ ...good, to: 42 }], /request.to: Invalid value: must be a string/],
      [[{ to: good.to, count: 1 }], /request.from: Required value/],
      [[{ ...good, extra: true }], /request.extra: Forbidden/],
      [[{ ...good, to: 'x'.repeat(1001) }], /Too long/],
      [[good, good], /at most 1 argument/],
    ])('rejects %j', (args, message) => {
      expect(rejected('sendRequest', args)).toMatch(message);
    });
  });

  describe('matchSelector', () => {
    it('accepts any selector text, including the empty selector', () => {
      expect(accepted('matchSelector', ['app=pod,tier in (web)'])).toEqual(['app=pod,tier in (web)']);
      expect(accepted('matchSelector', [''])).toEqual(['']);
    });
    it('rejects non-strings and oversized text', () => {
      expect(rejected('matchSelector', [{ app: 'pod' }])).toMatch(/must be a string/);
      expect(rejected('matchSelector', ['a'.repeat(1001)])).toMatch(/Too long/);
    });
  });

  describe('getReachability', () => {
    it('takes from, to and port, each optional; blank ones are left out and the rest trimmed', () => {
      expect(accepted('getReachability', [{}])).toEqual([{}]);
      expect(accepted('getReachability', [])).toEqual([{}]);
      expect(accepted('getReachability', [{ from: ' pod=a ', to: 'pod in (b,c)', port: '80/udp' }])).toEqual([
        { from: 'pod=a', to: 'pod in (b,c)', port: '80/udp' },
      ]);
      expect(accepted('getReachability', [{ from: '', to: '  ', port: null }])).toEqual([{}]);
    });

    it.each([
      [['pod=a'], /must be an object/],
      [[{ from: 7 }], /reachability.from: Invalid value: must be a string/],
      [[{ port: 80 }], /reachability.port: Invalid value: must be a string/],
      [[{ to: 'x'.repeat(1001) }], /reachability.to: Too long/],
      [[{ from: 'a\0b' }], /NUL/],
      [[{ namespace: 'x' }], /reachability.namespace: Forbidden/],
      [[{}, {}], /at most 1 argument/],
    ])('rejects %j', (args, message) => {
      expect(rejected('getReachability', args)).toMatch(message);
    });
  });

  describe('operate', () => {
    it.each([
      { op: 'deletePod', namespace: 'default', name: 'pod-1' },
      { op: 'scale', kind: 'Deployment', namespace: 'shop', name: 'web', replicas: 0 },
      { op: 'scale', kind: 'StatefulSet', namespace: 'default', name: 'db', replicas: 5 },
      { op: 'cordon', node: 'k8s-node1' },
      { op: 'uncordon', node: 'k8s-node1' },
      { op: 'drain', node: 'k8s-node2' },
      { op: 'drain', node: 'k8s-node2', force: true },
      { op: 'reset' },
    ])('accepts %j', (op) => {
      expect(accepted('operate', [op])).toEqual([op]);
    });

    it.each([
      [{ op: 'explode' }, /operation.op: Unsupported value: "explode"/],
      [{ node: 'k8s-node1' }, /operation.op: Unsupported value/],
      [{ op: 'deletePod', namespace: 'default', name: 'Pod_1' }, /lowercase RFC 1123 subdomain/],
      [{ op: 'deletePod', namespace: 'kube.system', name: 'x' }, /operation.namespace: .*RFC 1123 label/],
      [{ op: 'deletePod', name: 'pod-1' }, /operation.namespace: Required value/],
      [{ op: 'scale', kind: 'Pod', namespace: 'default', name: 'p', replicas: 1 }, /operation.kind: Unsupported value: "Pod"/],
      [{ op: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: -1 }, /operation.replicas: Invalid value: -1/],
      [{ op: 'scale', kind: 'Deployment', namespace: 'default', name: 'web' }, /operation.replicas: Required value/],
      [{ op: 'cordon' }, /operation.node: Required value/],
      [{ op: 'drain', node: '../etc' }, /RFC 1123 subdomain/],
      [{ op: 'drain', node: 'k8s-node1', force: 'yes' }, /operation.force: Invalid value/],
      [{ op: 'reset', everything: true }, /operation.everything: Forbidden/],
      [null, /must be an object/],
    ])('rejects %j', (op, message) => {
      expect(rejected('operate', [op])).toMatch(message);
    });
  });

  describe('openFolder', () => {
    it('takes an optional path (null, as JSON sends an omitted one, means none)', () => {
      expect(accepted('openFolder', [])).toEqual([]);
      expect(accepted('openFolder', [undefined])).toEqual([]);
      expect(accepted('openFolder', [null])).toEqual([]);
      expect(accepted('openFolder', ['/home/me/cluster'])).toEqual(['/home/me/cluster']);
    });
    it('rejects paths that are not usable strings', () => {
      expect(rejected('openFolder', [''])).toMatch(/path: Required value/);
      expect(rejected('openFolder', [7])).toMatch(/must be a string/);
      expect(rejected('openFolder', ['/tmp/a\0b'])).toMatch(/NUL/);
      expect(rejected('openFolder', ['/a', '/b'])).toMatch(/at most 1 argument/);
    });
  });
});

describe('validateMenuCommand', () => {
  it('accepts the Simulation menu commands only', () => {
    expect(validateMenuCommand('play-pause')).toEqual({ ok: true, value: 'play-pause' });
    expect(validateMenuCommand('step-back').ok).toBe(true);
    expect(validateMenuCommand('rm -rf').ok).toBe(false);
  });
});

describe('validateSnapshot', () => {
  const snapshot = {
    nodes: [],
    pods: [],
    services: [],
    objects: [],
    diagnostics: [],
    events: [],
    revision: 3,
    folder: '/x',
    clock: 0,
    settings: {},
    networkPolicies: [],
    podPolicies: {},
    ingress: { ingresses: [], controllers: {} },
  };
  it('accepts a snapshot and rejects a truncated or foreign document', () => {
    expect(validateSnapshot(snapshot).ok).toBe(true);
    expect(validateSnapshot({ ...snapshot, networkPolicies: undefined })).toEqual({
      ok: false,
      error: 'snapshot.networkPolicies: must be an array',
    });
    expect(validateSnapshot({ ...snapshot, podPolicies: [] })).toEqual({ ok: false, error: 'snapshot.podPolicies: must be an object' });
    expect(validateSnapshot({ ...snapshot, ingress: { ingresses: [] } })).toMatchObject({
      ok: false,
      error: expect.stringContaining('snapshot.ingress'),
    });
    expect(validateSnapshot({ ...snapshot, pods: undefined })).toEqual({ ok: false, error: 'snapshot.pods: must be an array' });
    expect(validateSnapshot({ ...snapshot, revision: '3' }).ok).toBe(false);
    expect(validateSnapshot('<html>').ok).toBe(false);
  });
});
