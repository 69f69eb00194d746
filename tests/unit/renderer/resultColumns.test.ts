import { describe, expect, it } from 'vitest';
import { resultCells, resultColumns } from '../../../renderer/model/resultColumns';

describe('Results columns', () => {
  it('prints a row as the panel shows it: on the way until revealed, the HTTP status after a proxy', () => {
    expect(resultCells({ n: 7, outcome: null })).toEqual(['7', 'on the way…', '—', '—', '—']);
    expect(
      resultCells({ n: 12, outcome: 'delivered', http: 200, pod: 'web-5d8f6c7b9-x2x4k', node: 'k8s-node1', clientSeen: '10.244.1.0' }),
    ).toEqual(['12', 'delivered · 200', 'web-5d8f6c7b9-x2x4k', 'k8s-node1', '10.244.1.0']);
  });

  it('makes each column as wide as its longest text (or its header), the rest shared in proportion', () => {
    const { template, minWidth } = resultColumns([
      { n: 1, outcome: 'delivered', pod: 'pod-1', node: 'k8s-node1', clientSeen: '192.168.64.1' },
      { n: 10, outcome: null },
    ]);
    // A header counts a fifth wider than its letters, and at least one more ('#' 2, 'Outcome' 9, 'Pod' 4,
    // 'Node' 5, 'Client seen' 14): '#' and 10 → 2; 'on the way…' 11; 'pod-1' → 5; 'k8s-node1' 9; 'Client seen' 14.
    expect(template).toBe(
      'minmax(calc(2ch + 12px), 2fr) minmax(calc(11ch + 12px), 11fr) minmax(calc(5ch + 12px), 5fr) minmax(calc(9ch + 12px), 9fr) minmax(calc(14ch + 12px), 14fr)',
    );
    expect(minWidth).toBe('calc(41ch + 60px)');
  });

  it('with no rows, the headers set the widths', () => {
    expect(resultColumns([]).minWidth).toBe('calc(34ch + 60px)');
  });
});
