import { describe, expect, it } from 'vitest';
import { PlaybackController, SLOW_INTERVAL_MS, STATE_INTERVAL_MS, type FrameEnv } from '../../../renderer/playback/controller';
import { buildTimeline, positionOfEvent } from '../../../renderer/playback/timeline';
import { HOLD_MS, TRAVEL_MS } from '../../../renderer/playback/pacing';
import { packet } from './events';

/** Manual time and a manual frame queue, so a test decides when frames run. */
function fakeEnv() {
  let now = 0;
  let nextId = 1;
  const frames = new Map<number, (t: number) => void>();
  const env: FrameEnv = {
    now: () => now,
    requestFrame: (cb) => {
      frames.set(nextId, cb);
      return nextId++;
    },
    cancelFrame: (id) => void frames.delete(id),
  };
  const advance = (ms: number) => {
    now += ms;
    const due = [...frames.values()];
    frames.clear();
    for (const cb of due) cb(now);
  };
  return { env, advance, pendingFrames: () => frames.size };
}

const run = buildTimeline(
  packet('f0-req', 0, [
    ['client', 0, 10],
    ['node/k8s-node1', 110, 120],
    ['svc/svc-2', 120, 130, { action: 'dnat' }],
    ['pod/pod-1', 140, 160, { action: 'deliver' }],
  ]),
);

