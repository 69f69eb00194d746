import { describe, expect, it } from 'vitest';
import { find, load } from './helpers';

const FILE = `# a comment before the object
apiVersion: v1
kind: Pod
metadata:
  name: two
  labels:
    app: web
spec:
  containers:
  - name: first
    image: nginx
    ports:
    - containerPort: 80
  - name: second
    image: busybox
    ports:
    - name: metrics
      containerPort: 9100
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: 8080
  - name: metrics
    port: 9100
`;

describe('locate: API field path → source position', () => {
  const r = load({ 'app.yaml': FILE });
  const pod = find(r, 'Pod', 'two');
  const svc = find(r, 'Service', 'web');

  it("gives each object's first line as its source", () => {
    expect(pod.source).toEqual({ file: 'app.yaml', line: 2, column: 1 });
    expect(svc.source).toEqual({ file: 'app.yaml', line: 20, column: 1 });
  });

  it('points list entries at their first key and scalars at their value', () => {
    expect(pod.locate('spec.containers[1].ports[0]')).toEqual({ file: 'app.yaml', line: 17, column: 7 });
    expect(pod.locate('spec.containers[1].ports[0].containerPort')).toEqual({ file: 'app.yaml', line: 18, column: 22 });
    expect(svc.locate('spec.ports[0].targetPort')).toEqual({ file: 'app.yaml', line: 30, column: 17 });
  });

  it('points a defaulted field at its nearest written ancestor', () => {
    // ports[1] has no targetPort (defaulted to 9100): its entry is the answer.
    expect(svc.locate('spec.ports[1].targetPort')).toEqual({ file: 'app.yaml', line: 31, column: 5 });
    expect(svc.locate('spec.type')).toEqual({ file: 'app.yaml', line: 24, column: 1 });
    expect(pod.locate('spec.containers[5].image')).toEqual({ file: 'app.yaml', line: 9, column: 3 });
  });

  it('points collections at their key and map entries at their value', () => {
    expect(svc.locate('spec.selector')).toEqual({ file: 'app.yaml', line: 25, column: 3 });
    expect(pod.locate('metadata.labels[app]')).toEqual({ file: 'app.yaml', line: 7, column: 10 });
  });
});
