/** How the view words Ingress: a rule in one line, and the notice when nothing routes the Ingresses. */
import { describe, expect, it } from 'vitest';
import type { IngressRoute, IngressSummary } from '../../../src/api/contract';
import { ingressNotice, isIngressController, NO_CONTROLLER, routeText } from '../../../renderer/model/ingress';
import { visiblePods } from '../../../renderer/viz/layout';
import { pod, snapshot } from './snapshots';

const route = (r: Partial<IngressRoute>): IngressRoute => ({
  ingress: 'shop',
  path: '/api',
  pathType: 'Prefix',
  backend: 'api:http',
  file: 'shop.yaml',
  line: 71,
  ...r,
});

const shop: IngressSummary = {
  name: 'shop',
  namespace: 'default',
  routedBy: [],
  routes: [route({})],
  tlsHosts: [],
  file: 'shop.yaml',
  line: 50,
};

describe('Ingress in the view', () => {
  it('prints a rule as host, path and pathType → backend', () => {
    expect(routeText(route({ host: 'shop.example.com' }))).toBe('shop.example.com/api (Prefix) → api:http');
    expect(routeText(route({ path: '/', pathType: 'Exact' }))).toBe('*/ (Exact) → api:http');
    expect(routeText(route({ path: '*', pathType: 'default', backend: 'web:80' }))).toBe('default backend → web:80');
  });

  it('says nothing routes the Ingresses only when there are some and no controller', () => {
    const base = snapshot({});
    expect(ingressNotice(base)).toBeNull();
    const unrouted = { ...base, ingress: { ingresses: [shop], controllers: {} } };
    expect(ingressNotice(unrouted)).toBe(NO_CONTROLLER);
    expect(NO_CONTROLLER).toContain('add spec.addons: [ingress-nginx]');
    const routed = { ...base, ingress: { ingresses: [shop], controllers: { 'pod/ingress-nginx/ctl': [route({})] } } };
    expect(ingressNotice(routed)).toBeNull();
    expect(isIngressController(routed, 'pod/ingress-nginx/ctl')).toBe(true);
    expect(isIngressController(routed, 'pod/default/web')).toBe(false);
  });

  it('keeps an add-on controller Pod on the map while the other system Pods are hidden', () => {
    const ctl = pod('ingress-nginx-controller-1', 'n1', { namespace: 'ingress-nginx', builtIn: true });
    const dns = pod('coredns-1', 'n1', { namespace: 'kube-system', builtIn: true });
    const s = snapshot({
      pods: [ctl, dns],
      ingress: { ingresses: [shop], controllers: { 'pod/ingress-nginx/ingress-nginx-controller-1': [] } },
    });
    expect(visiblePods(s).map((p) => p.name)).toEqual(['ingress-nginx-controller-1']);
    expect(visiblePods(s, { showSystemPods: true })).toHaveLength(2);
  });
});
