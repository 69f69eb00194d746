import { describe, expect, it } from 'vitest';
import { readFolder } from '../../../src/load/fsFolder';
import { loadManifests } from '../../../src/load';
import { find, load } from './helpers';

// The seed note's Service, verbatim: a JavaScript-style `//` comment after `port: 9000`.
const SEED_SVC_1 = `apiVersion: v1
kind: Service
metadata:
  name: svc-1
spec:
  selector:
    app: pod
  ports:
  - port: 9000 // 9000번으로 들어오는 port 를 8080으로 엮어준다.
    targetPort: 8080
`;

const SEED_POD_1 = `apiVersion: v1
kind: Pod
metadata:
  name: pod-1
  labels:
     app: pod
spec:
  nodeSelector:
    kubernetes.io/hostname: k8s-node1
  containers:
  - name: container
    image: kubetm/app
    ports:
    - containerPort: 8080
`;

describe('the seed note', () => {
  it('rejects the `// comment` Service with an error naming the file, the line and spec.ports[0].port', () => {
    const r = load({ 'svc-1.yaml': SEED_SVC_1, 'pod-1.yaml': SEED_POD_1 });
    const errs = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errs).toHaveLength(1);
    const e = errs[0]!;
    expect(e).toMatchObject({
      file: 'svc-1.yaml',
      line: 9,
      column: 11,
      path: 'spec.ports[0].port',
      kind: 'Service',
      name: 'svc-1',
      namespace: 'default',
    });
    expect(e.message).toContain('spec.ports[0].port: Invalid value: "9000 // 9000번으로 들어오는 port 를 8080으로 엮어준다."');
    expect(e.message).toContain('must be an integer');
    expect(e.message).toContain('cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32');
    // The Service is left out; the Pod next to it still loads.
    expect(r.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Pod/pod-1']);
  });

  it('loads the bundled seed-typo example the same way', () => {
    const folder = readFolder('assets/examples/seed-typo');
    const r = loadManifests(folder.files);
    expect(r.objects.map((o) => o.kind)).toEqual(['Pod']);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.file, d.line, d.path])).toEqual([
      ['svc-1.yaml', 9, 'spec.ports[0].port'],
    ]);
  });

  it('loads every object of the bundled seed cluster without a single diagnostic', () => {
    const r = loadManifests(readFolder('assets/examples/seed').files);
    expect(r.diagnostics).toEqual([]);
    const ids = r.objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort();
    expect(ids).toEqual(
      [
        'Namespace//label-practice',
        'Namespace//pod-practice',
        'Pod/default/pod-1',
        'Pod/default/pod-2',
        'Pod/label-practice/pod-2',
        'Pod/pod-practice/pod-1',
        'Service/default/svc-1',
        'Service/default/svc-2',
        'Service/default/svc-3',
        'Service/label-practice/svc-1',
      ].sort(),
    );
  });

  it('keeps what the NodePort lesson relies on: nodePort 30000, externalTrafficPolicy Local, port 9000 → 8080', () => {
    const r = loadManifests(readFolder('assets/examples/seed').files);
    expect(find(r, 'Service', 'svc-2').spec).toMatchObject({
      type: 'NodePort',
      externalTrafficPolicy: 'Local',
      internalTrafficPolicy: 'Cluster',
      sessionAffinity: 'None',
      ports: [{ port: 9000, targetPort: 8080, nodePort: 30000, protocol: 'TCP' }],
    });
  });

  it('accepts the two-container Pod of the Pod lesson (different ports: no warning)', () => {
    const r = load(`apiVersion: v1
kind: Pod
metadata:
  name: pod-1
spec:
  containers:
  - name: container1
    image: kubetm/p8000
    ports:
    - containerPort: 8000
  - name: container2
    image: kubetm/p8080
    ports:
    - containerPort: 8080
`);
    expect(r.diagnostics).toEqual([]);
    expect(find(r, 'Pod', 'pod-1').spec.containers.map((c) => c.ports[0]?.containerPort)).toEqual([8000, 8080]);
  });
});
