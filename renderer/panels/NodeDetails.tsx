/** A selected node: addresses, capacity, taints, its Pods, and cordon / uncordon / drain. */
import type { ClusterSnapshot } from '../../src/api/contract';

type Node = ClusterSnapshot['nodes'][number];

export interface NodeDetailsProps {
  node: Node;
  podCount: number;
  busy: boolean;
  onOperate(op: 'cordon' | 'uncordon' | 'drain', force?: boolean): void;
}

function memoryText(bytes: number): string {
  const gi = bytes / 1024 ** 3;
  return gi >= 1 ? `${gi.toFixed(gi >= 10 ? 0 : 1)}Gi` : `${Math.round(bytes / 1024 ** 2)}Mi`;
}

export function NodeDetails({ node, podCount, busy, onOperate }: NodeDetailsProps) {
  const cordoned = Boolean(node.unschedulable);
  return (
    <div className="details node-details">
      <div className="details-title">
        <span className="kind">Node</span>
        <h3>{node.name}</h3>
        <span className={`status-pill tone-${cordoned ? 'warn' : 'ok'}`}>{cordoned ? 'Ready,SchedulingDisabled' : 'Ready'}</span>
      </div>
      <dl className="facts">
        <dt>InternalIP</dt>
        <dd className="mono">{node.ip}</dd>
        <dt>Roles</dt>
        <dd>{node.roles.length ? node.roles.join(', ') : '<none>'}</dd>
        <dt>PodCIDR</dt>
        <dd className="mono">{node.podCIDR}</dd>
        <dt>Allocatable</dt>
        <dd className="mono">
          cpu {node.allocatable.cpu / 1000} · memory {memoryText(node.allocatable.memory)}
          {node.allocatable.pods ? ` · pods ${node.allocatable.pods}` : ''}
        </dd>
        <dt>Pods</dt>
        <dd>{podCount}</dd>
        <dt>Taints</dt>
        <dd>
          {node.taints.length === 0 ? (
            <span className="muted">&lt;none&gt;</span>
          ) : (
            node.taints.map((t) => (
              <code key={`${t.key}:${t.effect}`} className="chip-inline">
                {`${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`}
              </code>
            ))
          )}
        </dd>
      </dl>
      <div className="actions">
        {cordoned ? (
          <button type="button" onClick={() => onOperate('uncordon')} disabled={busy}>
            Uncordon
          </button>
        ) : (
          <button type="button" onClick={() => onOperate('cordon')} disabled={busy}>
            Cordon
          </button>
        )}
        <button type="button" className="danger" onClick={() => onOperate('drain')} disabled={busy}>
          Drain
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => onOperate('drain', true)}
          disabled={busy}
          title="kubectl drain --force: also delete Pods that no controller will re-create"
        >
          Drain --force
        </button>
      </div>
      <p className="hint muted">
        Cordon stops new Pods landing here; drain also evicts the Pods that run here, and their controllers re-create them elsewhere. Bare
        Pods block a drain unless it is forced, and then they are gone for good.
      </p>
    </div>
  );
}
