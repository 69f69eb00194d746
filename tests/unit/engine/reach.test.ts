/** The engine's reachability matrix and expectations, called as the app will call them (no CLI, no fs beyond the folder). */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFolder } from '../../../src/load/fsFolder';
import {
  checkExpectations,
  isTraceOutcome,
  loadCluster,
  parseExpectations,
  parseReachPort,
  reachMatrix,
  TRACE_OUTCOMES,
} from '../../../src/engine/index';

const XY = join(__dirname, '..', '..', 'fixtures', 'reach');
const folder = readFolder(XY);
const cluster = loadCluster(folder.files, folder.diagnostics);

describe('reachMatrix', () => {
  it('gives an outcome and a reason per cell, rows = sources', () => {
    const r = reachMatrix(cluster, { from: 'pod', port: '80' });
    if (!r.ok) throw new Error(r.error);
    const m = r.value;
    expect(m.sources).toEqual(['pod/x/a', 'pod/x/b', 'pod/y/a', 'pod/y/b']);
    expect(m.outcomes).toHaveLength(4);
    expect(m.reasons.map((row) => row.length)).toEqual(m.outcomes.map((row) => row.length));
    const col = m.targets.indexOf('pod/y/c:80');
    expect(m.outcomes[0][col]).toBe('unreachable');
    expect(m.reasons[0][col]).toMatch(/\S/);
  });

  it('tells the API server’s words (a selector) from its own (a port, --to without --port)', () => {
    expect(reachMatrix(cluster, { from: '!!' })).toMatchObject({
      ok: false,
      apiServer: true,
      error: expect.stringMatching(/^Error from server \(BadRequest\)/),
    });
    expect(reachMatrix(cluster, { port: '99999' })).toMatchObject({ ok: false, apiServer: false });
    expect(reachMatrix(cluster, { to: 'pod=a' })).toMatchObject({ ok: false, apiServer: false });
  });

  it('does not depend on which other rows or columns are asked for (each cell has its own NetState)', () => {
    const all = reachMatrix(cluster, { port: '80' });
    const one = reachMatrix(cluster, { from: 'pod=b', to: 'pod=a', port: '80' });
    if (!all.ok || !one.ok) throw new Error('unexpected usage error');
    const i = all.value.sources.indexOf('pod/y/b');
    const j = all.value.targets.indexOf('pod/x/a:80');
    expect(one.value.outcomes[1][0]).toBe(all.value.outcomes[i][j]);
    expect(one.value.reasons[1][0]).toBe(all.value.reasons[i][j]);
  });
});

describe('parseReachPort', () => {
  it.each([
    ['80', { port: 80, protocol: 'TCP' }],
    ['53/udp', { port: 53, protocol: 'UDP' }],
    ['65535/TCP', { port: 65535, protocol: 'TCP' }],
    ['3868/sctp', { port: 3868, protocol: 'SCTP' }],
  ])('%s', (text, value) => expect(parseReachPort(text)).toEqual({ ok: true, value }));

  it.each(['', '0', '65536', '-1', '80/', '/80', '80/quic', '80/icmp', 'http', '8o'])('%j is refused', (text) => {
    expect(parseReachPort(text).ok).toBe(false);
  });
});

describe('outcomes', () => {
  it("lists the contract's six, unresolved included", () => {
    expect(TRACE_OUTCOMES).toEqual(['delivered', 'refused', 'dropped', 'timeout', 'unreachable', 'unresolved']);
    expect(isTraceOutcome('unresolved')).toBe(true);
    expect(isTraceOutcome('toString')).toBe(false);
  });
});

describe('parseExpectations', () => {
  it('keeps where each entry and its from / to are written; names are optional; aliases resolve', () => {
    const text = [
      'x: &from pod/x/a', // not read: a top-level map may only hold `expectations`
    ];
    expect(parseExpectations(text.join('\n')).problems).toEqual([
      { line: 1, column: 1, message: expect.stringMatching(/^unknown field "x"/) },
    ]);

    const parsed = parseExpectations(
      [
        'expectations:',
        '  - name: 42',
        '    from: &a pod/x/a',
        '    to: svc/x/web:80',
        '    expect: delivered',
        '  - { from: *a, to: "svc/y/nobody:8080", expect: refused }',
      ].join('\n'),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.expectations).toEqual([
      {
        index: 1,
        name: '42',
        from: 'pod/x/a',
        to: 'svc/x/web:80',
        expect: 'delivered',
        at: { line: 2, column: 5 },
        fromAt: { line: 3, column: 14 }, // the value, after its anchor
        toAt: { line: 4, column: 9 },
      },
      {
        index: 2,
        from: 'pod/x/a',
        to: 'svc/y/nobody:8080',
        expect: 'refused',
        at: { line: 6, column: 5 },
        fromAt: { line: 6, column: 13 }, // where the alias is used
        toAt: { line: 6, column: 21 },
      },
    ]);
  });
});

describe('checkExpectations', () => {
  it('traces each entry and compares; the reason comes along whether it passes or not', () => {
    const run = checkExpectations(
      cluster,
      '- { from: pod/x/a, to: svc/y/nobody:8080, expect: refused }\n- { from: pod/y/b, to: web.x:80, expect: timeout }\n',
    );
    if (!run.ok) throw new Error(JSON.stringify(run.problems));
    expect(run.results.map((r) => [r.outcome, r.passed])).toEqual([
      ['refused', true],
      ['delivered', false],
    ]);
    expect(run.results[0].reason).toMatch(/nobody/);
  });
});
