import { describe, expect, it } from 'vitest';
import { arrowDirection, nextItem, readingOrder, type NavItem } from '../../../renderer/viz/mapNav';

// Two Services above a node holding a 2×2 grid of Pods.
const items: NavItem[] = [
  { key: 'svc/a', x: 0, y: 0, w: 100, h: 40 },
  { key: 'svc/b', x: 120, y: 0, w: 100, h: 40 },
  { key: 'node/n1', x: 0, y: 60, w: 240, h: 20 },
  { key: 'pod/1', x: 10, y: 100, w: 100, h: 40 },
  { key: 'pod/2', x: 130, y: 100, w: 100, h: 40 },
  { key: 'pod/3', x: 10, y: 160, w: 100, h: 40 },
  { key: 'pod/4', x: 130, y: 160, w: 100, h: 40 },
];

describe('map keyboard navigation', () => {
  it('starts at the first item in reading order', () => {
    expect(nextItem(items, null, 'down')?.key).toBe('svc/a');
    expect(readingOrder(items).map((i) => i.key)).toEqual(['svc/a', 'svc/b', 'node/n1', 'pod/1', 'pod/2', 'pod/3', 'pod/4']);
  });

  it('moves to the neighbour in the arrow direction, not a nearer one beside it', () => {
    expect(nextItem(items, 'pod/1', 'right')?.key).toBe('pod/2');
    expect(nextItem(items, 'pod/1', 'down')?.key).toBe('pod/3');
    expect(nextItem(items, 'pod/4', 'left')?.key).toBe('pod/3');
    expect(nextItem(items, 'pod/4', 'up')?.key).toBe('pod/2');
    expect(nextItem(items, 'pod/1', 'up')?.key).toBe('node/n1');
    expect(nextItem(items, 'node/n1', 'up')?.key).toBe('svc/a');
  });

  it('stays put at the edge', () => {
    expect(nextItem(items, 'svc/a', 'up')).toBeNull();
    expect(nextItem(items, 'pod/4', 'right')).toBeNull();
  });

  it('knows only the four arrows', () => {
    expect(arrowDirection('ArrowDown')).toBe('down');
    expect(arrowDirection('Tab')).toBeNull();
  });
});
