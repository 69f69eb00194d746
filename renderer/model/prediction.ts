/**
 * Predict first (Packet Tracer's way of teaching): the run's outcomes stay hidden until the student
 * has guessed how the requests end; then playback shows it and the verdict compares. Pure.
 */
import type { Outcome, ShownRun } from '../../src/model/trace';
import { OUTCOMES } from './reach';

export { OUTCOMES };

/** What each guess means, for the buttons' titles (the words a student may not know yet). */
export const OUTCOME_HINT: Readonly<Record<Outcome, string>> = {
  delivered: 'a Pod (or host) receives it and answers',
  refused: 'something answers with a reset or ICMP: nothing listens there',
  dropped: 'a rule drops it silently (a NetworkPolicy): the client waits in vain',
  timeout: 'no answer comes back in time (an outside address nobody answers)',
  unreachable: 'no route to the address (ICMP host unreachable)',
  unresolved: 'the name does not resolve (DNS)',
};

export interface PredictionVerdict {
  /** Every request ended as guessed. */
  correct: boolean;
  /** `You predicted refused — it was delivered.` */
  text: string;
  /** The engine's reason for the request that teaches most: the first one that was not as guessed. */
  reason: string;
  /** Its 1-based number. */
  request: number;
}

/** `delivered`, or `2 delivered, 1 refused` when the requests ended differently. */
function outcomesText(run: ShownRun): string {
  const counts = new Map<Outcome, number>();
  for (const t of run.traces) counts.set(t.outcome, (counts.get(t.outcome) ?? 0) + 1);
  if (counts.size === 1) return [...counts.keys()][0]!;
  return [...counts].map(([o, n]) => `${n} ${o}`).join(', ');
}

export function predictionVerdict(run: ShownRun, guess: Outcome): PredictionVerdict | null {
  if (run.traces.length === 0) return null;
  const wrong = run.traces.findIndex((t) => t.outcome !== guess);
  const at = wrong >= 0 ? wrong : 0;
  const many = run.traces.length > 1;
  const actual = outcomesText(run);
  return {
    correct: wrong < 0,
    text: `You predicted ${guess} — ${many ? `they were ${actual}` : `it was ${actual}`}.`,
    reason: run.traces[at]!.reason,
    request: at + 1,
  };
}
