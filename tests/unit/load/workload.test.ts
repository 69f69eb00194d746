import { describe, expect, it } from 'vitest';
import { errors, find, load, messages, warnings } from './helpers';

function deployment(spec: string, apiVersion = 'apps/v1', kind = 'Deployment'): string {
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: web\nspec:\n${spec}`;
}

const TEMPLATE = `  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
`;

describe('workload defaults', () => {
  it('gives a Deployment 1 replica and keeps its selector and template', () => {
    const r = load(deployment(`  selector:\n    matchLabels: {app: web}\n${TEMPLATE}`));
    const d = find(r, 'Deployment', 'web');
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(d.spec.template.metadata).toMatchObject({ labels: { app: 'web' }, namespace: 'default' });
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: 'Always', schedulerName: 'default-scheduler' });
  });

  it('gives StatefulSets OrderedReady and ReplicaSets 1 replica', () => {
    const r = load({
      'sts.yaml': deployment(`  serviceName: web\n  selector:\n    matchLabels: {app: web}\n${TEMPLATE}`, 'apps/v1', 'StatefulSet'),
      'rs.yaml': deployment(`  selector:\n    matchLabels: {app: web}\n${TEMPLATE}`, 'apps/v1', 'ReplicaSet'),
    });
    expect(find(r, 'StatefulSet', 'web').spec).toMatchObject({ replicas: 1, podManagementPolicy: 'OrderedReady', serviceName: 'web' });
    expect(find(r, 'ReplicaSet', 'web').spec.replicas).toBe(1);
  });

  it('defaults a ReplicationController selector (and labels) from its template', () => {
    const r = load(deployment(`  replicas: 2\n${TEMPLATE}`, 'v1', 'ReplicationController'));
    const rc = find(r, 'ReplicationController', 'web');
    expect(rc.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(rc.metadata.labels).toEqual({ app: 'web' });
    expect(rc.spec.replicas).toBe(2);
  });

  it('gives a Job completions 1 and parallelism 1, and labels its pods with the job name', () => {
    const r = load(
      deployment(
        `  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: perl\n`,
        'batch/v1',
        'Job',
      ),
    );
    const job = find(r, 'Job', 'web');
    expect(job.spec).toMatchObject({ completions: 1, parallelism: 1 });
    expect(job.spec.template.metadata.labels['batch.kubernetes.io/job-name']).toBe('web');
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });
});

describe('workload validation (apps/v1, batch/v1)', () => {
  it('requires spec.selector for apps/v1', () => {
    const r = load(deployment(TEMPLATE));
    expect(messages(r)).toEqual(['spec.selector: Required value']);
    expect(errors(r)[0]).toMatchObject({ line: 5, kind: 'Deployment', name: 'web' });
  });

  it('rejects a selector that does not match the template labels', () => {
    const r = load(deployment(`  selector:\n    matchLabels: {app: api}\n${TEMPLATE}`));
    expect(messages(r)).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
    expect(errors(r)[0]!.line).toBe(10);
    expect(r.objects).toHaveLength(0);
  });

  it('rejects an empty selector', () => {
    const r = load(deployment(`  selector: {}\n${TEMPLATE}`));
    expect(messages(r)).toEqual(['spec.selector: Invalid value: {}: empty selector is invalid for deployment']);
  });

  it('rejects restartPolicy Never on a Deployment and a Job without restartPolicy', () => {
    const never = load(deployment(`  selector:\n    matchLabels: {app: web}\n${TEMPLATE}      restartPolicy: Never\n`));
    expect(messages(never)).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
    const job = load(deployment('  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl\n', 'batch/v1', 'Job'));
    expect(messages(job)).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ]);
  });

  it('requires template containers and validates them with the template path', () => {
    const r = load(
      deployment(
        '  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: []\n',
      ),
    );
    expect(messages(r)).toEqual(['spec.template.spec.containers: Required value']);
  });

  it('rejects negative replicas', () => {
    const r = load(deployment(`  replicas: -1\n  selector:\n    matchLabels: {app: web}\n${TEMPLATE}`));
    expect(messages(r)).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('refuses apiVersions the API server no longer serves', () => {
    const r = load(deployment(`  selector:\n    matchLabels: {app: web}\n${TEMPLATE}`, 'extensions/v1beta1'));
    expect(r.objects).toHaveLength(0);
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]).toMatchObject({ line: 1, path: 'apiVersion', kind: 'Deployment', name: 'web' });
    expect(errors(r)[0]!.message).toMatch(/^no matches for kind "Deployment" in version "extensions\/v1beta1"/);
  });

  it('warns about duplicate template ports with the template path', () => {
    const r = load(
      deployment(
        `  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: a\n        image: x\n        ports:\n        - containerPort: 80\n        - containerPort: 80\n`,
      ),
    );
    expect(messages(r, 'warning')).toEqual([
      'spec.template.spec.containers[0].ports[1]: duplicate port definition with spec.template.spec.containers[0].ports[0]',
    ]);
    expect(warnings(r)[0]!.line).toBe(17);
    expect(r.objects).toHaveLength(1);
  });
});

describe('Deployment strategy (ValidateDeploymentStrategy)', () => {
  const SEL = `  selector:\n    matchLabels: {app: web}\n`;
  it('defaults to RollingUpdate 25%/25% and keeps minReadySeconds', () => {
    const d = find(load(deployment(`${SEL}  minReadySeconds: 5\n${TEMPLATE}`)), 'Deployment', 'web');
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(d.spec.minReadySeconds).toBe(5);
  });

  it('says what is wrong in the API server words', () => {
    const r = load({
      'a.yaml': deployment(`${SEL}  strategy:\n    type: Recreate\n    rollingUpdate: {maxSurge: 1}\n${TEMPLATE}`),
      'b.yaml': deployment(`${SEL}  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 0}\n${TEMPLATE}`).replace(
        'name: web',
        'name: b',
      ),
      'c.yaml': deployment(`${SEL}  strategy:\n    rollingUpdate: {maxSurge: ten, maxUnavailable: 120%}\n${TEMPLATE}`).replace(
        'name: web',
        'name: c',
      ),
      'd.yaml': deployment(`${SEL}  strategy:\n    type: BlueGreen\n${TEMPLATE}`).replace('name: web', 'name: d'),
    });
    const text = messages(r).join('\n');
    expect(text).toContain("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
    expect(text).toContain('spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0');
    expect(text).toContain('spec.strategy.rollingUpdate.maxSurge: Invalid value: "ten": a valid percent string');
    expect(text).toContain('spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%');
    expect(text).toContain('spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"');
  });
});
