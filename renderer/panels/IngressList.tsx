/**
 * The cluster's Ingresses, in the summary panel: each with its class, who routes it and its rules —
 * or, when no controller runs, the notice that nothing does (as kubectl would list them anyway).
 */
import type { ClusterSnapshot } from '../../src/api/contract';
import { displayName } from '../../src/model/componentId';
import { ingressNotice } from '../model/ingress';
import { IngressRoutes } from './IngressRoutes';
import { SourceLink } from '../source/SourceLink';

function podName(key: string): string {
  const slash = key.lastIndexOf('/');
  return slash < 0 ? key : key.slice(slash + 1);
}

export function IngressList({ snapshot }: { snapshot: ClusterSnapshot }) {
  const { ingresses } = snapshot.ingress;
  if (ingresses.length === 0) return null;
  const notice = ingressNotice(snapshot);
  return (
    <section className="ingress-list" aria-label="Ingresses">
      <h4>Ingresses</h4>
      {notice && (
        <p className="notice tone-warn" role="note">
          {notice}
        </p>
      )}
      <ul>
        {ingresses.map((i) => (
          <li key={`${i.namespace}/${i.name}`}>
            <div>
              <strong>{displayName(i.namespace, i.name)}</strong> <span className="muted">class {i.className ?? '<none>'}</span>{' '}
              <SourceLink file={i.file} line={i.line} />
            </div>
            <div className="muted">
              {i.routedBy.length > 0 ? `routed by ${i.routedBy.map(podName).join(', ')}` : 'routed by nothing'}
              {i.tlsHosts.length > 0 ? ` · TLS for ${i.tlsHosts.join(', ')}` : ''}
            </div>
            <IngressRoutes routes={i.routes} showIngress={false} />
          </li>
        ))}
      </ul>
    </section>
  );
}
