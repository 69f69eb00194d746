/**
 * A WAI-ARIA tab list: one tab stop, ArrowLeft/ArrowRight (and Home/End) move between the tabs and
 * choose them. The panels are the caller's: each is `role="tabpanel"` with `id={panelId(prefix, t)}`.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export const tabId = (prefix: string, t: string) => `${prefix}-tab-${t}`;
export const panelId = (prefix: string, t: string) => `${prefix}-panel-${t}`;

export interface TabListProps<T extends string> {
  label: string;
  /** Ids of the tabs and their panels start with it (unique in the page). */
  prefix: string;
  tabs: readonly T[];
  active: T;
  onChange(t: T): void;
  /** Besides `tab-strip` (styles/details.css), which every strip has. */
  className?: string;
  /** Extra content after a tab's name (a count). */
  extra?(t: T): ReactNode;
}

export function TabList<T extends string>({ label, prefix, tabs, active, onChange, className, extra }: TabListProps<T>) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (ev: KeyboardEvent<HTMLButtonElement>) => {
    const i = tabs.indexOf(active);
    const n = tabs.length;
    const next =
      ev.key === 'ArrowRight'
        ? (i + 1) % n
        : ev.key === 'ArrowLeft'
          ? (i + n - 1) % n
          : ev.key === 'Home'
            ? 0
            : ev.key === 'End'
              ? n - 1
              : -1;
    if (next < 0) return;
    // The arrows are the tabs' here, not playback's (the window's step keys).
    ev.preventDefault();
    ev.stopPropagation();
    onChange(tabs[next]!);
    buttons.current[next]?.focus();
  };
  return (
    <div className={`tab-strip ${className ?? ''}`} role="tablist" aria-label={label}>
      {tabs.map((t, i) => (
        <button
          key={t}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          role="tab"
          id={tabId(prefix, t)}
          aria-selected={active === t}
          aria-controls={panelId(prefix, t)}
          tabIndex={active === t ? 0 : -1}
          onClick={() => onChange(t)}
          onKeyDown={onKey}
        >
          {t}
          {extra?.(t)}
        </button>
      ))}
    </div>
  );
}
