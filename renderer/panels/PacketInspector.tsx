/** The selected hop, Packet Tracer's PDU window: headers (rewritten fields flash), action, why, rule, YAML refs, outcome. */
import type { TraceRun } from '../../src/model/trace';
import { componentLabel } from '../../src/model/componentId';
import type { PlaybackController } from '../playback/controller';
import { outcomeRevealed, previousHop } from '../playback/timeline';
import { formatSimTime, useSlowPlaybackState } from '../playback/usePlayback';
import { policyVerdict } from '../model/policies';
import { natLabel } from '../viz/drawPackets';
import { httpStatusText } from '../model/proxy';
import { DnsMessage } from './DnsMessage';
import { ProxyRequest } from './ProxyRequest';
import { ShieldIcon } from './ShieldIcon';

const ACTION_TEXT: Record<string, string> = {
  send: 'Sent',
  dnat: 'Destination NAT (DNAT)',
  snat: 'Source NAT (SNAT / masquerade)',
  forward: 'Forwarded',
  encap: 'Encapsulated (flannel VXLAN)',
  decap: 'Decapsulated (flannel VXLAN)',
  deliver: 'Delivered to a socket',
  drop: 'Dropped',
  reject: 'Rejected',
  rst: 'Connection refused (TCP RST)',
  abort: 'Connection refused (SCTP ABORT)',
  'un-nat': 'Reverse NAT (conntrack)',
  lb: 'Load balancer',
  timeout: 'Timed out',
  reply: 'Reply',
  allow: 'Allowed by NetworkPolicy (Calico)',
  proxy: 'L7 (ingress-nginx): reads the HTTP request and routes it',
};

const OUTCOME_TONE: Record<string, string> = {
  delivered: 'ok',
  refused: 'danger',
  dropped: 'danger',
  timeout: 'warn',
  unreachable: 'danger',
  unresolved: 'warn',
};

export function PacketInspector({ controller, run }: { controller: PlaybackController; run: TraceRun | null }) {
  const s = useSlowPlaybackState(controller);
  const e = s.selected >= 0 ? s.timeline.events[s.selected] : undefined;
  if (!e) {
    return (
      <section className="panel inspector" role="region" aria-label="Packet inspector">
        <header className="panel-header">
          <h2>Packet inspector</h2>
        </header>
        <p className="panel-empty">
          Send a request, then step through its hops: each hop's headers, what rewrote them and the YAML behind the verdict show here.
        </p>
      </section>
    );
  }
  const prev = previousHop(s.timeline, e);
  const trace = run?.traces[e.flowId];
  // How the request ended stays hidden until playback gets there (or the user steps there).
  const ended = trace && outcomeRevealed(s.timeline, e.flowId, s.selected) ? trace : undefined;
  const nat = natLabel(e);
  const verdict = policyVerdict(e);
  const rows: { field: 'src' | 'dst'; label: string }[] = [
    { field: 'src', label: 'Source' },
    { field: 'dst', label: 'Destination' },
  ];
  return (
    // While playing, the flashes stay off: an animation would restyle and repaint the panel every frame.
    <section className={`panel inspector ${s.playing ? 'playing' : ''}`} role="region" aria-label="Packet inspector">
      <header className="panel-header">
        <h2>Packet inspector</h2>
        <span className="muted">
          hop {s.selected + 1} of {s.timeline.events.length}
        </span>
      </header>
      <div className="inspector-body">
        <div className="hop-title">
          <span className={`flow-dot flow-${(e.flowId % 8) + 1} ${e.direction}`} aria-hidden="true" />
          <strong>{componentLabel(e.at)}</strong>
          {e.node && !e.at.startsWith('node/') && <span className="muted"> on {e.node}</span>}
        </div>
        <div className="hop-sub muted">
          Request {e.flowId + 1} · {e.direction} · {formatSimTime(e.arrive)}
          {e.time > e.arrive ? ` → ${formatSimTime(e.time)}` : ''}
          {e.from ? ` · from ${componentLabel(e.from)}` : ''}
        </div>
        <div className="action-line">
          <span className={`action action-${e.action}`}>{e.action}</span>{' '}
          {verdict && !verdict.allowed ? 'Dropped by NetworkPolicy (Calico)' : (ACTION_TEXT[e.action] ?? e.action)}
          {verdict && (
            <span className={`policy-pill ${verdict.allowed ? 'allowed' : 'denied'}`}>
              <ShieldIcon direction={verdict.direction} />
              {verdict.direction}
            </span>
          )}
          {nat && (
            <span key={`${e.packetId}:${e.seq}`} className="nat-pill">
              {nat}
            </span>
          )}
          {e.action === 'proxy' && trace?.http && (
            <span className={`http-pill status-${Math.floor(trace.http.status / 100)}xx`}>HTTP {trace.http.status}</span>
          )}
        </div>
        {/* At an L7 hop the request nginx read comes first; the TCP headers below are the connection it ends. */}
        {e.action === 'proxy' && <ProxyRequest e={e} />}
        {e.dns && <DnsMessage m={e.dns} />}
        <table className="headers">
          <tbody>
            <tr>
              <th>Protocol</th>
              <td className="mono">
                {e.packet.protocol}
                {e.packet.flags ? ` [${e.packet.flags}]` : ''}
              </td>
            </tr>
            {rows.map((r) => {
              const changed = e.changed.includes(r.field);
              return (
                <tr key={r.field} className={changed ? 'changed' : ''}>
                  <th>{r.label}</th>
                  <td className="mono">
                    {/* Keyed by hop so the flash replays on every rewrite. */}
                    <span key={`${e.packetId}:${e.seq}`} className={changed ? 'flash' : ''}>
                      {e.packet[r.field]}
                    </span>
                    {changed && prev && <span className="was"> was {prev.packet[r.field]}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {e.action !== 'proxy' && <p className="explanation">{e.explanation}</p>}
        {e.rule && (
          <div className="rule">
            <span className="muted">Rule</span> <code>{e.rule}</code>
          </div>
        )}
        {e.refs.length > 0 && (
          <div className="refs">
            <div className="muted">From your manifests</div>
            <ul>
              {e.refs.map((r, i) => (
                <li key={i}>
                  <code className="loc">
                    {r.file}:{r.line}
                  </code>{' '}
                  <code>{r.label}</code>
                  {r.path && <span className="muted"> ({r.path})</span>}
                </li>
              ))}
            </ul>
          </div>
        )}
        {(e.outcome || ended) && (
          <div className={`outcome tone-${OUTCOME_TONE[e.outcome ?? ended?.outcome ?? ''] ?? 'muted'}`}>
            <strong>
              {e.outcome ? `Outcome: ${e.outcome}` : `Request ${e.flowId + 1} ends: ${ended!.outcome}`}
              {/* Through an Ingress, "delivered" alone would hide a 404 or a 503: the status nginx answered. */}
              {ended?.http && <span className="http-status"> · {httpStatusText(ended.http)}</span>}
            </strong>
            {ended?.reason && <span> — {ended.reason}</span>}
            {ended?.refs && ended.refs.length > 0 && (
              <ul>
                {ended.refs.map((r, i) => (
                  <li key={i}>
                    <code className="loc">
                      {r.file}:{r.line}
                    </code>{' '}
                    <code>{r.label}</code>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
