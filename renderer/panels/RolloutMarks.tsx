/** The run's cluster changes (rollout steps, Pods Ready / Terminating / gone) as marks under the Timeline slider. */
import { useMemo } from 'react';
import type { ShownRun } from '../../src/model/trace';
import type { PlaybackController } from '../playback/controller';
import type { Timeline } from '../playback/timeline';
import { changeMarks } from '../model/changeMarks';

export interface RolloutMarksProps {
  controller: PlaybackController;
  run: ShownRun | null;
  timeline: Timeline;
  /** The hop shown now: marks already passed are drawn filled. */
  selected: number;
}

export function RolloutMarks({ controller, run, timeline, selected }: RolloutMarksProps) {
  const marks = useMemo(() => changeMarks(run, timeline), [run, timeline]);
  if (marks.length === 0) return null;
  const last = timeline.events.length - 1;
  return (
    <div className="change-marks" role="group" aria-label="Rollout steps">
      {marks.map((m) => {
        const at = m.eventIndex === -1 ? last : m.eventIndex;
        return (
          <button
            key={m.key}
            type="button"
            className={`change-mark ${selected >= at ? 'passed' : ''}`}
            style={{ left: `calc(8px + (100% - 16px) * ${m.fraction})` }}
            aria-label={m.label}
            title={m.title}
            onClick={() => (m.eventIndex === -1 ? controller.end() : controller.selectEvent(m.eventIndex))}
          />
        );
      })}
    </div>
  );
}
