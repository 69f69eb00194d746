/**
 * Text widths in the fonts the topology's CSS uses, measured on an offscreen canvas and cached.
 * Each entry must match the matching rule in styles/app.css (size and weight).
 */
import { charMeasure, type Measure } from './text';

const UI =
  "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Helvetica Neue', Arial, 'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif";
const MONO = "ui-monospace, 'SF Mono', 'Cascadia Mono', 'DejaVu Sans Mono', 'Liberation Mono', Menlo, 'Noto Sans Mono CJK KR', monospace";

const FONTS = {
  /** .pod-name, .svc-name */
  title: { font: `650 13px ${UI}`, approx: 8.6 },
  /** .node-name */
  nodeName: { font: `700 14.5px ${UI}`, approx: 9.6 },
  /** .client-title, .lb-title */
  label: { font: `650 12px ${UI}`, approx: 7.6 },
  /** .pod-status (600), .svc-detail, .svc-endpoints */
  small: { font: `600 11.5px ${UI}`, approx: 7 },
  /** .pod-ns, .pod-message, .lb-why, role chip */
  tiny: { font: `11px ${UI}`, approx: 6.5 },
  /** .chip text, type badge */
  chip: { font: `10.5px ${UI}`, approx: 6.4 },
  /** .type-badge text */
  badge: { font: `600 10.5px ${UI}`, approx: 6.6 },
  /** .mono in the SVG (11.5px) */
  mono: { font: `11.5px ${MONO}`, approx: 7 },
  /** .pod-containers, taints (11px mono) */
  monoSmall: { font: `11px ${MONO}`, approx: 6.7 },
} as const;

export type FontKey = keyof typeof FONTS;

let ctx: CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, number>();
const CACHE_LIMIT = 50_000;

function context(): CanvasRenderingContext2D | null {
  if (ctx === undefined) ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  return ctx;
}

function measurer(key: FontKey): Measure {
  const { font, approx } = FONTS[key];
  const fallback = charMeasure(approx);
  return (text) => {
    const c = context();
    if (!c) return fallback(text);
    const k = `${key}\u0000${text}`;
    let w = cache.get(k);
    if (w === undefined) {
      c.font = font;
      w = c.measureText(text).width;
      if (cache.size > CACHE_LIMIT) cache.clear();
      cache.set(k, w);
    }
    return w;
  };
}

export const measure: Record<FontKey, Measure> = Object.fromEntries(Object.keys(FONTS).map((k) => [k, measurer(k as FontKey)])) as Record<
  FontKey,
  Measure
>;
