/**
 * Turns what a person types into the CLI's source/target syntax, so the request box accepts both
 * `svc/svc-1:9000` and the seed's own `curl 10.96.x.y:9000` (or `curl http://svc-1.default:9000/`).
 * Only rewrites recognisable curl/URL text; anything else passes through for the engine to judge.
 * A request an L7 proxy would read differently (a -H header, a path) keeps its URL and headers, so
 * an Ingress controller on the way sees the Host and path the person typed.
 */

/** curl options that consume the next word, so it is not mistaken for the URL. */
const CURL_OPTIONS_WITH_VALUE = new Set([
  '-H',
  '--header',
  '-X',
  '--request',
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-o',
  '--output',
  '-u',
  '--user',
  '-A',
  '--user-agent',
  '-e',
  '--referer',
  '-w',
  '--write-out',
  '--retry',
  '-x',
  '--proxy',
  '--resolve',
  '--interface',
]);

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Splits a command line into words the way a shell would for simple cases: quotes group, and are removed. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(match[1] ?? match[2] ?? match[3]);
  return words;
}

/** Picks the URL and the -H headers out of a `curl …` command line; url is null when there is none. */
function parseCurlWords(words: string[]): { url: string | null; headers: string[] } {
  const headers: string[] = [];
  let url: string | null = null;
  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    if (word === '-H' || word === '--header') {
      if (i + 1 < words.length) headers.push(words[i + 1]);
      i++;
      continue;
    }
    if (word.startsWith('-H') && word.length > 2) {
      headers.push(word.slice(2));
      continue;
    }
    if (CURL_OPTIONS_WITH_VALUE.has(word)) {
      i++;
      continue;
    }
    if (word.startsWith('-')) continue;
    url ??= word;
  }
  return { url, headers };
}

/** A request target as the engine takes it: the address text, and the headers an L7 proxy reads. */
export interface TargetRequest {
  to: string;
  headers: string[];
}

/**
 * Normalises a request target. `curl 10.96.0.10:9000` → `10.96.0.10:9000`; `http://svc-1:9000/` →
 * `svc-1:9000`, a name the engine resolves as the source would (its DNS exchange is part of the trace).
 * CLI syntax is returned as is.
 * With a header or a path (`curl -H 'Host: shop.example.com' http://192.168.64.31:30080/api`) the URL
 * is kept with its scheme and path, and the headers go beside it: an Ingress controller routes on both.
 */
export function normalizeTargetRequest(text: string): TargetRequest {
  const trimmed = text.trim();
  const words = shellWords(trimmed);
  let url: string;
  let headers: string[] = [];
  if (words[0] === 'curl') {
    const found = parseCurlWords(words);
    if (found.url === null) return { to: trimmed, headers: [] };
    url = found.url;
    headers = found.headers;
  } else if (/^https?:\/\//i.test(trimmed) && words.length === 1) {
    url = trimmed;
  } else {
    return { to: trimmed, headers: [] };
  }
  // Only the path counts (a query alone does not change where an Ingress routes).
  const path = (/^(?:https?:\/\/)?[^/?#]*([/?#].*)?$/i.exec(url)?.[1] ?? '').split(/[?#]/)[0];
  if (headers.length > 0 || !/^\/?$/.test(path)) return { to: /^https?:\/\//i.test(url) ? url : `http://${url}`, headers };
  return { to: hostPortTarget(url, trimmed), headers: [] };
}

/** The address-only form: `normalizeTargetRequest` without what an L7 proxy would read. */
export function normalizeTarget(text: string): string {
  return normalizeTargetRequest(text).to;
}

/** `http://HOST[:PORT][/]` → `IP:PORT` or `NAME:PORT`; `original` when it is not a URL. */
function hostPortTarget(urlText: string, original: string): string {
  let url = urlText;

  let defaultPort: number;
  const scheme = /^(https?):\/\//i.exec(url);
  if (scheme) {
    defaultPort = scheme[1].toLowerCase() === 'https' ? 443 : 80;
    url = url.slice(scheme[0].length);
  } else {
    // curl's own default for a bare host is http.
    defaultPort = 80;
  }
  const hostPort = url.split(/[/?#]/, 1)[0];
  const match = /^([^:]+)(?::(\d+))?$/.exec(hostPort);
  if (!match) return original;
  const host = match[1];
  const port = match[2] ?? String(defaultPort);
  return `${IPV4.test(host) ? host : host.toLowerCase()}:${port}`;
}

/** Normalises a request source: `client` and `outside` are the external client. */
export function normalizeSource(text: string): string {
  const trimmed = text.trim();
  if (/^(client|outside|external)$/i.test(trimmed)) return 'external';
  return trimmed;
}
