/**
 * Request colours stay distinct well past 8 flows: 24 colours, every pair apart by a clearly visible
 * colour difference in both themes, and the stylesheet's copies (--flow-N) are the canvas's colours.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOW_PALETTE_SIZE, flowPalette } from '../../../renderer/model/flowPalette';

/** CSS `hsl(H S% L%)` → CIE L*a*b* (D65), to measure how far apart two colours look. */
function lab(css: string): [number, number, number] {
  const m = /^hsl\((\d+(?:\.\d+)?) (\d+)% (\d+)%\)$/.exec(css);
  if (!m) throw new Error(`not hsl(): ${css}`);
  const [h, s, l] = [Number(m[1]), Number(m[2]) / 100, Number(m[3]) / 100];
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = [lin(f(0)), lin(f(8)), lin(f(4))];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const t = (v: number) => (v > 0.008856 ? Math.cbrt(v) : 7.787 * v + 16 / 116);
  return [116 * t(y) - 16, 500 * (t(x) - t(y)), 200 * (t(y) - t(z))];
}

function deltaE(p: string, q: string): number {
  const [a, b] = [lab(p), lab(q)];
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** The stylesheet's `--flow-N:` values, light block first, then dark. */
function cssFlows(): string[][] {
  const css = readFileSync(path.join(__dirname, '../../../renderer/styles/theme.css'), 'utf8');
  const all = [...css.matchAll(/--flow-(\d+):\s*([^;]+);/g)].map((m) => m[2]!.trim());
  return [all.slice(0, FLOW_PALETTE_SIZE), all.slice(FLOW_PALETTE_SIZE)];
}

describe('flow palette', () => {
  for (const dark of [false, true]) {
    const palette = flowPalette(dark);
    it(`${dark ? 'dark' : 'light'}: 24 colours, every two of them visibly apart (ΔE*ab ≥ 9), neighbours far apart (≥ 30)`, () => {
      expect(new Set(palette).size).toBe(24);
      for (let i = 0; i < palette.length; i++) {
        for (let j = i + 1; j < palette.length; j++)
          expect(deltaE(palette[i]!, palette[j]!), `#${i + 1} vs #${j + 1}`).toBeGreaterThanOrEqual(9);
        if (i > 0) expect(deltaE(palette[i - 1]!, palette[i]!), `#${i} vs #${i + 1}`).toBeGreaterThanOrEqual(30);
      }
    });
  }

  it('the stylesheet draws rows and chips in the colours the canvas draws packets in', () => {
    const [light, dark] = cssFlows();
    expect(light).toEqual(flowPalette(false));
    expect(dark).toEqual(flowPalette(true));
  });
});
