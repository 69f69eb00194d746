/** Go's time.ParseDuration, as kubectl's duration flags take it: `1s`, `500ms`, `3m`, `1h30m`. */
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

/** Seconds, or null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  if (text === '0') return 0;
  let seconds = 0;
  PART.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    PART.lastIndex = at;
    const m = PART.exec(text);
    if (!m) return null;
    seconds += Number(m[1]) * UNIT_SECONDS[m[2]];
    at = PART.lastIndex;
  }
  return at > 0 ? seconds : null;
}
