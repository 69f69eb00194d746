/**
 * Below 1400 px wide, once there is a run, the packet inspector and the details (or the Source view)
 * share one column as tabs instead of taking two and a dock column: the map keeps two thirds of a
 * laptop's width, so its Pod IPs stay readable. Scenarios and Problems sit under the tabs, folded to
 * their headers (FoldHeading) but always on screen: Save scenario and the problem count stay one
 * click away whichever tab is chosen. Choosing something on the map (or opening a file:line) shows
 * Details; a new run shows Packet.
 */
import { useState, type ReactNode } from 'react';
import { panelId, TabList, tabId } from './TabList';

/** The window width under which the side panels are tabs (styles/base.css uses the same). */
export const SIDE_TABS_QUERY = '(max-width: 1399px)';

const TABS = ['Packet', 'Details'] as const;
type SideTab = (typeof TABS)[number];

export interface SideTabsProps {
  inspector: ReactNode;
  details: ReactNode;
  /** Scenarios and Problems, folded (their `fold` prop), below the tabs. */
  folded: ReactNode;
  /** What is chosen on the map or opened in the Source view (changes show Details). */
  chosen: unknown;
  /** The run (a new one shows Packet). */
  run: unknown;
}

export function SideTabs({ inspector, details, folded, chosen, run }: SideTabsProps) {
  const [tab, setTab] = useState<SideTab>('Packet');
  // Adjusted while rendering, as React advises for state that follows props.
  const [seen, setSeen] = useState({ chosen, run });
  if (seen.chosen !== chosen || seen.run !== run) {
    setSeen({ chosen, run });
    if (seen.run !== run) setTab('Packet');
    else if (chosen) setTab('Details');
  }
  const panels: Record<SideTab, ReactNode> = { Packet: inspector, Details: details };
  return (
    <aside className="side side-tabs">
      <TabList<SideTab> className="side-tablist" label="Side panels" prefix="side" tabs={TABS} active={tab} onChange={setTab} />
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
      <div className="side-folded">{folded}</div>
    </aside>
  );
}
