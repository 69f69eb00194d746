/**
 * Turns what a person types into the CLI's source/target syntax, so the request box accepts both
 * `svc/svc-1:9000` and the seed's own `curl 10.96.x.y:9000` (or `curl http://svc-1.default:9000/`).
 * Only rewrites recognisable curl/URL text; anything else passes through for the engine to judge.
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
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Splits a command line into words the way a shell would for simple cases: quotes group, and are removed. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(match[1] ?? match[2] ?? match[3]);
  return words;
}

/** Picks the URL out of a `curl …` command line; null when there is none. */
function urlFromCurl(words: string[]): string | null {
  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    if (CURL_OPTIONS_WITH_VALUE.has(word)) {
      i++;
      continue;
    }
    if (word.startsWith('-')) continue;
    return word;
  }
  return null;
}

/** `name`, `name.ns`, `name.ns.svc`, `name.ns.svc.cluster.local` → the Service's target id. */
function serviceFromDnsName(host: string): { namespace: string; name: string } | null {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (!labels.every((label) => DNS_LABEL.test(label))) return null;
  const [name, namespace = 'default', ...rest] = labels;
  const suffix = rest.join('.');
  if (suffix !== '' && suffix !== 'svc' && !/^svc\.[a-z0-9.-]+$/.test(suffix)) return null;
  return { namespace, name };
}

/**
 * Normalises a request target. `curl 10.96.0.10:9000` → `10.96.0.10:9000`; `http://svc-1:9000/x` →
 * `svc/svc-1:9000`; `http://web.shop.svc.cluster.local` → `svc/shop/web:80`. CLI syntax is returned as is.
 */
export function normalizeTarget(text: string): string {
  const trimmed = text.trim();
  const words = shellWords(trimmed);
  let url: string;
  if (words[0] === 'curl') {
    const found = urlFromCurl(words);
    if (found === null) return trimmed;
    url = found;
  } else if (/^https?:\/\//i.test(trimmed) && words.length === 1) {
    url = trimmed;
  } else {
    return trimmed;
  }

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
  if (!match) return trimmed;
  const host = match[1];
  const port = match[2] ?? String(defaultPort);
  if (IPV4.test(host)) return `${host}:${port}`;
  const service = serviceFromDnsName(host);
  if (!service) return `${host}:${port}`;
  return service.namespace === 'default' ? `svc/${service.name}:${port}` : `svc/${service.namespace}/${service.name}:${port}`;
}

/** Normalises a request source: `client` and `outside` are the external client. */
export function normalizeSource(text: string): string {
  const trimmed = text.trim();
  if (/^(client|outside|external)$/i.test(trimmed)) return 'external';
  return trimmed;
}
