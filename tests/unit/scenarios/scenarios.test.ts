/** Saved scenarios: the file's text rules, the README's lessons, and the host writing them in the folder. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatScenarios, parseScenarios, SCENARIOS_FILE, withScenario } from '../../../src/scenarios/file';
import { readmeLessons } from '../../../src/scenarios/lessons';
import { readFolder } from '../../../src/load/fsFolder';
import { validateArgs } from '../../../src/api/validate';
import { deleteScenario, readScenarios, saveScenario } from '../../../host/scenarios';

const SEED = path.join(__dirname, '..', '..', '..', 'assets', 'examples', 'seed');
const ten = { name: 'NodePort ×10', from: 'external', to: 'node/k8s-node1:30000', count: 10, intervalSeconds: 1, seed: 1 };

function copySeed(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kt-scenarios-'));
  fs.cpSync(SEED, dir, { recursive: true });
  return dir;
}

describe('scenarios file', () => {
  it('round-trips through its YAML text', () => {
    const text = formatScenarios([ten, { name: 'b', from: 'pod/pod-2', to: 'svc/svc-1:9000', count: 1 }]);
    expect(text).toContain('kind: ScenarioList');
    expect(parseScenarios(text)).toEqual({
      scenarios: [ten, { name: 'b', from: 'pod/pod-2', to: 'svc/svc-1:9000', count: 1 }],
      problems: [],
    });
  });

  it('keeps the good entries of a file with bad ones, and says what is wrong', () => {
    const text = formatScenarios([ten]).replace('scenarios:\n', 'scenarios:\n  - { name: bad, from: external, to: x, count: 0 }\n');
    const parsed = parseScenarios(text);
    expect(parsed.scenarios).toEqual([ten]);
    expect(parsed.problems).toEqual([`${SCENARIOS_FILE}: scenarios[0].count: Invalid value: 0: must be an integer from 1 to 1000`]);
    expect(parseScenarios('scenarios: [').problems[0]).toMatch(SCENARIOS_FILE);
  });

  it('saving under a name that exists replaces that scenario in place', () => {
    const list = withScenario(withScenario([], ten), { ...ten, name: 'other' });
    expect(withScenario(list, { ...ten, count: 3 }).map((s) => [s.name, s.count])).toEqual([
      ['NodePort ×10', 3],
      ['other', 10],
    ]);
  });

  it('the API refuses a scenario it could not send', () => {
    expect(validateArgs('saveScenario', [{ ...ten, count: 5000 }])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^scenario.count: Invalid value/),
    });
    expect(validateArgs('saveScenario', [{ ...ten, extra: 1 }])).toMatchObject({
      ok: false,
      error: 'scenario.extra: Forbidden: unknown field "extra"',
    });
    expect(validateArgs('saveScenario', [{ ...ten, name: ' ' }])).toMatchObject({ ok: false, error: 'scenario.name: Required value' });
    expect(validateArgs('saveScenario', [ten])).toEqual({ ok: true, value: [ten] });
    expect(validateArgs('deleteScenario', [''])).toMatchObject({ ok: false });
  });
});

describe("the seed README's lessons", () => {
  it('are the table rows that try a request, named by their step', () => {
    const lessons = readmeLessons(fs.readFileSync(path.join(SEED, 'README.md'), 'utf8'));
    expect(lessons).toEqual([
      { name: 'Pod: two containers, one network', from: 'node/k8s-master', to: 'pod/pod-practice/pod-1:8080', count: 1 },
      { name: 'ClusterIP: stable IP, volatile Pod IPs', from: 'pod/pod-2', to: 'svc/svc-1:9000', count: 1 },
      { name: 'NodePort + externalTrafficPolicy: Local', from: 'external', to: 'node/k8s-node1:30000', count: 1 },
    ]);
  });
});

describe('scenarios in the folder (host)', () => {
  it('are written to kube-traffic.scenarios.yaml, read back, deleted; the manifest reader skips the file', () => {
    const dir = copySeed();
    const before = readFolder(dir);
    expect(readScenarios(dir).saved).toEqual([]);
    const saved = saveScenario(dir, ten);
    expect(saved).toMatchObject({ ok: true, value: { saved: [ten] } });
    expect(fs.readFileSync(path.join(dir, SCENARIOS_FILE), 'utf8')).toContain('to: node/k8s-node1:30000');
    expect(readScenarios(dir).lessons).toHaveLength(3);
    const after = readFolder(dir);
    expect(after.files.map((f) => f.path)).toEqual(before.files.map((f) => f.path));
    expect(after.diagnostics).toEqual(before.diagnostics);
    expect(deleteScenario(dir, ten.name)).toMatchObject({ ok: true, value: { saved: [] } });
    expect(deleteScenario(dir, 'nope')).toMatchObject({ ok: false });
  });

  it('never overwrites a scenarios file it cannot read', () => {
    const dir = copySeed();
    fs.writeFileSync(path.join(dir, SCENARIOS_FILE), 'scenarios: [');
    expect(saveScenario(dir, ten)).toMatchObject({ ok: false });
    expect(fs.readFileSync(path.join(dir, SCENARIOS_FILE), 'utf8')).toBe('scenarios: [');
  });
});
