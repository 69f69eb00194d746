/** A bad `--from` / `--to` (syntax or unknown name). The CLI maps it to exit status 2. */
export class TraceUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceUsageError';
  }
}
