/**
 * The engine worker's entry point, a worker_threads Worker started by host/engineThread.ts with a
 * heap limit. Runs one folder job per message. The result is serialized here (v8.serialize: the
 * structured-clone format) and its buffer transferred, so a cluster over the size budget is refused
 * before the main thread would spend its own time deserializing it.
 */
import * as v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerConfig, WorkerReply, WorkerRequest } from './engineProtocol';
import { runFolderJob } from './folderJob';

function reply(request: WorkerRequest, config: WorkerConfig): { message: WorkerReply; transfer: ArrayBuffer[] } {
  try {
    const bytes = v8.serialize(runFolderJob(request.job));
    if (bytes.length > config.resultBytes) return { message: { id: request.id, kind: 'too-large', bytes: bytes.length }, transfer: [] };
    // A Buffer may be a view into a larger (pooled) ArrayBuffer: transfer exactly its bytes.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const payload = (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
    return { message: { id: request.id, kind: 'result', payload }, transfer: [payload] };
  } catch (error) {
    return { message: { id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
}

const port = parentPort;
if (port) {
  const config = workerData as WorkerConfig;
  port.on('message', (request: WorkerRequest) => {
    const { message, transfer } = reply(request, config);
    port.postMessage(message, transfer);
  });
}
