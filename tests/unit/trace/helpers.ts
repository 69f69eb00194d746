import type { Cluster } from '../../../src/model/cluster';
import type { Hop, Trace } from '../../../src/model/trace';
import { traceRequests } from '../../../src/trace';

export function trace1(c: Cluster, from: string, to: string, seed?: number): Trace {
  return traceRequests(c, { from, to, seed }).run.traces[0];
}

/** The first trace (over seeds 1…200) that satisfies `want`: for checking what a random pick can do. */
export function traceWhere(c: Cluster, from: string, to: string, want: (t: Trace) => boolean): Trace {
  for (let seed = 1; seed <= 200; seed++) {
    const t = trace1(c, from, to, seed);
    if (want(t)) return t;
  }
  throw new Error(`no seed gives the wanted trace for ${from} → ${to}`);
}

export const ipOf = (addr: string): string => addr.slice(0, addr.lastIndexOf(':'));
export const path = (t: Trace): string[] => t.hops.map((h: Hop) => `${h.action}@${h.at}`);
export const lastHop = (t: Trace): Hop => t.hops[t.hops.length - 1];
