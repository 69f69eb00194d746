/** Ingress and IngressClass as the API server takes them: Go's decoding, ValidateIngressCreate's and ValidateIngressClass's words, at their lines. */
import { describe, expect, it } from 'vitest';
import type { LoadedIngress, LoadedIngressClass } from '../../../src/model/objects';
import { loadManifests } from '../../../src/load';
import { readFolder } from '../../../src/load/fsFolder';
import { errors, load, warnings } from './helpers';

/** An Ingress named shop with the given spec (and metadata lines), then a Pod that must still load. */
const ing = (spec: string, meta = ''): string =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n${meta}spec:\n${spec}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - { name: c, image: nginx }\n`;

const cls = (name: string, spec: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: { name: ${name} }\nspec:\n${spec}\n---\n`;

const at = (text: string): string[] => errors(load(text)).map((d) => `${d.line}: ${d.message}`);
const DNS1123 =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('Ingress loading', () => {
  it('decodes rules, paths, backends, tls and the class as written', () => {
    const r = load(
      ing(
        '  ingressClassName: nginx\n  defaultBackend:\n    service: { name: web, port: { name: http } }\n  rules:\n  - host: shop.example\n    http:\n      paths:\n      - { path: /api, pathType: Prefix, backend: { service: { name: api, port: { number: 80 } } } }\n      - { pathType: ImplementationSpecific, backend: { resource: { apiGroup: k8s.example.com, kind: Bucket, name: icons } } }\n  - host: "*.shop.example"\n  tls:\n  - hosts: [shop.example]\n    secretName: shop-tls',
      ),
    );
    expect(errors(r)).toEqual([]);
    const o = r.objects.find((x) => x.kind === 'Ingress') as LoadedIngress;
    expect(o.spec).toEqual({
      ingressClassName: 'nginx',
      defaultBackend: { service: { name: 'web', port: { name: 'http', number: 0 } } },
      rules: [
        {
          host: 'shop.example',
          http: {
            paths: [
              { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: '', number: 80 } } } },
              {
                path: '',
                pathType: 'ImplementationSpecific',
                backend: { resource: { apiGroup: 'k8s.example.com', kind: 'Bucket', name: 'icons' } },
              },
            ],
          },
        },
        { host: '*.shop.example' },
      ],
      tls: [{ hosts: ['shop.example'], secretName: 'shop-tls' }],
    });
    expect(r.objects.map((x) => x.kind)).toEqual(['Ingress', 'Pod']);
  });

  it('needs rules or a defaultBackend, printing spec.rules the way Go does', () => {
    expect(at(ing('  tls: []'))).toEqual([
      '5: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
    ]);
    expect(at(ing('  rules: []'))).toEqual([
      '5: spec: Invalid value: []networking.IngressRule{}: either `defaultBackend` or `rules` must be specified',
    ]);
  });

  it('reports every rule, path and backend error at its line, in the API server’s order; the Pod beside it still loads', () => {
    const r = load(
      ing(`  ingressClassName: Nginx
  defaultBackend:
    service: { name: 1web, port: { number: 70000 } }
  rules:
  - host: 10.0.0.1
    http:
      paths:
      - path: /api
        backend: { service: { name: api, port: { number: 80 } } }
      - path: api
        pathType: Prefix
        backend: { service: { name: api, port: { name: http, number: 80 } } }
      - path: /a//b/..
        pathType: Exact
        backend: { service: { name: api, port: {} } }
      - path: relative
        pathType: ImplementationSpecific
        backend: {}
      - path: /x
        pathType: Regex
        backend:
          service: { name: "", port: { name: HTTP } }
          resource: { kind: Bucket, name: b }
      - path: /r
        pathType: Prefix
        backend: { resource: { kind: "", name: a/b } }
      - path: /p
        pathType: Prefix
        backend: { service: { name: "", port: { name: HTTP } } }
  - host: "*.*.shop.example"
    http: { paths: [] }
  - host: "Shop.example"
  tls:
  - hosts: ["*.shop.example", "bad_host"]
    secretName: Bad_Secret`),
    );
    expect(errors(r).map((d) => `${d.line}: ${d.message}`)).toEqual([
      "8: spec.defaultBackend.service.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      '8: spec.defaultBackend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive',
      '10: spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
      '13: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
      '15: spec.rules[0].http.paths[1].path: Invalid value: "api": must be an absolute path',
      '17: spec.rules[0].http.paths[1].backend: Invalid value: "": cannot set both port name & port number',
      '18: spec.rules[0].http.paths[2].path: Invalid value: "/a//b/..": must not contain \'//\'',
      '18: spec.rules[0].http.paths[2].path: Invalid value: "/a//b/..": cannot end with \'/..\'',
      '20: spec.rules[0].http.paths[2].backend: Required value: port name or number is required',
      '21: spec.rules[0].http.paths[3].path: Invalid value: "relative": must be an absolute path',
      '23: spec.rules[0].http.paths[3].backend: Invalid value: "": resource or service backend is required',
      '25: spec.rules[0].http.paths[4].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
      '26: spec.rules[0].http.paths[4].backend: Invalid value: "": cannot set both resource and service backends',
      '31: spec.rules[0].http.paths[5].backend.resource.kind: Required value',
      '31: spec.rules[0].http.paths[5].backend.resource.name: Invalid value: "a/b": may not contain \'/\'',
      '34: spec.rules[0].http.paths[6].backend.service.name: Required value',
      '34: spec.rules[0].http.paths[6].backend.service.port.name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      '34: spec.rules[0].http.paths[6].backend.service.port.name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      "35: spec.rules[1].host: Invalid value: \"*.*.shop.example\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      '36: spec.rules[1].http.paths: Required value',
      `37: spec.rules[2].host: Invalid value: "Shop.example": ${DNS1123}`,
      `39: spec.tls[0].hosts[1]: Invalid value: "bad_host": ${DNS1123}`,
      `40: spec.tls[0].secretName: Invalid value: "Bad_Secret": ${DNS1123}`,
      `6: spec.ingressClassName: Invalid value: "Nginx": ${DNS1123}`,
    ]);
    expect(r.objects.map((o) => o.kind)).toEqual(['Pod']);
  });

  it('refuses an annotation that disagrees with ingressClassName, and warns that the annotation alone is deprecated', () => {
    const both = '  annotations:\n    kubernetes.io/ingress.class: traefik\n';
    expect(at(ing('  ingressClassName: nginx\n  defaultBackend: { service: { name: web, port: { number: 80 } } }', both))).toEqual([
      '6: annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
    ]);
    const r = load(ing('  defaultBackend: { service: { name: web, port: { number: 80 } } }', both));
    expect(errors(r)).toEqual([]);
    expect(warnings(r).map((d) => `${d.line}: ${d.message}`)).toEqual([
      `6: annotation "kubernetes.io/ingress.class" is deprecated, please use 'spec.ingressClassName' instead`,
    ]);
  });

  it('fails to decode a port number written as a string, as encoding/json does', () => {
    expect(at(ing('  defaultBackend: { service: { name: web, port: { number: "80" } } }'))).toEqual([
      '6: spec.defaultBackend.service.port.number: Invalid value: "80": must be an integer (json: cannot unmarshal string into Go struct field ServiceBackendPort.spec.defaultBackend.service.port.number of type int32)',
    ]);
  });

  it('says extensions/v1beta1 and networking.k8s.io/v1beta1 are gone, and which version to use', () => {
    const r = load(
      'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: { name: old }\nspec: {}\n---\napiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: { name: beta }\nspec: {}\n---\napiVersion: networking.k8s.io/v1beta1\nkind: IngressClass\nmetadata: { name: c }\nspec: {}\n',
    );
    expect(errors(r).map((d) => `${d.line}: ${d.message}`)).toEqual([
      '1: no matches for kind "Ingress" in version "extensions/v1beta1" (extensions/v1beta1 was removed in Kubernetes v1.22; use networking.k8s.io/v1)',
      '6: no matches for kind "Ingress" in version "networking.k8s.io/v1beta1" (networking.k8s.io/v1beta1 was removed in Kubernetes v1.22; use networking.k8s.io/v1)',
      '11: no matches for kind "IngressClass" in version "networking.k8s.io/v1beta1" (networking.k8s.io/v1beta1 was removed in Kubernetes v1.22; use networking.k8s.io/v1)',
    ]);
    expect(r.objects).toEqual([]);
  });
});

