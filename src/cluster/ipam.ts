/**
 * Pod IPs as flannel's CNI config hands them out: the `bridge` plugin with `host-local` IPAM over
 * the node's podCIDR. The gateway (.1, the cni0 bridge) is skipped, so the first pod gets .2; the
 * allocator is round-robin from the last address it reserved, so a re-created pod gets the next
 * address rather than the one just freed, and freed addresses come back only after wrapping around
 * (containernetworking/plugins host-local allocator.go). hostNetwork pods use the node's own IP.
 */
import type { NodeState, PodState } from '../model/cluster';
import { formatIPv4, parseCidr, parseIPv4, type Cidr } from '../util/ip';

interface NodeRange {
  cidr: Cidr;
  /** First and last usable offsets inside the podCIDR (.2 … broadcast−1). */
  first: number;
  last: number;
  used: Set<number>;
}

export class PodIpam {
  private readonly ranges = new Map<string, NodeRange>();
  private readonly lastReserved: Map<string, number>;

  /** `lastReserved` is the cluster's `ipam` record (copied, never mutated); `pods` mark addresses in use. */
  constructor(nodes: readonly NodeState[], lastReserved: Record<string, number>, pods: readonly PodState[]) {
    this.lastReserved = new Map(Object.entries(lastReserved));
    for (const node of nodes) {
      const cidr = node.podCIDR ? parseCidr(node.podCIDR) : null;
      if (!cidr) continue;
      this.ranges.set(node.name, { cidr, first: 2, last: cidr.size - 2, used: new Set() });
    }
    for (const pod of pods) this.markUsed(pod);
  }

  private markUsed(pod: PodState): void {
    // Finished pods (Completed Jobs) had their sandbox torn down: their address is free again.
    if (!pod.nodeName || !pod.ip || pod.hostNetwork || pod.phase === 'Succeeded' || pod.phase === 'Failed') return;
    const range = this.ranges.get(pod.nodeName);
    const n = parseIPv4(pod.ip);
    if (range && n !== null) range.used.add(n - range.cidr.base);
  }

  /** Next address on the node, or null when the node has no podCIDR or the range is exhausted. */
  allocate(nodeName: string): string | null {
    const range = this.ranges.get(nodeName);
    if (!range || range.last < range.first) return null;
    const span = range.last - range.first + 1;
    const prev = this.lastReserved.get(nodeName);
    const start = prev === undefined || prev < range.first || prev >= range.last ? range.first : prev + 1;
    for (let i = 0; i < span; i++) {
      const offset = range.first + ((start - range.first + i) % span);
      if (!range.used.has(offset)) {
        range.used.add(offset);
        this.lastReserved.set(nodeName, offset);
        return formatIPv4(range.cidr.base + offset);
      }
    }
    return null;
  }

  /** Free a pod's address (its sandbox was torn down); the cursor stays where it is. */
  release(pod: PodState): void {
    if (!pod.nodeName || !pod.ip || pod.hostNetwork) return;
    const range = this.ranges.get(pod.nodeName);
    const n = parseIPv4(pod.ip);
    if (range && n !== null) range.used.delete(n - range.cidr.base);
  }

  /** The `ipam` record to store in the cluster. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.lastReserved);
  }

  /** host-local's error text when a node's range is full. */
  exhaustedMessage(nodeName: string): string {
    const range = this.ranges.get(nodeName);
    if (!range) return `failed to allocate for range 0: no podCIDR assigned to node "${nodeName}"`;
    const from = formatIPv4(range.cidr.base + 1);
    const to = formatIPv4(range.cidr.base + range.last);
    return `failed to allocate for range 0: no IP addresses available in range set: ${from}-${to}`;
  }
}
