/**
 * The bottom dock (Event list, Problems). It takes room only when it has something to show: with no
 * run and no problems it is one compact line; otherwise it has a height the user sets with the
 * splitter on its top edge (drag, or arrows; Enter or a double-click collapses it to its headers,
 * as the WAI-ARIA window-splitter pattern has it). The height is remembered across sessions.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

export interface DockProps {
  /** Nothing to show (no run, no problems): one line, no splitter. */
  compact: boolean;
  /** There are problems to read: they get a wider column. */
  problems: boolean;
  children: ReactNode;
}

const STORAGE_KEY = 'kube-traffic.dockHeight';
export const DOCK_DEFAULT = 224;
/** Headers and about two rows. */
export const DOCK_MIN = 104;
/** Headers only. */
const DOCK_COLLAPSED = 34;
const STEP = 26;

/** The dock never takes more than this share of the window, so the cluster stays in view. */
function maxHeight(): number {
  return Math.max(DOCK_MIN, Math.round(window.innerHeight * 0.6));
}

/**
 * It opens at most this tall (about 30% of the window), whatever height was remembered: the map keeps
 * its detail after the first Send. Taller is a drag away.
 */
export function openingHeight(remembered: number, windowHeight: number): number {
  return Math.min(remembered, Math.max(DOCK_MIN, Math.round(windowHeight * 0.3)));
}

export function clampDock(h: number, max: number): number {
  return Math.round(Math.min(Math.max(h, DOCK_MIN), max));
}

function stored(): number {
  try {
    const v = Number(window.localStorage.getItem(STORAGE_KEY));
    return Number.isFinite(v) && v > 0 ? v : DOCK_DEFAULT;
  } catch {
    return DOCK_DEFAULT;
  }
}

export function Dock({ compact, problems, children }: DockProps) {
  const [height, setHeight] = useState(() => openingHeight(stored(), window.innerHeight));
  const [collapsed, setCollapsed] = useState(false);
  const drag = useRef<{ y: number; h: number } | null>(null);
  const [max, setMax] = useState(maxHeight);

  // Until the user sizes it in this window, it follows the window's height (at most 30%).
  const sized = useRef(false);
  useEffect(() => {
    const onResize = () => {
      setMax(maxHeight());
      if (!sized.current) setHeight(openingHeight(stored(), window.innerHeight));
    };
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const commit = useCallback((h: number) => {
    sized.current = true;
    setCollapsed(false);
    setHeight(h);
    try {
      window.localStorage.setItem(STORAGE_KEY, String(h));
    } catch {
      // Storage may be unavailable (private mode); the height just is not remembered.
    }
  }, []);

  const shown = clampDock(height, max);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { y: e.clientY, h: collapsed ? DOCK_COLLAPSED : shown };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const h = d.h - (e.clientY - d.y);
    // Dragged below the minimum: it snaps shut, as a collapsed dock.
    if (h < DOCK_MIN - 30) setCollapsed(true);
    else commit(clampDock(h, max));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const h = collapsed ? DOCK_COLLAPSED : shown;
    let next: number;
    if (e.key === 'ArrowUp') next = h + STEP;
    else if (e.key === 'ArrowDown') next = h - STEP;
    else if (e.key === 'Home') next = DOCK_MIN;
    else if (e.key === 'End') next = max;
    else if (e.key === 'Enter') {
      e.preventDefault();
      setCollapsed((c) => !c);
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
    if (next < DOCK_MIN && e.key === 'ArrowDown') setCollapsed(true);
    else commit(clampDock(next, max));
  };

  const cls = ['bottom', compact ? 'compact' : '', !compact && collapsed ? 'collapsed' : '', problems ? 'has-problems' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} style={compact ? undefined : { height: collapsed ? DOCK_COLLAPSED : shown }}>
      {!compact && (
        <div
          className="dock-splitter"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize the event list and problems"
          aria-valuemin={DOCK_COLLAPSED}
          aria-valuemax={max}
          aria-valuenow={collapsed ? DOCK_COLLAPSED : shown}
          aria-valuetext={collapsed ? 'collapsed' : `${shown} pixels`}
          tabIndex={0}
          title="Drag to resize; double-click or Enter to collapse or expand"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onDoubleClick={() => setCollapsed((c) => !c)}
          onKeyDown={onKeyDown}
        />
      )}
      {children}
    </div>
  );
}
