/** How a kubectl STATUS reads at a glance: its colour family. */
import type { ClusterSnapshot } from '../../src/api/contract';

export type Tone = 'ok' | 'warn' | 'danger' | 'muted';
type Pod = ClusterSnapshot['pods'][number];

const DANGER = /CrashLoopBackOff|Error|Failed|ImagePull|ErrImage|OOMKilled|CreateContainer|Invalid|Evicted|Unknown/i;
const WARN = /Pending|ContainerCreating|Init|Terminating|NotReady|PodInitializing/i;
const MUTED = /Completed|Succeeded/i;

export function podStatus(p: Pod): string {
  return p.status ?? p.phase;
}

export function statusTone(status: string): Tone {
  if (DANGER.test(status)) return 'danger';
  if (MUTED.test(status)) return 'muted';
  if (WARN.test(status)) return 'warn';
  if (/Running/.test(status)) return 'ok';
  return 'muted';
}

export function podTone(p: Pod): Tone {
  const s = podStatus(p);
  const tone = statusTone(s);
  // Running but not ready (a container waiting or crashing) deserves a warning, not green.
  if (tone === 'ok' && !p.ready) return 'warn';
  return tone;
}

/** Service port as `kubectl get svc` shows it, plus the target: `9000:30000→8080/TCP`. */
export function portText(p: ClusterSnapshot['services'][number]['ports'][number]): string {
  const node = p.nodePort ? `:${p.nodePort}` : '';
  return `${p.port}${node}→${p.targetPort}/${p.protocol}`;
}

/** kubectl's EXTERNAL-IP column. */
export function externalIPText(s: ClusterSnapshot['services'][number]): string {
  if (s.externalIP) return s.externalIP;
  return s.type === 'LoadBalancer' ? '<pending>' : '<none>';
}

/** A LoadBalancer Service still waiting for an address (no provider, or the pool is exhausted). */
export function lbPending(s: ClusterSnapshot['services'][number]): boolean {
  return s.type === 'LoadBalancer' && (!s.externalIP || s.externalIP === '<pending>');
}
