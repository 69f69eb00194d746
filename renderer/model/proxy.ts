/**
 * How the view speaks of an L7 proxy hop (ingress-nginx). The engine decides the route and writes
 * the hop's note; this module only lays that note out — the request it read as lines of a request,
 * the rest as prose — and words the HTTP status the run ended with.
 */
import type { PacketEvent, TraceVerdict } from '../../src/model/trace';

export interface ProxyRequestView {
  /** Who read it: `ingress-nginx in POD ends the client's connection and reads`. */
  intro: string;
  /** The connection was TLS (nginx terminated it before reading). */
  tls: boolean;
  /** `GET /api HTTP/1.1`, then `Name: value` header lines, as on the wire. */
  lines: string[];
  /** The route it chose or the answer it gave (`Ingress shop matches path /api (Prefix) → Service api:80; …`). */
  rest: string;
}

/** The request line and its headers in the note: `[TLS, then ]GET PATH HTTP/1.1 · Host: … · … · X-Real-IP: ADDR`. */
const REQUEST = /(TLS, then )?(GET \S+ HTTP\/1\.1(?: · [^·;]+?)*? · X-Real-IP: [0-9a-fA-F.:]+)/;

/** The proxy hop's note split into the request it read and what it did; null for any other hop. */
export function proxyRequestView(e: Pick<PacketEvent, 'action' | 'explanation'>): ProxyRequestView | null {
  if (e.action !== 'proxy') return null;
  const m = REQUEST.exec(e.explanation);
  if (!m) return null;
  const intro = e.explanation.slice(0, m.index).replace(/[:\s]+$/, '');
  const rest = e.explanation
    .slice(m.index + m[0].length)
    .replace(/^(?:;\s*|\s*→\s*)/, '')
    .trim();
  return { intro, tls: m[1] !== undefined, lines: m[2].split(' · '), rest };
}

/** `L7 ingress-nginx · GET /api`: the label a packet shows while nginx reads its request. */
export function proxyLabel(e: Pick<PacketEvent, 'action' | 'explanation'>): string | null {
  if (e.action !== 'proxy') return null;
  const view = proxyRequestView(e);
  return view ? `L7 ingress-nginx · ${view.lines[0].replace(/ HTTP\/1\.1$/, '')}` : 'L7 ingress-nginx';
}

const STATUS_WORDS: Record<number, string> = {
  200: '200 OK',
  308: '308 Permanent Redirect (ssl-redirect to https)',
  404: '404 from the default backend (no Ingress rule matches)',
  502: '502 Bad Gateway (the backend refused or was unreachable)',
  503: '503 Service Unavailable (the backend Service has no ready endpoints)',
  504: '504 Gateway Timeout (the backend did not answer)',
};

/** `HTTP 200 OK`, `HTTP 404 from the default backend …`: the status an L7 proxy answered with. */
export function httpStatusText(http: NonNullable<TraceVerdict['http']>): string {
  return `HTTP ${STATUS_WORDS[http.status] ?? String(http.status)}`;
}

/** `HTTP 200 ×2, 404 ×1` over a run's traces; null when no proxy answered any of them. */
export function httpSummary(traces: readonly TraceVerdict[]): string | null {
  const counts = new Map<number, number>();
  for (const t of traces) if (t.http) counts.set(t.http.status, (counts.get(t.http.status) ?? 0) + 1);
  if (counts.size === 0) return null;
  const parts = [...counts].sort(([a], [b]) => a - b).map(([status, n]) => (n > 1 ? `${status} ×${n}` : String(status)));
  return `HTTP ${parts.join(', ')}`;
}
