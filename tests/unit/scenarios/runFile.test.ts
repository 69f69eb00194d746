/** A run exported as one JSON file opens again; anything else is refused with a reason. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunFile, runFile } from '../../../src/api/runFile';
import { loadCluster, newNetState, traceRequests } from '../../../src/engine/index';
import { readFolder } from '../../../src/load/fsFolder';
import { shownRun } from '../../../src/model/trace';
import { snapshotOf } from '../../../host/snapshot';

const SEED = join(__dirname, '..', '..', '..', 'assets', 'examples', 'seed');

describe('run files', () => {
  const folder = readFolder(SEED);
  const cluster = loadCluster(folder.files, folder.diagnostics);
  const request = { from: 'external', to: 'node/k8s-node1:30000', count: 3 };
  const run = traceRequests(cluster, { ...request, seed: 1 }, newNetState()).run;
  const snapshot = snapshotOf(cluster, SEED, 1, []);

  it('round-trips a traced run with its request and cluster', () => {
    const text = JSON.stringify(runFile(request, run, snapshot));
    const parsed = parseRunFile(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.request).toEqual(request);
    expect(parsed.value.run.events).toHaveLength(run.events.length);
    expect(parsed.value.run.traces.map((t) => t.outcome)).toEqual(run.traces.map((t) => t.outcome));
    expect(parsed.value.snapshot.folder).toBe(SEED);
  });

  it('saves the run as the window has it (verdicts, no hop lists), and still opens a file that kept them', () => {
    const shown = shownRun(run);
    expect(shown.traces.every((t) => !('hops' in t) && !('response' in t))).toBe(true);
    const text = JSON.stringify(runFile(request, shown, snapshot));
    expect(JSON.stringify(shown).length).toBeLessThan(JSON.stringify(run).length * 0.8);
    const parsed = parseRunFile(text);
    expect(parsed.ok && parsed.value.run.traces.map((t) => t.reason)).toEqual(run.traces.map((t) => t.reason));
    const noReason = { ...runFile(request, shown, snapshot), run: { ...shown, traces: [{ outcome: 'delivered' }] } };
    expect(parseRunFile(JSON.stringify(noReason))).toMatchObject({ ok: false, error: 'run.traces[0]: must have outcome and reason' });
  });

  it('refuses what is not a run file, saying why', () => {
    expect(parseRunFile('{')).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON/) });
    expect(parseRunFile('{"kind":"Pod"}')).toMatchObject({ ok: false, error: expect.stringMatching(/not a Kube Traffic run/) });
    const doc = runFile(request, run, snapshot);
    const bad = { ...doc, run: { ...doc.run, events: [{ ...doc.run.events[0], at: '../../etc' }] } };
    expect(parseRunFile(JSON.stringify(bad))).toMatchObject({ ok: false, error: 'run.events[0].at: not a component id' });
    expect(parseRunFile(JSON.stringify({ ...doc, version: 9 }))).toMatchObject({ ok: false });
  });

  it("keeps the run's cluster changes (the timeline's marks) and refuses malformed ones", () => {
    const doc = runFile(request, { ...run, startedAt: 5, changes: [{ at: 7, request: 2, text: 'pod-1 is Ready' }] }, snapshot);
    const parsed = parseRunFile(JSON.stringify(doc));
    expect(parsed.ok && parsed.value.run.changes).toEqual([{ at: 7, request: 2, text: 'pod-1 is Ready' }]);
    const bad = { ...doc, run: { ...doc.run, changes: [{ at: '7', request: 2, text: 'x' }] } };
    expect(parseRunFile(JSON.stringify(bad))).toMatchObject({ ok: false, error: expect.stringMatching(/^run\.changes\[0\]/) });
    expect(parseRunFile(JSON.stringify({ ...doc, run: { ...doc.run, changes: 'x' } }))).toMatchObject({ ok: false });
  });
});
