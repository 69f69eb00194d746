import { describe, expect, it } from 'vitest';
import { buildTimeline, eventIndexAt, maxPosition, positionOf, previousHop, simTimeAt } from '../../../renderer/playback/timeline';
import { packet } from './events';

const nodePort = packet('f0-req', 0, [
  ['client', 0, 5],
  ['node/k8s-node1', 400, 410],
  [
    'svc/svc-2',
    410,
    420,
    { action: 'dnat', changed: ['dst'], packet: { src: '192.168.64.1:40000', dst: '10.244.1.2:8080', protocol: 'TCP' } },
  ],
  ['pod/pod-1', 426, 456, { action: 'deliver' }],
]);

describe('timeline', () => {
  it('orders events by arrival, whatever order the engine streamed them in', () => {
    const tl = buildTimeline([...nodePort].reverse());
    expect(tl.events.map((e) => e.at)).toEqual(['client', 'node/k8s-node1', 'svc/svc-2', 'pod/pod-1']);
  });

  it('gives every distinct instant one keyframe, so a 6 µs hop gets as much screen time as a 400 µs one', () => {
    const tl = buildTimeline(nodePort);
    expect(tl.keyframes).toEqual([0, 5, 400, 410, 420, 426, 456]);
    // The long client→node flight is one step, the short svc→pod flight too.
    expect(positionOf(tl, 400) - positionOf(tl, 5)).toBe(1);
    expect(positionOf(tl, 426) - positionOf(tl, 420)).toBe(1);
    expect(maxPosition(tl)).toBe(6);
  });

  it('maps playhead positions to simulated time and back', () => {
    const tl = buildTimeline(nodePort);
    expect(simTimeAt(tl, 1.5)).toBeCloseTo(202.5);
    expect(positionOf(tl, 202.5)).toBeCloseTo(1.5);
    expect(simTimeAt(tl, 99)).toBe(456);
    expect(simTimeAt(tl, -3)).toBe(0);
  });

  it('names the hop being shown at a time: the last one reached', () => {
    const tl = buildTimeline(nodePort);
    expect(eventIndexAt(tl, 0)).toBe(0);
    expect(eventIndexAt(tl, 399)).toBe(0);
    expect(tl.events[eventIndexAt(tl, 410)]!.at).toBe('svc/svc-2');
    expect(tl.events[eventIndexAt(tl, 10_000)]!.at).toBe('pod/pod-1');
  });

  it('finds the hop before a NAT rewrite, to show what the field was', () => {
    const tl = buildTimeline(nodePort);
    const dnat = tl.events.find((e) => e.action === 'dnat')!;
    expect(previousHop(tl, dnat)?.packet.dst).toBe('192.168.64.31:30000');
    expect(previousHop(tl, tl.events[0]!)).toBeUndefined();
  });

  it('keeps each packet of a run on its own track', () => {
    const resp = packet('f0-resp', 0, [
      ['pod/pod-1', 456, 460],
      ['client', 900, 900],
    ]);
    const tl = buildTimeline([...nodePort, ...resp]);
    expect(tl.tracks.map((t) => [t.packetId, t.direction, t.start, t.end])).toEqual([
      ['f0-req', 'request', 0, 456],
      ['f0-resp', 'response', 456, 900],
    ]);
    expect(tl.flows).toBe(1);
  });

  it('is empty for a run without events', () => {
    const tl = buildTimeline([]);
    expect(tl.events).toEqual([]);
    expect(maxPosition(tl)).toBe(0);
    expect(simTimeAt(tl, 3)).toBe(0);
  });
});
