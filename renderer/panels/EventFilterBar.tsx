/**
 * Above the event list: the `Filter events` box (text, `#N`) and toggle chips for action, outcome,
 * node and request, and a way to clear them all. Filtering narrows the rows
 * only; playback still plays every hop.
 */
import { memo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Outcome } from '../../src/model/trace';
import { type ChipChoices, type EventFilter, isFiltering, NO_FILTER, toggled } from '../model/eventFilter';
import { FlowDot } from './FlowDot';

/** Past this many nodes or requests, the text box (`k8s-node3`, `#57`) reaches them rather than a chip each. */
const MAX_NODE_CHIPS = 12;
const MAX_REQUEST_CHIPS = 24;

function Chip({ pressed, onToggle, kind, children }: { pressed: boolean; onToggle(): void; kind: string; children: ReactNode }) {
  return (
    <button type="button" tabIndex={-1} className={`chip-toggle chip-${kind}`} aria-pressed={pressed} onClick={onToggle}>
      {children}
    </button>
  );
}

function ChipGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="chip-group" role="group" aria-label={label}>
      {children}
    </div>
  );
}

export const EventFilterBar = memo(function EventFilterBar({
  choices,
  filter,
  onFilter,
}: {
  choices: ChipChoices;
  filter: EventFilter;
  onFilter(f: EventFilter): void;
}) {
  const filtering = isFiltering(filter);
  // The chips are one tab stop (a toolbar): ←/→, Home/End move between them, Space/Enter toggle.
  const [chipAt, setChipAt] = useState(0);
  const chips = (el: HTMLElement) => [...el.querySelectorAll<HTMLButtonElement>('button.chip-toggle')];
  const onChipKey = (ev: KeyboardEvent<HTMLDivElement>) => {
    const all = chips(ev.currentTarget);
    const at = all.indexOf(ev.target as HTMLButtonElement);
    if (at < 0) return;
    const to =
      ev.key === 'ArrowRight' ? at + 1 : ev.key === 'ArrowLeft' ? at - 1 : ev.key === 'Home' ? 0 : ev.key === 'End' ? all.length - 1 : null;
    if (to === null) return;
    // These keys are the toolbar's here, not playback's (← / → step, Home/End jump).
    ev.preventDefault();
    ev.stopPropagation();
    const next = Math.max(0, Math.min(all.length - 1, to));
    setChipAt(next);
    all[next]?.focus();
  };
  const onChipFocus = (ev: { currentTarget: HTMLDivElement; target: EventTarget }) => {
    const at = chips(ev.currentTarget).indexOf(ev.target as HTMLButtonElement);
    if (at >= 0) setChipAt(at);
  };
  return (
    <div className="event-filter">
      <input
        type="text"
        aria-label="Filter events"
        placeholder="Filter: Pod, address, action, node, #N"
        spellCheck={false}
        value={filter.text}
        onChange={(ev) => onFilter({ ...filter, text: ev.target.value })}
        onKeyDown={(ev) => {
          if (ev.key === 'Escape' && filter.text) onFilter({ ...filter, text: '' });
        }}
      />
      <div
        className="chip-groups"
        role="toolbar"
        aria-label="Filter chips"
        onKeyDown={onChipKey}
        onFocus={onChipFocus}
        data-tab-chip={chipAt}
        ref={(el) => {
          // The roving tab stop: the chip last focused (the first at the start), clamped as chips come and go.
          if (!el) return;
          const all = chips(el);
          all.forEach((b, i) => (b.tabIndex = i === Math.min(chipAt, all.length - 1) ? 0 : -1));
        }}
      >
        <ChipGroup label="Action">
          {choices.actions.map((a) => (
            <Chip
              key={a}
              kind="action"
              pressed={filter.actions.includes(a)}
              onToggle={() => onFilter({ ...filter, actions: toggled(filter.actions, a) })}
            >
              {a}
            </Chip>
          ))}
        </ChipGroup>
        {choices.outcomes.length > 0 && (
          <ChipGroup label="Outcome">
            {choices.outcomes.map((o: Outcome) => (
              <Chip
                key={o}
                kind="outcome"
                pressed={filter.outcomes.includes(o)}
                onToggle={() => onFilter({ ...filter, outcomes: toggled(filter.outcomes, o) })}
              >
                {o}
              </Chip>
            ))}
          </ChipGroup>
        )}
        {choices.nodes.length > 0 && choices.nodes.length <= MAX_NODE_CHIPS && (
          <ChipGroup label="Node">
            {choices.nodes.map((n) => (
              <Chip
                key={n}
                kind="node"
                pressed={filter.nodes.includes(n)}
                onToggle={() => onFilter({ ...filter, nodes: toggled(filter.nodes, n) })}
              >
                {n}
              </Chip>
            ))}
          </ChipGroup>
        )}
        {choices.requests > 1 && choices.requests <= MAX_REQUEST_CHIPS && (
          <ChipGroup label="Request">
            {Array.from({ length: choices.requests }, (_, id) => (
              <Chip
                key={id}
                kind="request"
                pressed={filter.requests.includes(id)}
                onToggle={() => onFilter({ ...filter, requests: toggled(filter.requests, id) })}
              >
                <FlowDot flowId={id} direction="request" />#{id + 1}
              </Chip>
            ))}
          </ChipGroup>
        )}
      </div>
      {filtering && (
        <button type="button" className="chip-clear" onClick={() => onFilter(NO_FILTER)}>
          Clear filter
        </button>
      )}
    </div>
  );
});
