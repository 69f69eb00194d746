/**
 * SVG text has no wrapping or ellipsis, so cards fit their text by an average glyph width. The
 * widths are deliberately generous (system-ui at the sizes the cards use), so text never overlaps
 * its neighbour; the full text is always in the element's <title> and accessible label.
 */
export const CHAR_W = { label: 6.9, small: 6.2, mono: 6.8, title: 7.9 } as const;

export function fitText(text: string, maxPx: number, charPx: number): string {
  const max = Math.max(1, Math.floor(maxPx / charPx));
  if (text.length <= max) return text;
  return max <= 1 ? '…' : `${text.slice(0, max - 1)}…`;
}

/** Greedy word wrap into at most `maxLines` lines (the last one ellipsised when text remains). */
export function wrapText(text: string, maxPx: number, charPx: number, maxLines: number): string[] {
  const max = Math.max(4, Math.floor(maxPx / charPx));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = word.length > max ? `${word.slice(0, max - 1)}…` : word;
    const candidate = line ? `${line} ${w}` : w;
    if (candidate.length <= max) line = candidate;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = last.length + 1 <= max ? `${last}…` : `${last.slice(0, max - 1)}…`;
  return kept;
}

/** Label chips that fit in one line: as many as fit, then "+N". */
export function fitChips(chips: string[], maxPx: number, charPx: number, chipPad = 12, gap = 4): { shown: { text: string; x: number; w: number }[]; more: number } {
  const shown: { text: string; x: number; w: number }[] = [];
  let x = 0;
  for (let i = 0; i < chips.length; i++) {
    const reserve = i < chips.length - 1 ? 30 : 0;
    const text = fitText(chips[i]!, Math.min(maxPx * 0.7, maxPx - x - reserve - chipPad), charPx);
    const w = text.length * charPx + chipPad;
    if (x + w > maxPx - reserve || text === '…') return { shown, more: chips.length - i };
    shown.push({ text, x, w });
    x += w + gap;
  }
  return { shown, more: 0 };
}
