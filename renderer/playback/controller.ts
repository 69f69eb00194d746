/**
 * Owns playback for one run: the clock, the selected event and the single animation-frame loop.
 * Not React: the canvas subscribes to every frame, React components to two throttled copies of the
 * state, so the 60 fps path never goes through reconciliation:
 *  - `subscribe`/`getState`: the playhead, at most every STATE_INTERVAL_MS while playing (the
 *    playback bar);
 *  - `subscribeSlow`/`getSlowState`: at most every SLOW_INTERVAL_MS while playing (the packet
 *    inspector and the event list, costly to lay out and unreadable at speed anyway).
 * While playing, listeners hear about a change in tasks after the animation frame (never inside it),
 * the slow ones each in a task of its own, so React's commits stay short. A new run reaches each
 * view in a frame of its own. When the user acts (step, seek, pause…) everything is published at
 * once. Time sources are injected for tests.
 */
import { afterFrame } from './afterNextFrame';
import * as clock from './clock';
import { EMPTY_TIMELINE, eventIndexAtPosition, maxPosition, positionOfEvent, simTimeAt, type Timeline } from './timeline';

export interface PlaybackState {
  timeline: Timeline;
  playing: boolean;
  /** Playhead, in wall ms at 1× (timeline.ts). */
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
  /** Run `cb` in a task of its own, after the current frame. Absent: at once. */
  defer?(cb: () => void): void;
  /** Run `cb` in a task after the next frame has been drawn. Absent: as `defer` does. */
  afterFrame?(cb: () => void): void;
}

/** A MessageChannel task runs right after the frame, without setTimeout's clamping. */
function taskQueue(): (cb: () => void) => void {
  if (typeof MessageChannel === 'undefined') return (cb) => void setTimeout(cb, 0);
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (cb) => {
    queue.push(cb);
    channel.port2.postMessage(null);
  };
}

const browserEnv: FrameEnv = {
  now: () => performance.now(),
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (id) => cancelAnimationFrame(id),
  defer: taskQueue(),
  afterFrame: (cb) => afterFrame(cb),
};

/** The playhead state is pushed to React at most this often while playing. */
export const STATE_INTERVAL_MS = 100;
/** The slow state (inspector, event list) at most this often while playing… */
export const SLOW_INTERVAL_MS = 250;
/** …or sooner when the hop shown changed, so every hop held on screen reaches the inspector. */
export const HOP_INTERVAL_MS = 80;

export class PlaybackController {
  private clock = clock.newClock(0);
  private timeline: Timeline = EMPTY_TIMELINE;
  private selected = -1;
  private state: PlaybackState;
  private slowState: PlaybackState;
  private frameId: number | null = null;
  private lastStateWall = -Infinity;
  private lastSlowWall = -Infinity;
  private notifyPending = false;
  /** Listeners waiting for a task of their own (`tasks`). */
  private readonly pending = new Set<() => void>();
  /** Listeners waiting for a frame of their own (`frames`), in order; the first is being told. */
  private readonly frameQueue: (() => void)[] = [];
  private readonly stateListeners = new Set<() => void>();
  private readonly slowListeners = new Set<() => void>();
  private readonly frameListeners = new Set<(time: number) => void>();

  constructor(private readonly env: FrameEnv = browserEnv) {
    this.state = this.snapshot(0);
    this.slowState = this.state;
  }

  /** A new run: back to the start, first hop selected, paused (the user presses Play or steps). */
  load(timeline: Timeline): void {
    this.stopLoop();
    this.timeline = timeline;
    this.clock = clock.newClock(maxPosition(timeline), this.clock.speed);
    this.selected = timeline.events.length > 0 ? 0 : -1;
    this.publish('frames');
  }

  play(): void {
    if (this.timeline.events.length === 0) return;
    const now = this.env.now();
    const wasAtEnd = this.clock.anchorPosition >= this.clock.maxPosition;
    this.clock = clock.play(this.clock, now);
    if (wasAtEnd) this.selected = 0;
    this.startLoop();
    this.publish('tasks');
  }

  pause(): void {
    this.clock = clock.pause(this.clock, this.env.now());
    this.stopLoop();
    this.publish();
  }

