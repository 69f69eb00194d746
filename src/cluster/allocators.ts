/**
 * The API server's allocators for Service ClusterIPs and NodePorts, and MetalLB's address pool.
 *
 * ClusterIP (KEP-3070) and NodePort (KEP-3668) ranges are split into a static lower band, meant for
 * values users pick, and a dynamic upper band. Automatic allocation starts at a random offset in the
 * upper band and scans forward (wrapping inside the band); only when the upper band is full does it
 * try the lower band (allocator/bitmap.go randomScanStrategyWithOffset).
 */
import type { ClusterSettings } from '../model/cluster';
import type { Rng } from '../util/rng';
import { formatIPv4, parseCidr, parseIPv4 } from '../util/ip';
import { parsePool } from './settings';

/** calculateRangeOffset: min(max(lo, size/step), hi), 0 for tiny ranges. */
export function staticBandSize(size: number, lo: number, hi: number, step: number): number {
  if (size <= lo) return 0;
  const offset = Math.floor(size / step);
  return Math.min(Math.max(lo, offset), hi);
}

/** A bitmap-style allocator over `max` slots with a static band of `offset` slots at the bottom. */
class BandedAllocator {
  private readonly used = new Set<number>();

  constructor(
    readonly max: number,
    readonly offset: number,
  ) {}

  has(slot: number): boolean {
    return this.used.has(slot);
  }

  take(slot: number): void {
    this.used.add(slot);
  }

  release(slot: number): void {
    this.used.delete(slot);
  }

  next(rng: Rng): number | null {
    if (this.used.size >= this.max) return null;
    const upper = this.max - this.offset;
    if (upper > 0) {
      const start = rng.int(upper);
      for (let i = 0; i < upper; i++) {
        const at = this.offset + ((start + i) % upper);
        if (!this.used.has(at)) return at;
      }
    }
    if (this.offset > 0) {
      const start = rng.int(this.offset);
      for (let i = 0; i < this.offset; i++) {
        const at = (start + i) % this.offset;
        if (!this.used.has(at)) return at;
      }
    }
    return null;
  }
}

export type AllocError = 'allocated' | 'range' | 'full';

/** ClusterIPs: slot 0 is the first host address (10.96.0.1 = `kubernetes`), network and broadcast excluded. */
export class ClusterIPAllocator {
  private readonly base: number;
  private readonly bits: BandedAllocator;

  constructor(readonly cidr: string) {
    const c = parseCidr(cidr);
    if (!c) throw new Error(`invalid service CIDR ${cidr}`);
    this.base = c.base + 1;
    const max = Math.max(0, c.size - 2);
    this.bits = new BandedAllocator(max, staticBandSize(c.size, 16, 256, 16));
  }

  /** The n-th address of the range (1 = 10.96.0.1, 10 = 10.96.0.10), as kubeadm picks them. */
  indexed(n: number): string {
    return formatIPv4(this.base + n - 1);
  }

  allocate(ip: string): AllocError | null {
    const n = parseIPv4(ip);
    if (n === null) return 'range';
    const slot = n - this.base;
    if (slot < 0 || slot >= this.bits.max) return 'range';
    if (this.bits.has(slot)) return 'allocated';
    this.bits.take(slot);
    return null;
  }

  next(rng: Rng): string | null {
    const slot = this.bits.next(rng);
    if (slot === null) return null;
    this.bits.take(slot);
    return formatIPv4(this.base + slot);
  }

  release(ip: string): void {
    const n = parseIPv4(ip);
    if (n !== null) this.bits.release(n - this.base);
  }
}

export class NodePortAllocator {
  private readonly bits: BandedAllocator;

  constructor(readonly range: ClusterSettings['nodePortRange']) {
    const size = range.max - range.min + 1;
    this.bits = new BandedAllocator(size, staticBandSize(size, 16, 128, 32));
  }

  allocate(port: number): AllocError | null {
    const slot = port - this.range.min;
    if (!Number.isInteger(port) || slot < 0 || slot >= this.bits.max) return 'range';
    if (this.bits.has(slot)) return 'allocated';
    this.bits.take(slot);
    return null;
  }

  next(rng: Rng): number | null {
    const slot = this.bits.next(rng);
    if (slot === null) return null;
    this.bits.take(slot);
    return this.range.min + slot;
  }

  release(port: number): void {
    this.bits.release(port - this.range.min);
  }
}

/** MetalLB: a requested address must be in a pool and free; otherwise the lowest free address. */
export class LoadBalancerPool {
  private readonly ranges: { first: number; last: number }[];
  private readonly used = new Map<number, string>();

  constructor(addresses: string[]) {
    this.ranges = addresses.map(parsePool).filter((r): r is { first: number; last: number } => r !== null);
  }

  holder(ip: string): string | undefined {
    const n = parseIPv4(ip);
    return n === null ? undefined : this.used.get(n);
  }

  contains(ip: string): boolean {
    const n = parseIPv4(ip);
    return n !== null && this.ranges.some((r) => n >= r.first && n <= r.last);
  }

  take(ip: string, owner: string): void {
    const n = parseIPv4(ip);
    if (n !== null) this.used.set(n, owner);
  }

  next(owner: string): string | null {
    for (const r of this.ranges) {
      for (let n = r.first; n <= r.last; n++) {
        if (!this.used.has(n)) {
          this.used.set(n, owner);
          return formatIPv4(n);
        }
      }
    }
    return null;
  }
}