describe('PlaybackController', () => {
  it('loads a run paused at its first hop', () => {
    const c = new PlaybackController(fakeEnv().env);
    c.load(run);
    const s = c.getState();
    expect(s.playing).toBe(false);
    expect(s.selected).toBe(0);
    expect(s.time).toBe(0);
  });

  it('steps forward and back hop by hop, moving the playhead to each arrival', () => {
    const c = new PlaybackController(fakeEnv().env);
    c.load(run);
    c.stepForward();
    expect(c.getState().selected).toBe(1);
    expect(c.getState().time).toBe(110);
    c.stepForward();
    expect(run.events[c.getState().selected]!.at).toBe('svc/svc-2');
    c.stepBack();
    c.stepBack();
    c.stepBack();
    expect(c.getState().selected).toBe(0);
    expect(c.getState().time).toBe(0);
  });

  it('does not step past the last hop', () => {
    const c = new PlaybackController(fakeEnv().env);
    c.load(run);
    for (let i = 0; i < 10; i++) c.stepForward();
    expect(c.getState().selected).toBe(3);
    c.end();
    expect(c.getState().time).toBe(160);
  });

  it('plays on animation frames, the selection following the packet, and pauses at the end', () => {
    const { env, advance, pendingFrames } = fakeEnv();
    const c = new PlaybackController(env);
    c.load(run);
    const frames: number[] = [];
    c.onFrame((t) => frames.push(t));
    c.play();
    expect(c.getState().playing).toBe(true);
    // Hold at the client, flights 0→10 and 10→110, hold at the node, then halfway from 110 to 120.
    advance(HOLD_MS + TRAVEL_MS * 2 + HOLD_MS + TRAVEL_MS / 2);
    expect(frames.at(-1)).toBeCloseTo(115);
    expect(c.getState().selected).toBe(1);
    advance(60_000);
    expect(c.getState().playing).toBe(false);
    expect(c.getState().selected).toBe(3);
    expect(pendingFrames()).toBe(0);
  });

  it('at 1× the inspector hears of every hop, the delivery and the reply that share its instant included', () => {
    const { env, advance } = fakeEnv();
    const c = new PlaybackController(env);
    const tl = buildTimeline([
      ...packet('f0-req', 0, [
        ['client', 0, 0],
        ['node/k8s-node1', 5, 5],
        ['pod/pod-1', 9, 9, { action: 'deliver' }],
      ]),
      ...packet('f0-resp', 0, [
        ['pod/pod-1', 9, 9, { action: 'reply' }],
        ['client', 14, 14, { outcome: 'delivered' }],
      ]),
    ]);
    c.load(tl);
    const seen: number[] = [];
    c.subscribeSlow(() => {
      const i = c.getSlowState().selected;
      if (seen.at(-1) !== i) seen.push(i);
    });
    c.play();
    for (let ms = 0; ms < 20_000 && c.getState().playing; ms += 16) advance(16);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('stepping while playing pauses', () => {
    const { env, advance } = fakeEnv();
    const c = new PlaybackController(env);
    c.load(run);
    c.play();
    advance(10);
    c.stepForward();
    expect(c.getState().playing).toBe(false);
  });

  it('scrubbing moves the selection with the playhead', () => {
    const c = new PlaybackController(fakeEnv().env);
    c.load(run);
    c.seekPosition(positionOfEvent(run, 2) + 1); // just after the DNAT hop was reached
    expect(c.getState().time).toBe(120);
    expect(run.events[c.getState().selected]!.at).toBe('svc/svc-2');
  });

  it('ignores Play without a run', () => {
    const { env, pendingFrames } = fakeEnv();
    const c = new PlaybackController(env);
    c.play();
    expect(c.getState().playing).toBe(false);
    expect(pendingFrames()).toBe(0);
  });

  it('while playing, tells React after the frame, throttled, and each slow view in a task of its own', () => {
    const { env, advance } = fakeEnv();
    const tasks: (() => void)[] = [];
    const c = new PlaybackController({ ...env, defer: (cb) => void tasks.push(cb) });
    c.load(
      buildTimeline(
        packet(
          'f0-req',
          0,
          Array.from({ length: 60 }, (_, i) => [`node/n${i}`, i * 10, i * 10] as [string, number, number]),
        ),
      ),
    );
    let coarse = 0;
    const slow: string[] = [];
    c.subscribe(() => coarse++);
    c.subscribeSlow(() => slow.push('inspector'));
    c.subscribeSlow(() => slow.push('events'));
    let framesDrawn = 0;
    c.onFrame(() => framesDrawn++);
    c.play();
    // Play tells each view in a task of its own too (not inside the click's task).
    expect(coarse + slow.length).toBe(0);
    expect(tasks).toHaveLength(3);
    for (const t of tasks.splice(0)) t();
    expect(coarse).toBe(1);
    expect(slow).toEqual(['inspector', 'events']);
    coarse = 0;
    slow.length = 0;
    const slowBefore = c.getSlowState();
    let inFrame = 0;
    for (let ms = 0; ms < SLOW_INTERVAL_MS; ms += 16) {
      advance(16);
      inFrame += coarse + slow.length;
      for (const t of tasks.splice(0)) t();
      inFrame -= coarse + slow.length;
    }
    // Every frame is drawn; nothing reached React inside a frame (only in the tasks after it).
    expect(framesDrawn).toBeGreaterThanOrEqual(15);
    expect(inFrame).toBeLessThanOrEqual(-1);
    expect(coarse).toBeGreaterThanOrEqual(Math.floor(SLOW_INTERVAL_MS / STATE_INTERVAL_MS));
    expect(coarse).toBeLessThanOrEqual(Math.ceil(SLOW_INTERVAL_MS / STATE_INTERVAL_MS));
    // The slow views heard once each, in separate tasks.
    expect(slow).toEqual(['inspector', 'events']);
    expect(c.getSlowState()).not.toBe(slowBefore);
    // A user action tells everyone at once.
    c.pause();
    expect(slow).toEqual(['inspector', 'events', 'inspector', 'events']);
    expect(c.getSlowState()).toBe(c.getState());
  });

  it('tells each view of a new run in a frame of its own, and Play or playback does not tell a view still waiting', () => {
    const { env, advance } = fakeEnv();
    const tasks: (() => void)[] = [];
    const frames: (() => void)[] = [];
    const c = new PlaybackController({ ...env, defer: (cb) => void tasks.push(cb), afterFrame: (cb) => void frames.push(cb) });
    const heard: string[] = [];
    c.subscribe(() => heard.push(`bar:${c.getState().timeline.events.length}`));
    c.subscribe(() => heard.push('results'));
    c.subscribeSlow(() => heard.push(`events:${c.getSlowState().playing}`));
    const drain = () => {
      for (const t of tasks.splice(0)) t();
    };
    c.load(run);
    c.play();
    expect(heard).toEqual([]);
    drain();
    // The first view in the task after the click, with the state as it is then (playing).
    expect(heard).toEqual([`bar:${run.events.length}`]);
    // Play's own tasks and playback's ticks skip the views still waiting for their frame.
    advance(STATE_INTERVAL_MS + 1);
    drain();
    expect(heard).toEqual([`bar:${run.events.length}`, `bar:${run.events.length}`]);
    frames.shift()!();
    expect(heard.slice(2)).toEqual(['results']);
    frames.shift()!();
    expect(heard.slice(3)).toEqual(['events:true']);
    expect(frames).toHaveLength(0);
    // A view that unsubscribed while it waited is not told.
    const off = c.subscribe(() => heard.push('gone'));
    c.load(run);
    off();
    drain();
    for (let f = frames.shift(); f; f = frames.shift()) f();
    expect(heard).not.toContain('gone');
  });

  it('a view that throws while a new run is told does not stop the views after it', () => {
    const tasks: (() => void)[] = [];
    const frames: (() => void)[] = [];
    const c = new PlaybackController({ ...fakeEnv().env, defer: (cb) => void tasks.push(cb), afterFrame: (cb) => void frames.push(cb) });
    const heard: string[] = [];
    c.subscribe(() => {
      throw new Error('render failed');
    });
    c.subscribe(() => heard.push('results'));
    c.load(run);
    expect(() => tasks.shift()!()).toThrow('render failed');
    frames.shift()!();
    expect(heard).toEqual(['results']);
  });
});
