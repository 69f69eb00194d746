/** Which hops leave an outcome marker (drop, reject, timeout, delivered…) and of which kind. */
import type { Outcome, PacketEvent } from '../../src/model/trace';

export type MarkerKind = Outcome | 'drop' | 'reject';

const FAILURE_ACTIONS: Partial<Record<PacketEvent['action'], MarkerKind>> = {
  drop: 'drop',
  reject: 'reject',
  rst: 'refused',
  abort: 'refused',
  timeout: 'timeout',
};

/** The marker an event leaves behind, if any. */
export function markerKind(e: PacketEvent): MarkerKind | undefined {
  // Where the client gave up waiting, it says so ("timed out"), whatever the run's outcome is called.
  if (e.action === 'timeout') return 'timeout';
  if (e.outcome) return e.outcome;
  return FAILURE_ACTIONS[e.action];
}
