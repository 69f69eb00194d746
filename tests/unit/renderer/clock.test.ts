import { describe, expect, it } from 'vitest';
import { MAX_RUN_MS, MS_PER_STEP, atEnd, newClock, pause, play, positionAt, seek, setSpeed } from '../../../renderer/playback/clock';

describe('playback clock', () => {
  it('stands still until played', () => {
    const c = newClock(10);
    expect(positionAt(c, 99_999)).toBe(0);
  });

  it('advances one keyframe per step at 1×, twice as fast at 2×', () => {
    const c = play(newClock(10), 1000);
    expect(positionAt(c, 1000 + MS_PER_STEP)).toBeCloseTo(1);
    const fast = setSpeed(c, 2, 1000);
    expect(positionAt(fast, 1000 + MS_PER_STEP)).toBeCloseTo(2);
  });

  it('keeps the position when paused and resumes from it', () => {
    let c = play(newClock(10), 0);
    c = pause(c, MS_PER_STEP * 3);
    expect(positionAt(c, 1e9)).toBeCloseTo(3);
    c = play(c, 5000);
    expect(positionAt(c, 5000 + MS_PER_STEP)).toBeCloseTo(4);
  });

  it('stops at the end, and Play at the end starts over', () => {
    let c = play(newClock(4), 0);
    expect(positionAt(c, 1e9)).toBe(4);
    expect(atEnd(c, 1e9)).toBe(true);
    c = pause(c, 1e9);
    c = play(c, 2e9);
    expect(positionAt(c, 2e9)).toBe(0);
  });

  it('clamps seeks to the run', () => {
    const c = newClock(4);
    expect(positionAt(seek(c, 9, 0), 0)).toBe(4);
    expect(positionAt(seek(c, -1, 0), 0)).toBe(0);
  });

  it('plays a run of hundreds of hops through in about a minute at 1×, not in half an hour', () => {
    const c = play(newClock(2000), 0);
    expect(positionAt(c, MAX_RUN_MS)).toBeCloseTo(2000);
    const small = play(newClock(6), 0);
    expect(positionAt(small, MS_PER_STEP)).toBeCloseTo(1);
  });
});
