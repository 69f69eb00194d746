/**
 * IPv4 and CIDR helpers. Addresses are handled as unsigned 32-bit numbers so that allocators can
 * do arithmetic (nth address of a subnet, next subnet) without string juggling.
 */

export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
  /** Number of addresses covered (2^(32-prefix)). */
  size: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parse dotted-quad IPv4; null when it is not one. */
export function parseIPv4(text: string): number | null {
  const m = IPV4.exec(text.trim());
  if (!m) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255 || (m[i].length > 1 && m[i].startsWith('0'))) return null;
    n = n * 256 + octet;
  }
  return n >>> 0;
}

export function formatIPv4(n: number): string {
  const v = n >>> 0;
  // Joined rather than concatenated: one flat string, not a tree of pieces (pods and endpoints keep it).
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

export function isIPv4(text: string): boolean {
  return parseIPv4(text) !== null;
}

/**
 * Parse `a.b.c.d/n`. Host bits are cleared, as Go's net.ParseCIDR returns the network
 * (10.244.1.7/24 → 10.244.1.0/24). Null when malformed.
 */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const ip = parseIPv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1).trim();
  if (ip === null || !/^\d{1,2}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  const base = prefix === 0 ? 0 : (ip - (ip % size)) >>> 0;
  return { base, prefix, size };
}

export function formatCidr(c: Cidr): string {
  return `${formatIPv4(c.base)}/${c.prefix}`;
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + c.size;
}

/** Whether an IP string lies inside a CIDR string (false when either is malformed). */
export function ipInCidr(ip: string, cidr: string): boolean {
  const c = parseCidr(cidr);
  const n = parseIPv4(ip);
  return c !== null && n !== null && cidrContains(c, n);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

/** The address `offset` places after the network address (offset 1 = first host). */
export function nthAddress(c: Cidr, offset: number): string {
  return formatIPv4(c.base + offset);
}

/**
 * The `index`-th subnet of size /maskSize inside `parent` (10.244.0.0/16, 24, 3 → 10.244.3.0/24),
 * or null when it would fall outside.
 */
export function nthSubnet(parent: Cidr, maskSize: number, index: number): Cidr | null {
  if (maskSize < parent.prefix || maskSize > 32) return null;
  const size = 2 ** (32 - maskSize);
  if (index < 0 || (index + 1) * size > parent.size) return null;
  return { base: parent.base + index * size, prefix: maskSize, size };
}

/** Number of /maskSize subnets a parent CIDR holds. */
export function subnetCount(parent: Cidr, maskSize: number): number {
  if (maskSize < parent.prefix || maskSize > 32) return 0;
  return 2 ** (maskSize - parent.prefix);
}
