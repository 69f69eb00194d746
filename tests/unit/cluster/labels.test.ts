import { describe, expect, test } from 'vitest';
import { matchesLabelMap, matchesLabelSelector, matchesNodeSelectorTerm, serviceSelects } from '../../../src/util/labels';

describe('label selector matching', () => {
  const labels = { app: 'pod', type: 'web', lo: 'dev' };

  test('an equality map needs every pair', () => {
    expect(matchesLabelMap({ type: 'web' }, labels)).toBe(true);
    expect(matchesLabelMap({ type: 'web', lo: 'prod' }, labels)).toBe(false);
  });

  test('a Service with no selector or an empty one selects nothing', () => {
    expect(serviceSelects(null, labels)).toBe(false);
    expect(serviceSelects({}, labels)).toBe(false);
    expect(serviceSelects({ app: 'pod' }, labels)).toBe(true);
  });

  test('an empty LabelSelector matches everything, a missing one nothing', () => {
    expect(matchesLabelSelector({}, labels)).toBe(true);
    expect(matchesLabelSelector(undefined, labels)).toBe(false);
  });

  test('set-based requirements; NotIn and DoesNotExist match objects without the key', () => {
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'lo', operator: 'In', values: ['dev', 'qa'] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels)).toBe(false);
    expect(
      matchesLabelSelector({ matchLabels: { app: 'pod' }, matchExpressions: [{ key: 'lo', operator: 'In', values: ['prod'] }] }, labels),
    ).toBe(false);
  });

  test('node selector terms: labels, Gt/Lt and matchFields metadata.name', () => {
    const node = { name: 'k8s-node1', labels: { 'kubernetes.io/hostname': 'k8s-node1', cores: '8' } };
    expect(matchesNodeSelectorTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['k8s-node1'] }] }, node)).toBe(true);
    expect(matchesNodeSelectorTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['k8s-node2'] }] }, node)).toBe(false);
    expect(matchesNodeSelectorTerm({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }, node)).toBe(true);
    expect(matchesNodeSelectorTerm({ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['4'] }] }, node)).toBe(false);
    expect(matchesNodeSelectorTerm({}, node)).toBe(false);
  });
});
