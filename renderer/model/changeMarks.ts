/**
 * The run's cluster changes (rollout steps, Pods Ready or Terminating or gone) as marks on the
 * playback timeline. Changes that happened at the same moment share one mark, so marks never pile
 * up; each mark sits where the first request sent after it starts, and jumps there.
 */
import type { RunChange, ShownRun } from '../../src/model/trace';
import { maxPosition, positionOfEvent, type Timeline } from '../playback/timeline';

export interface ChangeMark {
  key: string;
  /** Accessible name and title: when (seconds into the run, the cluster clock, which request) and what happened. */
  label: string;
  /** 0..1 along the timeline. */
  fraction: number;
  /** The first hop at or after the change (-1: after the last request, i.e. the end). */
  eventIndex: number;
  /** The same, one line per change (the tooltip). */
  title: string;
}

export function changeMarks(run: ShownRun | null, tl: Timeline): ChangeMark[] {
  const changes = run?.changes;
  if (!run || !changes || changes.length === 0 || tl.events.length === 0) return [];
  const started = run.startedAt ?? changes[0].at;
  const max = maxPosition(tl);
  const groups: RunChange[][] = [];
  for (const ch of changes) {
    const last = groups[groups.length - 1];
    if (last && last[0].at === ch.at && last[0].request === ch.request) last.push(ch);
    else groups.push([ch]);
  }
  return groups.map((g, i) => {
    const { at, request } = g[0];
    const eventIndex = tl.events.findIndex((e) => e.flowId >= request);
    const position = eventIndex === -1 ? max : positionOfEvent(tl, eventIndex);
    const when = `${formatSeconds(at - started)} into the run (cluster clock ${formatSeconds(at)})`;
    const where = request < run.traces.length ? `before request ${request + 1}` : 'after the last request';
    const texts = g.map((ch) => ch.text);
    return {
      key: `${i}-${at}-${request}`,
      label: `${when}, ${where}: ${texts.join('; ')}`,
      title: `${when}, ${where}:\n${texts.join('\n')}`,
      fraction: max > 0 ? position / max : 0,
      eventIndex,
    };
  });
}

function formatSeconds(s: number): string {
  return `${Number.isInteger(s) ? s : s.toFixed(3)} s`;
}
