import { describe, expect, it } from 'vitest';
import type { Trace, TraceRun } from '../../../src/model/trace';
import { changeMarks } from '../../../renderer/model/changeMarks';
import { buildTimeline, positionOfEvent, maxPosition } from '../../../renderer/playback/timeline';
import { packet } from './events';

const flow = (f: number, t0: number) => [
  ...packet(`f${f}-req`, f, [
    ['client', t0, t0],
    ['pod/web-1', t0 + 9, t0 + 9, { action: 'deliver' }],
  ]),
  ...packet(`f${f}-resp`, f, [
    ['pod/web-1', t0 + 9, t0 + 9, { action: 'reply' }],
    ['client', t0 + 14, t0 + 14, { outcome: 'delivered' }],
  ]),
];
const trace: Trace = { outcome: 'delivered', reason: 'ok', pod: 'web-1', hops: [] };
const events = [...flow(0, 0), ...flow(1, 1000), ...flow(2, 2000)];
const tl = buildTimeline(events);
const base: TraceRun = {
  request: { from: 'pod/client', to: 'svc/web:80', count: 3 },
  traces: [trace, trace, trace],
  events,
  duration: 2014,
};

describe('rollout marks on the timeline', () => {
  it('no changes, no marks', () => {
    expect(changeMarks(base, tl)).toEqual([]);
    expect(changeMarks(null, tl)).toEqual([]);
  });

  it('one mark per moment, named with when and what, at the first hop of the next request', () => {
    const run: TraceRun = {
      ...base,
      startedAt: 100,
      changes: [
        { at: 102, request: 1, text: 'web-new-a is Ready' },
        { at: 102, request: 1, text: 'Scaled down replica set web-old from 3 to 2' },
        { at: 104, request: 3, text: 'deployment "web" successfully rolled out' },
      ],
    };
    const marks = changeMarks(run, tl);
    expect(marks.map((m) => m.label)).toEqual([
      '2 s into the run (cluster clock 102 s), before request 2: web-new-a is Ready; Scaled down replica set web-old from 3 to 2',
      '4 s into the run (cluster clock 104 s), after the last request: deployment "web" successfully rolled out',
    ]);
    const first = tl.events.findIndex((e) => e.flowId === 1);
    expect(marks[0].eventIndex).toBe(first);
    expect(tl.events[first].arrive).toBe(1000);
    expect(marks[0].fraction).toBeCloseTo(positionOfEvent(tl, first) / maxPosition(tl));
    expect(marks[0].fraction).toBeGreaterThan(0);
    expect(marks[0].title).toContain('\nScaled down replica set web-old from 3 to 2');
    // After the last request: the end of the timeline.
    expect(marks[1].eventIndex).toBe(-1);
    expect(marks[1].fraction).toBe(1);
  });
});
