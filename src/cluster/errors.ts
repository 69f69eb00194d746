/** An operation that cannot proceed, with the words kubectl would print. */
export class ClusterOperationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterOperationError';
  }
}

export function notFound(resource: string, name: string): ClusterOperationError {
  return new ClusterOperationError(`Error from server (NotFound): ${resource} "${name}" not found`);
}
