/** A selected Service: how it is reached (ports, node ports, external IP) and which endpoints it has. */
import { Fragment } from 'react';
import type { ClusterSnapshot } from '../../src/api/contract';
import { displayName } from '../../src/model/componentId';
import { externalIPText, lbPending, portText } from '../model/status';
import { SourceLink } from '../source/SourceLink';

type Service = ClusterSnapshot['services'][number];
type Endpoint = Service['endpoints'][number];

/** Where kube-proxy got an endpoint the selector did not make: a hand-made or mirrored EndpointSlice, and its line. */
function EndpointSource({ e }: { e: Endpoint }) {
  const how = e.mirroredFrom !== undefined ? `mirrored from Endpoints ${e.mirroredFrom}` : 'hand-made';
  return (
    <span>
      from EndpointSlice <span className="mono">{e.slice}</span> <span className="muted">({how})</span>
      {e.file && (
        <>
          {' '}
          <code className="loc">
            {e.file}
            {e.line ? `:${e.line}` : ''}
          </code>
        </>
      )}
    </span>
  );
}

export function ServiceDetails({ svc }: { svc: Service }) {
  const selector = svc.selector ? Object.entries(svc.selector).map(([k, v]) => `${k}=${v}`) : [];
  return (
    <div className="details svc-details">
      <div className="details-title">
        <span className="kind">Service</span>
        <h3>{displayName(svc.namespace, svc.name)}</h3>
        <span className="status-pill tone-muted">{svc.type}</span>
      </div>
      <dl className="facts">
        <dt>ClusterIP</dt>
        <dd className="mono">{svc.clusterIP ?? 'None'}</dd>
        <dt>External IP</dt>
        <dd className={`mono ${lbPending(svc) ? 'tone-warn' : ''}`}>{externalIPText(svc)}</dd>
        {svc.pendingReason && (
          <>
            <dt>Why pending</dt>
            <dd>{svc.pendingReason}</dd>
          </>
        )}
        <dt>Ports</dt>
        <dd className="mono">{svc.ports.map(portText).join(', ') || '<none>'}</dd>
        <dt>Selector</dt>
        <dd className="chips">
          {selector.length ? (
            selector.map((s) => (
              <code key={s} className="chip-inline">
                {s}
              </code>
            ))
          ) : (
            <span className="muted">&lt;none&gt;</span>
          )}
        </dd>
        {svc.externalTrafficPolicy && (
          <>
            <dt>externalTrafficPolicy</dt>
            <dd>{svc.externalTrafficPolicy}</dd>
          </>
        )}
        {svc.internalTrafficPolicy && (
          <>
            <dt>internalTrafficPolicy</dt>
            <dd>{svc.internalTrafficPolicy}</dd>
          </>
        )}
        <dt>Session affinity</dt>
        <dd>{svc.sessionAffinity}</dd>
        {svc.file && (
          <>
            <dt>Source</dt>
            <dd>
              <SourceLink file={svc.file} line={svc.line ?? 1} />
            </dd>
          </>
        )}
      </dl>
      <h4>Endpoints</h4>
      {svc.endpoints.length === 0 ? (
        <p className="tone-warn message">
          {selector.length
            ? 'No endpoints: no ready Pod matches the selector, so traffic to this Service is rejected.'
            : `No endpoints: without a selector, only an EndpointSlice labelled kubernetes.io/service-name: ${svc.name} (or an Endpoints named ${svc.name}, mirrored into one) gives this Service endpoints, so traffic to it is rejected.`}
        </p>
      ) : (
        <table className="endpoints">
          <thead>
            <tr>
              <th>Pod</th>
              <th>IP</th>
              <th>Node</th>
              <th>Ready</th>
            </tr>
          </thead>
          <tbody>
            {svc.endpoints.map((e) => (
              <Fragment key={`${e.slice ?? ''}:${e.pod ?? ''}:${e.ip}`}>
                <tr className={e.slice !== undefined ? 'has-source' : undefined}>
                  <td>{e.pod ?? <span className="muted">none</span>}</td>
                  <td className="mono">{e.ip}</td>
                  <td>{e.node ?? <span className="muted">none</span>}</td>
                  <td className={e.ready ? 'tone-ok' : 'tone-warn'}>{e.ready ? 'true' : 'false'}</td>
                </tr>
                {e.slice !== undefined && (
                  <tr className="endpoint-source">
                    <td colSpan={4}>
                      <EndpointSource e={e} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
