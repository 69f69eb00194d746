/** Short-lived notices of what an operation did. */
import { useCallback, useRef, useState } from 'react';

export interface Toast {
  id: number;
  title: string;
  lines: string[];
  tone: 'ok' | 'danger';
  /** What the user can do next (a button each); taking one dismisses the toast. */
  actions?: { label: string; title?: string; run(): void }[];
}

export function useToasts(): { toasts: Toast[]; push(t: Omit<Toast, 'id'>): void; dismiss(id: number): void } {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (t: Omit<Toast, 'id'>) => {
      const id = next.current++;
      setToasts((ts) => [...ts.slice(-3), { ...t, id }]);
      // A toast that offers an action stays long enough to take it.
      setTimeout(() => dismiss(id), t.tone === 'danger' || t.actions?.length ? 15000 : 7000);
    },
    [dismiss],
  );
  return { toasts, push, dismiss };
}

export function Toasts({ toasts, dismiss }: { toasts: Toast[]; dismiss(id: number): void }) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast tone-${t.tone}`}>
          <div className="toast-head">
            <strong>{t.title}</strong>
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
          {t.lines.map((l, i) => (
            <div key={i} className="toast-line">
              {l}
            </div>
          ))}
          {t.actions && t.actions.length > 0 && (
            <div className="toast-actions">
              {t.actions.map((a) => (
                <button
                  key={a.label}
                  type="button"
                  title={a.title}
                  onClick={() => {
                    dismiss(t.id);
                    a.run();
                  }}
                >
                  {a.label}
                </button>
              ))}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
