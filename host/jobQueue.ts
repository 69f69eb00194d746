/**
 * Runs the session's cluster-changing tasks one after another, so a reload never lands on top of an
 * operation made while it ran. Opening a folder starts a new generation: tasks queued for the old
 * folder are skipped when their turn comes.
 */
export const SUPERSEDED = Symbol('superseded');

export class JobQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private current = 0;

  get generation(): number {
    return this.current;
  }

  /** Skips every task queued so far that has not started yet. */
  nextGeneration(): number {
    this.current += 1;
    return this.current;
  }

  /** Runs `task` after every task queued before it; SUPERSEDED when a new generation began first. */
  enqueue<T>(task: () => Promise<T> | T): Promise<T | typeof SUPERSEDED> {
    const generation = this.current;
    const run = this.tail.then(() => (generation === this.current ? task() : SUPERSEDED));
    // One failed task must not stop the queue.
    this.tail = run.catch(() => undefined);
    return run;
  }
}
