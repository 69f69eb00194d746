/** The first request the app offers: delivered, and instructive (from outside to a NodePort where one exists). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCluster, newNetState, traceRequests } from '../../../src/engine/index';
import { readFolder } from '../../../src/load/fsFolder';
import { requestChoices } from '../../../host/choices';
import { suggestRequest } from '../../../host/suggest';

const EXAMPLES = join(__dirname, '..', '..', '..', 'assets', 'examples');

function clusterOf(dir: string) {
  const folder = readFolder(join(EXAMPLES, dir));
  return loadCluster(folder.files, folder.diagnostics);
}

describe('suggested first request', () => {
  it('in the seed: the external client to a NodePort, a request that is delivered', () => {
    const cluster = clusterOf('seed');
    const choices = requestChoices(cluster);
    const s = suggestRequest(cluster, choices);
    expect(s?.from).toBe('external');
    expect(s?.to).toMatch(/^node\/k8s-node\d:30000$/);
    expect(choices.targets.some((t) => t.id === s!.to)).toBe(true);
    const run = traceRequests(cluster, { from: s!.from, to: s!.to, count: 1, seed: cluster.settings.seed }, newNetState()).run;
    expect(run.traces[0]!.outcome).toBe('delivered');
  });

  it('skips a NodePort that drops (externalTrafficPolicy: Local on a node without the Pod)', () => {
    const cluster = clusterOf('seed');
    const choices = requestChoices(cluster);
    const s = suggestRequest(cluster, choices)!;
    const first = choices.targets.find((t) => t.group === 'NodePort')!;
    const firstRun = traceRequests(cluster, { from: 'external', to: first.id, count: 1, seed: 1 }, newNetState()).run;
    expect(first.id).toBe('node/k8s-master:30000');
    expect(firstRun.traces[0]!.outcome).not.toBe('delivered');
    expect(s.to).not.toBe(first.id);
  });

  it('offers nothing when nothing can be delivered', () => {
    const cluster = clusterOf('seed');
    expect(suggestRequest(cluster, { sources: [{ id: 'external', label: '' }], targets: [] })).toBeUndefined();
  });
});
