/**
 * Semantic zoom. Close up (zoom ≥ FULL_ZOOM) every card shows everything at its CSS size. Further
 * out, a card keeps fewer lines — its name, then its address while there is room — and draws them
 * larger in map units so that on screen they stay about TARGET_PX, never under MIN_PX: less detail,
 * never illegible, and never larger than the card (text is fitted to the card, wrapped or cut).
 * A line that cannot be legible is not drawn at all (the card's title and label keep it).
 * The zoom is taken in steps, so the cards re-render only when it crosses one.
 */
import { fitText, wrapBreaking, type Measure } from './text';

export interface Lod {
  level: 'full' | 'out';
  /** The zoom, rounded down to a step (so text is never smaller on screen than planned). */
  k: number;
}

/** From this zoom up, cards draw every line at its own size. */
export const FULL_ZOOM = 0.85;
/** Smallest text drawn on screen, in CSS px, and the size zoomed-out text aims for. */
export const MIN_PX = 9.5;
export const TARGET_PX = 12.5;
/** Line height, as a multiple of the font size. */
const LEADING = 1.2;
/** Steps of the zoom below FULL_ZOOM: each 12% smaller than the one before. */
const STEP = 1.12;

export const FULL: Lod = { level: 'full', k: 1 };
const steps = new Map<number, Lod>();

export function lodFor(k: number): Lod {
  if (k >= FULL_ZOOM) return FULL;
  const n = Math.ceil(Math.log(FULL_ZOOM / Math.max(k, 1e-3)) / Math.log(STEP));
  let lod = steps.get(n);
  if (!lod) {
    lod = { level: 'out', k: FULL_ZOOM / STEP ** n };
    steps.set(n, lod);
  }
  return lod;
}

/** One thing a zoomed-out card may say, most important first. */
export interface ZoomItem {
  text: string;
  /** Its class (the card's usual one, for colour and weight) and the CSS font size in px. */
  cls: string;
  px: number;
  measure: Measure;
  /** A name may wrap onto a second line rather than be cut. */
  lines?: number;
  /** An address is drawn whole or not at all (a cut IP would be a wrong one). */
  whole?: boolean;
  /** Kept when the text is cut (a group's ` ×3`). */
  suffix?: string;
}

/** A line placed: its baseline's y in the card and its scale (map units per CSS px of the font). */
export interface ZoomLine {
  text: string;
  cls: string;
  y: number;
  scale: number;
}

/**
 * Stack `items` top-down in a `w`×`h` box at zoom `k`: each at the largest scale up to TARGET_PX on
 * screen that fits the width, else wrapped (names) or cut at MIN_PX. The first item that does not fit
 * ends the stack; when even the first does not, nothing is drawn. The block is centred vertically.
 */
export function zoomStack(items: readonly ZoomItem[], w: number, h: number, k: number): ZoomLine[] {
  const out: ZoomLine[] = [];
  let y = 0;
  for (const item of items) {
    const suffix = item.suffix ?? '';
    const full = item.text + suffix;
    const minS = MIN_PX / (item.px * k);
    const targetS = Math.max(1, TARGET_PX / (item.px * k));
    const room = h - y;
    const lineH = (s: number) => item.px * s * LEADING;
    if (lineH(minS) > room) break;
    const fitS = Math.min(targetS, w / Math.max(1, item.measure(full)), room / lineH(1));
    let lines: string[];
    let s: number;
    if (fitS >= minS) {
      lines = [full];
      s = fitS;
    } else if (item.whole) {
      break;
    } else {
      const maxLines = Math.min(item.lines ?? 1, Math.floor(room / lineH(minS)));
      s = minS;
      lines = wrapBreaking(full, w / s, item.measure, Infinity);
      if (lines.length > maxLines) {
        // What does not fit on the last line is cut there, with one ellipsis (the suffix stays).
        const kept = lines.slice(0, maxLines - 1);
        let at = 0;
        for (const line of kept) at = item.text.indexOf(line, at) + line.length;
        const rest = item.text.slice(at).trimStart();
        lines = [...kept, fitText(rest, w / s - item.measure(suffix), item.measure) + suffix];
      }
      // Three letters and an ellipsis name nothing: then only the suffix (a group's `×3`) is left, if any.
      if (lines[0]!.slice(0, lines[0]!.length - (lines.length === 1 ? suffix.length : 0)).replace('…', '').length < 3) {
        if (!suffix.trim() || item.measure(suffix.trim()) * s > w) break;
        lines = [suffix.trim()];
      }
    }
    for (const text of lines) {
      out.push({ text, cls: item.cls, y: y + item.px * s * 0.95, scale: s });
      y += lineH(s);
    }
  }
  const shift = Math.max(0, (h - y) / 2);
  return out.map((l) => ({ ...l, y: l.y + shift }));
}
