/** `kube-traffic dig DIR NAME [TYPE] | -x ADDR [--host] [--json]`: one DNS query, answered as the simulated cluster answers it. */
import { parseArgs, type FlagSpec } from '../args';
import { clusterFromFolder } from '../folder';
import type { CliIo } from '../io';
import { coreDnsQuery, fqdn, hostResolverIP, upstreamQuery, type QueryType } from '../../src/dns';
import { DIG_HELP, UsageError } from '../usage';
import { COMMON_FLAGS, seedOf, toJson } from './common';

const FLAGS: FlagSpec[] = [
  ...COMMON_FLAGS,
  { name: 'json', kind: 'bool' },
  { name: 'host', kind: 'bool' },
  { name: 'reverse', short: 'x', kind: 'string' },
];

const TYPES: readonly QueryType[] = ['A', 'AAAA', 'SRV', 'PTR'];

export function digCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, FLAGS);
  if (args.flags.help) {
    io.stdout(DIG_HELP);
    return 0;
  }
  const [dir, ...rest] = args.positional;
  if (dir === undefined) throw new UsageError('DIR is required', 'dig');
  const reverse = args.flags.reverse as string | undefined;
  let name: string;
  let type: QueryType;
  if (reverse !== undefined) {
    // dig -x: the address's in-addr.arpa name, type PTR.
    const parts = reverse.split('.');
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255))
      throw new UsageError(`-x ${JSON.stringify(reverse)}: not an IPv4 address`, 'dig');
    if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`, 'dig');
    name = `${[...parts].reverse().join('.')}.in-addr.arpa`;
    type = 'PTR';
  } else {
    if (rest.length === 0) throw new UsageError('NAME is required (or -x ADDR)', 'dig');
    if (rest.length > 2) throw new UsageError(`unexpected argument ${JSON.stringify(rest[2])}`, 'dig');
    name = rest[0];
    const t = (rest[1] ?? 'A').toUpperCase() as QueryType;
    if (!TYPES.includes(t)) throw new UsageError(`unsupported query type ${JSON.stringify(rest[1])}: one of ${TYPES.join(', ')}`, 'dig');
    type = t;
  }
  const cluster = clusterFromFolder(dir, seedOf(args), 'dig');
  const kubeDns = cluster.services.find((s) => s.namespace === 'kube-system' && s.name === 'kube-dns')?.clusterIP;
  const host = args.flags.host === true || !kubeDns;
  const server = host ? hostResolverIP(cluster.settings) : kubeDns;
  const answer = host ? upstreamQuery(cluster.settings, name, type) : coreDnsQuery(cluster, name, type);
  const question = fqdn(name.toLowerCase());
  if (args.flags.json) {
    io.stdout(toJson({ name: question, type, server: `${server}:53`, rcode: answer.rcode, answers: answer.answers, why: answer.why }));
    return 0;
  }
  const lines = [`;; ->>HEADER<<- opcode: QUERY, status: ${answer.rcode}`, ';; QUESTION SECTION:', `;${question}\t\tIN\t${type}`, ''];
  if (answer.answers.length > 0) {
    lines.push(';; ANSWER SECTION:');
    for (const r of answer.answers) lines.push(`${r.name}\t${r.ttl}\tIN\t${r.type}\t${r.data}`);
    lines.push('');
  }
  lines.push(`;; SERVER: ${server}#53(${server})${host ? " (the host's resolver)" : ' (kube-dns)'}`, `;; WHY: ${answer.why}`, '');
  io.stdout(lines.join('\n'));
  return 0;
}
