/** Pod-network and Service-range membership of an address, read often enough per packet to avoid a regex. */
import type { NodeState } from '../model/cluster';
import { type Cidr, cidrContains, parseIPv4 } from '../util/ip';

/**
 * Dotted-quad to number without a regex: this runs several times per traced packet. Anything that
 * is not a plain IPv4 address falls back to the strict parser.
 */
function ipNumber(ip: string): number | null {
  let n = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const ch = ip.charCodeAt(i);
    if (ch === 46) {
      if (digits === 0 || octet > 255) return parseIPv4(ip);
      n = n * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (ch >= 48 && ch <= 57 && digits < 3) {
      octet = octet * 10 + (ch - 48);
      digits++;
    } else return parseIPv4(ip);
  }
  if (dots !== 3 || digits === 0 || octet > 255) return parseIPv4(ip);
  return (n * 256 + octet) >>> 0;
}

/** The node whose podCIDR holds this address, if any. */
export function podCidrOwner(podCidrs: readonly { cidr: Cidr; node: NodeState }[], ip: string): NodeState | null {
  const n = ipNumber(ip);
  if (n === null) return null;
  for (const { cidr, node } of podCidrs) if (cidrContains(cidr, n)) return node;
  return null;
}

export function inCidr(cidr: Cidr | null, ip: string): boolean {
  if (cidr === null) return false;
  const n = ipNumber(ip);
  return cidr !== null && n !== null && cidrContains(cidr, n);
}
