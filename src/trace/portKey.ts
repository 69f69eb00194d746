/** port + protocol as one number: map keys without building strings on the hot path. */
const PROTO_CODE: Record<string, number> = { TCP: 0, UDP: 1, SCTP: 2 };

export function portKey(port: number, protocol: string): number {
  return port * 4 + (PROTO_CODE[protocol] ?? 3);
}
