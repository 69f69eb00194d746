import { describe, expect, it } from 'vitest';
import type { Outcome, TraceRun } from '../../../src/model/trace';
import { OUTCOMES, predictionVerdict } from '../../../renderer/model/prediction';

function run(...outcomes: [Outcome, string][]): TraceRun {
  return {
    request: { from: 'external', to: 'svc/web:80', count: outcomes.length },
    traces: outcomes.map(([outcome, reason]) => ({ outcome, reason, hops: [] })),
    events: [],
    duration: 0,
  } as unknown as TraceRun;
}

describe('predict first: the verdict', () => {
  it('offers every outcome the contract names, in its order', () => {
    expect(OUTCOMES).toEqual(['delivered', 'refused', 'dropped', 'timeout', 'unreachable', 'unresolved']);
  });

  it('says what was predicted and what it was, with the engine’s reason', () => {
    const r = run(['refused', 'nothing listens on 10.244.1.2:8080: the Pod answers with a TCP RST']);
    expect(predictionVerdict(r, 'delivered')).toEqual({
      correct: false,
      text: 'You predicted delivered — it was refused.',
      reason: 'nothing listens on 10.244.1.2:8080: the Pod answers with a TCP RST',
      request: 1,
    });
    expect(predictionVerdict(r, 'refused')).toMatchObject({ correct: true, text: 'You predicted refused — it was refused.' });
  });

  it('over several requests: counts each outcome and explains the first one that was not as guessed', () => {
    const r = run(['delivered', 'a'], ['timeout', 'b'], ['delivered', 'c']);
    expect(predictionVerdict(r, 'delivered')).toEqual({
      correct: false,
      text: 'You predicted delivered — they were 2 delivered, 1 timeout.',
      reason: 'b',
      request: 2,
    });
    expect(predictionVerdict(run(['delivered', 'a'], ['delivered', 'b']), 'delivered')).toMatchObject({
      correct: true,
      text: 'You predicted delivered — they were delivered.',
      reason: 'a',
    });
  });

  it('has nothing to say about a run without requests', () => {
    expect(predictionVerdict(run(), 'delivered')).toBeNull();
  });
});
