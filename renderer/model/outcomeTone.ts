/** The colour tone of a run's outcome, one table for every panel that shows outcomes (inspector, Results). */
export const OUTCOME_TONE: Readonly<Record<string, string>> = {
  delivered: 'ok',
  refused: 'danger',
  dropped: 'danger',
  timeout: 'warn',
  unreachable: 'danger',
  unresolved: 'warn',
};
