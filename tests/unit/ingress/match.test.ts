/** Ingress matching against the Kubernetes docs' examples (concepts/services-networking/ingress, "Examples" and "Hostname wildcards"). */
import { describe, expect, it } from 'vitest';
import { hostMatch, pathMatchLength, route } from '../../../src/ingress/match';
import type { IngressPath, IngressState, PathType } from '../../../src/model/ingress';

const ref = { file: 'i.yaml', line: 1, column: 1, label: '' };

function path(p: string, pathType: PathType, svc = p): IngressPath {
  return { path: p, pathType, backend: { service: { name: svc, port: 80 } }, ref };
}

function ingress(name: string, rules: IngressState['rules'], extra: Partial<IngressState> = {}): IngressState {
  return { name, namespace: 'default', source: ref, rules, tls: [], annotations: {}, ...extra };
}

/** The service a request reaches, or `default` / `404`. */
function answer(ings: IngressState[], host: string, p: string): string {
  const r = route(ings, host, p);
  return r.kind === 'path' ? (r.match.path.backend.service?.name ?? '?') : r.kind === 'defaultBackend' ? 'default' : '404';
}

describe('Ingress path types (the docs’ table)', () => {
  const cases: [PathType[], string[], string, boolean | string][] = [
    [['Prefix'], ['/'], '/anything', true],
    [['Exact'], ['/foo'], '/foo', true],
    [['Exact'], ['/foo'], '/bar', false],
    [['Exact'], ['/foo'], '/foo/', false],
    [['Exact'], ['/foo/'], '/foo', false],
    [['Prefix'], ['/foo'], '/foo', true],
    [['Prefix'], ['/foo'], '/foo/', true],
    [['Prefix'], ['/foo/'], '/foo', true],
    [['Prefix'], ['/aaa/bb'], '/aaa/bbb', false],
    [['Prefix'], ['/aaa/bbb'], '/aaa/bbb', true],
    [['Prefix'], ['/aaa/bbb/'], '/aaa/bbb', true],
    [['Prefix'], ['/aaa/bbb'], '/aaa/bbb/', true],
    [['Prefix'], ['/aaa/bbb'], '/aaa/bbb/ccc', true],
    [['Prefix'], ['/aaa/bbb'], '/aaa/bbbxyz', false],
    [['Prefix', 'Prefix'], ['/', '/aaa'], '/aaa/ccc', '/aaa'],
    [['Prefix', 'Prefix', 'Prefix'], ['/', '/aaa', '/aaa/bbb'], '/aaa/bbb', '/aaa/bbb'],
    [['Prefix', 'Prefix', 'Prefix'], ['/', '/aaa', '/aaa/bbb'], '/ccc', '/'],
    [['Prefix'], ['/aaa'], '/ccc', false],
    [['Prefix', 'Exact'], ['/foo', '/foo'], '/foo', 'exact'],
  ];
  it.each(cases)('%j %j, request %s → %s', (types, paths, req, want) => {
    const ps = paths.map((p, i) => path(p, types[i], types[i] === 'Exact' && paths.filter((x) => x === p).length > 1 ? 'exact' : p));
    const got = answer([ingress('i', [{ paths: ps }])], 'example.com', req);
    if (want === true) expect(got).not.toBe('404');
    else if (want === false) expect(got).toBe('404');
    else expect(got).toBe(want);
  });

  it('ImplementationSpecific is nginx’s plain prefix: /api matches /apix', () => {
    expect(pathMatchLength('ImplementationSpecific', '/api', '/apix')).toBe(4);
    expect(pathMatchLength('Prefix', '/api', '/apix')).toBe(-1);
  });
});

describe('Ingress hosts', () => {
  it('a wildcard covers exactly one label', () => {
    expect(hostMatch('*.foo.com', 'bar.foo.com')).toBe('wildcard');
    expect(hostMatch('*.foo.com', 'baz.bar.foo.com')).toBeNull();
    expect(hostMatch('*.foo.com', 'foo.com')).toBeNull();
    expect(hostMatch('foo.bar.com', 'FOO.bar.com')).toBe('exact');
    expect(hostMatch(undefined, 'anything')).toBe('any');
  });

  it('an exact host wins over a wildcard and both over a rule without host; no fall-through once a host matched', () => {
    const ings = [
      ingress('a', [{ host: 'shop.example.com', paths: [path('/api', 'Prefix', 'api')] }]),
      ingress('b', [{ host: '*.example.com', paths: [path('/', 'Prefix', 'wild')] }]),
      ingress('c', [{ paths: [path('/', 'Prefix', 'any')] }]),
    ];
    expect(answer(ings, 'shop.example.com', '/api/cart')).toBe('api');
    expect(answer(ings, 'shop.example.com', '/')).toBe('404');
    expect(answer(ings, 'blog.example.com', '/')).toBe('wild');
    expect(answer(ings, 'other.org', '/x')).toBe('any');
  });

  it('paths of several Ingresses for one host are merged; the longest wins', () => {
    const ings = [
      ingress('a', [{ host: 'h', paths: [path('/', 'Prefix', 'root')] }]),
      ingress('b', [{ host: 'h', paths: [path('/api', 'Prefix', 'api')] }]),
    ];
    expect(answer(ings, 'h', '/api/x')).toBe('api');
    expect(answer(ings, 'h', '/web')).toBe('root');
  });

  it('without a match a defaultBackend answers', () => {
    const ings = [
      ingress('a', [{ host: 'h', paths: [path('/api', 'Prefix', 'api')] }], {
        defaultBackend: { backend: { service: { name: 'def', port: 80 } }, ref },
      }),
    ];
    expect(answer(ings, 'other', '/')).toBe('default');
  });
});
