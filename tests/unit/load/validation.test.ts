import { describe, expect, it } from 'vitest';
import {
  isCIDR,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isIP,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
} from '../../../src/util/validation';

describe('name and label validators', () => {
  it('DNS-1123 labels: lowercase alphanumerics and -, no dots, at most 63', () => {
    expect(isDNS1123Label('pod-1')).toEqual([]);
    expect(isDNS1123Label('123-abc')).toEqual([]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('-a')).toHaveLength(1);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });

  it('DNS-1123 subdomains allow dots, up to 253', () => {
    expect(isDNS1123Subdomain('app.example.com')).toEqual([]);
    expect(isDNS1123Subdomain('App')).toHaveLength(1);
    expect(isDNS1123Subdomain(`${'a'.repeat(63)}.`.repeat(4) + 'a')).toEqual(['must be no more than 253 characters']);
  });

  it('DNS-1035 labels must start with a letter', () => {
    expect(isDNS1035Label('svc-1')).toEqual([]);
    expect(isDNS1035Label('1svc')).toHaveLength(1);
  });

  it('label keys: optional DNS prefix, a name of at most 63 characters', () => {
    expect(isQualifiedName('app.kubernetes.io/name')).toEqual([]);
    expect(isQualifiedName('MyName')).toEqual([]);
    expect(isQualifiedName('/name')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('a/b/c')).toHaveLength(1);
    expect(isQualifiedName('Example.com/x')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
  });

  it('label values may be empty; otherwise alphanumeric ends', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('v1.2_3')).toEqual([]);
    expect(isValidLabelValue('a b')).toHaveLength(1);
  });

  it('port names follow IANA_SVC_NAME', () => {
    expect(isValidPortName('http')).toEqual([]);
    expect(isValidPortName('http-metrics')).toEqual([]);
    expect(isValidPortName('8080')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('-web')).toEqual(['must not begin or end with a hyphen']);
    expect(isValidPortName('Web')).toEqual(['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']);
  });

  it('IPs and CIDRs', () => {
    expect([isIP('10.96.0.1'), isIP('2001:db8::1'), isIP('::ffff:1.2.3.4'), isIP('1.2.3'), isIP('256.1.1.1')]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect([isCIDR('10.244.0.0/16'), isCIDR('10.244.0.0/33'), isCIDR('fd00::/64'), isCIDR('10.0.0.0')]).toEqual([true, false, true, false]);
  });
});
