/**
 * The human-readable form of `kube-traffic trace` (without --json): per request, a hop table in
 * which every NAT rewrite is spelled out (`dst 10.96.0.12:9000 → 10.244.1.2:8080`), then the
 * outcome and its reason, then the response path with its reverse NAT.
 */
import type { Hop, Trace, TraceRun } from '../model/trace';
import { formatTable } from './kubectl/tabwriter';

const HOP_COLUMNS = ['HOP', 'AT', 'ACTION', 'SRC', 'DST', 'REWRITE', 'NOTE'];

/** What this hop changed in the packet compared with how the previous hop let it go. */
function rewrite(prev: Hop | undefined, hop: Hop): string {
  // A send or reply starts a connection of its own (an L7 proxy's upstream, or its answer): nothing was rewritten.
  // So does each DNS message (a query, its answer).
  if (!prev || hop.action === 'send' || hop.action === 'reply' || prev.dns !== hop.dns) return '';
  const parts: string[] = [];
  if (prev.src !== hop.src) parts.push(`src ${prev.src} → ${hop.src}`);
  if (prev.dst !== hop.dst) parts.push(`dst ${prev.dst} → ${hop.dst}`);
  return parts.join(', ');
}

function note(hop: Hop): string {
  if (hop.rule && hop.note) return `${hop.note} [${hop.rule}]`;
  return hop.note ?? (hop.rule ? `[${hop.rule}]` : '');
}

export function formatHops(hops: readonly Hop[]): string {
  const rows = [HOP_COLUMNS];
  hops.forEach((h, i) => rows.push([String(i + 1), h.at, h.action, h.src, h.dst, rewrite(hops[i - 1], h), note(h)]));
  return formatTable(rows)
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

function formatOne(trace: Trace, title: string): string {
  let out = `${title}\n${formatHops(trace.hops)}`;
  out += `outcome: ${trace.outcome}: ${trace.reason}\n`;
  if (trace.dns) {
    const d = trace.dns;
    const tried = d.queries.map((q) => `${q.name} ${q.rcode}`).join(', ');
    out += `dns: ${d.name} → ${d.answers.length > 0 ? d.answers.join(', ') : d.rcode} from ${d.server} (${tried})\n`;
  }
  if (trace.http) out += `http: ${trace.http.host}${trace.http.path} → ${trace.http.status}\n`;
  if (trace.pod) {
    const where = [trace.container ? `container ${trace.container}` : '', trace.node ? `on ${trace.node}` : ''].filter(Boolean).join(' ');
    out += `pod: ${trace.pod}${where ? ` (${where})` : ''}\n`;
  }
  if (trace.response && trace.response.hops.length > 0) {
    out += `response:\n${formatHops(trace.response.hops)}`;
  }
  return out;
}

/** Every trace of a run, separated by a blank line. */
export function formatTraceRun(run: TraceRun): string {
  const n = run.traces.length;
  const arrow = `${run.request.from} → ${run.request.to}`;
  return run.traces.map((t, i) => formatOne(t, n > 1 ? `request ${i + 1} of ${n}: ${arrow}` : `request: ${arrow}`)).join('\n');
}
