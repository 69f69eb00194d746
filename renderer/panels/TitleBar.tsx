/** App title, the open folder, and cluster-wide actions (open another folder, re-apply it, reset, system Pods). */
import { useEffect, useRef, useState } from 'react';
import type { KubeTrafficApi } from '../../src/api/contract';
import { apiMode } from '../bridge/api';

export type AppView = 'map' | 'reach';

export interface TitleBarProps {
  api: KubeTrafficApi;
  /** The cluster map, or the Reachability heat map in its place. */
  view: AppView;
  onView(v: AppView): void;
  folder: string | null;
  busy: boolean;
  showSystemPods: boolean;
  onShowSystemPods(v: boolean): void;
  onOpen(path?: string): void;
  /** kubectl apply -f on the open folder (re-creates a deleted bare Pod). */
  onApply(): void;
  applyTitle: string;
  onReset(): void;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.slice(-2).join('/') || path;
}

export function TitleBar(props: TitleBarProps) {
  const { api, view, onView, folder, busy, showSystemPods, onShowSystemPods, onOpen, onApply, applyTitle, onReset } = props;
  const [open, setOpen] = useState(false);
  const [recent, setRecent] = useState<string[]>([]);
  const [path, setPath] = useState('');
  const popover = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (!open) return;
    api.getRecentFolders().then(setRecent, () => setRecent([]));
    const close = (e: MouseEvent) => {
      if (popover.current && !popover.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open, api]);

  return (
    <header className="title-bar">
      <div className="brand">
        <svg viewBox="0 0 24 24" className="logo" aria-hidden="true">
          <path d="M12 2l8.7 5v10L12 22l-8.7-5V7z" />
          <circle cx="12" cy="12" r="3" />
        </svg>
        <span className="app-name">Kube Traffic</span>
      </div>
      {folder && (
        <span className="folder-name" title={folder}>
          {baseName(folder)}
        </span>
      )}
      <div className="view-switch" role="group" aria-label="View">
        <button type="button" aria-pressed={view === 'map'} onClick={() => onView('map')}>
          Cluster map
        </button>
        <button type="button" aria-pressed={view === 'reach'} onClick={() => onView('reach')} disabled={!folder}>
          Reachability
        </button>
      </div>
      <div className="spacer" />
      <label className="toggle">
        <input type="checkbox" checked={showSystemPods} onChange={(e) => onShowSystemPods(e.target.checked)} />
        <span>kube-system Pods</span>
      </label>
      <div className="popover-anchor" ref={popover}>
        <button type="button" onClick={() => setOpen((v) => !v)} aria-expanded={open} aria-haspopup="dialog">
          Open folder…
        </button>
        {open && (
          <div className="popover" role="dialog" aria-label="Open folder">
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (path.trim()) {
                  onOpen(path.trim());
                  setOpen(false);
                }
              }}
            >
              <input
                type="text"
                aria-label="Folder path"
                placeholder="/path/to/manifests"
                value={path}
                onChange={(e) => setPath(e.target.value)}
                autoFocus
                spellCheck={false}
              />
              <button type="submit" disabled={!path.trim()}>
                Open
              </button>
            </form>
            {apiMode() === 'electron' && (
              <button
                type="button"
                className="link-btn"
                onClick={() => {
                  onOpen();
                  setOpen(false);
                }}
              >
                Browse…
              </button>
            )}
            {recent.length > 0 && (
              <>
                <div className="muted small">Recent</div>
                <ul className="recent">
                  {recent.map((r) => (
                    <li key={r}>
                      <button
                        type="button"
                        className="link-btn"
                        title={r}
                        onClick={() => {
                          onOpen(r);
                          setOpen(false);
                        }}
                      >
                        {r}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
      <button type="button" onClick={onApply} disabled={busy || !folder} title={applyTitle}>
        Re-apply folder
      </button>
      <button type="button" onClick={onReset} disabled={busy} title="Forget deletions, scaling and cordons: rebuild from the folder">
        Reset cluster
      </button>
    </header>
  );
}
