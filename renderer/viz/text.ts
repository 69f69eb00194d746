/**
 * SVG text has no wrapping or ellipsis, so cards fit their text themselves. Widths come from a
 * `Measure` (the real font, measured on a canvas: see measure.ts), so a long name is cut with "…"
 * instead of running into its neighbour. The full text is always in the element's <title> and
 * accessible label.
 */
export type Measure = (text: string) => number;

/** A fixed-width approximation, for tests and where no canvas exists. */
export function charMeasure(px: number): Measure {
  return (text) => text.length * px;
}

export function fitText(text: string, maxPx: number, measure: Measure): string {
  if (measure(text) <= maxPx) return text;
  // Longest prefix that fits with the ellipsis (binary search: widths grow with length).
  let lo = 0;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(`${text.slice(0, mid)}…`) <= maxPx) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '…' : `${text.slice(0, lo)}…`;
}

/** Greedy word wrap into at most `maxLines` lines (the last one ellipsised when text remains). */
export function wrapText(text: string, maxPx: number, measure: Measure, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = fitText(word, maxPx, measure);
    const candidate = line ? `${line} ${w}` : w;
    if (measure(candidate) <= maxPx) line = candidate;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = measure(`${last}…`) <= maxPx ? `${last}…` : fitText(`${last}……`, maxPx, measure);
  return kept;
}

/** Label chips that fit in one line: as many as fit (each at most 70% of the line), then "+N". */
export function fitChips(
  chips: string[],
  maxPx: number,
  measure: Measure,
  chipPad = 12,
  gap = 4,
): { shown: { text: string; x: number; w: number }[]; more: number } {
  const shown: { text: string; x: number; w: number }[] = [];
  let x = 0;
  for (let i = 0; i < chips.length; i++) {
    const reserve = i < chips.length - 1 ? 30 : 0;
    const text = fitText(chips[i]!, Math.min(maxPx * 0.7, maxPx - x - reserve - chipPad), measure);
    const w = measure(text) + chipPad;
    if (x + w > maxPx - reserve || text === '…') return { shown, more: chips.length - i };
    shown.push({ text, x, w });
    x += w + gap;
  }
  return { shown, more: 0 };
}

/**
 * Like wrapText, but for text with long unbroken tokens (a taint key, a path): lines may also break
 * after `/ : = , . -`, and a token wider than a line is split between characters, so nothing is cut
 * while lines remain.
 */
export function wrapBreaking(text: string, maxPx: number, measure: Measure, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  const longestPrefix = (s: string) => {
    let lo = 1;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (measure(s.slice(0, mid)) <= maxPx) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const part of text.split(/(?<=[\s/:=,.-])/)) {
    if (measure((line + part).trimEnd()) <= maxPx) {
      line += part;
      continue;
    }
    if (line.trim()) lines.push(line.trimEnd());
    let rest = part.trimStart();
    while (rest && measure(rest.trimEnd()) > maxPx) {
      const n = longestPrefix(rest);
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fitText(`${kept[maxLines - 1]!}……`, maxPx, measure);
  return kept;
}
