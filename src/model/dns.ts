/** DNS as the trace shows it: the messages a resolver and a server exchange, and what a lookup came to. */

/** RFC 1035 response codes the simulation produces; SERVFAIL stands for "no usable answer" (a dropped query). */
export type DnsRcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';

export interface DnsRecord {
  /** Owner name, fully qualified with its trailing dot, as dig prints it. */
  name: string;
  type: 'A' | 'CNAME' | 'SRV' | 'PTR';
  /** Seconds: 30 for the cluster's records (kubeadm's Corefile: `ttl 30`). */
  ttl: number;
  /** An IPv4 address (A), a fully qualified name (CNAME, PTR), or `PRIORITY WEIGHT PORT TARGET.` (SRV), as dig prints them. */
  data: string;
}

/** One DNS message on the wire (UDP 53): the query, or the response to it. */
export interface DnsMessage {
  /** The message id shared by a query and its response. */
  id: number;
  kind: 'query' | 'response';
  /** The question section: the name asked for, fully qualified. */
  question: { name: string; type: 'A' };
  /** Response only. */
  rcode?: DnsRcode;
  /** Response only: the answer section (empty for NXDOMAIN). */
  answers: DnsRecord[];
  /** Who answers: `10.96.0.10:53` (kube-dns) or the host's resolver. */
  server: string;
}

/** What the whole lookup came to (the trace's `dns`): the name as typed, the server, the last rcode and answers. */
export interface TraceDns {
  name: string;
  server: string;
  rcode: DnsRcode;
  /** IPs, or a CNAME target (with the IPs it resolved to after it). */
  answers: string[];
  /** Every query the resolver sent, in order, with its rcode (the search path at work). */
  queries: { name: string; rcode: DnsRcode }[];
}
