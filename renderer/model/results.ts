/**
 * A run's results as the Results panel and the Pod cards show them: one row per request (its outcome,
 * the Pod that answered, that Pod's node, the client address the Pod saw) and a tally per endpoint —
 * the "requests to one Service land on different Pods" lesson at a glance. Pure, from the run and the
 * timeline; an outcome counts only once playback has shown the hop that decides it.
 */
import type { Outcome, PacketEvent, ShownRun } from '../../src/model/trace';
import { canonicalKey, parseComponentId, displayName } from '../../src/model/componentId';
import { outcomeRevealed, type Timeline } from '../playback/timeline';
import { httpSummary } from './proxy';

export interface ResultRow {
  /** 1-based request number, as the event list and the packets number them. */
  n: number;
  /** Null until playback reaches the hop that decides it. */
  outcome: Outcome | null;
  /** The Pod that received the request (`pod-1`, `ns/pod-1` outside default), when one did. */
  pod?: string;
  /** Its key (`pod/NS/NAME`), to count on the Pod cards. */
  podKey?: string;
  node?: string;
  /** The source address the Pod saw (its peer's IP): the client's own, or a node's after SNAT. */
  clientSeen?: string;
  /** HTTP status where an L7 proxy answered. */
  http?: number;
}

export interface EndpointTally {
  pod: string;
  podKey: string;
  node?: string;
  count: number;
}

export interface RunResults {
  rows: ResultRow[];
  /** Endpoints that answered, most requests first (then by name). */
  tally: EndpointTally[];
  /** Requests whose outcome is shown, by outcome. */
  outcomes: Partial<Record<Outcome, number>>;
  /** How many requests have an outcome on screen. */
  revealed: number;
}

function addressOnly(hostPort: string): string {
  const colon = hostPort.lastIndexOf(':');
  const host = colon > 0 ? hostPort.slice(0, colon) : hostPort;
  return host.replace(/^\[|\]$/g, '');
}

/** The last request-direction delivery to a Pod in each flow: where the request ended up (behind an Ingress, the upstream). */
function deliveries(events: readonly PacketEvent[]): Map<number, PacketEvent> {
  const byFlow = new Map<number, PacketEvent>();
  for (const e of events) {
    if (e.direction !== 'request' || e.action !== 'deliver' || !e.at.startsWith('pod/')) continue;
    const seen = byFlow.get(e.flowId);
    if (!seen || e.hopIndex >= seen.hopIndex) byFlow.set(e.flowId, e);
  }
  return byFlow;
}

const deliveryMemo = new WeakMap<Timeline, Map<number, PacketEvent>>();

function deliveriesOf(tl: Timeline): Map<number, PacketEvent> {
  let d = deliveryMemo.get(tl);
  if (!d) deliveryMemo.set(tl, (d = deliveries(tl.events)));
  return d;
}

/** Requests each Pod received among those whose outcome is shown (key `pod/NS/NAME`): the `×6` on the Pod cards. */
export function endpointCounts(tl: Timeline, shown: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [flow, e] of deliveriesOf(tl)) {
    if (!outcomeRevealed(tl, flow, shown)) continue;
    const key = canonicalKey(e.at);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** `shown`: the event index on screen (the playback's selection); every outcome up to it is revealed. */
export function runResults(run: ShownRun | null, tl: Timeline, shown: number): RunResults {
  const empty: RunResults = { rows: [], tally: [], outcomes: {}, revealed: 0 };
  if (!run) return empty;
  const delivered = deliveriesOf(tl);
  const rows: ResultRow[] = [];
  const tally = new Map<string, EndpointTally>();
  const outcomes: Partial<Record<Outcome, number>> = {};
  let revealed = 0;
  run.traces.forEach((trace, f) => {
    const open = outcomeRevealed(tl, f, shown);
    const row: ResultRow = { n: f + 1, outcome: open ? trace.outcome : null };
    const d = delivered.get(f);
    const id = d ? parseComponentId(d.at) : null;
    if (open && d && id) {
      row.pod = displayName(id.namespace, id.name);
      row.podKey = canonicalKey(d.at);
      row.node = d.node ?? trace.node;
      row.clientSeen = addressOnly(d.packet.src);
      const t = tally.get(row.podKey) ?? { pod: row.pod, podKey: row.podKey, node: row.node, count: 0 };
      t.count += 1;
      tally.set(row.podKey, t);
    }
    if (open) {
      revealed += 1;
      outcomes[trace.outcome] = (outcomes[trace.outcome] ?? 0) + 1;
      if (trace.http) row.http = trace.http.status;
    }
    rows.push(row);
  });
  const sorted = [...tally.values()].sort((a, b) => b.count - a.count || a.pod.localeCompare(b.pod));
  return { rows, tally: sorted, outcomes, revealed };
}

/**
 * `3 delivered, 1 refused · 2 on the way` for what playback has shown so far; through an Ingress
 * controller also what nginx answered, since "delivered" alone hides a 404 or 503.
 */
export function runSummary(run: ShownRun, r: RunResults): string {
  const total = run.traces.length;
  const parts = Object.entries(r.outcomes).map(([k, n]) => `${n} ${k}`);
  if (parts.length === 0) return total > 0 ? `${total} request${total === 1 ? '' : 's'} on the way…` : '';
  const pending = total - r.revealed;
  const shown = run.traces.filter((_, f) => r.rows[f]?.outcome !== null);
  const http = httpSummary(shown);
  const text = http ? `${parts.join(', ')} · ${http}` : parts.join(', ');
  return pending > 0 ? `${text} · ${pending} on the way` : text;
}
