/** A selected Pod: status, containers and ports, and "Why here?" — kube-scheduler's filter and score verdicts. */
import type { ClusterSnapshot, IngressRoute, PodPolicies as Policies } from '../../src/api/contract';
import { displayName } from '../../src/model/componentId';
import { podStatus, podTone } from '../model/status';
import type { WorkloadRef } from '../model/workloads';
import { IngressRoutes } from './IngressRoutes';
import { PodPolicies } from './PodPolicies';
import { SourceLink } from '../source/SourceLink';

type Pod = ClusterSnapshot['pods'][number];

export interface PodDetailsProps {
  pod: Pod;
  nodes: ClusterSnapshot['nodes'];
  workload: WorkloadRef | null;
  /** The policies selecting it, and whether they are enforced; `showPolicies` false when the cluster has none. */
  policies: Policies | undefined;
  policiesEnforced: boolean;
  showPolicies: boolean;
  /** The Ingress rules it routes when it runs an ingress-nginx controller; absent otherwise. */
  ingressRoutes?: IngressRoute[];
  busy: boolean;
  onDelete(): void;
  onScale(replicas: number): void;
}

type PlacedBy = NonNullable<Pod['schedule']['by']>;

/** Who put the Pod on its node (`schedule.by`), in the words "Why here?" uses. */
export const PLACED_BY: Record<PlacedBy, string> = {
  nodeName: 'spec.nodeName',
  scheduler: 'kube-scheduler',
  daemonset: 'DaemonSet controller',
};

/** One or two sentences: how the Pod got its node, or why it has none. */
export function placementText(sch: Pod['schedule']): string | null {
  if (!sch.node) return null;
  switch (sch.by) {
    case 'nodeName':
      return `spec.nodeName binds it to ${sch.node}: the kubelet there runs it directly and kube-scheduler never sees it, so no filters or scores apply.`;
    case 'daemonset':
      return `The DaemonSet controller makes one Pod per eligible node and pinned this one to ${sch.node} (node affinity on metadata.name); kube-scheduler checked that ${sch.node} passes its filters and bound it.`;
    default:
      return `kube-scheduler filtered the nodes, scored the feasible ones, and picked ${sch.node}.`;
  }
}

