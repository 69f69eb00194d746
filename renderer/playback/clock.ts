/**
 * The playback clock: a plain value, every transition returns a new one. The playhead is a position
 * in keyframe units (see timeline.ts); at speed 1 one keyframe segment lasts `stepMs` of wall time.
 */
export const MS_PER_STEP = 650;

/** A long run (hundreds of requests) still plays through in about this long at 1×. */
export const MAX_RUN_MS = 60_000;

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;

/** Wall time per keyframe segment at 1×: a calm pace for a few hops, capped for big runs. */
export function stepMsFor(maxPosition: number): number {
  return Math.max(30, Math.min(MS_PER_STEP, MAX_RUN_MS / Math.max(1, maxPosition)));
}

export interface PlaybackClock {
  /** Wall time (ms) when anchorPosition was true. */
  readonly anchorWallMs: number;
  readonly anchorPosition: number;
  readonly speed: number;
  readonly playing: boolean;
  /** Last position (the end of the run); playback stops there. */
  readonly maxPosition: number;
  /** Wall milliseconds per keyframe segment at speed 1. */
  readonly stepMs: number;
}

export function newClock(maxPosition: number, speed = 1): PlaybackClock {
  return { anchorWallMs: 0, anchorPosition: 0, speed, playing: false, maxPosition, stepMs: stepMsFor(maxPosition) };
}

export function positionAt(c: PlaybackClock, wallMs: number): number {
  if (!c.playing) return c.anchorPosition;
  const p = c.anchorPosition + ((wallMs - c.anchorWallMs) / c.stepMs) * c.speed;
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
