import { describe, expect, it } from 'vitest';
import {
  buildTimeline,
  eventIndexAt,
  eventIndexAtPosition,
  maxPosition,
  outcomeRevealed,
  positionOfEvent,
  previousHop,
  simTimeAt,
} from '../../../renderer/playback/timeline';
import { HOLD_MS, KEY_HOLD_MS, MIN_TRAVEL_MS, TRAVEL_MS } from '../../../renderer/playback/pacing';
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

/** The delivery and the reply it sends share an instant, as the engine writes them. */
const withReply = [
  ...nodePort,
  ...packet('f0-resp', 0, [
    ['pod/pod-1', 426, 430, { action: 'reply' }],
    ['client', 900, 900, { outcome: 'delivered' }],
  ]),
];

describe('timeline', () => {
  it('orders events by arrival, whatever order the engine streamed them in', () => {
    const tl = buildTimeline([...nodePort].reverse());
    expect(tl.events.map((e) => e.at)).toEqual(['client', 'node/k8s-node1', 'svc/svc-2', 'pod/pod-1']);
  });

  it('gives every flight between instants the same screen time, so a 6 µs hop is as visible as a 400 µs one', () => {
    const tl = buildTimeline(nodePort);
    expect(tl.keyframes).toEqual([0, 5, 400, 410, 420, 426, 456]);
    const flights = tl.segments.filter((s) => !s.hold);
    expect(flights).toHaveLength(6);
    expect(new Set(flights.map((s) => s.length))).toEqual(new Set([TRAVEL_MS]));
  });

  it('holds every hop on screen, longer where the packet is rewritten or delivered', () => {
    const tl = buildTimeline(nodePort);
    const holds = tl.segments.filter((s) => s.hold);
    expect(holds.map((s) => tl.events[s.shown]!.action)).toEqual(['forward', 'forward', 'dnat', 'deliver']);
    expect(holds.map((s) => s.length)).toEqual([HOLD_MS, HOLD_MS, KEY_HOLD_MS, KEY_HOLD_MS]);
    // Simulated time stands still during a hold.
    const dnat = holds[2]!;
    expect(simTimeAt(tl, dnat.start + dnat.length / 2)).toBe(410);
  });

  it('shows hops that share an instant one after the other: the delivery, then the reply', () => {
    const tl = buildTimeline(withReply);
    const deliver = tl.events.findIndex((e) => e.action === 'deliver');
    const reply = tl.events.findIndex((e) => e.action === 'reply');
    expect(tl.events[deliver]!.arrive).toBe(tl.events[reply]!.arrive);
    const shown: number[] = [];
    for (let p = 0; p <= maxPosition(tl); p += 10) {
      const i = eventIndexAtPosition(tl, p);
      if (shown.at(-1) !== i) shown.push(i);
    }
    expect(shown).toEqual(tl.events.map((_, i) => i));
    expect(positionOfEvent(tl, reply) - positionOfEvent(tl, deliver)).toBe(KEY_HOLD_MS);
  });

  it('maps playhead positions to simulated time, linearly along a flight', () => {
    const tl = buildTimeline(nodePort);
    const flight = tl.segments.find((s) => !s.hold && s.t0 === 5)!;
    expect(flight.t1).toBe(400);
    expect(simTimeAt(tl, flight.start + flight.length / 2)).toBeCloseTo(202.5);
    expect(simTimeAt(tl, 1e9)).toBe(456);
    expect(simTimeAt(tl, -3)).toBe(0);
  });

  it('shrinks the flights of a long run, never the holds', () => {
    const long = packet(
      'f0-req',
      0,
      Array.from({ length: 2000 }, (_, i) => [`node/n${i}`, i * 10, i * 10 + 5] as [string, number, number]),
    );
    const tl = buildTimeline(long);
    const flights = tl.segments.filter((s) => !s.hold);
    expect(flights[0]!.length).toBeLessThan(TRAVEL_MS);
    expect(flights[0]!.length).toBeGreaterThanOrEqual(MIN_TRAVEL_MS);
    expect(tl.segments.filter((s) => s.hold).every((s) => s.length >= HOLD_MS)).toBe(true);
  });

  it('reveals a request’s outcome only once the hop that decides it is shown', () => {
    const tl = buildTimeline(withReply);
    const last = tl.events.length - 1;
    expect(tl.outcomeAt).toEqual([last]);
    expect(outcomeRevealed(tl, 0, last - 1)).toBe(false);
    expect(outcomeRevealed(tl, 0, last)).toBe(true);
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
    expect(eventIndexAtPosition(tl, 3)).toBe(-1);
  });
});
