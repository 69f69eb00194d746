import { describe, expect, test } from 'vitest';
import {
  cidrContains,
  formatCidr,
  formatIPv4,
  ipInCidr,
  nthAddress,
  nthSubnet,
  parseCidr,
  parseIPv4,
  subnetCount,
} from '../../../src/util/ip';

describe('IPv4 helpers', () => {
  test('parse and format round-trip', () => {
    expect(formatIPv4(parseIPv4('192.168.64.30') as number)).toBe('192.168.64.30');
    expect(parseIPv4('255.255.255.255')).toBe(0xffffffff);
  });

  test('rejects what is not a dotted quad', () => {
    for (const bad of ['10.0.0', '10.0.0.256', 'a.b.c.d', '10.0.0.1/24', '010.0.0.1', '']) expect(parseIPv4(bad)).toBeNull();
  });

  test('a CIDR is normalised to its network, as Go ParseCIDR does', () => {
    expect(formatCidr(parseCidr('10.244.1.7/24')!)).toBe('10.244.1.0/24');
    expect(parseCidr('10.96.0.0/12')!.size).toBe(2 ** 20);
    expect(parseCidr('10.96.0.0/33')).toBeNull();
    expect(parseCidr('10.96.0.0')).toBeNull();
  });

  test('membership', () => {
    expect(ipInCidr('10.111.255.254', '10.96.0.0/12')).toBe(true);
    expect(ipInCidr('10.112.0.0', '10.96.0.0/12')).toBe(false);
    expect(cidrContains(parseCidr('10.244.0.0/16')!, parseIPv4('10.245.0.1')!)).toBe(false);
  });

  test('node subnets are carved in order from the pod CIDR', () => {
    const pods = parseCidr('10.244.0.0/16')!;
    expect(subnetCount(pods, 24)).toBe(256);
    expect(formatCidr(nthSubnet(pods, 24, 0)!)).toBe('10.244.0.0/24');
    expect(formatCidr(nthSubnet(pods, 24, 2)!)).toBe('10.244.2.0/24');
    expect(nthSubnet(pods, 24, 256)).toBeNull();
    expect(nthAddress(nthSubnet(pods, 24, 1)!, 1)).toBe('10.244.1.1');
  });
});
