/**
 * The selected hop, Packet Tracer's PDU window. Pinned on top: where the packet is, what the hop did
 * and the IP header with its rewritten fields. Below, three tabs: Headers (L3/L4, the VXLAN outer
 * header on overlay hops, why), Rules (the netfilter rules the hop walked, as iptables-save prints
 * them) and YAML (the manifest lines behind the verdict). The tab body scrolls back to the top on
 * every hop.
 */
import { memo, useState } from 'react';
import type { KubeTrafficApi } from '../../src/api/contract';
import type { LabelledRef } from '../../src/model/source';
import type { PacketEvent, TraceVerdict, ShownRun } from '../../src/model/trace';
import { componentLabel } from '../../src/model/componentId';
import { panelId, TabList, tabId } from './TabList';
import type { PlaybackController } from '../playback/controller';
import { outcomeRevealed, previousHop } from '../playback/timeline';
import { formatSimTime, useSlowPlaybackState } from '../playback/usePlayback';
import { policyVerdict } from '../model/policies';
import { natLabel } from '../viz/drawPackets';
import { httpStatusText } from '../model/proxy';
import { OUTCOME_TONE } from '../model/outcomeTone';
import { SourceLink } from '../source/SourceLink';
import { SourceExcerpt } from '../source/SourceExcerpt';
import { DnsMessage } from './DnsMessage';
import { FlowDot } from './FlowDot';
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

const TABS = ['Headers', 'Rules', 'YAML'] as const;
type Tab = (typeof TABS)[number];

function splitAddr(addr: string): [string, string] {
  const i = addr.lastIndexOf(':');
  return i < 0 ? [addr, ''] : [addr.slice(0, i), addr.slice(i + 1)];
}

/** L3/L4 fields of the packet as it leaves the hop, then the outer header when flannel wraps it. */
function HeadersTab({ e, prev }: { e: PacketEvent; prev: PacketEvent | undefined }) {
  const [srcIP, srcPort] = splitAddr(e.packet.src);
  const [dstIP, dstPort] = splitAddr(e.packet.dst);
  const was = (field: 'src' | 'dst', part: 0 | 1): string | null => {
    if (!prev || !e.changed.includes(field)) return null;
    const before = splitAddr(prev.packet[field])[part];
    const now = splitAddr(e.packet[field])[part];
    return before !== now ? before : null;
  };
  const rows: { name: string; value: string; changed: string | null }[] = [
    { name: 'IPv4 src', value: srcIP, changed: was('src', 0) },
    { name: 'IPv4 dst', value: dstIP, changed: was('dst', 0) },
    { name: 'Protocol', value: e.packet.protocol, changed: null },
    { name: `${e.packet.protocol} src port`, value: srcPort, changed: was('src', 1) },
    { name: `${e.packet.protocol} dst port`, value: dstPort, changed: was('dst', 1) },
  ];
  if (e.packet.flags) rows.push({ name: 'TCP flags', value: e.packet.flags, changed: null });
  return (
    <>
      {e.action === 'proxy' ? <ProxyRequest e={e} /> : <p className="explanation">{e.explanation}</p>}
      {/* A DNS hop's message (question, then rcode and answers) comes before the UDP packet that carries it. */}
      {e.dns && <DnsMessage m={e.dns} />}
      <table className="headers l4" aria-label="L3/L4 header">
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} className={r.changed ? 'changed' : ''}>
              <th>{r.name}</th>
              <td className="mono">
                {r.value}
                {r.changed && <span className="was"> was {r.changed}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {e.encap && (
        <table className="headers vxlan" aria-label="VXLAN outer header">
          <caption>VXLAN outer header ({e.encap.device})</caption>
          <tbody>
            <tr>
              <th>Outer source IP</th>
              <td className="mono">{e.encap.outerSrc}</td>
            </tr>
            <tr>
              <th>Outer destination IP</th>
              <td className="mono">{e.encap.outerDst}</td>
            </tr>
            <tr>
              <th>Outer UDP destination port</th>
              <td className="mono">{e.encap.udpPort}</td>
            </tr>
            <tr>
              <th>VNI</th>
              <td className="mono">{e.encap.vni}</td>
            </tr>
            <tr>
              <th>Inner MTU</th>
              <td className="mono">{e.encap.mtu}</td>
            </tr>
          </tbody>
        </table>
      )}
    </>
  );
}

