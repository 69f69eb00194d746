/** `spec.addons: [ingress-nginx]` installs what `minikube addons enable ingress` installs. */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../src/cluster/index';
import { loadManifests } from '../../../src/load/index';

const settings = (extra: string) =>
  `apiVersion: kube-traffic.dev/v1alpha1\nkind: ClusterSettings\nmetadata: { name: cluster }\nspec:\n  addons: [ingress-nginx]\n${extra}`;

function build(extra = '') {
  return buildCluster(loadManifests([{ path: 'cluster.yaml', text: settings(extra) }]), { seed: 1 });
}

describe('the ingress-nginx add-on', () => {
  it('runs the controller on a worker, Ready, behind a NodePort Service when no load-balancer provider exists', () => {
    const c = build();
    const controller = c.pods.filter((p) => p.namespace === 'ingress-nginx');
    expect(controller).toHaveLength(1);
    expect(controller[0]).toMatchObject({ phase: 'Running', ready: true });
    expect(controller[0].nodeName).not.toBe('k8s-master');
    const svc = c.services.find((s) => s.namespace === 'ingress-nginx' && s.name === 'ingress-nginx-controller');
    expect(svc?.type).toBe('NodePort');
    expect(svc?.ports.map((p) => `${p.name} ${p.port}→${p.targetPort}`)).toEqual(['http 80→http', 'https 443→https']);
    expect(svc?.endpoints.map((e) => e.ready)).toEqual([true]);
  });

  it('is a LoadBalancer Service where MetalLB assigns addresses', () => {
    const c = build('  loadBalancer: { provider: metallb, addresses: [192.168.64.200-192.168.64.210] }\n');
    const svc = c.services.find((s) => s.name === 'ingress-nginx-controller');
    expect(svc?.type).toBe('LoadBalancer');
    expect(svc?.loadBalancerIP).toBe('192.168.64.200');
  });

  it('an unknown add-on is an error at its line, and nothing is installed for it', () => {
    const c = buildCluster(
      loadManifests([{ path: 'cluster.yaml', text: settings('').replace('[ingress-nginx]', '[ingress-nginx, istio]') }]),
      { seed: 1 },
    );
    expect(c.diagnostics.map((d) => `${d.line}: ${d.message}`)).toContain(
      '5: spec.addons[1]: Invalid value: "istio": supported values: "ingress-nginx"',
    );
    expect(c.settings.addons).toEqual(['ingress-nginx']);
  });
});
