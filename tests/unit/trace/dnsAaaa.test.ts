/**
 * getaddrinfo (glibc since 2.9, musl; AF_UNSPEC) asks AAAA alongside A, over the same UDP socket, for
 * each name the search path makes (kubernetes/kubernetes#56903; resolv.conf(5) single-request). Same
 * socket, same conntrack entry: the AAAA query takes the A query's path to the same CoreDNS Pod, so the
 * trace says what it was answered instead of walking it again (DESIGN.md, Cluster DNS).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../src/cluster/index';
import { coreDnsLookup, coreDnsQuery, upstreamLookup, upstreamQuery } from '../../../src/dns';
import { loadManifests } from '../../../src/load/index';
import type { Trace } from '../../../src/model/trace';
import { aaaaText, answerText } from '../../../src/trace/dnsExchange';
import { trace1 } from './helpers';

const C = buildCluster(
  loadManifests([
    {
      path: 'm.yaml',
      text:
        'apiVersion: v1\nkind: Pod\nmetadata: { name: client }\nspec:\n  containers: [{ name: c, image: nginx }]\n---\n' +
        'apiVersion: v1\nkind: Pod\nmetadata: { name: api-1, labels: { app: api } }\nspec:\n  containers: [{ name: c, image: nginx, ports: [{ containerPort: 80 }] }]\n---\n' +
        'apiVersion: v1\nkind: Service\nmetadata: { name: api }\nspec:\n  selector: { app: api }\n  ports: [{ port: 80 }]\n---\n' +
        'apiVersion: v1\nkind: Service\nmetadata: { name: ghost }\nspec:\n  type: ExternalName\n  externalName: nowhere.example.com\n',
    },
  ]),
  { seed: 1 },
);
const dnsHops = (t: Trace) => t.hops.filter((h) => h.dns !== undefined);
/** The note of the hop where the nameserver answers each name (the last query hop of each exchange). */
const answered = (t: Trace) =>
  dnsHops(t)
    .filter((h, i, all) => h.dns!.kind === 'query' && all[i + 1]?.dns?.kind !== 'query')
    .map((h) => h.note ?? '');

describe('the AAAA question getaddrinfo sends with the A one', () => {
  it('each query says AAAA goes with it; each answer says what AAAA got, per name of the search path', () => {
    const t = trace1(C, 'pod/client', 'api:80');
    expect(dnsHops(t)[0].note).toContain('AAAA api.default.svc.cluster.local? goes with it over the same socket');
    expect(answered(t)).toEqual([
      expect.stringMatching(/answers api\.default\.svc\.cluster\.local: NOERROR, A .*; AAAA: NOERROR, no answer \(IPv4 only\)$/),
    ]);
    const miss = trace1(C, 'pod/client', 'nope:80');
    const notes = answered(miss);
    expect(notes).toHaveLength(4);
    expect(notes.every((n) => n.endsWith('; AAAA: NXDOMAIN'))).toBe(true);
    expect(dnsHops(miss).find((h) => (h.note ?? '').includes('the next name in the search list'))!.note).toContain('AAAA alongside');
  });

  it('no extra packet: the questions walked are A only, one query and one answer per name', () => {
    const t = trace1(C, 'pod/client', 'api:80');
    expect(new Set(dnsHops(t).map((h) => h.dns!.question.type))).toEqual(new Set(['A']));
    expect(new Set(dnsHops(t).map((h) => h.dns!.id)).size).toBe(1);
  });

  it('what the note says is what CoreDNS answers to AAAA (the dig path), for records, misses and ExternalNames', () => {
    const say = (a: ReturnType<typeof coreDnsQuery>) =>
      a.answers.length === 0 && a.rcode === 'NOERROR' ? 'NOERROR, no answer (IPv4 only)' : answerText(a);
    for (const q of [
      'api.default.svc.cluster.local',
      'nope.default.svc.cluster.local',
      'ghost.default.svc.cluster.local',
      'kube-dns.kube-system.svc.cluster.local',
      'example.org',
    ]) {
      expect(aaaaText(coreDnsLookup(C, q), q)).toBe(say(coreDnsQuery(C, q, 'AAAA')));
      expect(aaaaText(upstreamLookup(C.settings, q), q)).toBe(say(upstreamQuery(C.settings, q, 'AAAA')));
    }
    expect(aaaaText(coreDnsLookup(C, 'ghost.default.svc.cluster.local'), 'ghost.default.svc.cluster.local')).toBe(
      'NXDOMAIN, CNAME nowhere.example.com',
    );
  });

  it("the host's resolver (nodes, the outside client) is asked both too", () => {
    const t = trace1(C, 'node/k8s-node1', 'example.org:80');
    expect(dnsHops(t).at(-1)!.note).toMatch(/; AAAA: NXDOMAIN$/);
  });
});