/** "a and b", "a, b and c", "a, b and 3 more nodes": the tied nodes as one phrase. */
function listNodes(names: string[], count: number): string {
  const more = count - names.length;
  const parts = more > 0 ? [...names, `${more} more ${more === 1 ? 'node' : 'nodes'}`] : names;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** When several nodes shared the top score: say the pick among them was kube-scheduler's coin toss. */
export function tieText(sch: Pod['schedule']): string | null {
  if (!sch.tie || !sch.node || sch.by !== 'scheduler') return null;
  const score = Math.round(sch.tie.score * 100) / 100;
  return (
    `${listNodes(sch.tie.nodes, sch.tie.count)} tied at score ${score}; kube-scheduler picks at random among the top scores ` +
    `(seeded here, so replays match) and this time picked ${sch.node}.`
  );
}

/** Nodes shown in the score table: the chosen one and the best others, so it fits the side panel. */
const SCORE_COLUMNS = 4;
const FILTER_ROWS = 8;

function ScheduleTable({ pod, nodes }: { pod: Pod; nodes: ClusterSnapshot['nodes'] }) {
  const sch = pod.schedule;
  const names = nodes.map((n) => n.name);
  for (const n of [...Object.keys(sch.rejected), ...Object.keys(sch.scores)]) if (!names.includes(n)) names.push(n);
  if (names.length === 0) return null;
  const scored = Object.entries(sch.scores).sort(
    (a, b) => Number(b[0] === sch.node) - Number(a[0] === sch.node) || b[1].total - a[1].total,
  );
  const columns = scored.slice(0, SCORE_COLUMNS);
  const plugins = [...new Set(columns.flatMap(([, s]) => Object.keys(s.plugins)))].sort();
  return (
    <>
      <ul className="filter-list" aria-label="Filter results per node">
        {names.slice(0, FILTER_ROWS).map((n) => {
          const rej = sch.rejected[n];
          return (
            <li key={n} className={n === sch.node ? 'chosen' : rej ? 'rejected' : ''}>
              <span className={`mark ${rej ? 'tone-danger' : 'tone-ok'}`} aria-hidden="true">
                {rej ? '✕' : '✓'}
              </span>
              <strong>{n}</strong>{' '}
              <span className={rej ? 'muted' : ''}>
                {rej ??
                  (n === sch.node
                    ? sch.by === 'daemonset'
                      ? 'chosen (pinned by the DaemonSet)'
                      : sch.tie
                        ? 'chosen (tied at the top score)'
                        : 'chosen'
                    : sch.tie?.nodes.includes(n)
                      ? 'feasible, tied at the top score'
                      : 'feasible')}
              </span>
            </li>
          );
        })}
        {names.length > FILTER_ROWS && <li className="muted">… and {names.length - FILTER_ROWS} more nodes</li>}
      </ul>
      {columns.length > 0 && plugins.length > 0 && (
        <table className="scores">
          <caption className="muted">Scores (0–100 per plugin; total weighted)</caption>
          <thead>
            <tr>
              <th>Plugin</th>
              {columns.map(([n]) => (
                <th key={n} className={`num ${n === sch.node ? 'chosen' : ''}`} title={n}>
                  {n}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {plugins.map((p) => (
              <tr key={p}>
                <th title={p}>
                  {/* Long plugin names may break between their words, never inside one. */}
                  {p.split(/(?<=[a-z])(?=[A-Z])/).map((part, i) => (
                    <span key={i}>
                      {i > 0 && <wbr />}
                      {part}
                    </span>
                  ))}
                </th>
                {columns.map(([n, sc]) => (
                  <td key={n} className={`num mono ${n === sch.node ? 'chosen' : ''}`}>
                    {sc.plugins[p] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="total">
              <th>Total</th>
              {columns.map(([n, sc]) => (
                <td key={n} className={`num mono ${n === sch.node ? 'chosen' : ''}`}>
                  {Math.round(sc.total * 100) / 100}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      )}
    </>
  );
}

export function PodDetails({
  pod,
  nodes,
  workload,
  policies,
  policiesEnforced,
  showPolicies,
  ingressRoutes,
  busy,
  onDelete,
  onScale,
}: PodDetailsProps) {
  const status = podStatus(pod);
  const sch = pod.schedule;
  return (
    <div className="details pod-details">
      <div className="details-title">
        <span className="kind">Pod</span>
        <h3>{displayName(pod.namespace, pod.name)}</h3>
        <span className={`status-pill tone-${podTone(pod)}`}>{status}</span>
      </div>
      <dl className="facts">
        <dt>IP</dt>
        <dd className="mono">{pod.ip ?? '<none>'}</dd>
        <dt>Node</dt>
        <dd>{pod.node ?? <span className="tone-warn">not scheduled</span>}</dd>
        <dt>Owner</dt>
        <dd>{pod.owner ?? <span className="muted">none (bare Pod)</span>}</dd>
        {pod.file && (
          <>
            <dt>Source</dt>
            <dd>
              <SourceLink file={pod.file} line={pod.line ?? 1} />
            </dd>
          </>
        )}
        <dt>Labels</dt>
        <dd className="chips">
          {Object.entries(pod.labels).length === 0 ? (
            <span className="muted">none</span>
          ) : (
            Object.entries(pod.labels).map(([k, v]) => <code key={k} className="chip-inline">{`${k}=${v}`}</code>)
          )}
        </dd>
      </dl>
      {ingressRoutes && (
        <section aria-label="Ingress rules it routes">
          <h4>Ingress controller (ingress-nginx)</h4>
          <p className="muted">It ends each HTTP connection, reads the Host and path, and proxies to a backend Pod by these rules:</p>
          <IngressRoutes routes={ingressRoutes} showIngress />
        </section>
      )}
      {showPolicies && <PodPolicies policies={policies} enforced={policiesEnforced} />}
      <h4>Containers</h4>
      <ul className="containers">
        {pod.containers.map((c) => (
          <li key={c.name}>
            <div>
              <strong>{c.name}</strong> {c.image && <span className="muted mono">{c.image}</span>}
            </div>
            <div className="mono">
              {c.ports.length
                ? c.ports.map((p) => `${p.containerPort}/${p.protocol}${p.name ? ` (${p.name})` : ''}`).join(', ')
                : 'no ports declared'}
            </div>
            <div className={c.state === 'running' ? 'tone-ok' : c.state === 'waiting' ? 'tone-warn' : 'muted'}>
              {c.state}
              {c.reason ? `: ${c.reason}` : ''}
              {c.message && <div className="muted message">{c.message}</div>}
            </div>
          </li>
        ))}
      </ul>
      <h4>Why here?</h4>
      {sch.by && (
        <p className="placed-by">
          <span className="muted">Placed by</span> <strong>{PLACED_BY[sch.by]}</strong>
          {sch.node && (
            <>
              {' '}
              <span className="muted">on</span> <strong>{sch.node}</strong>
            </>
          )}
        </p>
      )}
      {sch.message && <p className="tone-warn message">{sch.message}</p>}
      {!sch.message && sch.node && <p className="message">{placementText(sch)}</p>}
      {!sch.message && tieText(sch) && <p className="message tie">{tieText(sch)}</p>}
      {/* spec.nodeName skips the scheduler: there are no filter or score verdicts to show. */}
      {sch.by !== 'nodeName' && <ScheduleTable pod={pod} nodes={nodes} />}
      <div className="actions">
        <button type="button" className="danger" onClick={onDelete} disabled={busy}>
          Delete pod
        </button>
        {workload && (
          <form
            className="scale-form"
            onSubmit={(e) => {
              e.preventDefault();
              const v = Number(new FormData(e.currentTarget).get('replicas'));
              if (Number.isFinite(v) && v >= 0) onScale(v);
            }}
          >
            <label>
              <span>
                {workload.kind} {workload.name}
              </span>
              <input
                name="replicas"
                type="number"
                min={0}
                max={500}
                defaultValue={workload.replicas}
                aria-label="Replicas"
                key={`${workload.name}:${workload.replicas}`}
              />
            </label>
            <button type="submit" disabled={busy}>
              Scale
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
