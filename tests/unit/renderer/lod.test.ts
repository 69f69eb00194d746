import { describe, expect, it } from 'vitest';
import { FULL_ZOOM, MIN_PX, lodFor, zoomStack, type ZoomItem } from '../../../renderer/viz/lod';
import { charMeasure } from '../../../renderer/viz/text';
import { zoomedName } from '../../../renderer/viz/PodCard';

const name = (text: string): ZoomItem => ({ text, cls: 'pod-name', px: 13, measure: charMeasure(8), lines: 2 });
const ip = (text: string): ZoomItem => ({ text, cls: 'pod-ip mono', px: 11.5, measure: charMeasure(7) });

describe('semantic zoom', () => {
  it('keeps every line close up; further out the zoom is taken in steps, never above the real zoom', () => {
    expect(lodFor(1).level).toBe('full');
    expect(lodFor(FULL_ZOOM).level).toBe('full');
    for (let k = 0.05; k < FULL_ZOOM; k += 0.013) {
      const lod = lodFor(k);
      expect(lod.level).toBe('out');
      expect(lod.k).toBeLessThanOrEqual(k + 1e-9);
      expect(lod.k).toBeGreaterThan(k / 1.13);
    }
    // A small move stays on its step (the cards do not re-render).
    expect(lodFor(0.5)).toBe(lodFor(0.5001));
  });

  it('a Pod card (216×98) at the seed’s zoom after a run (0.36) shows its name and its IP at 10 px or more', () => {
    const k = lodFor(0.36).k;
    const lines = zoomStack([name('pod-1'), ip('10.244.1.3')], 192, 84, k);
    expect(lines.map((l) => l.text)).toEqual(['pod-1', '10.244.1.3']);
    for (const l of lines) expect(11.5 * l.scale * k).toBeGreaterThanOrEqual(10);
    // Inside the card: no line wider than the box, the block no taller than it.
    expect(lines.every((l) => l.text.length * (l.cls === 'pod-name' ? 8 : 7) * l.scale <= 192 + 1e-6)).toBe(true);
    expect(lines.at(-1)!.y).toBeLessThanOrEqual(84);
  });

  it('drops the IP before the name, wraps a long name, and draws nothing it cannot make legible', () => {
    let k = 0.3;
    const far = zoomStack([name('recommendationservice-5f8c456796-abcde'), ip('10.244.2.17')], 192, 84, k);
    expect(far.map((l) => l.cls)).toEqual(['pod-name', 'pod-name']);
    expect(far.map((l) => l.text).join('')).toMatch(/^recommendationse/);
    for (const l of far) expect(13 * l.scale * k).toBeGreaterThanOrEqual(MIN_PX - 1e-9);
    // Further out one line is left: the name, cut.
    k = 0.2;
    expect(zoomStack([name('recommendationservice-5f8c456796-abcde'), ip('10.244.2.17')], 192, 84, k).map((l) => l.text)).toEqual([
      'recom…',
    ]);
    k = 0.04;
    expect(zoomStack([name('pod-1'), ip('10.244.1.3')], 192, 84, k)).toEqual([]);
  });

  it('keeps a group’s count when its name is cut, and the count alone when no name is left', () => {
    const group = (k: number) =>
      zoomStack([{ ...name('recommendationservice'), suffix: ' ×3' }], 192, 84, k)
        .map((l) => l.text)
        .join('|');
    expect(group(0.3)).toMatch(/^recommend.*×3$/);
    expect(group(0.3)).toContain('…');
    expect(group(0.16)).toBe('×3');
  });
});

describe('a zoomed-out Pod name keeps what tells replicas apart', () => {
  const m = charMeasure(8.6);
  it('a controller Pod cut short keeps its generated suffix; a bare Pod is cut as before', () => {
    expect(zoomedName('app-16-77fb4bb557-5mmdf', 'ReplicaSet/app-16-77fb4bb557')).toEqual({ text: 'app-16-77fb4bb557', suffix: '-5mmdf' });
    expect(zoomedName('pod-1', null)).toEqual({ text: 'pod-1' });
    const item = { ...zoomedName('app-16-77fb4bb557-5mmdf', 'ReplicaSet/x'), cls: 'pod-name', px: 13, measure: m, lines: 1 };
    // Room for about 14 characters at the smallest legible size: the head is cut, the suffix stays.
    const [line] = zoomStack([item], (14 * 8.6 * (9.5 / 13)) / 0.5, 200, 0.5);
    expect(line!.text.endsWith('-5mmdf')).toBe(true);
    expect(line!.text).toContain('…');
    // Room for the suffix only: the suffix alone.
    const [tiny] = zoomStack([item], (7 * 8.6 * (9.5 / 13)) / 0.5, 200, 0.5);
    expect(tiny!.text).toBe('-5mmdf');
  });
});
