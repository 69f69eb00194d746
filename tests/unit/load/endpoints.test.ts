/** Hand-made Endpoints and EndpointSlices as a v1.31 API server takes them: defaults, and its words at their lines. */
import { describe, expect, it } from 'vitest';
import type { LoadedEndpoints, LoadedEndpointSlice } from '../../../src/model/objects';
import { errors, load, warnings } from './helpers';

/** An object, then a Pod that must still load whatever happens to the first. */
const withPod = (text: string): string =>
  `${text}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - { name: c, image: nginx }\n`;
const endpoints = (subsets: string): string => withPod(`apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: db\nsubsets:\n${subsets}`);
const slice = (body: string): string =>
  withPod(
    `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: db-1\n  labels: { kubernetes.io/service-name: db }\n${body}`,
  );
const at = (text: string): string[] => errors(load(text)).map((d) => `${d.line}: ${d.path}: ${d.message}`);

describe('Endpoints (v1)', () => {
  it('decodes subsets with the protocol defaulted to TCP', () => {
    const r = load(
      endpoints(
        '- addresses:\n  - ip: 192.168.64.100\n    nodeName: k8s-node1\n  notReadyAddresses:\n  - ip: 192.168.64.101\n  ports:\n  - port: 5432',
      ),
    );
    expect(errors(r)).toEqual([]);
    const o = r.objects.find((x) => x.kind === 'Endpoints') as LoadedEndpoints;
    expect(o.subsets).toEqual([
      {
        addresses: [{ ip: '192.168.64.100', hostname: '', nodeName: 'k8s-node1' }],
        notReadyAddresses: [{ ip: '192.168.64.101', hostname: '' }],
        ports: [{ name: '', port: 5432, protocol: 'TCP' }],
      },
    ]);
  });

  it('refuses what validateEndpointSubsets refuses, each at its line, and keeps the rest of the folder', () => {
    const text = endpoints(
      [
        '- ports: [{ port: 5432 }]',
        '- addresses:',
        '  - ip: 127.0.0.1',
        '  - ip: db.example.com',
        '  - ip: 169.254.169.254',
        '  ports:',
        '  - { name: a, port: 70000 }',
        '  - { port: 80, protocol: HTTP }',
      ].join('\n'),
    );
    expect(at(text)).toEqual([
      '6: subsets[0]: subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`',
      '8: subsets[1].addresses[0].ip: subsets[1].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      '9: subsets[1].addresses[1].ip: subsets[1].addresses[1].ip: Invalid value: "db.example.com": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      '9: subsets[1].addresses[1].ip: subsets[1].addresses[1].ip: Invalid value: "db.example.com": must be a valid IP address',
      '10: subsets[1].addresses[2].ip: subsets[1].addresses[2].ip: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
      '12: subsets[1].ports[0].port: subsets[1].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      '13: subsets[1].ports[1].name: subsets[1].ports[1].name: Required value',
      '13: subsets[1].ports[1].protocol: subsets[1].ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]);
    const r = load(text);
    expect(r.objects.map((o) => o.kind)).toEqual(['Pod']);
  });

  it('reports a field that is not in the schema (spec is not where subsets go)', () => {
    const r = load(withPod('apiVersion: v1\nkind: Endpoints\nmetadata: { name: db }\nspec:\n  subsets: []'));
    expect(warnings(r).map((d) => d.message)).toEqual(['unknown field "spec"']);
  });
});

describe('EndpointSlice (discovery.k8s.io/v1)', () => {
  it('decodes endpoints with conditions left unset where not written, and ports with name "" and TCP', () => {
    const r = load(
      slice(
        'addressType: IPv4\nports:\n- port: 5432\nendpoints:\n- addresses: ["10.0.0.5"]\n  nodeName: k8s-node1\n  conditions: { serving: true }',
      ),
    );
    expect(errors(r)).toEqual([]);
    const o = r.objects.find((x) => x.kind === 'EndpointSlice') as LoadedEndpointSlice;
    expect(o.addressType).toBe('IPv4');
    expect(o.ports).toEqual([{ name: '', port: 5432, protocol: 'TCP' }]);
    expect(o.endpoints).toEqual([
      { addresses: ['10.0.0.5'], conditions: { ready: null, serving: true, terminating: null }, nodeName: 'k8s-node1' },
    ]);
  });

  it('refuses what ValidateEndpointSliceCreate refuses', () => {
    expect(at(slice('endpoints: []'))).toEqual(['1: addressType: addressType: Required value']);
    expect(at(slice('addressType: IP\nendpoints: []'))).toEqual([
      '6: addressType: addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"',
    ]);
    const text = slice(
      [
        'addressType: IPv4',
        'ports:',
        '- { name: http, port: 80 }',
        '- { name: http, port: 81, protocol: ICMP }',
        'endpoints:',
        '- addresses: []',
        '- addresses: ["2001:db8::1"]',
        '- addresses: ["0.0.0.0"]',
        '  nodeName: Node_1',
        '  hostname: db.primary',
      ].join('\n'),
    );
    // The API server's order: addressType, endpoints, then ports.
    expect(at(text)).toEqual([
      '11: endpoints[0].addresses: endpoints[0].addresses: Required value: must contain at least 1 address',
      '12: endpoints[1].addresses[0]: endpoints[1].addresses[0]: Invalid value: "2001:db8::1": must be a valid IPv4 address',
      '13: endpoints[2].addresses[0]: endpoints[2].addresses[0]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)',
      expect.stringMatching(/^14: endpoints\[2\]\.nodeName: .*Invalid value: "Node_1": a lowercase RFC 1123 subdomain/),
      '15: endpoints[2].hostname: endpoints[2].hostname: Invalid value: "db.primary": must not contain dots',
      '9: ports[1].name: ports[1].name: Duplicate value: "http"',
      '9: ports[1].protocol: ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('checks FQDN addresses as domain names', () => {
    expect(at(slice('addressType: FQDN\nendpoints:\n- addresses: ["db"]'))).toEqual([
      '8: endpoints[0].addresses[0]: endpoints[0].addresses[0]: Invalid value: "db": should be a domain with at least two segments separated by dots',
    ]);
    expect(at(slice('addressType: FQDN\nendpoints:\n- addresses: ["db.example.com."]'))).toEqual([]);
  });

  it('a type the decoder refuses rejects the object with the decoder’s words', () => {
    const r = load(slice('addressType: IPv4\nendpoints:\n- addresses: ["10.0.0.5"]\n  conditions: { ready: "yes" }'));
    expect(errors(r).map((d) => d.message)).toEqual([
      expect.stringContaining(
        'json: cannot unmarshal string into Go struct field EndpointConditions.endpoints.conditions.ready of type bool',
      ),
    ]);
    expect(r.objects.map((o) => o.kind)).toEqual(['Pod']);
  });
});
