import { describe, expect, it } from 'vitest';
import { endpointChain, portProtoHash, serviceChains } from '../../../src/trace/chains';
import { sha256Hex } from '../../../src/trace/sha256';

describe('kube-proxy chain names', () => {
  it('sha256 matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('reproduces the chain names every real cluster has (iptables-save transcripts)', () => {
    expect(serviceChains('default/kubernetes:https', 'tcp').svc).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(portProtoHash('kube-system/kube-dns:dns', 'udp')).toBe('TCOU7JCQXEZGVUNU');
    expect(portProtoHash('kube-system/kube-dns:dns-tcp', 'tcp')).toBe('ERIFXISQEP7F7OF4');
    expect(portProtoHash('kube-system/kube-dns:metrics', 'tcp')).toBe('JD5MR3NA4I4DYORP');
    // An unnamed port hashes the bare namespace/name.
    expect(portProtoHash('default/nginx', 'tcp')).toBe('2CMXP7HKUVJN7L6M');
  });

  it('names one endpoint chain per endpoint, changing when the pod IP changes', () => {
    const a = endpointChain('default/svc-1', 'tcp', '10.244.1.2:8080');
    const b = endpointChain('default/svc-1', 'tcp', '10.244.1.3:8080');
    expect(a).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
    expect(a).not.toBe(b);
  });
});
