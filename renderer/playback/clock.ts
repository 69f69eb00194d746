/**
 * The playback clock: a plain value, every transition returns a new one. The playhead is a position
 * in wall milliseconds at 1× (timeline.ts lays a run out on that axis, pacing.ts says how long each
 * hop and flight lasts), so at speed s it advances s ms per wall ms.
 */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;

export interface PlaybackClock {
  /** Wall time (ms) when anchorPosition was true. */
  readonly anchorWallMs: number;
  readonly anchorPosition: number;
  readonly speed: number;
  readonly playing: boolean;
  /** Last position (the end of the run); playback stops there. */
  readonly maxPosition: number;
}

export function newClock(maxPosition: number, speed = 1): PlaybackClock {
  return { anchorWallMs: 0, anchorPosition: 0, speed, playing: false, maxPosition };
}

export function positionAt(c: PlaybackClock, wallMs: number): number {
  if (!c.playing) return c.anchorPosition;
  const p = c.anchorPosition + (wallMs - c.anchorWallMs) * c.speed;
  return Math.min(Math.max(p, 0), c.maxPosition);
}

/** Whether a playing clock has reached the end (the loop then pauses it). */
export function atEnd(c: PlaybackClock, wallMs: number): boolean {
  return positionAt(c, wallMs) >= c.maxPosition;
}

/** Play from where it is; from the start again when it already reached the end. */
export function play(c: PlaybackClock, wallMs: number): PlaybackClock {
  if (c.playing) return c;
  const from = c.anchorPosition >= c.maxPosition ? 0 : c.anchorPosition;
  return { ...c, anchorWallMs: wallMs, anchorPosition: from, playing: true };
}

export function pause(c: PlaybackClock, wallMs: number): PlaybackClock {
  if (!c.playing) return c;
  return { ...c, anchorWallMs: wallMs, anchorPosition: positionAt(c, wallMs), playing: false };
}

/** Jump to a position; keeps playing if it was. */
export function seek(c: PlaybackClock, position: number, wallMs: number): PlaybackClock {
  const p = Math.min(Math.max(position, 0), c.maxPosition);
  return { ...c, anchorWallMs: wallMs, anchorPosition: p };
}

export function setSpeed(c: PlaybackClock, speed: number, wallMs: number): PlaybackClock {
  return { ...c, anchorWallMs: wallMs, anchorPosition: positionAt(c, wallMs), speed };
}
