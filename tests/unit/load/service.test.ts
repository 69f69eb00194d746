import { describe, expect, it } from 'vitest';
import { errors, find, load, messages, service } from './helpers';

describe('Service defaults (SetDefaults_Service)', () => {
  it('defaults type, protocol, targetPort, sessionAffinity and internalTrafficPolicy', () => {
    const r = load(service('web', 'selector: {app: web}\nports:\n- port: 80'));
    const s = find(r, 'Service', 'web').spec;
    expect(s.type).toBe('ClusterIP');
    expect(s.ports).toEqual([{ port: 80, targetPort: 80, protocol: 'TCP' }]);
    expect(s.sessionAffinity).toBe('None');
    expect(s.sessionAffinityConfig).toBeUndefined();
    expect(s.internalTrafficPolicy).toBe('Cluster');
    expect(s.publishNotReadyAddresses).toBe(false);
    // externalTrafficPolicy only exists for externally reachable Services.
    expect(s.externalTrafficPolicy).toBeUndefined();
  });

  it('keeps a named targetPort as a string and defaults a zero targetPort to the port', () => {
    const r = load(service('web', 'ports:\n- name: http\n  port: 80\n  targetPort: http\n- name: b\n  port: 81\n  targetPort: 0'));
    expect(find(r, 'Service', 'web').spec.ports.map((p) => p.targetPort)).toEqual(['http', 81]);
  });

  it('gives NodePort and LoadBalancer Services externalTrafficPolicy Cluster', () => {
    const r = load({
      'a.yaml': service('np', 'type: NodePort\nports:\n- port: 80'),
      'b.yaml': service('lb', 'type: LoadBalancer\nports:\n- port: 80'),
    });
    expect(find(r, 'Service', 'np').spec.externalTrafficPolicy).toBe('Cluster');
    expect(find(r, 'Service', 'lb').spec.externalTrafficPolicy).toBe('Cluster');
    expect(find(r, 'Service', 'lb').spec.allocateLoadBalancerNodePorts).toBe(true);
  });

  it('gives sessionAffinity ClientIP the 10800 s timeout', () => {
    const r = load(service('sticky', 'sessionAffinity: ClientIP\nports:\n- port: 80'));
    expect(find(r, 'Service', 'sticky').spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  it('puts Services without a namespace into default', () => {
    const r = load(service('web', 'ports:\n- port: 80'));
    expect(find(r, 'Service', 'web').metadata.namespace).toBe('default');
  });
});

describe('Service validation (ValidateService)', () => {
  const only = (spec: string, name = 'web') => {
    const r = load(service(name, spec));
    return { r, errs: errors(r) };
  };

  it('loadBalancerClass: only on LoadBalancer Services, and a qualified name', () => {
    expect(only('type: NodePort\nloadBalancerClass: example.com/lb\nports:\n- port: 80').errs.map((e) => e.message)).toEqual([
      "spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'",
    ]);
    expect(only('type: LoadBalancer\nloadBalancerClass: example.com/Bad Class\nports:\n- port: 80').errs.map((e) => e.message)).toEqual([
      "spec.loadBalancerClass: Invalid value: \"example.com/Bad Class\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    const ok = only('type: LoadBalancer\nloadBalancerClass: example.com/internal-vip\nports:\n- port: 80');
    expect(ok.errs).toEqual([]);
    expect(find(ok.r, 'Service', 'web').spec.loadBalancerClass).toBe('example.com/internal-vip');
  });

  it('rejects ports outside 1–65535', () => {
    const { r, errs } = only('ports:\n- port: 70000');
    // targetPort defaults to the port, so it is out of range too: the API server reports both, port first.
    expect(errs.map((e) => e.message)).toEqual([
      'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    expect(errs[0]).toMatchObject({ path: 'spec.ports[0].port', line: 7, column: 11 });
    expect(r.objects).toHaveLength(0);
  });

  it('requires at least one port unless headless', () => {
    expect(only('selector: {app: web}').errs.map((e) => e.message)).toEqual(['spec.ports: Required value']);
    expect(only('clusterIP: None\nselector: {app: web}').errs).toEqual([]);
  });

  it('requires names on every port of a multi-port Service, and unique ones', () => {
    const missing = only('ports:\n- port: 80\n- port: 443');
    expect(missing.errs.map((e) => e.message)).toEqual(['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']);
    const dup = only('ports:\n- name: http\n  port: 80\n- name: http\n  port: 443');
    expect(dup.errs.map((e) => e.message)).toEqual(['spec.ports[1].name: Duplicate value: "http"']);
  });

  it('rejects the same (protocol, port) twice but allows TCP and UDP on one port', () => {
    const dup = only('ports:\n- name: a\n  port: 53\n- name: b\n  port: 53');
    expect(dup.errs).toHaveLength(1);
    expect(dup.errs[0]!.path).toBe('spec.ports[1]');
    expect(dup.errs[0]!.message).toBe(
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:53, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    );
    expect(only('ports:\n- name: dns\n  port: 53\n  protocol: UDP\n- name: dns-tcp\n  port: 53\n  protocol: TCP').errs).toEqual([]);
  });

  it('rejects an invalid targetPort name (IANA_SVC_NAME) and number', () => {
    const r = only('ports:\n- port: 80\n  targetPort: http--web-port-name');
    expect(r.errs.map((e) => e.message)).toEqual([
      'spec.ports[0].targetPort: Invalid value: "http--web-port-name": must be no more than 15 characters',
      'spec.ports[0].targetPort: Invalid value: "http--web-port-name": must not contain consecutive hyphens',
    ]);
    expect(only('ports:\n- port: 80\n  targetPort: 0x1ffff').errs.map((e) => e.message)).toEqual([
      'spec.ports[0].targetPort: Invalid value: 131071: must be between 1 and 65535, inclusive',
    ]);
  });

  it('rejects lowercase protocols with the supported values', () => {
    expect(only('ports:\n- port: 80\n  protocol: tcp').errs.map((e) => e.message)).toEqual([
      'spec.ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('forbids nodePort on ClusterIP Services', () => {
    expect(only('ports:\n- port: 80\n  nodePort: 30080').errs.map((e) => e.message)).toEqual([
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
  });

  it('rejects node ports outside 30000-32767 with the allocator message', () => {
    const r = only('type: NodePort\nports:\n- port: 80\n  nodePort: 8080');
    expect(r.errs.map((e) => e.message)).toEqual([
      'spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
    expect(r.errs[0]).toMatchObject({ line: 9, path: 'spec.ports[0].nodePort' });
  });

  it('rejects a duplicate nodePort within a Service and across Services', () => {
    const within = only('type: NodePort\nports:\n- name: a\n  port: 80\n  nodePort: 30080\n- name: b\n  port: 81\n  nodePort: 30080');
    expect(within.errs.map((e) => e.message)).toEqual(['spec.ports[1].nodePort: Duplicate value: 30080']);
    const across = load({
      'a.yaml': service('first', 'type: NodePort\nports:\n- port: 80\n  nodePort: 30080'),
      'b.yaml': service('second', 'type: NodePort\nports:\n- port: 81\n  nodePort: 30080'),
    });
    expect(errors(across).map((e) => [e.file, e.message])).toEqual([
      ['b.yaml', 'spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated'],
    ]);
    expect(across.objects.map((o) => o.metadata.name)).toEqual(['first']);
  });

  it('only allows externalTrafficPolicy on externally reachable Services', () => {
    expect(only('externalTrafficPolicy: Local\nports:\n- port: 80').errs.map((e) => e.message)).toEqual([
      'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    ]);
    expect(only('type: NodePort\nexternalTrafficPolicy: local\nports:\n- port: 80').errs.map((e) => e.message)).toEqual([
      'spec.externalTrafficPolicy: Unsupported value: "local": supported values: "Cluster", "Local"',
    ]);
  });

  it('only allows healthCheckNodePort on LoadBalancer + Local', () => {
    expect(
      only('type: NodePort\nexternalTrafficPolicy: Local\nhealthCheckNodePort: 32000\nports:\n- port: 80').errs.map((e) => e.message),
    ).toEqual([
      "spec.healthCheckNodePort: Invalid value: 32000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    ]);
    const ok = load(service('lb', 'type: LoadBalancer\nexternalTrafficPolicy: Local\nhealthCheckNodePort: 32000\nports:\n- port: 80'));
    expect(find(ok, 'Service', 'lb').spec.healthCheckNodePort).toBe(32000);
  });

  it('bounds the ClientIP affinity timeout to 0 < t ≤ 86400', () => {
    const at = (t: number) =>
      only(`sessionAffinity: ClientIP\nsessionAffinityConfig:\n  clientIP:\n    timeoutSeconds: ${t}\nports:\n- port: 80`).errs.map(
        (e) => e.message,
      );
    expect(at(86400)).toEqual([]);
    expect(at(86401)).toEqual([
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400',
    ]);
    expect(at(0)).toHaveLength(1);
  });

  it('requires a DNS-1035 label as Service name', () => {
    const r = only('ports:\n- port: 80', '1web');
    expect(r.errs.map((e) => e.message)).toEqual([
      "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(r.errs[0]).toMatchObject({ line: 4, path: 'metadata.name' });
  });

  it('validates selector label values', () => {
    const r = only('selector:\n  app: "web app"\nports:\n- port: 80');
    expect(r.errs).toHaveLength(1);
    expect(r.errs[0]).toMatchObject({ path: 'spec.selector', line: 7 });
    expect(r.errs[0]!.message).toMatch(/^spec\.selector: Invalid value: "web app": a valid label must be an empty string/);
  });

  it('rejects unknown types and an ExternalName without a name', () => {
    expect(only('type: Nodeport\nports:\n- port: 80').errs.map((e) => e.message)).toEqual([
      'spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
    expect(only('type: ExternalName').errs.map((e) => e.message)).toEqual(['spec.externalName: Required value']);
  });

  it('reports the decoder error for a quoted port and stops there', () => {
    const { r } = only('ports:\n- port: "80"\n  targetPort: 99999');
    expect(messages(r)).toEqual([
      'spec.ports[0].port: Invalid value: "80": must be an integer (json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32)',
    ]);
  });
});
