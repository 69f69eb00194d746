/**
 * Running a cluster operation (delete, scale, cordon, drain, apply, reset) from the UI: the API call,
 * the snapshot it returns, a toast saying what changed, and the inspector kept on a deleted Pod's
 * replacement.
 */
import { useCallback, useLayoutEffect, useRef } from 'react';
import type { ClusterOperation, ClusterSnapshot, KubeTrafficApi } from '../../src/api/contract';
import { describeChange, isStrandedBarePod, replacementOf } from '../model/describeChange';
import { objectKey } from '../../src/model/componentId';
import type { Toast } from '../panels/Toasts';
import type { ClusterState } from './useCluster';

type Pod = ClusterSnapshot['pods'][number];

/** `kubectl apply -f` on the open folder, offered after a bare Pod is deleted and in the title bar. */
const APPLY_LABEL = 'Re-apply folder (kubectl apply -f)';
export const APPLY_TITLE =
  'kubectl apply -f on the open folder: re-create what the folder declares and the cluster lacks (a deleted bare Pod comes back, with a new IP)';

export interface OperateDeps {
  api: KubeTrafficApi;
  cluster: ClusterState;
  push(toast: Omit<Toast, 'id'>): void;
  setBusy(busy: boolean): void;
  /** Selects an object in the inspector by its key. */
  select(key: string): void;
}

export interface Operations {
  operate(op: ClusterOperation, title: string): Promise<void>;
  /** Forgets the Pods deleted so far: a newly opened folder has no history to compare with. */
  forgetDeleted(): void;
}

export function useOperate({ api, cluster, push, setBusy, select }: OperateDeps): Operations {
  // Operations compare the cluster before and after; a toast's action may run long after the toast
  // was made, so they read the latest snapshot from here rather than from their closure.
  const snapshotRef = useRef(cluster.snapshot);
  useLayoutEffect(() => {
    snapshotRef.current = cluster.snapshot;
  }, [cluster.snapshot]);
  // Pods deleted in this session as last seen, so re-applying the folder can say what changed.
  const gone = useRef(new Map<string, Pod>());

  // A toast's "Re-apply folder" runs the latest operate, which is made below.
  const operateRef = useRef<((op: ClusterOperation, title: string) => Promise<void>) | null>(null);

  const operate = useCallback(
    async (op: ClusterOperation, title: string): Promise<void> => {
      const before = snapshotRef.current;
      if (!before) return;
      setBusy(true);
      try {
        const r = await api.operate(op);
        if (r.ok) {
          const after = r.value;
          cluster.accept(after);
          const lines = describeChange(op, before, after, gone.current);
          const stranded = isStrandedBarePod(op, before, after);
          const remaining = new Set(after.pods.map((p) => `${p.namespace}/${p.name}`));
          for (const p of before.pods) if (!remaining.has(`${p.namespace}/${p.name}`)) gone.current.set(`${p.namespace}/${p.name}`, p);
          for (const key of remaining) gone.current.delete(key);
          push({
            title,
            lines,
            tone: 'ok',
            // A deleted bare Pod stays gone until its manifest is applied again: offer exactly that.
            actions: stranded
              ? [{ label: APPLY_LABEL, title: APPLY_TITLE, run: () => void operateRef.current?.({ op: 'apply' }, 'Re-apply folder') }]
              : undefined,
          });
          // Keep the inspector on the Pod that took the deleted one's place.
          if (op.op === 'deletePod') {
            const next = replacementOf(op, before, after);
            if (next) select(objectKey('pod', next.namespace, next.name));
          }
        } else push({ title: `${title} failed`, lines: [r.error], tone: 'danger' });
      } catch (e) {
        push({ title: `${title} failed`, lines: [e instanceof Error ? e.message : String(e)], tone: 'danger' });
      } finally {
        setBusy(false);
      }
    },
    [api, cluster, push, setBusy, select],
  );
  useLayoutEffect(() => {
    operateRef.current = operate;
  }, [operate]);

  const forgetDeleted = useCallback(() => gone.current.clear(), []);

  return { operate, forgetDeleted };
}
