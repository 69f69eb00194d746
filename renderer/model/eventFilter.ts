/**
 * The event list's filter: free text (a Pod, an address, an action, `#12` for request 12) and chips
 * for action, outcome, node and request. Pure, so the list stays a function of (events, filter).
 * Chips of one kind are OR'ed (dnat or snat), kinds and the text are AND'ed.
 */
import type { Outcome, PacketEvent } from '../../src/model/trace';
import { componentLabel } from '../../src/model/componentId';

export interface EventFilter {
  text: string;
  actions: readonly string[];
  outcomes: readonly Outcome[];
  nodes: readonly string[];
  /** 0-based flow ids. */
  requests: readonly number[];
}

export const NO_FILTER: EventFilter = { text: '', actions: [], outcomes: [], nodes: [], requests: [] };

export function isFiltering(f: EventFilter): boolean {
  return f.text.trim() !== '' || f.actions.length + f.outcomes.length + f.nodes.length + f.requests.length > 0;
}

/** Whether request `flowId`'s outcome is on screen yet (playback reveals outcomes as it reaches them). */
export type OutcomeKnown = (flowId: number) => boolean;
/** Every outcome counts (a finished run, or tests). */
export const ALL_KNOWN: OutcomeKnown = () => true;

/** Each request's outcome, read off the event that carries it (the flow's last), if it is known yet. */
export function flowOutcomes(events: readonly PacketEvent[], known: OutcomeKnown = ALL_KNOWN): Map<number, Outcome> {
  const out = new Map<number, Outcome>();
  for (const e of events) if (e.outcome && known(e.flowId)) out.set(e.flowId, e.outcome);
  return out;
}

export interface ChipChoices {
  actions: string[];
  /** Only outcomes already shown: a chip never tells how a request ends before playback does. */
  outcomes: Outcome[];
  nodes: string[];
  /** Number of requests in the run. */
  requests: number;
}

/** What the chips can offer for this run: actions and outcomes in first-seen order, nodes sorted. */
export function chipChoices(events: readonly PacketEvent[], known: OutcomeKnown = ALL_KNOWN): ChipChoices {
  const actions = new Set<string>();
  const nodes = new Set<string>();
  let requests = 0;
  for (const e of events) {
    actions.add(e.action);
    if (e.node) nodes.add(e.node);
    requests = Math.max(requests, e.flowId + 1);
  }
  return { actions: [...actions], outcomes: [...new Set(flowOutcomes(events, known).values())], nodes: [...nodes].sort(), requests };
}

function haystack(e: PacketEvent): string {
  return `#${e.flowId + 1} ${componentLabel(e.at)} ${e.at} ${e.node ?? ''} ${e.action} ${e.packet.src} ${e.packet.dst} ${e.packet.protocol}`.toLowerCase();
}

/**
 * Indices (into `events`) of the rows the filter keeps. `#N` in the text keeps request N only;
 * every other word must appear in the row (at, node, action, addresses, protocol). An outcome chip
 * keeps the requests whose outcome is that one and already shown.
 */
export function filterEvents(events: readonly PacketEvent[], f: EventFilter, known: OutcomeKnown = ALL_KNOWN): number[] {
  const all = events.map((_, i) => i);
  if (!isFiltering(f)) return all;
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  const wantedFlows = new Set(f.requests);
  const plain: string[] = [];
  for (const w of words) {
    const m = /^#(\d+)$/.exec(w);
    if (m) wantedFlows.add(Number(m[1]) - 1);
    else plain.push(w);
  }
  const outcomes = f.outcomes.length > 0 ? flowOutcomes(events, known) : null;
  return all.filter((i) => {
    const e = events[i];
    if (f.actions.length > 0 && !f.actions.includes(e.action)) return false;
    if (f.nodes.length > 0 && !(e.node && f.nodes.includes(e.node))) return false;
    if (wantedFlows.size > 0 && !wantedFlows.has(e.flowId)) return false;
    if (outcomes) {
      const o = outcomes.get(e.flowId);
      if (!o || !f.outcomes.includes(o)) return false;
    }
    if (plain.length === 0) return true;
    const h = haystack(e);
    return plain.every((w) => h.includes(w));
  });
}

/** A chip pressed again lets go. */
export function toggled<T>(list: readonly T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}
