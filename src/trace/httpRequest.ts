/**
 * An HTTP request as curl would send it: `curl [-H 'Host: x'] http://HOST[:PORT]/PATH`, or a bare URL
 * with `--header` lines. Only what an L7 proxy reads: scheme, Host header, path. A plain `IP:PORT`
 * target is still an HTTP request to an L7 proxy that answers it (curl's `GET /`).
 */
import { TraceUsageError } from './errors';

export interface HttpRequest {
  scheme: 'http' | 'https';
  /** The Host header: `-H 'Host: …'` when given, else the URL's host[:port] (port left out when it is the scheme's). */
  host: string;
  path: string;
  /** Extra request headers as given (`Name: value`). */
  headers: string[];
}

export interface ParsedUrl {
  /** `HOST:PORT`, the connection's destination. */
  address: string;
  http: HttpRequest;
}

const URL_RE = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d+))?([/?#][^\s]*)?$/i;

/** Words of a curl command line: quotes as the shell would keep them together. */
function words(text: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** `curl -v -H 'Host: shop.example.com' http://192.168.64.31:30080/api` → the address and the request. */
export function parseCurl(text: string, extraHeaders: readonly string[] = []): ParsedUrl {
  const args = words(text).slice(1);
  const headers = [...extraHeaders];
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-H' || a === '--header') headers.push(args[++i] ?? '');
    else if (a.startsWith('-H') && a.length > 2) headers.push(a.slice(2));
    else if (!a.startsWith('-')) url = a;
  }
  if (!url) throw new TraceUsageError(`invalid target "${text}": curl needs a URL`);
  return parseUrl(url, headers, text);
}

export function parseUrl(url: string, headers: readonly string[], original = url): ParsedUrl {
  const m = URL_RE.exec(url);
  if (!m) throw new TraceUsageError(`invalid target "${original}": expected http://HOST[:PORT]/PATH`);
  const scheme = (m[1] ?? 'http').toLowerCase() as 'http' | 'https';
  const defaultPort = scheme === 'https' ? '443' : '80';
  const port = m[3] ?? defaultPort;
  const hostHeader = headers.map(headerValue('host')).find((v) => v !== undefined);
  const host = hostHeader ?? (port === defaultPort ? m[2] : `${m[2]}:${port}`);
  const rest = m[4] ?? '/';
  const path = rest.startsWith('/') ? rest.split(/[?#]/)[0] : '/';
  return { address: `${m[2]}:${port}`, http: { scheme, host, path, headers: [...headers] } };
}

/** The value of a `Name: value` header when its name is `name` (case-insensitive). */
function headerValue(name: string): (h: string) => string | undefined {
  return (h) => {
    const colon = h.indexOf(':');
    return colon > 0 && h.slice(0, colon).trim().toLowerCase() === name ? h.slice(colon + 1).trim() : undefined;
  };
}
