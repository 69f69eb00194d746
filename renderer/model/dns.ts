/** How a DNS message reads in the inspector and beside a packet: dig's words, without the trailing dots. */
import type { DnsMessage, DnsRecord } from '../../src/model/trace';

export function bare(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** `A 10.96.0.5` / `CNAME db.example.com`. */
export function recordText(r: DnsRecord): string {
  return `${r.type} ${r.type === 'CNAME' ? bare(r.data) : r.data}`;
}

/** The label beside a DNS packet: `DNS A? svc-1.default.svc.cluster.local` or `DNS NOERROR A 10.96.0.5`. */
export function dnsLabel(m: DnsMessage): string {
  if (m.kind === 'query') return `DNS ${m.question.type}? ${bare(m.question.name)}`;
  const answers = m.answers.map(recordText).join(', ');
  return `DNS ${m.rcode ?? ''}${answers ? ` ${answers}` : ''}`;
}
