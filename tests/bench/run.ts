/**
 * `npm run bench`: engine benchmarks (load, schedule, trace, the engine worker's cost) and the renderer benchmark.
 * Prints a table with the targets from the issues. Not a test: numbers vary by machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAppFolder, writePolicyFolder, writeScaleFolder } from './generate';
import { workerCost } from './workerCost';

type Row = Record<string, number | string>;

function scenario(kind: string, dir: string, extra?: string): Row {
  const args = ['--max-old-space-size=4096', join(__dirname, 'scenario.js'), kind, dir];
  if (extra) args.push(extra);
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop() as string) as Row;
}

function fmt(n: number | string): string {
  return typeof n === 'number' ? (Number.isInteger(n) ? String(n) : n.toFixed(0)) : n;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const base = mkdtempSync(join(tmpdir(), 'kube-traffic-bench-'));
  try {
    if (!only || only === 'load') {
      for (const size of [1000, 10000]) {
        const dir = join(base, `apps-${size}`);
        const gen = writeAppFolder(dir, size);
        const parse = scenario('parse', dir);
        const load = scenario('load', dir);
        const ratio = Number(load.ms) / Number(parse.ms);
        console.log(
          `load ${gen.objects} objects in ${gen.files} files: ${fmt(load.ms)} ms (read ${fmt(load.readMs)}, parse+validate ${fmt(load.parseValidateMs)}, cluster ${fmt(load.clusterMs)}), ` +
            `bare YAML parse ${fmt(parse.ms)} ms → ${ratio.toFixed(2)}× ${size === 10000 ? (ratio <= 2 ? '(target ≤ 2×: met)' : '(target ≤ 2×: MISSED)') : ''}; ` +
            `${load.pods} pods, ${load.scheduled} scheduled; peak ${load.maxRssMB} MB`,
        );
      }
    }
    if (!only || only === 'scale') {
      const dir = join(base, 'scale');
      const gen = writeScaleFolder(dir, 5000, 150000);
      const r = scenario('load', dir);
      const s = Number(r.ms) / 1000;
      console.log(
        `cluster of ${r.nodes} nodes, ${r.pods} pods (${gen.objects} objects): ${s.toFixed(1)} s ` +
          `(cluster build incl. scheduling ${(Number(r.clusterMs) / 1000).toFixed(1)} s), ${r.scheduled} scheduled, peak ${r.maxRssMB} MB ` +
          `${s < 30 && Number(r.maxRssMB) < 2048 ? '(targets < 30 s, < 2 GB: met)' : '(targets < 30 s, < 2 GB: MISSED)'}`,
      );
    }
    if (!only || only === 'trace') {
      const dir = join(base, 'trace');
      writeAppFolder(dir, 1000); // 333 Deployments × 3 = 999 pods
      // Three fresh processes: one run on a shared 2-core VM swings by ±30%, so the median is reported with the range.
      const runs = [1, 2, 3].map(() => scenario('trace', dir, '200000'));
      const rates = runs.map((x) => Number(x.perSecond)).sort((a, b) => a - b);
      const warm = runs.map((x) => Number(x.warmPerSecond)).sort((a, b) => a - b);
      const r = runs[0];
      const median = rates[1];
      console.log(
        `trace: ${median} requests/s on one core from a cold start (median of 3 runs, ${rates[0]}–${rates[2]}) for a ${r.pods}-pod cluster ` +
          `(${r.requests} Pod → svc/NAME:PORT requests, no name to resolve, ${r.delivered} delivered; ${(Number(r.events) / Number(r.requests)).toFixed(1)} events per request) ${median > 100000 ? '(target > 100,000/s: met)' : '(target > 100,000/s: MISSED)'}; ` +
          `warmed up (the next ${r.requests}): ${warm[1]} requests/s; peak ${Math.max(...runs.map((x) => Number(x.maxRssMB)))} MB`,
      );
      // The same requests by name: each first resolves it (the DNS query to kube-dns and its answer, hop by hop).
      const n = scenario('trace-names', dir, '50000');
      console.log(
        `trace by name: ${n.perSecond} requests/s from a cold start (${n.requests} Pod → NAME:PORT requests, each resolved through kube-dns first: ` +
          `${n.resolved} resolved, ${n.delivered} delivered; ${(Number(n.events) / Number(n.requests)).toFixed(1)} events per request, the DNS exchange included); ` +
          `warmed up: ${n.warmPerSecond} requests/s; peak ${n.maxRssMB} MB`,
      );
    }
    if (!only || only === 'reach') {
      const dir = join(base, 'reach');
      writePolicyFolder(dir, 1000, 50);
      const r = scenario('reach', dir);
      const s = Number(r.ms) / 1000;
      console.log(
        `reach: ${r.cells} traces (every Pod × every Pod on port 80, ${r.policies} NetworkPolicies, canal) in ${s.toFixed(1)} s ` +
          `(${r.perSecond}/s, ${r.delivered} delivered) ${s < 30 ? '(target < 30 s: met)' : '(target < 30 s: MISSED)'}; peak ${r.maxRssMB} MB`,
      );
    }
    if (!only || only === 'worker') {
      const apps = join(base, 'worker-apps');
      writeAppFolder(apps, 3000);
      console.log(await workerCost('engine worker, 3,000 objects', apps));
      const scale = join(base, 'worker-scale');
      writeScaleFolder(scale, 500, 20000);
      console.log(await workerCost('engine worker, 500 nodes', scale));
    }
    if (!only || only === 'renderer') {
      const renderer = join(__dirname, 'renderer.js');
      if (existsSync(renderer)) execFileSync(process.execPath, [renderer], { stdio: 'inherit' });
      else console.log('renderer: benchmark not built');
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

void main();
