/** What the simulator assumes, always visible: folder, proxy mode, CNI, CIDRs, load-balancer provider, seed. */
import type { ClusterSnapshot } from '../../src/api/contract';
import { NOT_ENFORCED } from './PolicyList';

export function StatusBar({ snapshot }: { snapshot: ClusterSnapshot | null }) {
  if (!snapshot) return <footer className="status-bar">Loading…</footer>;
  const s = snapshot.settings;
  // Policies a flannel cluster only lists: said here once, for the whole session, not on every trace.
  const unenforced = !s.networkPolicyEnforced && snapshot.networkPolicies.length > 0;
  const items: [string, string][] = [
    ['kube-proxy', s.proxyMode],
    ['CNI', s.cni],
    ['Pod CIDR', s.podCIDR],
    ['Service CIDR', s.serviceCIDR],
    ['Load balancer', s.loadBalancer],
    ['Seed', String(s.seed)],
    ['Revision', String(snapshot.revision)],
  ];
  return (
    <footer className="status-bar" aria-label="Simulator settings">
      <span className="folder" title={snapshot.folder}>
        {snapshot.folder}
      </span>
      {items.map(([k, v]) => (
        <span key={k} className="item">
          <span className="muted">{k}</span> <span className="mono">{v}</span>
          {k === 'CNI' && unenforced && (
            <span className="tone-warn unenforced" title={NOT_ENFORCED}>
              {' '}
              · policies not enforced
            </span>
          )}
        </span>
      ))}
    </footer>
  );
}
