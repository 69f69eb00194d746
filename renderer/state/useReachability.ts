/**
 * The reachability matrix for a request, fetched from the host while the view is open, and again
 * whenever the cluster changes (`revisionKey`): every cell is a trace of the cluster as it is now.
 */
import { useEffect, useState } from 'react';
import type { KubeTrafficApi, Reachability, ReachabilityRequest } from '../../src/api/contract';

export type ReachState =
  { status: 'loading'; matrix: Reachability | null } | { status: 'ok'; matrix: Reachability } | { status: 'error'; error: string };

export function useReachability(api: KubeTrafficApi, request: ReachabilityRequest, revisionKey: string): ReachState {
  const [state, setState] = useState<ReachState>({ status: 'loading', matrix: null });
  const key = JSON.stringify([request, revisionKey]);
  // A new request or cluster: loading again, keeping the last matrix on screen until the new one comes
  // (adjusted while rendering, as React advises for state that follows a prop).
  const [seenKey, setSeenKey] = useState(key);
  if (key !== seenKey) {
    setSeenKey(key);
    setState((s) => ({ status: 'loading', matrix: s.status === 'error' ? null : s.matrix }));
  }

  useEffect(() => {
    let live = true;
    const req = JSON.parse(key)[0] as ReachabilityRequest;
    api.getReachability(req).then(
      (r) => live && setState(r.ok ? { status: 'ok', matrix: r.value } : { status: 'error', error: r.error }),
      (e: unknown) => live && setState({ status: 'error', error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [api, key]);

  return state;
}
