/** The outcomes a trace can end with, as a list: what an expectation may name and a matrix may hold. */
import type { Outcome } from '../model/trace';

/** `unresolved` (a name that does not resolve) is in the CLI contract; listed here ahead of the engine. */
export type TraceOutcome = Outcome | 'unresolved';

/** A record, not an array, so that an outcome added to `Outcome` and missing here fails to compile. */
const KNOWN: Record<TraceOutcome, true> = {
  delivered: true,
  refused: true,
  dropped: true,
  timeout: true,
  unreachable: true,
  unresolved: true,
};

/** In the contract's order. */
export const TRACE_OUTCOMES = Object.keys(KNOWN) as readonly TraceOutcome[];

export function isTraceOutcome(text: string): text is TraceOutcome {
  return Object.prototype.hasOwnProperty.call(KNOWN, text);
}
