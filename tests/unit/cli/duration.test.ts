import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../cli/duration';

describe('--interval durations (Go time.ParseDuration)', () => {
  it.each([
    ['1s', 1],
    ['500ms', 0.5],
    ['3m', 180],
    ['1h30m', 5400],
    ['1.5s', 1.5],
    ['0', 0],
  ])('%s is %d s', (text, seconds) => expect(parseDuration(text)).toBeCloseTo(seconds));
  it.each(['', '5', '5x', 's', '1s2'])('%j is not a duration', (text) => expect(parseDuration(text)).toBeNull());
});
