/** Nothing selected: how to use the view, the cluster's Ingresses and NetworkPolicies, and its recent Kubernetes events. */
import { memo, useMemo } from 'react';
import type { ClusterSnapshot } from '../../src/api/contract';
import { IngressList } from './IngressList';
import { PolicyList } from './PolicyList';

/** Events about the cluster's own plumbing (kube-system, kube-flannel) unless system Pods are shown. */
const SYSTEM = /(^|\/)(kube-system|kube-flannel)\//;

/** The 30 newest events shown (a 500-Pod cluster has some 2,000: sorted once per snapshot, not per render). */
function recentEvents(events: ClusterSnapshot['events'], showSystem: boolean): ClusterSnapshot['events'] {
  return events
    .filter((e) => showSystem || !SYSTEM.test(e.object))
    .sort((a, b) => b.time - a.time)
    .slice(0, 30);
}

// Memoised: the window re-renders it for nothing else (Send turning busy and back).
export const ClusterSummary = memo(function ClusterSummary({ snapshot, showSystem }: { snapshot: ClusterSnapshot; showSystem: boolean }) {
  const events = useMemo(() => recentEvents(snapshot.events, showSystem), [snapshot.events, showSystem]);
  return (
    <div className="details summary">
      <p className="hint">
        Click a Pod to see <strong>why it runs where it runs</strong>, a node to cordon or drain it, a Service for its endpoints. Drag to
        pan, scroll to zoom.
      </p>
      <IngressList snapshot={snapshot} />
      <PolicyList snapshot={snapshot} />
      <h4>Events</h4>
      {events.length === 0 ? (
        <p className="muted">No events.</p>
      ) : (
        <ul className="k8s-events">
          {events.map((e, i) => (
            <li key={i} className={e.type === 'Warning' ? 'warning' : ''}>
              <span className={`reason ${e.type === 'Warning' ? 'tone-warn' : ''}`}>{e.reason}</span>{' '}
              <span className="muted">{e.object}</span>
              <div className="message">{e.message}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
