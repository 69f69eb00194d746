/**
 * Container runtime state. Containers of a Pod share one network namespace: when two of them open
 * the same port (declared or by their image), the one started later fails to bind, exits, and the
 * kubelet restarts it with back-off — CrashLoopBackOff — so the Pod is Running but not Ready.
 * Containers without a readinessProbe are ready as soon as they run; with one, the probe passes
 * when something in the Pod listens on the probed port, or when its exec command succeeds (execProbe.ts:
 * a few commands are understood, any other is assumed to succeed). An exec livenessProbe that fails
 * gets the container killed and restarted with back-off, over and over.
 */
import type { ContainerStatus, PodPhase } from '../model/cluster';
import type { Container, PodSpec, Protocol } from '../model/k8s';
import type { SourceRef } from '../model/source';
import { commandText, execOutcome } from './execProbe';
import { imagePorts, type ListenPort } from './imageCatalog';

export interface PodRuntime {
  containers: ContainerStatus[];
  phase: PodPhase;
  ready: boolean;
  /** kubectl STATUS column. */
  status: string;
}

/** Where the pod is in its life; decides which states the containers can be in. */
export type PodStage = 'unscheduled' | 'creating' | 'running' | 'completed';

/** Kubelet back-off: 10s, doubling, capped at 5m (kubelet MaxContainerBackOff). */
export function crashLoopRestarts(ageSeconds: number): number {
  let t = 0;
  let delay = 10;
  let restarts = 0;
  for (;;) {
    t += delay;
    if (t > ageSeconds) return restarts;
    restarts++;
    delay = Math.min(delay * 2, 300);
  }
}

function declared(c: Container): ListenPort[] {
  return (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' }));
}

/** Replicas share their template's Container objects: compute each one's ports once. */
const wantedCache = new WeakMap<Container, ListenPort[]>();

/** Ports a container tries to open: its declared ports plus those its image is known to open. */
export function wantedPorts(c: Container): ListenPort[] {
  const cached = wantedCache.get(c);
  if (cached) return cached;
  const out: ListenPort[] = [];
  const seen = new Set<string>();
  const fromImage = imagePorts(c.image, [...(c.command ?? []), ...(c.args ?? [])]) ?? [];
  for (const p of [...declared(c), ...fromImage]) {
    const key = `${p.protocol}/${p.port}`;
    if (!seen.has(key)) {
      seen.add(key);
      // Declaring a containerPort does not change where the process binds: the image's bind stays.
      const bind = p.bind ?? fromImage.find((x) => x.port === p.port && x.protocol === p.protocol)?.bind;
      out.push(bind ? { ...p, bind } : p);
    }
  }
  wantedCache.set(c, out);
  return out;
}

interface Probe {
  httpGet?: { port?: number | string; path?: string; scheme?: string };
  tcpSocket?: { port?: number | string };
  grpc?: { port?: number };
  exec?: { command?: unknown };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
}

/**
 * Why an exec probe fails, in the kubelet's event words (`%s probe failed: %s` with the command's
 * output, which these commands leave empty, so the exit code is said after it), or null when it passes.
 */
function execFailure(kind: 'Readiness' | 'Liveness', probe: Probe): string | null {
  const command = probe.exec?.command;
  const outcome = execOutcome(command);
  if (outcome === null) return null;
  if ('notFound' in outcome)
    return `${kind} probe errored: OCI runtime exec failed: exec failed: unable to start container process: exec: "${outcome.notFound}": executable file not found in $PATH: unknown`;
  if (outcome.exitCode === 0) return null;
  return `${kind} probe failed: (exit code ${outcome.exitCode} from ${commandText(command)})`;
}

/** Why a readiness probe fails, or null when it passes. */
function probeFailure(probe: unknown, c: Container, listening: Set<string>, ip: string): string | null {
  if (!probe || typeof probe !== 'object') return null;
  const p = probe as Probe;
  if (p.exec) return execFailure('Readiness', p);
  const target = p.httpGet ?? p.tcpSocket ?? p.grpc;
  if (!target || target.port === undefined) return null;
  let port: number;
  if (typeof target.port === 'number') port = target.port;
  else if (/^\d+$/.test(target.port)) port = Number(target.port);
  else {
    const named = (c.ports ?? []).find((cp) => cp.name === target.port);
    if (!named) return `Readiness probe errored: unable to find port "${target.port}" in container "${c.name}"`;
    port = named.containerPort;
  }
  if (listening.has(`TCP/${port}`)) return null;
  const refused = `dial tcp ${ip}:${port}: connect: connection refused`;
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    return `Readiness probe failed: Get "${scheme}://${ip}:${port}${p.httpGet.path ?? '/'}": ${refused}`;
  }
  if (p.grpc) return `Readiness probe failed: timeout: failed to connect service "${ip}:${port}" within 1s`;
  return `Readiness probe failed: ${refused}`;
}

/** A failing exec livenessProbe: the message, and how long the container runs before the kubelet kills it. */
function livenessFailure(probe: unknown, c: Container): { message: string; runsFor: number } | null {
  if (!probe || typeof probe !== 'object') return null;
  const p = probe as Probe;
  if (!p.exec) return null;
  const failure = execFailure('Liveness', p);
  if (!failure) return null;
  const runsFor = (p.initialDelaySeconds ?? 0) + (p.periodSeconds ?? 10) * (p.failureThreshold ?? 3);
  return { message: `${failure}; Container ${c.name} failed liveness probe, will be restarted`, runsFor };
}

