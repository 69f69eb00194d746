/** `kubectl get ingress`: printIngress's columns (NAME CLASS HOSTS ADDRESS PORTS AGE), its host and port formats, and the API server's messages. */
import { describe, expect, it } from 'vitest';
import { buildCluster, reconcileCluster } from '../../../src/cluster';
import { kubectlGet, resolveGetKind } from '../../../src/view/kubectl/get';
import { load } from '../load/helpers';

const ingress = (name: string, spec: string, meta = ''): string =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n${meta}spec:\n${spec}\n---\n`;
const backend = '{ service: { name: web, port: { number: 80 } } }';
const rule = (host: string): string => `  - host: ${host}\n    http: { paths: [{ path: /, pathType: Prefix, backend: ${backend} }] }\n`;

const FOLDER = {
  'a.yaml':
    'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n  annotations: { ingressclass.kubernetes.io/is-default-class: "true" }\nspec: { controller: k8s.io/ingress-nginx }\n',
  'b.yaml':
    ingress('any-host', `  ingressClassName: nginx\n  defaultBackend: ${backend}`, '  labels: { app: shop }\n') +
    ingress('by-default', `  rules:\n${rule('a.example')}${rule('b.example')}`) +
    ingress('annotated', `  defaultBackend: ${backend}`, '  annotations: { kubernetes.io/ingress.class: nginx }\n') +
    ingress('many', `  rules:\n${['a', 'b', 'c', 'd', 'e'].map((h) => rule(`${h}.example`)).join('')}  tls:\n  - hosts: [a.example]`) +
    ingress('other', `  defaultBackend: ${backend}`, '  namespace: shop\n'),
};

describe('kubectl get ingress', () => {
  const c = buildCluster(load(FOLDER), { seed: 1 });

  it('prints the class as stored, the first three hosts, 80 or "80, 443", and no address until a controller reports one', () => {
    const r = kubectlGet(c, resolveGetKind('ing')!);
    expect(r).toEqual({
      ok: true,
      stdout: [
        'NAME         CLASS    HOSTS                                       ADDRESS   PORTS     AGE',
        'annotated    <none>   *                                                     80        90s',
        'any-host     nginx    *                                                     80        90s',
        'by-default   nginx    a.example,b.example                                   80        90s',
        'many         nginx    a.example,b.example,c.example + 2 more...             80, 443   90s',
        '',
      ].join('\n'),
      stderr: '',
      notFound: [],
    });
  });

  it('knows ingresses, ingress and ing; filters by namespace and label; a missing name is NotFound in the group', () => {
    expect(['ingresses', 'ingress', 'ing'].map(resolveGetKind)).toEqual(['ingresses', 'ingresses', 'ingresses']);
    expect(kubectlGet(c, 'ingresses', { namespace: 'shop' })).toMatchObject({ stdout: expect.stringMatching(/^NAME .*\nother /) });
    expect(kubectlGet(c, 'ingresses', { allNamespaces: true, selector: 'app=shop' })).toMatchObject({
      stdout: expect.stringMatching(/^NAMESPACE .*\ndefault +any-host /),
    });
    expect(kubectlGet(c, 'ingresses', { names: ['nope'] })).toMatchObject({
      stderr: 'Error from server (NotFound): ingresses.networking.k8s.io "nope" not found\n',
    });
    expect(kubectlGet(c, 'ingresses', { selector: 'app:shop' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^Error from server \(BadRequest\): Unable to find "networking.k8s.io\/v1, Resource=ingresses" that match/,
      ),
    });
  });

  it('keeps an Ingress’s age across a re-apply; a new one starts at the re-apply', () => {
    const after = reconcileCluster(c, load({ ...FOLDER, 'c.yaml': ingress('new', `  defaultBackend: ${backend}`) }));
    const ages = Object.fromEntries((after.ingresses ?? []).map((i) => [i.name, after.clock - (i.createdAt ?? 0)]));
    expect(ages['by-default']).toBe(c.clock - 600 + (after.clock - c.clock));
    expect(ages.new).toBe(0);
  });

  it('says so when there is none', () => {
    expect(kubectlGet(buildCluster(load(FOLDER['a.yaml']), { seed: 1 }), 'ingresses')).toMatchObject({
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
    });
  });
});
