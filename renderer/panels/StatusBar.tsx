/** What the simulator assumes, always visible: folder, proxy mode, CIDRs, load-balancer provider, seed. */
import type { ClusterSnapshot } from '../../src/api/contract';

export function StatusBar({ snapshot }: { snapshot: ClusterSnapshot | null }) {
  if (!snapshot) return <footer className="status-bar">Loading…</footer>;
  const s = snapshot.settings;
  const items: [string, string][] = [
    ['kube-proxy', s.proxyMode],
    ['CNI', 'flannel'],
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
        </span>
      ))}
    </footer>
  );
}
