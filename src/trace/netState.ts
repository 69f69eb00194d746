/**
 * What the network remembers between requests (plain data, so a session can keep it and a test can
 * compare it): the RNG behind endpoint picks and port choices, the conntrack clock, the client's next
 * ephemeral port, and the per-node `recent` tables of sessionAffinity: ClientIP.
 */
import { Rng, seedState } from '../util/rng';

export interface NetState {
  /** The seed the RNG was started from (null until the first request). */
  seed: number | null;
  rngState: number;
  /** Simulated seconds on the conntrack / xt_recent clock; requests go out 1 s apart. */
  clock: number;
  /** The client's next ephemeral source port (Linux 32768–60999), null until first drawn. */
  nextPort: number | null;
  /** Connections traced so far, across runs. */
  flows: number;
  /**
   * xt_recent lists, one per node per endpoint chain: `node|KUBE-SEP-…|clientIP` → last time (s)
   * a new connection from that client was sent to that endpoint.
   */
  affinity: Record<string, number>;
}

export const EPHEMERAL_MIN = 32768;
export const EPHEMERAL_MAX = 60999;
/** Ports MASQUERADE --random-fully draws from for a source port ≥ 1024 (nf_nat_l4proto_unique_tuple). */
const NAT_MIN = 1024;
const NAT_MAX = 65535;

export function newNetState(): NetState {
  return { seed: null, rngState: 0, clock: 0, nextPort: null, flows: 0, affinity: {} };
}

/**
 * A working copy for one run: the caller's state is never modified. The affinity table is shared
 * until the first write (copy on write), so tracing stays cheap when no Service uses ClientIP.
 */
export class NetSession {
  readonly rng: Rng;
  clock: number;
  nextPort: number | null;
  flows: number;
  private affinity: Record<string, number>;
  private affinityOwned = false;
  private readonly seed: number;

  constructor(prev: NetState, seed: number) {
    // A different seed than the one the state was started with starts the RNG over; tables stay.
    const reseed = prev.seed === null || prev.seed !== seed;
    this.seed = seed;
    this.rng = new Rng(reseed ? seedState(seed) : prev.rngState);
    this.clock = prev.clock;
    this.nextPort = reseed ? null : prev.nextPort;
    this.flows = prev.flows;
    this.affinity = prev.affinity;
  }

  ephemeralPort(): number {
    if (this.nextPort === null) this.nextPort = EPHEMERAL_MIN + this.rng.int(EPHEMERAL_MAX - EPHEMERAL_MIN + 1);
    const p = this.nextPort;
    this.nextPort = p >= EPHEMERAL_MAX ? EPHEMERAL_MIN : p + 1;
    return p;
  }

  /** The source port MASQUERADE (kube-proxy uses --random-fully) gives the rewritten connection. */
  natPort(): number {
    return NAT_MIN + this.rng.int(NAT_MAX - NAT_MIN + 1);
  }

  affinitySeen(key: string): number | undefined {
    return this.affinity[key];
  }

  affinitySet(key: string, time: number): void {
    if (!this.affinityOwned) {
      this.affinity = { ...this.affinity };
      this.affinityOwned = true;
    }
    this.affinity[key] = time;
  }

  toState(): NetState {
    return {
      seed: this.seed,
      rngState: this.rng.state,
      clock: this.clock,
      nextPort: this.nextPort,
      flows: this.flows,
      affinity: this.affinity,
    };
  }
}
