/**
 * Seeded PRNG (mulberry32). Its whole state is one uint32, kept in the cluster state so every
 * random choice (IPs, name suffixes, endpoint picks, scheduler ties) replays byte for byte.
 */
export class Rng {
  /**
   * The uint32 state's bits as an int32: always a small integer, so updating it never allocates
   * (a uint32 above 2^31 would be boxed on every step). Every use below is a bitwise operation,
   * which reads the same bits either way.
   */
  private s: number;

  constructor(state: number) {
    this.s = state | 0;
  }

  /** The state to store back into the cluster. */
  get state(): number {
    return this.s >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick on an empty list');
    return items[this.int(items.length)];
  }
}

/** Turn a user seed (any integer) into an initial state, so seeds 1 and 2 do not start adjacent. */
export function seedState(seed: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