/** `-A CHAIN … -j TARGET` with the chain and the target set apart, as a reader scans them. */
function RuleLine({ line }: { line: string }) {
  if (line.startsWith('*')) return <div className="rule-table">{line}</div>;
  const m = /^(-A )(\S+)(.*?)( -j )(\S+)(.*)$/.exec(line);
  if (!m) return <div>{line}</div>;
  return (
    <div>
      {m[1]}
      <span className="rule-chain">{m[2]}</span>
      {m[3]}
      {m[4]}
      <span className="rule-target">{m[5]}</span>
      {m[6]}
    </div>
  );
}

function RulesTab({ e }: { e: PacketEvent }) {
  return (
    <>
      {e.rule && (
        <div className="rule">
          <span className="muted">Chain walk</span> <code>{e.rule}</code>
        </div>
      )}
      {e.rules && e.rules.length > 0 ? (
        <>
          <div className="muted">As iptables-save prints them on {e.node ?? 'the node'}:</div>
          <pre className="iptables mono" aria-label="iptables-save rules">
            {e.rules.map((l, i) => (
              <RuleLine key={i} line={l} />
            ))}
          </pre>
        </>
      ) : (
        <p className="panel-empty">
          {e.direction === 'response'
            ? 'A reply matches its connection in conntrack: the kernel reverses any NAT without walking the nat rules again.'
            : e.rule
              ? 'This hop was decided by the rule named above; it has no kube-proxy rules to list.'
              : 'No netfilter rule rewrote or judged the packet at this hop.'}
        </p>
      )}
    </>
  );
}

function RefList({ refs, api }: { refs: readonly LabelledRef[]; api: KubeTrafficApi | null }) {
  return (
    <ul className="ref-list">
      {refs.map((r, i) => (
        <li key={i}>
          <div>
            <SourceLink file={r.file} line={r.line} column={r.column} path={r.path} /> <code>{r.label}</code>
            {r.path && <span className="muted"> ({r.path})</span>}
          </div>
          {api && <SourceExcerpt api={api} file={r.file} line={r.line} />}
        </li>
      ))}
    </ul>
  );
}

function YamlTab({ e, trace, api }: { e: PacketEvent; trace: TraceVerdict | undefined; api: KubeTrafficApi | null }) {
  const seen = new Set(e.refs.map((r) => `${r.file}:${r.line}:${r.label}`));
  // The verdict's lines, without those this hop already cites: no list twice.
  const verdict = (trace?.refs ?? []).filter((r) => !seen.has(`${r.file}:${r.line}:${r.label}`));
  if (e.refs.length === 0 && verdict.length === 0) return <p className="panel-empty">No manifest line decided this hop.</p>;
  return (
    <>
      {e.refs.length > 0 && (
        <div className="refs">
          <div className="muted">This hop, from your manifests</div>
          <RefList refs={e.refs} api={api} />
        </div>
      )}
      {verdict.length > 0 && (
        <div className="refs">
          <div className="muted">Behind the request's outcome</div>
          <RefList refs={verdict} api={api} />
        </div>
      )}
    </>
  );
}

function Outcome({ e, trace }: { e: PacketEvent; trace: TraceVerdict | undefined }) {
  if (!e.outcome && !trace) return null;
  return (
    <div className={`outcome tone-${OUTCOME_TONE[e.outcome ?? trace?.outcome ?? ''] ?? 'muted'}`}>
      <strong>
        {e.outcome ? `Outcome: ${e.outcome}` : `Request #${e.flowId + 1} ends: ${trace!.outcome}`}
        {/* Through an Ingress, "delivered" alone would hide a 404 or a 503: the status nginx answered. */}
        {trace?.http && <span className="http-status"> · {httpStatusText(trace.http)}</span>}
      </strong>
      {trace?.reason && <span> — {trace.reason}</span>}
    </div>
  );
}