  toggle(): void {
    if (this.clock.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    this.clock = clock.setSpeed(this.clock, speed, this.env.now());
    this.publish();
  }

  /** Select event i and move the playhead to the moment it arrives at its hop. Pauses. */
  selectEvent(i: number): void {
    const events = this.timeline.events;
    if (events.length === 0) return;
    const idx = Math.min(Math.max(i, 0), events.length - 1);
    const now = this.env.now();
    this.clock = clock.seek(clock.pause(this.clock, now), positionOfEvent(this.timeline, idx), now);
    this.stopLoop();
    this.selected = idx;
    this.publish();
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
    this.publish();
  }

  /** Scrub: the selection follows the playhead. */
  seekPosition(position: number): void {
    const now = this.env.now();
    this.clock = clock.seek(this.clock, position, now);
    this.selected = eventIndexAtPosition(this.timeline, clock.positionAt(this.clock, now));
    this.publish();
  }

  getState = (): PlaybackState => this.state;

  /** The state at most every SLOW_INTERVAL_MS while playing (at once otherwise). */
  getSlowState = (): PlaybackState => this.slowState;

  /** The event shown right now, ahead of React's throttled copies (for the canvas). */
  liveSelected(): number {
    return this.selected;
  }

  /** Simulated time right now (for the canvas). */
  currentTime(): number {
    return simTimeAt(this.timeline, clock.positionAt(this.clock, this.env.now()));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  subscribeSlow = (listener: () => void): (() => void) => {
    this.slowListeners.add(listener);
    return () => this.slowListeners.delete(listener);
  };

  onFrame(listener: (time: number) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  dispose(): void {
    this.stopLoop();
    this.stateListeners.clear();
    this.slowListeners.clear();
    this.frameListeners.clear();
  }

  private tick = (wallMs: number): void => {
    this.frameId = null;
    const now = Math.max(wallMs, this.env.now());
    if (clock.atEnd(this.clock, now)) {
      this.clock = clock.pause(this.clock, now);
      this.selected = this.timeline.events.length - 1;
      this.publish();
      return;
    }
    const position = clock.positionAt(this.clock, now);
    const time = simTimeAt(this.timeline, position);
    this.selected = eventIndexAtPosition(this.timeline, position);
    for (const l of this.frameListeners) l(time);
    // React hears about it at most every STATE_INTERVAL_MS, however many hops pass in between, and
    // after this frame has been drawn; the inspector as soon as (throttled) another hop is shown.
    const coarse = now - this.lastStateWall >= STATE_INTERVAL_MS;
    const sinceSlow = now - this.lastSlowWall;
    const slow = sinceSlow >= SLOW_INTERVAL_MS || (this.selected !== this.slowState.selected && sinceSlow >= HOP_INTERVAL_MS);
    if (coarse || slow) {
      this.state = this.snapshot(now);
      if (coarse) this.lastStateWall = now;
      if (slow) {
        this.lastSlowWall = now;
        this.slowState = this.state;
      }
      this.notifyLater(coarse, slow);
    }
    this.frameId = this.env.requestFrame(this.tick);
  };

  /**
   * Tells the listeners in tasks after the frame: the playhead's listeners in one, then each slow
   * listener in one of its own, so no single task (a React commit and its layout) grows long enough
   * to delay the next frame.
   */
  private notifyLater(coarse: boolean, slow: boolean): void {
    const defer = this.env.defer;
    if (!defer) {
      if (coarse) for (const l of this.stateListeners) l();
      if (slow) for (const l of this.slowListeners) l();
      return;
    }
    // A view still waiting for its frame after a new run hears then, with the latest state.
    const due = (l: () => void) => !this.frameQueue.includes(l);
    if (coarse && !this.notifyPending) {
      this.notifyPending = true;
      defer(() => {
        this.notifyPending = false;
        for (const l of this.stateListeners) if (due(l)) l();
      });
    }
    if (slow) for (const l of this.slowListeners) if (due(l)) defer(l);
  }

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

  /**
   * After a user action: a frame, and both copies of the state. A step or a pause tells every view
   * at once. Play (`tasks`) tells the playhead's views in one task and each slow view in a task of
   * its own, as playback does. A new run (`frames`) tells each view in a frame of its own: a
   * 200-request run re-renders the event list, the results, the inspector and the map's counts,
   * and laid out and painted in one frame, at 500 Pods, that frame ran past 50 ms.
   */
  private publish(mode: 'now' | 'tasks' | 'frames' = 'now'): void {
    const now = this.env.now();
    const time = simTimeAt(this.timeline, clock.positionAt(this.clock, now));
    this.lastStateWall = now;
    this.lastSlowWall = now;
    this.state = this.snapshot(now);
    this.slowState = this.state;
    for (const l of this.frameListeners) l(time);
    if (mode !== 'now' && this.env.defer) {
      if (mode === 'frames') this.perFrame([...this.stateListeners, ...this.slowListeners]);
      else {
        this.deferOnce([...this.stateListeners]);
        for (const l of this.slowListeners) this.deferOnce([l]);
      }
      return;
    }
    for (const l of this.stateListeners) l();
    for (const l of this.slowListeners) l();
  }

  private subscribed(l: () => void): boolean {
    return this.stateListeners.has(l) || this.slowListeners.has(l);
  }

  /**
   * Listeners told in one task after this one. One already waiting (for its task or its frame) is
   * not told twice: it reads the latest state when its turn comes.
   */
  private deferOnce(listeners: (() => void)[]): void {
    const fresh = listeners.filter((l) => !this.pending.has(l) && !this.frameQueue.includes(l));
    if (fresh.length === 0) return;
    for (const l of fresh) this.pending.add(l);
    this.env.defer!(() => {
      for (const l of fresh) {
        this.pending.delete(l);
        if (this.subscribed(l)) l();
      }
    });
  }

  /** Each listener in a task of its own: the first after this task, each next one after a frame has been drawn. */
  private perFrame(listeners: (() => void)[]): void {
    const idle = this.frameQueue.length === 0;
    for (const l of listeners) if (!this.frameQueue.includes(l)) this.frameQueue.push(l);
    if (!idle || this.frameQueue.length === 0) return;
    const next = () => {
      const l = this.frameQueue[0]!;
      try {
        if (this.subscribed(l)) l();
      } finally {
        // A listener that threw does not stop the views after it.
        this.frameQueue.shift();
        if (this.frameQueue.length > 0) (this.env.afterFrame ?? this.env.defer!)(next);
      }
    };
    this.env.defer!(next);
  }
}
