/**
 * Below 1400 px wide, once there is a run, the packet inspector, the details (or the Source view),
 * the scenarios and the problems share one column as tabs instead of taking two and a dock column: the map keeps two thirds of a laptop's
 * width, so its Pod IPs stay readable. Choosing something on the map (or opening a file:line) shows
 * Details; a new run shows Packet.
 */
import { useState, type ReactNode } from 'react';
import { panelId, TabList, tabId } from './TabList';

/** The window width under which the side panels are tabs (styles/base.css uses the same). */
export const SIDE_TABS_QUERY = '(max-width: 1399px)';

const TABS = ['Packet', 'Details', 'Scenarios', 'Problems'] as const;
type SideTab = (typeof TABS)[number];

export interface SideTabsProps {
  inspector: ReactNode;
  details: ReactNode;
  scenarios: ReactNode;
  problems: ReactNode;
  /** Errors and warnings, counted on the Problems tab. */
  problemCount: number;
  /** What is chosen on the map or opened in the Source view (changes show Details). */
  chosen: unknown;
  /** The run (a new one shows Packet). */
  run: unknown;
}

export function SideTabs({ inspector, details, scenarios, problems, problemCount, chosen, run }: SideTabsProps) {
  const [tab, setTab] = useState<SideTab>('Packet');
  // Adjusted while rendering, as React advises for state that follows props.
  const [seen, setSeen] = useState({ chosen, run });
  if (seen.chosen !== chosen || seen.run !== run) {
    setSeen({ chosen, run });
    if (seen.run !== run) setTab('Packet');
    else if (chosen) setTab('Details');
  }
  const panels: Record<SideTab, ReactNode> = { Packet: inspector, Details: details, Scenarios: scenarios, Problems: problems };
  return (
    <aside className="side side-tabs">
      <TabList<SideTab>
        className="side-tablist"
        label="Side panels"
        prefix="side"
        tabs={TABS}
        active={tab}
        onChange={setTab}
        extra={(t) => (t === 'Problems' && problemCount > 0 ? <span className="tab-count">{problemCount}</span> : null)}
      />
      {TABS.map((t) => (
        <div
          key={t}
          role="tabpanel"
          id={panelId('side', t)}
          aria-labelledby={tabId('side', t)}
          hidden={tab !== t}
          className="side-tabpanel"
        >
          {panels[t]}
        </div>
      ))}
    </aside>
  );
}
