/**
 * What the engine worker costs the main thread: the Cluster crosses the boundary by structured clone
 * (v8.serialize in the worker, deserialize here; the previous cluster goes the other way on a reload).
 * Reports each direction's time and the longest event-loop stall while a folder opens and reloads.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import { EngineThread } from '../../host/engineThread';

/** A stall is recorded when the monitor's timer fires after it: let it fire before reading. */
async function longestStall(stalls: ReturnType<typeof monitorEventLoopDelay>): Promise<number> {
  await new Promise((r) => setTimeout(r, 50));
  return stalls.max / 1e6;
}

function ms(n: number): string {
  return `${n.toFixed(0)} ms`;
}

export async function workerCost(label: string, folder: string): Promise<string> {
  const engine = new EngineThread();
  try {
    const stalls = monitorEventLoopDelay({ resolution: 5 });
    stalls.enable();
    let started = performance.now();
    const opened = await engine.run({ kind: 'build', folder, seed: 1, lastGood: {} });
    const openMs = performance.now() - started;
    const openStall = await longestStall(stalls);
    if (opened.kind !== 'done' || opened.result.kind !== 'loaded') return `${label}: ${JSON.stringify(opened)}`;
    const { cluster, lastGood } = opened.result;
    stalls.reset();
    started = performance.now();
    await engine.run({ kind: 'reload', folder, previous: cluster, previousKey: null, lastGood });
    const reloadMs = performance.now() - started;
    const reloadStall = await longestStall(stalls);
    stalls.disable();
    // The two copies the main thread makes, measured alone.
    started = performance.now();
    const bytes = v8.serialize(opened.result);
    const serializeMs = performance.now() - started;
    started = performance.now();
    v8.deserialize(bytes);
    const deserializeMs = performance.now() - started;
    return (
      `${label}: ${cluster.pods.length} pods, ${(bytes.length / 1e6).toFixed(1)} MB serialized; ` +
      `open ${ms(openMs)} (main thread: deserialize ${ms(deserializeMs)}, longest stall ${ms(openStall)}); ` +
      `reload ${ms(reloadMs)} (main thread: + serialize the previous ${ms(serializeMs)}, longest stall ${ms(reloadStall)})`
    );
  } finally {
    engine.close();
  }
}
