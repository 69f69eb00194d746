import { describe, expect, it } from 'vitest';
import { frameAt } from '../../../renderer/playback/frame';
import { buildTimeline } from '../../../renderer/playback/timeline';
import { packet } from './events';

const request = packet('f0-req', 0, [
  ['client', 0, 10],
  ['node/k8s-node1', 110, 120],
  ['pod/pod-1', 220, 240, { action: 'deliver' }],
]);

describe('frameAt', () => {
  const tl = buildTimeline(request);

  it('shows nothing before the first packet leaves', () => {
    const tl2 = buildTimeline(
      packet('f0-req', 0, [
        ['client', 50, 60],
        ['node/k8s-node1', 100, 100],
      ]),
    );
    expect(frameAt(tl2, 10).sprites).toEqual([]);
  });

  it('holds a packet at its hop from arrival to departure', () => {
    const f = frameAt(tl, 115);
    expect(f.sprites).toHaveLength(1);
    expect(f.sprites[0]).toMatchObject({ from: 'node/k8s-node1', to: 'node/k8s-node1', dwelling: true, progress: 1 });
  });

  it('moves a packet in a straight line between hops, linearly in simulated time', () => {
    const f = frameAt(tl, 60);
    expect(f.sprites[0]).toMatchObject({ from: 'client', to: 'node/k8s-node1', dwelling: false });
    expect(f.sprites[0]!.progress).toBeCloseTo(0.5);
    expect(f.sprites[0]!.event.at).toBe('node/k8s-node1');
  });

  it('is a pure function of time: scrubbing back gives the same frame as playing there', () => {
    expect(frameAt(tl, 60)).toEqual(frameAt(tl, 60));
    const forward = frameAt(tl, 170);
    frameAt(tl, 230);
    expect(frameAt(tl, 170)).toEqual(forward);
  });

  it('removes the packet after its last hop but leaves how it ended', () => {
    const dropped = packet('f1-req', 1, [
      ['client', 0, 10],
      ['node/k8s-master', 100, 110, { action: 'drop', node: 'k8s-master' }],
      ['client', 5000, 5000, { action: 'timeout', outcome: 'timeout' }],
    ]);
    const t2 = buildTimeline(dropped);
    const mid = frameAt(t2, 200);
    expect(mid.markers.map((m) => [m.at, m.kind])).toEqual([['node/k8s-master', 'drop']]);
    const end = frameAt(t2, 6000);
    expect(end.sprites).toEqual([]);
    expect(end.markers.map((m) => [m.at, m.kind])).toEqual([
      ['node/k8s-master', 'drop'],
      ['client', 'timeout'],
    ]);
  });

  it('draws many flows at once, one sprite per packet in flight', () => {
    const many = Array.from({ length: 50 }, (_, f) =>
      packet(`f${f}-req`, f, [
        ['client', f, f + 1],
        ['node/k8s-node1', f + 100, f + 101],
      ]),
    ).flat();
    const t3 = buildTimeline(many);
    const f = frameAt(t3, 60);
    expect(f.sprites).toHaveLength(50);
    expect(new Set(f.sprites.map((s) => s.flowId)).size).toBe(50);
  });
});