export const PacketInspector = memo(function PacketInspector({
  controller,
  run,
  api = null,
}: {
  controller: PlaybackController;
  run: ShownRun | null;
  api?: KubeTrafficApi | null;
}) {
  const s = useSlowPlaybackState(controller);
  const [tab, setTab] = useState<Tab>('Headers');
  const e = s.selected >= 0 ? s.timeline.events[s.selected] : undefined;

  if (!e) {
    return (
      <section className="panel inspector" role="region" aria-label="Packet inspector">
        <header className="panel-header">
          <h2>Packet inspector</h2>
        </header>
        <p className="panel-empty">
          Send a request, then step through its hops: each hop's headers, the rules it walked and the YAML behind the verdict show here.
        </p>
      </section>
    );
  }
  const prev = previousHop(s.timeline, e);
  // How the request ended stays hidden until playback gets there (or the user steps there).
  const trace = run && outcomeRevealed(s.timeline, e.flowId, s.selected) ? run.traces[e.flowId] : undefined;
  const proxied = run?.traces[e.flowId]?.http;
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
      <div className="inspector-pinned">
        <div className="hop-title">
          <FlowDot flowId={e.flowId} direction={e.direction} />
          <strong>{componentLabel(e.at)}</strong>
          {e.node && !e.at.startsWith('node/') && <span className="muted"> on {e.node}</span>}
          {/* The manifest line behind this hop, one click away whichever tab is open (all of them: YAML). */}
          {e.refs[0] && (
            <span className="hop-ref" title={e.refs[0].label}>
              <SourceLink file={e.refs[0].file} line={e.refs[0].line} column={e.refs[0].column} path={e.refs[0].path} />
            </span>
          )}
        </div>
        <div className="hop-sub muted">
          Request #{e.flowId + 1} · {e.direction} · {e.packet.protocol}
          {e.packet.flags ? ` [${e.packet.flags}]` : ''} · {formatSimTime(e.arrive)}
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
          {/* nginx answers at this hop: its status is this hop's own fact, shown before the run's outcome is. */}
          {e.action === 'proxy' && proxied && (
            <span className={`http-pill status-${Math.floor(proxied.status / 100)}xx`}>HTTP {proxied.status}</span>
          )}
        </div>
        <table className="headers">
          <tbody>
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
      </div>
      <TabList<Tab>
        className="inspector-tabs"
        label="Hop details"
        prefix="inspector"
        tabs={TABS}
        active={tab}
        onChange={setTab}
        extra={(t) =>
          t === 'Rules' && e.rules ? (
            <span className="tab-count">{e.rules.filter((l) => l.startsWith('-A')).length}</span>
          ) : t === 'YAML' && e.refs.length > 0 ? (
            <span className="tab-count">{e.refs.length}</span>
          ) : null
        }
      />
      {/* Keyed by the hop: a new hop starts at the top of its tab, with no scrollTop write (which would
          force a layout of the whole page on every hop while playing). */}
      <div className="inspector-body" key={e.seq}>
        {/* Every tab stays in the page (hidden when not chosen), so its text can be searched and found. */}
        {TABS.map((t) => (
          <div
            key={t}
            role="tabpanel"
            id={panelId('inspector', t)}
            aria-labelledby={tabId('inspector', t)}
            hidden={tab !== t}
            className="inspector-panel"
          >
            {t === 'Headers' ? (
              <HeadersTab e={e} prev={prev} />
            ) : t === 'Rules' ? (
              <RulesTab e={e} />
            ) : (
              <YamlTab e={e} trace={trace} api={api} />
            )}
          </div>
        ))}
        <Outcome e={e} trace={trace} />
      </div>
    </section>
  );
});
