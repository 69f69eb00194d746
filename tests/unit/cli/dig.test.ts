/** `kube-traffic dig`: one DNS question to kube-dns or the host's resolver, answered as the cluster would. */
import { describe, expect, it } from 'vitest';
import { cli, SEED } from './runCli';

describe('kube-traffic dig', () => {
  it('an A question to kube-dns: the Service ClusterIP, printed as dig prints it', () => {
    const r = cli('dig', SEED, 'svc-1.default.svc.cluster.local');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(';; ->>HEADER<<- opcode: QUERY, status: NOERROR');
    expect(r.stdout).toMatch(/^svc-1\.default\.svc\.cluster\.local\.\t30\tIN\tA\t10\.\d+\.\d+\.\d+$/m);
    expect(r.stdout).toContain(';; SERVER: 10.96.0.10#53(10.96.0.10) (kube-dns)');
  });

  it('AAAA: NOERROR and no answer section; the host resolver knows no cluster.local', () => {
    const aaaa = cli('dig', SEED, 'svc-1.default.svc.cluster.local', 'aaaa');
    expect(aaaa.stdout).toContain('status: NOERROR');
    expect(aaaa.stdout).not.toContain('ANSWER SECTION');
    expect(cli('dig', SEED, 'svc-1.default.svc.cluster.local', '--host').stdout).toContain('status: NXDOMAIN');
  });

  it('-x: the PTR of kube-dns itself; --json carries the records', () => {
    const r = cli('dig', SEED, '-x', '10.96.0.10', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ name: '10.0.96.10.in-addr.arpa.', type: 'PTR', server: '10.96.0.10:53', rcode: 'NOERROR' });
    expect(doc.answers).toEqual([
      { name: '10.0.96.10.in-addr.arpa.', type: 'PTR', ttl: 30, data: 'kube-dns.kube-system.svc.cluster.local.' },
    ]);
  });

  it('usage errors: no name, an unknown type, a bad address', () => {
    expect(cli('dig', SEED).code).toBe(2);
    expect(cli('dig', SEED, 'x', 'MX').stderr).toContain('unsupported query type "MX"');
    expect(cli('dig', SEED, '-x', '10.1.2').code).toBe(2);
  });
});
