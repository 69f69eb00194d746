/** How the view words NetworkPolicy: a Pod's isolation phrase, and which hops are a policy's verdict. */
import { describe, expect, it } from 'vitest';
import { isolatedDirections, isolationText, policyName, policyVerdict } from '../../../renderer/model/policies';
import { allowLabel } from '../../../renderer/viz/drawPackets';
import { hop } from './events';

const cite = (namespace: string, name: string) => ({ namespace, name, file: 'policies.yaml', line: 9 });

describe('isolationText', () => {
  it('names the policies and the direction, the way the Pod’s accessible name carries them', () => {
    expect(isolationText({ ingress: [cite('x', 'deny-ingress')], egress: [] })).toBe('isolated by NetworkPolicy x/deny-ingress (ingress)');
    expect(isolationText({ ingress: [cite('x', 'deny-ingress'), cite('x', 'allow-from-y')], egress: [] })).toBe(
      'isolated by NetworkPolicy x/deny-ingress and x/allow-from-y (ingress)',
    );
    expect(isolationText({ ingress: [], egress: [cite('z', 'dns-only')] })).toBe('isolated by NetworkPolicy z/dns-only (egress)');
  });

  it('says both directions once when the same policies isolate both, and each otherwise', () => {
    expect(isolationText({ ingress: [cite('x', 'lockdown')], egress: [cite('x', 'lockdown')] })).toBe(
      'isolated by NetworkPolicy x/lockdown (ingress and egress)',
    );
    expect(isolationText({ ingress: [cite('x', 'a')], egress: [cite('x', 'b')] })).toBe(
      'isolated by NetworkPolicy x/a (ingress) and NetworkPolicy x/b (egress)',
    );
  });

  it('is null for a Pod nothing isolates; a policy in default is named without its namespace', () => {
    expect(isolationText(undefined)).toBeNull();
    expect(isolationText({ ingress: [], egress: [] })).toBeNull();
    expect(isolatedDirections({ ingress: [], egress: [cite('x', 'a')] })).toEqual(['egress']);
    expect(policyName({ namespace: 'default', name: 'web' })).toBe('web');
  });
});

describe('policyVerdict', () => {
  it('reads Calico’s chain: cali-tw into the Pod is ingress, cali-fw out of it egress', () => {
    expect(policyVerdict({ action: 'allow', rule: "cali-tw-… (a's veth) -j ACCEPT" })).toEqual({ allowed: true, direction: 'ingress' });
    expect(policyVerdict({ action: 'drop', rule: "cali-fw-… (c's veth) -j DROP" })).toEqual({ allowed: false, direction: 'egress' });
  });

  it('leaves other drops alone: kube-proxy’s, and a Pod without an address', () => {
    expect(policyVerdict({ action: 'drop', rule: 'KUBE-EXT-ABC (no local endpoints)' })).toBeNull();
    expect(policyVerdict({ action: 'drop', rule: undefined })).toBeNull();
    expect(policyVerdict({ action: 'deliver', rule: "cali-tw-… (a's veth) -j ACCEPT" })).toBeNull();
  });

  it('labels an allow hop beside the packet, and nothing else', () => {
    const allow = hop({ at: 'pod/x/a', arrive: 0, action: 'allow', rule: "cali-tw-… (a's veth) -j ACCEPT" });
    expect(allowLabel(allow)).toBe('✓ NetworkPolicy allows (ingress)');
    expect(allowLabel(hop({ at: 'pod/x/a', arrive: 0, action: 'deliver' }))).toBeNull();
  });
});