/**
 * A container that the kubelet kills every `runsFor` seconds and restarts after back-off (10 s,
 * doubling, capped at 5 m): its restarts by `ageSeconds`, and whether it is running then or waiting.
 */
export function livenessCycle(ageSeconds: number, runsFor: number): { restarts: number; running: boolean } {
  let t = 0;
  let delay = 10;
  let restarts = 0;
  for (;;) {
    t += runsFor;
    if (t > ageSeconds) return { restarts, running: true };
    t += delay;
    if (t > ageSeconds) return { restarts, running: false };
    restarts++;
    delay = Math.min(delay * 2, 300);
  }
}

function portsOf(c: Container): ContainerStatus['ports'] {
  return (c.ports ?? []).map((p) => {
    const out: ContainerStatus['ports'][number] = { containerPort: p.containerPort, protocol: p.protocol ?? ('TCP' as Protocol) };
    if (p.name) out.name = p.name;
    return out;
  });
}

/**
 * Container statuses for a pod at a stage. `ip` is the pod IP (for probe messages) and `ageSeconds`
 * how long the pod has run (drives restart counts of crash-looping containers).
 */
export function podRuntime(
  spec: PodSpec,
  stage: PodStage,
  opts: { ip: string | null; ageSeconds: number; sources?: SourceRef[] },
): PodRuntime {
  if (stage !== 'running') return computeRuntime(spec, stage, opts);
  // Running replicas of one template start the same containers. When nothing in the outcome depends
  // on the pod (no message quoting its IP, no restart count from its age), it is shared, read-only.
  const memo = runningMemo.get(spec);
  if (memo !== undefined && memo.sources === opts.sources) return memo.runtime;
  const runtime = computeRuntime(spec, stage, opts);
  if (runtime.containers.every((c) => c.message === undefined && c.reason === undefined)) {
    runningMemo.set(spec, { sources: opts.sources, runtime });
  }
  return runtime;
}

/** spec → the shared outcome of running it (for pods whose container sources are `sources`). */
const runningMemo = new WeakMap<PodSpec, { sources: SourceRef[] | undefined; runtime: PodRuntime }>();

function computeRuntime(
  spec: PodSpec,
  stage: PodStage,
  opts: { ip: string | null; ageSeconds: number; sources?: SourceRef[] },
): PodRuntime {
  const base = (c: Container, i: number): ContainerStatus => {
    const s: ContainerStatus = {
      name: c.name,
      image: c.image,
      ports: portsOf(c),
      state: 'waiting',
      restartCount: 0,
      ready: false,
      listening: [],
    };
    const src = opts.sources?.[i];
    if (src) s.source = src;
    return s;
  };

  if (stage === 'unscheduled' || stage === 'creating') {
    const containers = spec.containers.map((c, i) => {
      const s = base(c, i);
      if (stage === 'creating') s.reason = 'ContainerCreating';
      return s;
    });
    return { containers, phase: 'Pending', ready: false, status: stage === 'creating' ? 'ContainerCreating' : 'Pending' };
  }

  if (stage === 'completed') {
    const containers = spec.containers.map((c, i) => ({ ...base(c, i), state: 'terminated' as const, reason: 'Completed' }));
    return { containers, phase: 'Succeeded', ready: false, status: 'Completed' };
  }

  // Running: containers start in spec order; a later container cannot bind a port an earlier one holds.
  const holder = new Map<string, string>();
  const containers = spec.containers.map((c, i) => {
    const s = base(c, i);
    const wanted = wantedPorts(c);
    const clash = wanted.find((p) => holder.has(`${p.protocol}/${p.port}`));
    if (clash) {
      const owner = holder.get(`${clash.protocol}/${clash.port}`);
      s.state = 'waiting';
      s.reason = 'CrashLoopBackOff';
      s.message = `listen ${clash.protocol.toLowerCase()} :${clash.port}: bind: address already in use (port ${clash.port} is held by ${owner})`;
      s.restartCount = crashLoopRestarts(opts.ageSeconds);
      return s;
    }
    const liveness = livenessFailure(c.livenessProbe, c);
    if (liveness) {
      const cycle = livenessCycle(opts.ageSeconds, liveness.runsFor);
      s.message = liveness.message;
      s.restartCount = cycle.restarts;
      if (!cycle.running) {
        s.reason = 'CrashLoopBackOff';
        return s;
      }
    }
    for (const p of wanted) holder.set(`${p.protocol}/${p.port}`, c.name);
    s.state = 'running';
    s.listening = wanted.map((p) =>
      p.bind ? { port: p.port, protocol: p.protocol, bind: p.bind } : { port: p.port, protocol: p.protocol },
    );
    return s;
  });

  const listening = new Set(holder.keys());
  for (let i = 0; i < containers.length; i++) {
    const s = containers[i];
    if (s.state !== 'running') continue;
    const failure = probeFailure(spec.containers[i].readinessProbe, spec.containers[i], listening, opts.ip ?? '');
    s.ready = failure === null;
    if (failure) s.message = s.message ? `${s.message}; ${failure}` : failure;
  }
  const ready = containers.length > 0 && containers.every((s) => s.ready);
  const crash = containers.find((s) => s.reason === 'CrashLoopBackOff');
  return { containers, phase: 'Running', ready, status: crash ? 'CrashLoopBackOff' : 'Running' };
}
