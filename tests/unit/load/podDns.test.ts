/** dnsPolicy and dnsConfig as a v1.31 API server validates them (validateDNSPolicy, validatePodDNSConfig). */
import { describe, expect, it } from 'vitest';
import { load, messages } from './helpers';

const pod = (spec: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}  containers:\n  - name: c\n    image: nginx\n`;

describe('dnsPolicy / dnsConfig', () => {
  it('accepts the four policies, ClusterFirst by default, and keeps dnsConfig', () => {
    for (const p of ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default']) expect(messages(load(pod(`  dnsPolicy: ${p}\n`)))).toEqual([]);
    const r = load(
      pod(
        '  dnsPolicy: None\n  dnsConfig:\n    nameservers: [1.1.1.1]\n    searches: [corp.example.]\n    options: [{ name: ndots, value: "2" }]\n',
      ),
    );
    expect(messages(r)).toEqual([]);
  });

  it('rejects an unknown policy with the supported values', () => {
    expect(messages(load(pod('  dnsPolicy: ClusterLast\n')))).toEqual([
      'spec.dnsPolicy: Unsupported value: "ClusterLast": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
  });

  it('None needs dnsConfig with at least one nameserver', () => {
    expect(messages(load(pod('  dnsPolicy: None\n')))).toEqual([
      'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None',
    ]);
    expect(messages(load(pod('  dnsPolicy: None\n  dnsConfig:\n    searches: [a.example]\n')))).toEqual([
      'spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None',
    ]);
  });

  it('at most 3 nameservers, each an IP; at most 32 search paths of 2048 characters; options need a name', () => {
    const four = load(pod('  dnsConfig:\n    nameservers: [1.1.1.1, 8.8.8.8, 9.9.9.9, 10.0.0.1]\n'));
    expect(messages(four)[0]).toMatch(/^spec\.dnsConfig\.nameservers: Invalid value: .*must not have more than 3 nameservers$/);
    expect(messages(load(pod('  dnsConfig:\n    nameservers: [dns.example]\n')))).toEqual([
      'spec.dnsConfig.nameservers[0]: Invalid value: "dns.example": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
    const many = Array.from({ length: 33 }, (_, i) => `s${i}.example`).join(', ');
    expect(messages(load(pod(`  dnsConfig:\n    searches: [${many}]\n`)))[0]).toMatch(/must not have more than 32 search paths$/);
    const long = Array.from({ length: 20 }, (_, i) => `${'a'.repeat(60)}.${'b'.repeat(40)}${i}`).join(', ');
    expect(messages(load(pod(`  dnsConfig:\n    searches: [${long}]\n`)))[0]).toMatch(
      /must not have more than 2048 characters \(including spaces\) in the search list$/,
    );
    expect(messages(load(pod('  dnsConfig:\n    searches: [Bad_Domain]\n')))[0]).toMatch(
      /^spec\.dnsConfig\.searches\[0\]: Invalid value: "Bad_Domain": a lowercase RFC 1123 subdomain/,
    );
    expect(messages(load(pod('  dnsConfig:\n    options: [{ value: "1" }]\n')))).toEqual([
      'spec.dnsConfig.options[0]: Required value: must not be empty',
    ]);
  });

  it('in a workload template too, with the template path', () => {
    const dep = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector: { matchLabels: { a: b } }\n  template:\n    metadata: { labels: { a: b } }\n    spec:\n      dnsPolicy: None\n      containers:\n      - name: c\n        image: nginx\n`;
    expect(messages(load(dep))).toEqual([
      'spec.template.spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None',
    ]);
  });
});
