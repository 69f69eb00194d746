import { describe, expect, test } from 'vitest';
import { buildCluster, cordonNode, FIRST_LOOK_AT, FOLDER_APPLIED_AT, OPERATION_STEP } from '../../../src/cluster';
import { container, load, pod, service } from './fixtures';

describe('clock and AGE', () => {
  const c = buildCluster(load(pod('p', [container('c', 'nginx')]), service('s', { selector: { a: 'b' } })), { seed: 1 });

  test('nodes and built-ins at t=0, the folder applied minutes later, shown a little after', () => {
    expect(FOLDER_APPLIED_AT).toBeGreaterThanOrEqual(120);
    expect(FIRST_LOOK_AT).toBeGreaterThan(FOLDER_APPLIED_AT);
    expect(c.clock).toBe(FIRST_LOOK_AT);
    expect(c.nodes.every((n) => n.createdAt === 0)).toBe(true);
    expect(c.pods.filter((p) => p.builtIn).every((p) => p.createdAt === 0)).toBe(true);
    expect(c.pods.find((p) => p.name === 'p')!.createdAt).toBe(FOLDER_APPLIED_AT);
    expect(c.services.find((s) => s.name === 's')!.createdAt).toBe(FOLDER_APPLIED_AT);
    expect(c.services.find((s) => s.name === 'kubernetes')!.createdAt).toBe(0);
  });

  test('every operation moves the clock on and stamps its events with it', () => {
    const after = cordonNode(c, 'k8s-node1');
    expect(after.clock).toBe(c.clock + OPERATION_STEP);
    expect(after.events.at(-1)).toEqual({
      time: after.clock,
      type: 'Normal',
      reason: 'NodeNotSchedulable',
      object: 'node/k8s-node1',
      message: 'Node k8s-node1 status is now: NodeNotSchedulable',
    });
  });
});
