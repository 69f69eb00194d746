import { describe, expect, it } from 'vitest';
import { errors, find, load, messages, pod, warnings } from './helpers';

const containers = (body: string) => `containers:\n${body}`;

describe('Pod defaults', () => {
  it('defaults restartPolicy, schedulerName, protocol, nodeSelector and the namespace', () => {
    const r = load(pod('web', containers('- name: web\n  image: nginx\n  ports:\n  - containerPort: 80')));
    const p = find(r, 'Pod', 'web');
    expect(p.metadata.namespace).toBe('default');
    expect(p.spec.restartPolicy).toBe('Always');
    expect(p.spec.schedulerName).toBe('default-scheduler');
    expect(p.spec.nodeSelector).toEqual({});
    expect(p.spec.hostNetwork).toBe(false);
    expect(p.spec.containers[0]!.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('defaults requests to limits when only limits are set, and parses quantities', () => {
    const r = load(
      pod('web', containers('- name: web\n  image: nginx\n  resources:\n    limits: {cpu: 500m, memory: 256Mi}\n    requests: {cpu: 0.1}')),
    );
    const res = find(r, 'Pod', 'web').spec.containers[0]!.resources;
    expect(res.limits).toEqual({ cpu: 500, memory: 256 * 1024 * 1024 });
    expect(res.requests).toEqual({ cpu: 100, memory: 256 * 1024 * 1024 });
  });

  it('gives hostNetwork Pods host ports equal to their container ports', () => {
    const r = load(pod('h', 'hostNetwork: true\n' + containers('- name: c\n  image: x\n  ports:\n  - containerPort: 9100')));
    expect(find(r, 'Pod', 'h').spec.containers[0]!.ports[0]!.hostPort).toBe(9100);
  });

  it('applies probe defaults the way the API server stores them', () => {
    const r = load(pod('p', containers('- name: c\n  image: x\n  readinessProbe:\n    httpGet: {port: 8080}')));
    expect(find(r, 'Pod', 'p').spec.containers[0]!.readinessProbe).toEqual({
      httpGet: { path: '/', scheme: 'HTTP', port: 8080 },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });
});

describe('Pod validation', () => {
  it('requires containers', () => {
    const r = load(pod('empty', 'nodeName: k8s-node1'));
    expect(messages(r)).toEqual(['spec.containers: Required value']);
    expect(errors(r)[0]).toMatchObject({ line: 5, path: 'spec.containers', kind: 'Pod', name: 'empty' });
  });

  it('requires an image and a DNS-1123 container name, unique within the Pod', () => {
    const r = load(pod('p', containers('- name: Web\n  image: nginx\n- name: side\n- name: side\n  image: busybox')));
    expect(messages(r)).toEqual([
      "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'spec.containers[1].image: Required value',
      'spec.containers[2].name: Duplicate value: "side"',
    ]);
    // The missing image points at its container entry.
    expect(errors(r)[1]).toMatchObject({ line: 9, column: 5 });
  });

  it('checks container ports: range, IANA names, protocol', () => {
    const r = load(
      pod(
        'p',
        containers(
          '- name: c\n  image: x\n  ports:\n  - containerPort: 0\n  - containerPort: 80\n    name: Web_Port\n  - containerPort: 81\n    protocol: http',
        ),
      ),
    );
    expect(messages(r)).toEqual([
      'spec.containers[0].ports[0].containerPort: Required value',
      'spec.containers[0].ports[1].name: Invalid value: "Web_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].ports[2].protocol: Unsupported value: "http": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('rejects requests above limits in the API server words', () => {
    const r = load(pod('p', containers('- name: c\n  image: x\n  resources:\n    requests: {cpu: "2"}\n    limits: {cpu: 1500m}')));
    expect(messages(r)).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1500m',
    ]);
    expect(errors(r)[0]).toMatchObject({ line: 10 });
  });

  it('rejects unparsable quantities with the decoder message', () => {
    const r = load(pod('p', containers('- name: c\n  image: x\n  resources:\n    limits: {memory: 512MB}')));
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]!.path).toBe('spec.containers[0].resources.limits[memory]');
    expect(errors(r)[0]!.message).toContain("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    expect(r.objects).toHaveLength(0);
  });

  it('rejects a misspelt resource name', () => {
    const r = load(pod('p', containers('- name: c\n  image: x\n  resources:\n    requests: {cpus: 1}')));
    expect(messages(r)).toEqual([
      'spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers',
    ]);
  });

  it('validates label keys and values', () => {
    const r = load(pod('p', containers('- name: c\n  image: x'), 'labels:\n  "-bad": ok\n  tier: "front end"'));
    expect(errors(r).map((e) => [e.path, e.line])).toEqual([
      ['metadata.labels', 6],
      ['metadata.labels', 7],
    ]);
    expect(errors(r)[0]!.message).toMatch(/^metadata\.labels: Invalid value: "-bad": name part must consist of alphanumeric characters/);
  });

  it('rejects a label value that YAML reads as a boolean, as the decoder does', () => {
    const r = load(pod('p', containers('- name: c\n  image: x'), 'labels:\n  enabled: yes'));
    expect(messages(r)).toEqual([
      'metadata.labels[enabled]: Invalid value: true: must be a string (json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string)',
    ]);
  });

  it('limits the total size of annotations to 256 KiB', () => {
    const big = 'x'.repeat(262144);
    const r = load(pod('p', containers('- name: c\n  image: x'), `annotations:\n  note: ${big}`));
    expect(messages(r)).toEqual(['metadata.annotations: Too long: may not be more than 262144 bytes']);
  });

  it('rejects duplicate host ports', () => {
    const r = load(
      pod(
        'p',
        containers(
          '- name: a\n  image: x\n  ports:\n  - {containerPort: 80, hostPort: 8080}\n- name: b\n  image: x\n  ports:\n  - {containerPort: 81, hostPort: 8080}',
        ),
      ),
    );
    expect(messages(r)).toEqual(['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
  });

  it('validates tolerations and node affinity operators', () => {
    const r = load(
      pod(
        'p',
        'tolerations:\n- key: ""\n  operator: Equal\n  value: x\naffinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - {key: zone, operator: Within, values: [a]}\n' +
          containers('- name: c\n  image: x'),
      ),
    );
    expect(messages(r)).toEqual([
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Within": not a valid selector operator',
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    ]);
  });
});

describe('Pod warnings (pkg/api/pod/warnings.go)', () => {
  it('warns about the same containerPort in two containers and still loads the Pod', () => {
    const r = load(
      pod(
        'dup',
        containers(
          '- name: nginx1\n  image: nginx\n  ports:\n  - containerPort: 80\n- name: nginx2\n  image: nginx\n  ports:\n  - containerPort: 80',
        ),
      ),
    );
    expect(errors(r)).toEqual([]);
    expect(warnings(r).map((w) => [w.message, w.line, w.path])).toEqual([
      ['spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]', 14, 'spec.containers[1].ports[0]'],
    ]);
    expect(find(r, 'Pod', 'dup').spec.containers).toHaveLength(2);
  });

  it('does not warn for the same port number on different protocols', () => {
    const r = load(
      pod(
        'dns',
        containers(
          '- name: a\n  image: x\n  ports:\n  - {containerPort: 53, protocol: UDP}\n- name: b\n  image: x\n  ports:\n  - {containerPort: 53, protocol: TCP}',
        ),
      ),
    );
    expect(r.diagnostics).toEqual([]);
  });

  it('warns about unknown fields (fieldValidation=Warn) without rejecting the Pod', () => {
    const r = load(pod('p', containers('- name: c\n  image: x\n  prots:\n  - containerPort: 80')));
    expect(messages(r, 'warning')).toEqual(['unknown field "spec.containers[0].prots"']);
    expect(warnings(r)[0]!.line).toBe(9);
    expect(r.objects).toHaveLength(1);
  });
});
