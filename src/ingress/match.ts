/**
 * Which Ingress path answers a request, as the Kubernetes Ingress docs define it and ingress-nginx
 * builds its nginx servers: hosts exact or `*.domain` (one label), paths by pathType — Exact, Prefix
 * (whole path elements: `/api` matches `/api/x`, not `/apix`), ImplementationSpecific (nginx's own
 * `location` prefix) — the longest match first, Exact before Prefix at equal length.
 */
import type { IngressBackend, IngressPath, IngressState, PathType } from '../model/ingress';

export interface PathMatch {
  ingress: IngressState;
  path: IngressPath;
  /** How the host matched: the rule's exact host, a wildcard, or a rule without a host. */
  host: 'exact' | 'wildcard' | 'any';
}

export type RouteResult =
  { kind: 'path'; match: PathMatch } | { kind: 'defaultBackend'; ingress: IngressState; backend: IngressBackend } | { kind: 'none' };

/** `*.foo.com` matches `bar.foo.com`, not `foo.com` nor `baz.bar.foo.com`. */
export function hostMatch(ruleHost: string | undefined, host: string): PathMatch['host'] | null {
  if (ruleHost === undefined || ruleHost === '') return 'any';
  const h = host.toLowerCase();
  const r = ruleHost.toLowerCase();
  if (r === h) return 'exact';
  if (r.startsWith('*.')) {
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot + 1) === r.slice(2) ? 'wildcard' : null;
  }
  return null;
}

/** The length a path rule matches the request path with, or -1 when it does not match. */
export function pathMatchLength(pathType: PathType, rulePath: string, requestPath: string): number {
  if (pathType === 'Exact') return requestPath === rulePath ? rulePath.length : -1;
  if (pathType === 'ImplementationSpecific') return requestPath.startsWith(rulePath) ? rulePath.length : -1;
  // Prefix: element by element, a trailing slash on either side ignored.
  const rule = elements(rulePath);
  const req = elements(requestPath);
  if (rule.length > req.length) return -1;
  for (let i = 0; i < rule.length; i++) if (rule[i] !== req[i]) return -1;
  return rule.length === 0 ? 1 : rule.join('/').length + 1;
}

function elements(path: string): string[] {
  return path.split('/').filter((e) => e !== '');
}

const HOST_RANK: Record<PathMatch['host'], number> = { exact: 3, wildcard: 2, any: 1 };

/**
 * The answer for one request among the Ingresses of one class: nginx picks the server by host (an
 * exact name before a wildcard, both before the catch-all), then the longest matching path across
 * every Ingress merged into that server; without a match, an Ingress's defaultBackend, else none
 * (the controller's own default backend answers 404).
 */
export function route(ingresses: readonly IngressState[], host: string, path: string): RouteResult {
  let best: { match: PathMatch; length: number; exact: boolean } | null = null;
  let bestHost = 0;
  for (const ingress of ingresses) {
    for (const rule of ingress.rules) {
      const how = hostMatch(rule.host, host);
      if (how === null) continue;
      const rank = HOST_RANK[how];
      if (rank < bestHost) continue;
      if (rank > bestHost) {
        bestHost = rank;
        best = null;
      }
      for (const p of rule.paths) {
        const length = pathMatchLength(p.pathType, p.path, path);
        if (length < 0) continue;
        const exact = p.pathType === 'Exact';
        if (best === null || length > best.length || (length === best.length && exact && !best.exact)) {
          best = { match: { ingress, path: p, host: how }, length, exact };
        }
      }
    }
  }
  if (best !== null) return { kind: 'path', match: best.match };
  const withDefault = ingresses.find((i) => i.defaultBackend !== undefined);
  if (withDefault?.defaultBackend) return { kind: 'defaultBackend', ingress: withDefault, backend: withDefault.defaultBackend.backend };
  return { kind: 'none' };
}
