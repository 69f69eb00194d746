/** The current snapshot and request choices, kept fresh through onSnapshot. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClusterSnapshot, KubeTrafficApi, RequestChoices } from '../../src/api/contract';

export interface ClusterState {
  snapshot: ClusterSnapshot | null;
  choices: RequestChoices | null;
  /** Why there is no snapshot (engine unreachable…). */
  error: string | null;
  /** Take a snapshot returned by an operation without waiting for the push. */
  accept(s: ClusterSnapshot): void;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function useCluster(api: KubeTrafficApi): ClusterState {
  const [snapshot, setSnapshot] = useState<ClusterSnapshot | null>(null);
  const [choices, setChoices] = useState<RequestChoices | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef<{ folder: string; revision: number } | null>(null);

  const accept = useCallback((s: ClusterSnapshot) => {
    const cur = latest.current;
    // Revisions only grow within a folder; a different folder always wins.
    if (cur && cur.folder === s.folder && s.revision < cur.revision) return;
    latest.current = { folder: s.folder, revision: s.revision };
    setSnapshot(s);
    setError(null);
  }, []);

  useEffect(() => {
    let live = true;
    const unsubscribe = api.onSnapshot((s) => live && accept(s));
    api.getSnapshot().then(
      (s) => live && accept(s),
      (e: unknown) => live && setError(`Could not load the cluster: ${message(e)}`),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, accept]);

  const revisionKey = snapshot ? `${snapshot.folder}#${snapshot.revision}` : '';
  useEffect(() => {
    if (!revisionKey) return;
    let live = true;
    api.getChoices().then(
      (c) => live && setChoices(c),
      (e: unknown) => live && setError(`Could not list request targets: ${message(e)}`),
    );
    return () => {
      live = false;
    };
  }, [api, revisionKey]);

  return { snapshot, choices, error, accept };
}
