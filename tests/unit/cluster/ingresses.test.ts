/** Ingresses and IngressClasses in the cluster: every path's line, the class each Ingress ends up with, and the warnings a user needs. */
import { describe, expect, it } from 'vitest';
import { buildCluster, cordonNode, reconcileCluster } from '../../../src/cluster';
import { ingressesOf } from '../../../src/cluster/ingresses';
import { ingressWarnings as warningsFor } from '../../../src/cluster/ingressWarnings';
import type { IngressClassState } from '../../../src/model/ingress';
import type { Cluster } from '../../../src/model/cluster';
import { load } from '../load/helpers';

const build = (files: string | Record<string, string>): Cluster => buildCluster(load(files), { seed: 1 });
/** The warnings the cluster adds about Ingresses (the loader's own are left out). */
const ingressWarnings = (c: Cluster): string[] =>
  c.diagnostics
    .filter((d) => d.kind === 'Ingress' && d.severity === 'warning' && !/deprecated|namespaces "/.test(d.message))
    .map((d) => `${d.file}:${d.line}: ${d.message}`);

const SHOP = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: store
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
    nginx.ingress.kubernetes.io/ssl-redirect: "false"
    nginx.ingress.kubernetes.io/backend-protocol: HTTPS
spec:
  ingressClassName: nginx
  defaultBackend:
    service: { name: web, port: { name: http } }
  tls:
  - hosts: [shop.example]
    secretName: shop-tls
  rules:
  - host: shop.example
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: { service: { name: web, port: { number: 80 } } }
      - path: /api
        pathType: Exact
        backend: { service: { name: api, port: { number: 8080 } } }
  - http:
      paths:
      - path: /assets
        pathType: ImplementationSpecific
        backend: { service: { name: api, port: { name: metrics } } }
`;

const svc = (name: string, ns: string, ports: string): string =>
  `---\napiVersion: v1\nkind: Service\nmetadata: { name: ${name}, namespace: ${ns} }\nspec:\n  selector: { app: ${name} }\n  ports: ${ports}\n`;

const NGINX_CLASS =
  'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: { name: nginx }\nspec: { controller: k8s.io/ingress-nginx }\n';

const defaultClass = (name: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: ${name}\n  annotations: { ingressclass.kubernetes.io/is-default-class: "true" }\nspec: { controller: k8s.io/ingress-nginx }\n---\n`;

const simple = (name: string, extra = ''): string =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n${extra}spec:\n  defaultBackend: { service: { name: kubernetes, port: { number: 443 } } }\n---\n`;

describe('Ingress state', () => {
  it('keeps rules, paths, backends, tls, annotations and the line of every path and the defaultBackend', () => {
    const c = build({ 'a-class.yaml': NGINX_CLASS, 'shop.yaml': SHOP });
    expect(c.ingressClasses).toEqual([
      { name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: false, source: { file: 'a-class.yaml', line: 1, column: 1 } },
    ]);
    expect(c.ingresses).toEqual([
      {
        name: 'shop',
        namespace: 'store',
        source: { file: 'shop.yaml', line: 1, column: 1 },
        ingressClassName: 'nginx',
        classFrom: 'spec',
        defaultBackend: {
          backend: { service: { name: 'web', port: 'http' } },
          ref: {
            file: 'shop.yaml',
            line: 12,
            column: 3,
            path: 'spec.defaultBackend',
            label: 'spec.defaultBackend of Ingress store/shop: defaultBackend → svc web:http',
          },
        },
        rules: [
          {
            host: 'shop.example',
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'web', port: 80 } },
                ref: {
                  file: 'shop.yaml',
                  line: 21,
                  column: 9,
                  path: 'spec.rules[0].http.paths[0]',
                  label: 'spec.rules[0].http.paths[0] of Ingress store/shop: path / (Prefix) → svc web:80',
                },
              },
              {
                path: '/api',
                pathType: 'Exact',
                backend: { service: { name: 'api', port: 8080 } },
                ref: {
                  file: 'shop.yaml',
                  line: 24,
                  column: 9,
                  path: 'spec.rules[0].http.paths[1]',
                  label: 'spec.rules[0].http.paths[1] of Ingress store/shop: path /api (Exact) → svc api:8080',
                },
              },
            ],
          },
          {
            paths: [
              {
                path: '/assets',
                pathType: 'ImplementationSpecific',
                backend: { service: { name: 'api', port: 'metrics' } },
                ref: {
                  file: 'shop.yaml',
                  line: 29,
                  column: 9,
                  path: 'spec.rules[1].http.paths[0]',
                  label: 'spec.rules[1].http.paths[0] of Ingress store/shop: path /assets (ImplementationSpecific) → svc api:metrics',
                },
              },
            ],
          },
        ],
        tls: [{ hosts: ['shop.example'], secretName: 'shop-tls' }],
        annotations: {
          'nginx.ingress.kubernetes.io/rewrite-target': '/',
          'nginx.ingress.kubernetes.io/ssl-redirect': 'false',
          'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
        },
        labels: {},
        createdAt: 600,
      },
    ]);
  });

  it('leaves the fields out of a cluster without Ingresses or IngressClasses', () => {
    const c = build(svc('web', 'default', '[{ port: 80 }]'));
    expect('ingresses' in c).toBe(false);
    expect('ingressClasses' in c).toBe(false);
  });

  it('survives operations and a re-apply', () => {
    const files = { 'a-class.yaml': NGINX_CLASS, 'shop.yaml': SHOP };
    const c = build(files);
    expect(cordonNode(c, c.nodes[1]!.name).ingresses).toEqual(c.ingresses);
    const again = reconcileCluster(c, load(files));
    expect(again.ingresses).toEqual(c.ingresses);
    expect(again.ingressClasses).toEqual(c.ingressClasses);
  });
});

describe('the class an Ingress ends up with', () => {
  const classOf = (c: Cluster) => c.ingresses?.map((i) => [i.name, i.ingressClassName, i.classFrom]);

  it('takes the default IngressClass when none is written, as the DefaultIngressClass admission plugin does', () => {
    const c = build(defaultClass('main') + simple('plain'));
    expect(classOf(c)).toEqual([['plain', 'main', 'default']]);
    expect(c.ingressClasses?.map((k) => [k.name, k.isDefault])).toEqual([['main', true]]);
    expect(ingressWarnings(c)).toEqual([]);
  });

  it('keeps a written class, and an annotated Ingress is left alone by admission (ingress-nginx reads the annotation)', () => {
    const c = build(
      defaultClass('main') +
        NGINX_CLASS +
        '---\n' +
        simple('written', '').replace('spec:\n', 'spec:\n  ingressClassName: nginx\n') +
        simple('annotated', '  annotations: { kubernetes.io/ingress.class: nginx }\n'),
    );
    expect(classOf(c)).toEqual([
      ['written', 'nginx', 'spec'],
      ['annotated', 'nginx', 'annotation'],
    ]);
  });

  it('of two defaults takes the first by name (created in the same second, the newest is undecided)', () => {
    expect(classOf(build(defaultClass('zeta') + defaultClass('alpha') + simple('plain')))).toEqual([['plain', 'alpha', 'default']]);
  });

  it('takes the cluster’s own default class (an add-on’s) unless the folder made a newer default before it', () => {
    const addon: IngressClassState = {
      name: 'nginx',
      controller: 'k8s.io/ingress-nginx',
      isDefault: true,
      source: { file: '', line: 0, column: 0 },
    };
    const files = { 'a.yaml': simple('first'), 'b.yaml': defaultClass('mine') + simple('second') };
    const states = ingressesOf(load(files), 600, [], [addon]);
    expect(states.map((i) => [i.name, i.ingressClassName, i.classFrom])).toEqual([
      ['first', 'nginx', 'default'],
      ['second', 'mine', 'default'],
    ]);
    const named = load(simple('named').replace('spec:\n', 'spec:\n  ingressClassName: nginx\n'));
    expect(warningsFor(named, buildCluster(named, { seed: 1 }).services, [addon])).toEqual([]);
  });

  it('gets no default from an IngressClass created after it in apply order, and says so', () => {
    const c = build({ 'a-ingress.yaml': simple('early'), 'b-class.yaml': defaultClass('main') });
    expect(classOf(c)).toEqual([['early', undefined, undefined]]);
    expect(ingressWarnings(c)).toEqual([
      'a-ingress.yaml:5: spec.ingressClassName: not set and IngressClass "main" is the default but is created after this Ingress in apply order, so the DefaultIngressClass admission plugin gave it none; ingress-nginx serves an Ingress without a class only with --watch-ingress-without-class',
    ]);
  });
});

describe('Ingress warnings', () => {
  it('names a class no IngressClass has, a missing class, a missing Service and a Service without the port', () => {
    const c = build({
      'shop.yaml':
        SHOP +
        svc('web', 'store', '[{ name: http, port: 80 }]') +
        svc('api', 'store', '[{ name: web, port: 8080 }, { name: grpc, port: 9090 }]'),
      'x.yaml':
        simple('annotated', '  annotations: { kubernetes.io/ingress.class: traefik }\n') +
        simple('classless') +
        simple('wrong-port').replace('number: 443', 'number: 80') +
        simple('wrong-namespace', '  namespace: store\n'),
    });
    expect(ingressWarnings(c)).toEqual([
      'shop.yaml:11: spec.ingressClassName: no IngressClass named "nginx", so no ingress controller serves this Ingress',
      'shop.yaml:31: spec.rules[1].http.paths[0].backend.service.port.name: service "api" has no port named "metrics" (its ports: web 8080/TCP, grpc 9090/TCP), so ingress-nginx answers 503',
      'x.yaml:5: metadata.annotations[kubernetes.io/ingress.class]: no IngressClass named "traefik", so no ingress controller serves this Ingress',
      'x.yaml:13: spec.ingressClassName: not set and no IngressClass is the default (ingressclass.kubernetes.io/is-default-class: "true"); ingress-nginx serves an Ingress without a class only with --watch-ingress-without-class',
      'x.yaml:20: spec.ingressClassName: not set and no IngressClass is the default (ingressclass.kubernetes.io/is-default-class: "true"); ingress-nginx serves an Ingress without a class only with --watch-ingress-without-class',
      'x.yaml:21: spec.defaultBackend.service.port.number: service "kubernetes" has no port 80 (its ports: https 443/TCP), so ingress-nginx answers 503',
      'x.yaml:28: spec.ingressClassName: not set and no IngressClass is the default (ingressclass.kubernetes.io/is-default-class: "true"); ingress-nginx serves an Ingress without a class only with --watch-ingress-without-class',
      'x.yaml:29: spec.defaultBackend.service.name: services "kubernetes" not found in namespace "store", so ingress-nginx answers 503',
    ]);
  });

  it('checks no port on an ExternalName Service', () => {
    const ext = '---\napiVersion: v1\nkind: Service\nmetadata: { name: ext }\nspec: { type: ExternalName, externalName: example.com }\n';
    const c = build(defaultClass('main') + simple('out').replace('name: kubernetes', 'name: ext') + ext);
    expect(ingressWarnings(c)).toEqual([]);
  });
});