describe('IngressClass loading', () => {
  it('keeps the controller and defaults parameters.scope to Cluster', () => {
    const r = load(cls('nginx', '  controller: k8s.io/ingress-nginx\n  parameters: { kind: Config, name: main }'));
    expect(errors(r)).toEqual([]);
    expect((r.objects[0] as LoadedIngressClass).spec).toEqual({
      controller: 'k8s.io/ingress-nginx',
      parameters: { kind: 'Config', name: 'main', scope: 'Cluster' },
    });
  });

  it('validates the controller and parameters as ValidateIngressClass does', () => {
    const text =
      cls('a', '  {}') +
      cls('b', '  controller: nginx') +
      cls('c', '  controller: Example.com/a b\n  parameters: { kind: X, name: "..", scope: Namespace }') +
      cls('d', '  controller: example.com/ok\n  parameters: { kind: X, name: cfg, namespace: ns }') +
      cls('e', '  controller: example.com/ok\n  parameters: { kind: X, name: cfg, scope: Global }') +
      cls('f', `  controller: example.com/${'x'.repeat(250)}`);
    expect(at(text)).toEqual([
      '4: spec.controller: Required value',
      '11: spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
      `17: spec.controller: Invalid value: "Example.com": ${DNS1123}`,
      "17: spec.controller: Invalid value: \"a b\": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')",
      '18: spec.parameters.name: Invalid value: "..": may not be \'..\'',
      "18: spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'",
      "25: spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'",
      '32: spec.parameters.scope: Unsupported value: "Global": supported values: "Cluster", "Namespace"',
      '38: spec.controller: Too long: may not be more than 250 bytes',
    ]);
  });
});

describe('the ingress-nginx manifest', () => {
  it('loads without errors, its IngressClass with it', () => {
    const dir = 'tests/fixtures/corpus/kubernetes__ingress-nginx/deploy/static/provider/baremetal';
    const r = loadManifests(readFolder(dir).files);
    expect(errors(r)).toEqual([]);
    const classes = r.objects.filter((o): o is LoadedIngressClass => o.kind === 'IngressClass');
    expect(classes.map((c) => [c.metadata.name, c.spec.controller, c.source.line])).toEqual([['nginx', 'k8s.io/ingress-nginx', 623]]);
  });
});
