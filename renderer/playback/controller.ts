/**
 * Owns playback for one run: the clock, the selected event and the single animation-frame loop.
 * Not React: the canvas subscribes to every frame, React components to the coarse state (throttled),
 * so the 60 fps path never goes through reconciliation. Time sources are injected for tests.
 */
import * as clock from './clock';
import { EMPTY_TIMELINE, eventIndexAt, maxPosition, positionOf, simTimeAt, type Timeline } from './timeline';

export interface PlaybackState {
  timeline: Timeline;
  playing: boolean;
  /** Playhead, in keyframe units. */
  position: number;
  /** Simulated time (µs) at the playhead. */
  time: number;
  /** Index into timeline.events of the event in the inspector, -1 for none. */
  selected: number;
  speed: number;
  maxPosition: number;
}

export interface FrameEnv {
  now(): number;
  requestFrame(cb: (wallMs: number) => void): number;
  cancelFrame(id: number): void;
}

const browserEnv: FrameEnv = {
  now: () => performance.now(),
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (id) => cancelAnimationFrame(id),
};

/** Coarse state is pushed to React at most this often while playing. */
const STATE_INTERVAL_MS = 90;

export class PlaybackController {
  private clock = clock.newClock(0);
  private timeline: Timeline = EMPTY_TIMELINE;
  private selected = -1;
  private state: PlaybackState;
  private frameId: number | null = null;
  private lastStateWall = 0;
  private readonly stateListeners = new Set<() => void>();
  private readonly frameListeners = new Set<(time: number) => void>();

  constructor(private readonly env: FrameEnv = browserEnv) {
    this.state = this.snapshot(0);
  }

  /** A new run: back to the start, first hop selected, paused (the user presses Play or steps). */
  load(timeline: Timeline): void {
    this.stopLoop();
    this.timeline = timeline;
    this.clock = clock.newClock(maxPosition(timeline), this.clock.speed);
    this.selected = timeline.events.length > 0 ? 0 : -1;
    this.publish(true);
  }

  play(): void {
    if (this.timeline.events.length === 0) return;
    const now = this.env.now();
    const wasAtEnd = this.clock.anchorPosition >= this.clock.maxPosition;
    this.clock = clock.play(this.clock, now);
    if (wasAtEnd) this.selected = 0;
    this.startLoop();
    this.publish(true);
  }

  pause(): void {
    this.clock = clock.pause(this.clock, this.env.now());
    this.stopLoop();
    this.publish(true);
  }

  toggle(): void {
    if (this.clock.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    this.clock = clock.setSpeed(this.clock, speed, this.env.now());
    this.publish(true);
  }

  /** Select event i and move the playhead to the moment it arrives at its hop. Pauses. */
  selectEvent(i: number): void {
    const events = this.timeline.events;
    if (events.length === 0) return;
    const idx = Math.min(Math.max(i, 0), events.length - 1);
    const now = this.env.now();
    this.clock = clock.seek(clock.pause(this.clock, now), positionOf(this.timeline, events[idx]!.arrive), now);
    this.stopLoop();
    this.selected = idx;
    this.publish(true);
  }

  stepForward(): void {
    this.selectEvent(this.selected + 1);
  }

  stepBack(): void {
    this.selectEvent(this.selected - 1);
  }

  home(): void {
    this.selectEvent(0);
  }

  end(): void {
    const now = this.env.now();
    this.clock = clock.seek(clock.pause(this.clock, now), this.clock.maxPosition, now);
    this.stopLoop();
    this.selected = this.timeline.events.length - 1;
    this.publish(true);
  }

  /** Scrub: the selection follows the playhead. */
  seekPosition(position: number): void {
    const now = this.env.now();
    this.clock = clock.seek(this.clock, position, now);
    this.selected = eventIndexAt(this.timeline, simTimeAt(this.timeline, clock.positionAt(this.clock, now)));
    this.publish(true);
  }

  getState = (): PlaybackState => this.state;

  /** Simulated time right now (for the canvas). */
  currentTime(): number {
    return simTimeAt(this.timeline, clock.positionAt(this.clock, this.env.now()));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  onFrame(listener: (time: number) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  dispose(): void {
    this.stopLoop();
    this.stateListeners.clear();
    this.frameListeners.clear();
  }

  private tick = (wallMs: number): void => {
    this.frameId = null;
    const now = Math.max(wallMs, this.env.now());
    if (clock.atEnd(this.clock, now)) {
      this.clock = clock.pause(this.clock, now);
      this.selected = this.timeline.events.length - 1;
      this.publish(true);
      return;
    }
    const time = simTimeAt(this.timeline, clock.positionAt(this.clock, now));
    this.selected = eventIndexAt(this.timeline, time);
    // React hears about it at most every STATE_INTERVAL_MS, however many hops pass in between.
    this.publish(now - this.lastStateWall >= STATE_INTERVAL_MS);
    this.frameId = this.env.requestFrame(this.tick);
  };

  private startLoop(): void {
    if (this.frameId === null) this.frameId = this.env.requestFrame(this.tick);
  }

  private stopLoop(): void {
    if (this.frameId !== null) this.env.cancelFrame(this.frameId);
    this.frameId = null;
  }

  private snapshot(now: number): PlaybackState {
    const position = clock.positionAt(this.clock, now);
    return {
      timeline: this.timeline,
      playing: this.clock.playing,
      position,
      time: simTimeAt(this.timeline, position),
      selected: this.selected,
      speed: this.clock.speed,
      maxPosition: this.clock.maxPosition,
    };
  }

  /** Frames go out every time; React state only when `coarse` (throttled while playing). */
  private publish(coarse: boolean): void {
    const now = this.env.now();
    const time = simTimeAt(this.timeline, clock.positionAt(this.clock, now));
    if (coarse) {
      this.lastStateWall = now;
      this.state = this.snapshot(now);
    }
    for (const l of this.frameListeners) l(time);
    if (coarse) for (const l of this.stateListeners) l();
  }
}
