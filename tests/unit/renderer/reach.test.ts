/** The Reachability view's reading of the matrix: namespaces, axis labels, cell names, filters and tallies. */
import { describe, expect, it } from 'vitest';
import type { Reachability } from '../../../src/api/contract';
import { cellName, filterReach, namespacesOf, reachNamespace, shortReachLabel, tally } from '../../../renderer/model/reach';

const matrix: Reachability = {
  sources: ['pod/x/a', 'pod/y/b', 'pod/z/c'],
  targets: ['pod/x/a:80', 'pod/y/a:80', 'svc/default/kubernetes:443', 'svc/z/dns:53/UDP'],
  outcomes: [
    ['delivered', 'delivered', 'delivered', 'delivered'],
    ['dropped', 'delivered', 'delivered', 'refused'],
    ['dropped', 'dropped', 'dropped', 'unresolved'],
  ],
  reasons: [[], [], []],
};

describe('reach ids', () => {
  it('read their namespace and shorten for an axis (Pods without the kind, Services with it)', () => {
    expect(matrix.targets.map(reachNamespace)).toEqual(['x', 'y', 'default', 'z']);
    expect(shortReachLabel('pod/x/a')).toBe('x/a');
    expect(shortReachLabel('pod/y/a:80')).toBe('y/a:80');
    expect(shortReachLabel('svc/z/dns:53/UDP')).toBe('svc/z/dns:53/UDP');
    expect(namespacesOf(matrix.targets)).toEqual(['x', 'y', 'default', 'z']);
  });

  it('name a cell as the contract asks: source → target: outcome', () => {
    expect(cellName('pod/x/a', 'pod/y/b:80', 'dropped')).toBe('pod/x/a → pod/y/b:80: dropped');
  });
});

describe('filterReach and tally', () => {
  it('keep every row and column without a namespace, and count the outcomes shown', () => {
    const all = filterReach(matrix, { fromNamespace: '', toNamespace: '' });
    expect(all).toEqual({ rows: [0, 1, 2], cols: [0, 1, 2, 3] });
    expect(Object.fromEntries(tally(matrix, all))).toEqual({ delivered: 6, dropped: 4, refused: 1, unresolved: 1 });
  });

  it('narrow sources and targets to a namespace each, by index into the full matrix', () => {
    const v = filterReach(matrix, { fromNamespace: 'z', toNamespace: 'y' });
    expect(v).toEqual({ rows: [2], cols: [1] });
    expect(Object.fromEntries(tally(matrix, v))).toEqual({ dropped: 1 });
  });
});
