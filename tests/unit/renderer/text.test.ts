import { describe, expect, it } from 'vitest';
import { charMeasure, fitChips, fitText, wrapBreaking, wrapText } from '../../../renderer/viz/text';

describe('SVG text fitting', () => {
  it('keeps text that fits and ellipsises text that does not', () => {
    expect(fitText('pod-1', 100, charMeasure(7))).toBe('pod-1');
    const cut = fitText('web-5d8f6c7b9-x2kqp-extra-long', 70, charMeasure(7));
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length * 7).toBeLessThanOrEqual(70);
  });

  it('wraps a FailedScheduling message into lines that fit, ellipsising what is left', () => {
    const msg = '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.';
    const lines = wrapText(msg, 200, charMeasure(6), 3);
    expect(lines.length).toBe(3);
    for (const l of lines) expect(l.length * 6).toBeLessThanOrEqual(200);
    expect(lines[2]!.endsWith('…')).toBe(true);
    expect(wrapText('short message', 200, charMeasure(6), 3)).toEqual(['short message']);
  });

  it('measures real glyph widths: a name of narrow letters keeps more characters than one of wide letters', () => {
    const proportional = (t: string) => [...t].reduce((w, ch) => w + ('il1.'.includes(ch) ? 3 : 9), 0);
    expect(fitText('iiiiiiiiii', 40, proportional)).toBe('iiiiiiiiii'.slice(0, 12));
    expect(fitText('wwwwwwwwww', 40, proportional).length).toBeLessThan(5);
  });

  it('shows as many label chips as fit, then counts the rest', () => {
    const r = fitChips(['app=web', 'tier=frontend', 'pod-template-hash=5d8f6c7b9', 'env=prod'], 170, charMeasure(6));
    expect(r.shown.length + r.more).toBe(4);
    expect(r.more).toBeGreaterThan(0);
    const last = r.shown.at(-1)!;
    expect(last.x + last.w).toBeLessThanOrEqual(170);
  });
});

describe('wrapBreaking', () => {
  it('breaks a long taint after its separators instead of cutting it', () => {
    expect(wrapBreaking('taint node-role.kubernetes.io/control-plane:NoSchedule', 140, charMeasure(7), 4)).toEqual([
      'taint node-role.',
      'kubernetes.io/',
      'control-plane:',
      'NoSchedule',
    ]);
    expect(wrapBreaking('taint node-role.kubernetes.io/control-plane:NoSchedule', 212, charMeasure(6.7), 3)).toEqual([
      'taint node-role.kubernetes.io/',
      'control-plane:NoSchedule',
    ]);
  });

  it('splits a token wider than a line and ellipsises past the last line', () => {
    const lines = wrapBreaking('x'.repeat(50), 70, charMeasure(7), 2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('x'.repeat(10));
    expect(lines[1]!.endsWith('…')).toBe(true);
  });
});

describe('Pod card containers', () => {
  it('gives two containers a line each when the labels row is free, and shortens to the ports otherwise', async () => {
    const { containerLines } = await import('../../../renderer/viz/PodCard');
    const two = {
      containers: [
        { name: 'container1', ports: [{ containerPort: 8000, protocol: 'TCP' }], state: 'running' },
        { name: 'container2', ports: [{ containerPort: 8080, protocol: 'TCP' }], state: 'running' },
      ],
    } as unknown as Parameters<typeof containerLines>[0];
    expect(containerLines(two, [190, 130], charMeasure(6.7))).toEqual(['container1 :8000', 'container2 :8080']);
    expect(containerLines(two, [170], charMeasure(6.7))).toEqual(['2 containers :8000 :8080']);
    expect(containerLines(two, [120], charMeasure(6.7))).toEqual(['2× :8000 :8080']);
  });
});
