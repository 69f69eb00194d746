/**
 * Predict first: after Send, a [group] `Your prediction` asks how the request will end; the run's
 * packets, hops and outcomes stay off screen until a guess is picked. Then playback shows the run,
 * and once it has revealed every outcome the panel says "You predicted X — it was Y" and why.
 */
import { useEffect, useRef } from 'react';
import type { Outcome, ShownRun } from '../../src/model/trace';
import { OUTCOME_HINT, OUTCOMES, predictionVerdict } from '../model/prediction';
import { OUTCOME_TONE } from '../model/outcomeTone';
import type { PlaybackController, PlaybackState } from '../playback/controller';
import { usePlaybackSelector } from '../playback/usePlayback';

export interface PredictionPanelProps {
  controller: PlaybackController;
  run: ShownRun;
  /** Null until the student has picked. */
  guess: Outcome | null;
  onGuess(outcome: Outcome): void;
}

/** Whether playback has shown the hop that decides every request's outcome. */
function allRevealed(s: PlaybackState): boolean {
  const steps = s.timeline.revealSteps;
  return steps.length > 0 && s.selected >= steps[steps.length - 1]!;
}

export function PredictionPanel({ controller, run, guess, onGuess }: PredictionPanelProps) {
  const revealed = usePlaybackSelector(controller, allRevealed);
  // The button pressed goes away with the question: the keyboard focus moves to the answer's panel, not to the page.
  const answer = useRef<HTMLElement | null>(null);
  const asked = guess === null;
  useEffect(() => {
    if (!asked && document.activeElement === document.body) answer.current?.focus();
  }, [asked]);
  const n = run.traces.length;
  const what = `${run.request.from} → ${run.request.to}`;
  if (guess === null) {
    return (
      <section className="panel prediction" aria-label="Predict first">
        <header className="panel-header">
          <h2>Predict first</h2>
        </header>
        <p>
          How will {n === 1 ? 'this request' : `these ${n} requests`} end? <span className="mono">{what}</span>
        </p>
        <div className="prediction-choices" role="group" aria-label="Your prediction">
          {OUTCOMES.map((o) => (
            <button
              key={o}
              type="button"
              className={`tone-${OUTCOME_TONE[o] ?? 'muted'}`}
              title={OUTCOME_HINT[o]}
              onClick={() => onGuess(o)}
            >
              {o}
            </button>
          ))}
        </div>
        <p className="muted">The packets, hops and outcome stay hidden until you pick; then playback shows what happens.</p>
      </section>
    );
  }
  const verdict = revealed ? predictionVerdict(run, guess) : null;
  return (
    <section className="panel prediction" aria-label="Predict first" ref={answer} tabIndex={-1}>
      <header className="panel-header">
        <h2>Predict first</h2>
      </header>
      <div role="status" className="prediction-verdict">
        {verdict ? (
          <>
            <p className={verdict.correct ? 'tone-ok' : 'tone-danger'}>
              <strong>{verdict.text}</strong> {verdict.correct ? 'Well predicted.' : ''}
            </p>
            <p>
              {n > 1 ? `Request #${verdict.request}: ` : ''}
              {verdict.reason}
            </p>
          </>
        ) : (
          <p>
            You predicted <strong>{guess}</strong>. Watch the packet{n > 1 ? 's' : ''}: the outcome shows when playback gets there.
          </p>
        )}
      </div>
    </section>
  );
}
