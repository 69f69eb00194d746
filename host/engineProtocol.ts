/** The messages between the host (host/engineThread.ts) and its engine worker (host/engineWorker.ts). */
import type { FolderJob } from './folderJob';

export interface WorkerRequest {
  id: number;
  job: FolderJob;
}

export type WorkerReply =
  /** The FolderJobResult, serialized by V8 (the structured-clone format) into a transferred buffer. */
  | { id: number; kind: 'result'; payload: ArrayBuffer }
  /** The result is over the size budget: it is not sent at all. */
  | { id: number; kind: 'too-large'; bytes: number }
  /** The job threw (a bug, or a stack overflow): its message. */
  | { id: number; kind: 'error'; message: string };

/** Fixed for the worker's lifetime. */
export interface WorkerConfig {
  resultBytes: number;
}
