import { describe, expect, it } from 'vitest';
import { atEnd, newClock, pause, play, positionAt, seek, setSpeed } from '../../../renderer/playback/clock';

// Positions are wall milliseconds at 1× (timeline.ts lays the run out on that axis).
describe('playback clock', () => {
  it('stands still until played', () => {
    const c = newClock(10_000);
    expect(positionAt(c, 99_999)).toBe(0);
  });

  it('advances one millisecond of run per wall millisecond at 1×, twice as fast at 2×', () => {
    const c = play(newClock(10_000), 1000);
    expect(positionAt(c, 1500)).toBeCloseTo(500);
    const fast = setSpeed(c, 2, 1000);
    expect(positionAt(fast, 1500)).toBeCloseTo(1000);
  });

  it('keeps the position when paused and resumes from it', () => {
    let c = play(newClock(10_000), 0);
    c = pause(c, 3000);
    expect(positionAt(c, 1e9)).toBeCloseTo(3000);
    c = play(c, 5000);
    expect(positionAt(c, 5600)).toBeCloseTo(3600);
  });

  it('stops at the end, and Play at the end starts over', () => {
    let c = play(newClock(4000), 0);
    expect(positionAt(c, 1e9)).toBe(4000);
    expect(atEnd(c, 1e9)).toBe(true);
    c = pause(c, 1e9);
    c = play(c, 2e9);
    expect(positionAt(c, 2e9)).toBe(0);
  });

  it('clamps seeks to the run', () => {
    const c = newClock(4000);
    expect(positionAt(seek(c, 9000, 0), 0)).toBe(4000);
    expect(positionAt(seek(c, -1, 0), 0)).toBe(0);
  });
});
