/**
 * Export run / Open run: a run saved as one self-contained JSON file (request, traces, packet events
 * and the cluster snapshot, src/api/runFile.ts) and played again from it. Plain browser file APIs, so
 * it works the same in the Electron window and in browser mode.
 */
import { useRef } from 'react';
import type { ClusterSnapshot } from '../../src/api/contract';
import type { TraceRun } from '../../src/model/trace';
import { parseRunFile, runFile, type RunFile } from '../../src/api/runFile';

export interface RunFilesProps {
  run: TraceRun | null;
  request: RunFile['request'] | null;
  snapshot: ClusterSnapshot | null;
  onOpen(file: RunFile, name: string): void;
  onError(message: string): void;
}

/** `kube-traffic-run-external-node-k8s-node1-30000.json`: what was sent, safe as a file name. */
export function runFileName(request: RunFile['request']): string {
  const what = `${request.from}-${request.to}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `kube-traffic-run-${what.slice(0, 80) || 'run'}.json`;
}

export function RunFiles({ run, request, snapshot, onOpen, onError }: RunFilesProps) {
  const input = useRef<HTMLInputElement | null>(null);

  const exportRun = () => {
    if (!run || !request || !snapshot) return;
    const blob = new Blob([JSON.stringify(runFile(request, run, snapshot))], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = runFileName(request);
    document.body.appendChild(a);
    a.click();
    a.remove();
    // Revoked after the click has been handled (the download holds its own reference by then).
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const open = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseRunFile(await file.text());
    if (parsed.ok) onOpen(parsed.value, file.name);
    else onError(`${file.name}: ${parsed.error}`);
  };

  return (
    <div className="run-files">
      <button type="button" disabled={!run || !request || !snapshot} onClick={exportRun} title="Save this run as a JSON file">
        Export run
      </button>
      <button type="button" onClick={() => input.current?.click()} title="Play a run exported before">
        Open run…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Run file"
        hidden
        onChange={(e) => {
          void open(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </div>
  );
}
