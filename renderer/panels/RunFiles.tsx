/**
 * Export run / Open run: a run saved as one self-contained JSON file (request, traces, packet events
 * and the cluster snapshot, src/api/runFile.ts) and played again from it. Saved through api.saveFile
 * (a Save dialog in Electron, a download in browser mode); opened with the browser's file picker.
 */
import { useRef } from 'react';
import type { ClusterSnapshot, KubeTrafficApi } from '../../src/api/contract';
import type { ShownRun } from '../../src/model/trace';
import { parseRunFile, runFile, type RunFile } from '../../src/api/runFile';

export interface RunFilesProps {
  api: KubeTrafficApi;
  run: ShownRun | null;
  request: RunFile['request'] | null;
  snapshot: ClusterSnapshot | null;
  onOpen(file: RunFile, name: string): void;
  /** A run file that would not open, or an export that failed (`title` then says so). */
  onError(message: string, title?: string): void;
}

/** `kube-traffic-run-external-node-k8s-node1-30000.json`: what was sent, safe as a file name. */
export function runFileName(request: RunFile['request']): string {
  const what = `${request.from}-${request.to}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `kube-traffic-run-${what.slice(0, 80) || 'run'}.json`;
}

export function RunFiles({ api, run, request, snapshot, onOpen, onError }: RunFilesProps) {
  const input = useRef<HTMLInputElement | null>(null);

  const exportRun = async () => {
    if (!run || !request || !snapshot) return;
    const data = JSON.stringify(runFile(request, run, snapshot));
    try {
      const saved = await api.saveFile({ suggestedName: runFileName(request), data, mimeType: 'application/json' });
      if (!saved.ok) onError(saved.error, 'Could not export the run');
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e), 'Could not export the run');
    }
  };

  const open = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseRunFile(await file.text());
    if (parsed.ok) onOpen(parsed.value, file.name);
    else onError(`${file.name}: ${parsed.error}`);
  };

  return (
    <div className="run-files">
      <button type="button" disabled={!run || !request || !snapshot} onClick={() => void exportRun()} title="Save this run as a JSON file">
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
