/** An L7 proxy hop in the inspector: the HTTP request nginx read, as a small request block, then its route. */
import type { PacketEvent } from '../../src/model/trace';
import { proxyRequestView } from '../model/proxy';

export function ProxyRequest({ e }: { e: Pick<PacketEvent, 'action' | 'explanation'> }) {
  const view = proxyRequestView(e);
  // A note the layout does not recognise is still worth reading as it is.
  if (!view) return <p className="explanation">{e.explanation}</p>;
  return (
    <div className="proxy-request">
      <p className="explanation">
        {view.intro}
        {view.tls ? ' (after the TLS handshake)' : ''}:
      </p>
      <pre className="http-request mono" aria-label="HTTP request">
        {view.lines.join('\n')}
      </pre>
      {view.rest && <p className="explanation">{view.rest}</p>}
    </div>
  );
}
