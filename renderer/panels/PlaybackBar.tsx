/** Play/Pause, Step back/forward, speed and the Timeline scrubber. */
import { useMemo, type ReactNode } from 'react';
import type { ShownRun } from '../../src/model/trace';
import type { PlaybackController } from '../playback/controller';
import { SPEEDS } from '../playback/clock';
import { revealThreshold } from '../playback/timeline';
import { runResults, runSummary } from '../model/results';
import { formatSimTime, usePlaybackState } from '../playback/usePlayback';
import { playbackCommand } from '../input/keymap';
import { runCommand } from './runCommand';
import { RolloutMarks } from './RolloutMarks';

export interface PlaybackBarProps {
  controller: PlaybackController;
  /** The current run: its summary ("2 delivered, 1 timeout") counts the outcomes playback has shown. */
  run: ShownRun | null;
  /** More controls at the bar's end (Export run / Open run). */
  children?: ReactNode;
}

export function PlaybackBar({ controller, run, children }: PlaybackBarProps) {
  const s = usePlaybackState(controller);
  const threshold = revealThreshold(s.timeline, s.selected);
  const summary = useMemo(() => (run ? runSummary(run, runResults(run, s.timeline, threshold)) : null), [run, s.timeline, threshold]);
  const n = s.timeline.events.length;
  const empty = n === 0;
  const current = s.selected >= 0 ? s.selected + 1 : 0;
  const valueText = empty ? 'no run' : `${formatSimTime(s.time)}, hop event ${current} of ${n}`;
  return (
    <div className="playback-bar" role="toolbar" aria-label="Playback">
      <div className="transport">
        <button
          type="button"
          className="icon-btn"
          aria-label="Jump to start"
          title="Jump to start (Home)"
          disabled={empty}
          onClick={() => controller.home()}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M3 3h2v10H3zM13 3v10L6 8z" />
          </svg>
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="Step back"
          title="Step back (←)"
          disabled={empty || s.selected <= 0}
          onClick={() => controller.stepBack()}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M11 3v10L4 8zM12 3h2v10h-2z" />
          </svg>
        </button>
        <button
          type="button"
          className={`icon-btn play ${s.playing ? 'playing' : ''}`}
          aria-label={s.playing ? 'Pause' : 'Play'}
          title={s.playing ? 'Pause (Space)' : 'Play (Space)'}
          disabled={empty}
          onClick={() => controller.toggle()}
        >
          {s.playing ? (
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M4 3h3v10H4zM9 3h3v10H9z" />
            </svg>
          ) : (
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M4 2.5v11L13 8z" />
            </svg>
          )}
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="Step forward"
          title="Step forward (→)"
          disabled={empty || s.selected >= n - 1}
          onClick={() => controller.stepForward()}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M5 3v10l7-5zM2 3h2v10H2z" />
          </svg>
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="Jump to end"
          title="Jump to end (End)"
          disabled={empty}
          onClick={() => controller.end()}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M11 3h2v10h-2zM3 3v10l7-5z" />
          </svg>
        </button>
      </div>
      <label className="speed">
        <span>Speed</span>
        <select aria-label="Speed" value={s.speed} onChange={(e) => controller.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((v) => (
            <option key={v} value={v}>
              {v}×
            </option>
          ))}
        </select>
      </label>
      <div className="timeline-track">
        <input
          className="timeline"
          type="range"
          aria-label="Timeline"
          aria-valuetext={valueText}
          min={0}
          max={Math.max(s.maxPosition, 0)}
          step="any"
          value={s.position}
          disabled={empty}
          onChange={(e) => controller.seekPosition(Number(e.target.value))}
          onKeyDown={(e) => {
            // Arrows step hop by hop here too, instead of nudging the slider by an arbitrary amount.
            const cmd = playbackCommand({ key: e.key, tag: 'INPUT', inputType: 'range' });
            if (!cmd) return;
            e.preventDefault();
            e.stopPropagation();
            runCommand(controller, cmd);
          }}
        />
        <RolloutMarks controller={controller} run={run} timeline={s.timeline} selected={s.selected} />
      </div>
      <div className="readout" aria-live="off">
        <span className="mono">{empty ? '—' : formatSimTime(s.time)}</span>
        <span className="muted">{empty ? 'no run yet' : `hop ${current}/${n}`}</span>
      </div>
      {summary && (
        <div className="run-summary" title={summary}>
          {summary}
        </div>
      )}
      {children}
    </div>
  );
}
