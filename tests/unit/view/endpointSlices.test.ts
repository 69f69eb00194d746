/** `get endpoints` and `get endpointslices` with hand-made Endpoints and EndpointSlices, as kubectl prints them. */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../src/cluster/index';
import { loadManifests } from '../../../src/load/index';
import { readFolder } from '../../../src/load/fsFolder';
import { kubectlGet, resolveGetKind } from '../../../src/view/kubectl/get';

const cluster = () => buildCluster(loadManifests(readFolder('assets/examples/external-database').files), { seed: 1 });
const lines = (r: ReturnType<typeof kubectlGet>): string[][] =>
  r.ok
    ? r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(/ {2,}/))
    : [];

describe('kubectl get endpoints / endpointslices', () => {
  it('lists a hand-made Endpoints as written beside the controllers’ ones', () => {
    const rows = lines(kubectlGet(cluster(), 'endpoints'));
    expect(rows).toEqual([
      ['NAME', 'ENDPOINTS', 'AGE'],
      ['db', '192.168.64.100:5432', '90s'],
      ['kubernetes', '192.168.64.30:6443', '11m'],
    ]);
  });

  it('lists the mirrored slice, the hand-made one and the controllers’ with kubectl’s columns', () => {
    const c = cluster();
    const mirrored = c.endpointSlices!.find((s) => s.mirroredFrom === 'db')!.name;
    expect(resolveGetKind('endpointslice')).toBe('endpointslices');
    const rows = lines(kubectlGet(c, 'endpointslices', { allNamespaces: true }));
    expect(rows[0]).toEqual(['NAMESPACE', 'NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    expect(rows).toContainEqual(['default', mirrored, 'IPv4', '5432', '192.168.64.100', '90s']);
    expect(rows).toContainEqual(['default', 'kubelets-1', 'IPv4', '10250', '192.168.64.31,192.168.64.32', '90s']);
    expect(rows).toContainEqual(['default', 'kubernetes', 'IPv4', '6443', '192.168.64.30', '11m']);
    expect(rows.find((r) => r[1].startsWith('kube-dns-'))?.slice(2, 4)).toEqual(['IPv4', '53,53,9153']);
  });

  it('filters slices by label, as kube-proxy finds them', () => {
    const r = kubectlGet(cluster(), 'endpointslices', {
      selector: 'endpointslice.kubernetes.io/managed-by=endpointslicemirroring-controller.k8s.io',
    });
    expect(lines(r).map((row) => row[0])).toEqual(['NAME', expect.stringMatching(/^db-/)]);
  });

  it('a Service with a selector but no Pod keeps a placeholder slice without ports or endpoints', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  selector: { app: web }\n  ports: [{ port: 80 }]\n';
    const c = buildCluster(loadManifests([{ path: 'm.yaml', text }]), { seed: 1 });
    const rows = lines(kubectlGet(c, 'endpointslices', { selector: 'kubernetes.io/service-name=web' }));
    expect(rows[1]).toEqual([expect.stringMatching(/^web-[a-z0-9]{5}$/), 'IPv4', '<unset>', '<unset>', '90s']);
  });
});
