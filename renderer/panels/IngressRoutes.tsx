/** Ingress rules as a list: host, path and pathType → Service:port, each with the line it is written on. */
import type { IngressRoute } from '../../src/api/contract';
import { routeText } from '../model/ingress';
import { SourceLink } from '../source/SourceLink';

export function IngressRoutes({ routes, showIngress }: { routes: IngressRoute[]; showIngress: boolean }) {
  if (routes.length === 0) return <p className="muted">No rules.</p>;
  return (
    <ul className="ingress-routes">
      {routes.map((r) => (
        <li key={`${r.file}:${r.line}:${r.path}`}>
          {showIngress && <strong>{r.ingress} </strong>}
          <code>{routeText(r)}</code> <SourceLink file={r.file} line={r.line} />
        </li>
      ))}
    </ul>
  );
}
