/** The request box accepts the study note's own `curl` lines as well as the CLI's target syntax. */
import { describe, expect, it } from 'vitest';
import { normalizeSource, normalizeTarget, normalizeTargetRequest } from '../../../host/requestText';

describe('normalizeTarget', () => {
  it.each([
    ['curl 10.96.0.10:9000', '10.96.0.10:9000'],
    ['curl -s -m 5 http://10.96.0.10:9000/', '10.96.0.10:9000'],
    ['curl http://10.96.0.10', '10.96.0.10:80'],
    ['curl https://10.96.0.1', '10.96.0.1:443'],
    // Names stay names: the engine resolves them as the source would, hop by hop.
    ['curl svc-1:9000', 'svc-1:9000'],
    ['curl http://svc-1.default.svc.cluster.local:9000/', 'svc-1.default.svc.cluster.local:9000'],
    ['curl web.shop:8080', 'web.shop:8080'],
    ['http://Web.Shop.svc:8080/?q=1', 'web.shop.svc:8080'],
  ])('%s → %s', (text, target) => {
    expect(normalizeTarget(text)).toBe(target);
  });

  it('leaves the CLI syntax and anything it does not recognise for the engine to judge', () => {
    for (const text of [
      'svc/svc-1:9000',
      'node/k8s-node1:30000',
      'lb/svc-3:9000',
      '10.96.0.10:9000',
      'pod/pod-practice/pod-1:8080',
      'curl',
      'wget 1.2.3.4',
    ]) {
      expect(normalizeTarget(text)).toBe(text);
    }
    expect(normalizeTarget('  svc/svc-1:9000 ')).toBe('svc/svc-1:9000');
  });
});

describe('normalizeTargetRequest', () => {
  it('keeps the URL and the -H headers for an L7 proxy on the way (Ingress routes on Host and path)', () => {
    expect(normalizeTargetRequest("curl -H 'Host: shop.example.com' http://192.168.64.31:30080/api")).toEqual({
      to: 'http://192.168.64.31:30080/api',
      headers: ['Host: shop.example.com'],
    });
    expect(normalizeTargetRequest('curl -s -m 5 --header "Host: a.b" -H "X-Test: 1" 192.168.64.31:30080')).toEqual({
      to: 'http://192.168.64.31:30080',
      headers: ['Host: a.b', 'X-Test: 1'],
    });
    expect(normalizeTargetRequest('curl -HHost:a.b https://10.0.0.1:443/x')).toEqual({
      to: 'https://10.0.0.1:443/x',
      headers: ['Host:a.b'],
    });
  });

  it('keeps a path, so a rule for /api is matched even without a Host header', () => {
    expect(normalizeTargetRequest('curl 10.244.1.2:8080/hello')).toEqual({ to: 'http://10.244.1.2:8080/hello', headers: [] });
    expect(normalizeTargetRequest('http://web.shop.svc:8080/path?q=1')).toEqual({ to: 'http://web.shop.svc:8080/path?q=1', headers: [] });
  });

  it('rewrites plain requests as normalizeTarget does, with no headers', () => {
    expect(normalizeTargetRequest('curl http://10.96.0.10:9000/')).toEqual({ to: '10.96.0.10:9000', headers: [] });
    expect(normalizeTargetRequest('svc/svc-1:9000')).toEqual({ to: 'svc/svc-1:9000', headers: [] });
  });
});

describe('normalizeSource', () => {
  it('treats client/outside as the external client and keeps everything else', () => {
    expect(normalizeSource('client')).toBe('external');
    expect(normalizeSource(' External ')).toBe('external');
    expect(normalizeSource('pod/pod-1')).toBe('pod/pod-1');
  });
});
