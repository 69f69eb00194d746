/** The Details region: what is selected in the drawing (Pod, node or Service), or the cluster's summary. */
import type { ClusterOperation, ClusterSnapshot } from '../../src/api/contract';
import { objectKey } from '../../src/model/componentId';
import { workloadOf } from '../model/workloads';
import { ClusterSummary } from './ClusterSummary';
import { NodeDetails } from './NodeDetails';
import { PodDetails } from './PodDetails';
import { ServiceDetails } from './ServiceDetails';

export interface DetailsPanelProps {
  snapshot: ClusterSnapshot;
  selectedKey: string | null;
  showSystem: boolean;
  busy: boolean;
  /** Runs an operation; `title` heads the toast that reports it. */
  operate(op: ClusterOperation, title: string): void;
}

function Selected({ snapshot, selectedKey, showSystem, busy, operate }: DetailsPanelProps) {
  const summary = <ClusterSummary snapshot={snapshot} showSystem={showSystem} />;
  if (!selectedKey) return summary;
  if (selectedKey.startsWith('node/')) {
    const node = snapshot.nodes.find((n) => `node/${n.name}` === selectedKey);
    if (!node) return summary;
    const podCount = snapshot.pods.filter((p) => p.node === node.name).length;
    return (
      <NodeDetails
        node={node}
        podCount={podCount}
        busy={busy}
        onOperate={(op, force) =>
          operate(
            op === 'drain' ? { op, node: node.name, force } : { op, node: node.name },
            `${op[0]!.toUpperCase()}${op.slice(1)}${force ? ' --force' : ''} ${node.name}`,
          )
        }
      />
    );
  }
  if (selectedKey.startsWith('svc/')) {
    const svc = snapshot.services.find((s) => objectKey('svc', s.namespace, s.name) === selectedKey);
    return svc ? <ServiceDetails svc={svc} /> : summary;
  }
  const pod = snapshot.pods.find((p) => objectKey('pod', p.namespace, p.name) === selectedKey);
  if (!pod)
    return (
      <p className="panel-empty">
        That Pod no longer exists (deleted or replaced). A bare Pod comes back only when its manifest is applied again:{' '}
        <strong>Re-apply folder</strong>, at the top.
      </p>
    );
  const workload = workloadOf(snapshot, pod);
  return (
    <PodDetails
      pod={pod}
      nodes={snapshot.nodes}
      workload={workload}
      policies={snapshot.podPolicies[selectedKey]}
      policiesEnforced={snapshot.settings.networkPolicyEnforced}
      showPolicies={snapshot.networkPolicies.length > 0}
      ingressRoutes={snapshot.ingress.controllers[selectedKey]}
      busy={busy}
      onDelete={() => operate({ op: 'deletePod', namespace: pod.namespace, name: pod.name }, `Delete pod ${pod.name}`)}
      onScale={(replicas) =>
        workload &&
        operate(
          { op: 'scale', kind: workload.kind, namespace: workload.namespace, name: workload.name, replicas },
          `Scale ${workload.kind} ${workload.name}`,
        )
      }
    />
  );
}

export function DetailsPanel(props: DetailsPanelProps) {
  return (
    <section className="panel details-panel" role="region" aria-label="Details">
      <Selected {...props} />
    </section>
  );
}
