/**
 * Verdicts point at the YAML line behind them: a written field at its own line, a defaulted or
 * allocated one at its parent, labelled as such so nobody looks for a line that is not there.
 */
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../../src/load/index';
import { buildCluster } from '../../../src/cluster/index';

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
  - name: metrics
    port: 9100
`;

function web() {
  const load = loadManifests([{ path: 'svc.yaml', text: SVC.replace('  - port: 80', '  - name: http\n    port: 80') }]);
  const c = buildCluster(load, { seed: 1 });
  const svc = c.services.find((s) => s.name === 'web');
  if (!svc) throw new Error(JSON.stringify(load.diagnostics));
  return svc;
}

describe('Service field positions', () => {
  it('a written targetPort points at its own line; a defaulted one has none', () => {
    const svc = web();
    expect(svc.ports[0].fieldSources?.targetPort).toMatchObject({ file: 'svc.yaml', line: 12 });
    expect(svc.ports[0].fieldSources?.port).toMatchObject({ line: 11 });
    expect(svc.ports[1].fieldSources?.targetPort).toBeUndefined();
    expect(svc.ports[1].fieldSources?.port).toMatchObject({ line: 14 });
  });

  it('an allocated nodePort has no line of its own', () => {
    const svc = web();
    expect(svc.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(svc.ports[0].fieldSources?.nodePort).toBeUndefined();
  });

  it('defaulted policies say "(default)"; written ones do not', () => {
    const svc = web();
    expect(svc.refs.type).toMatchObject({ line: 6, label: 'type: NodePort' });
    expect(svc.refs.externalTrafficPolicy?.label).toBe('externalTrafficPolicy: Cluster (default)');
    expect(svc.refs.sessionAffinity?.label).toBe('sessionAffinity: None (default)');
  });
});
