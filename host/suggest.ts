/**
 * The request the app offers first (Source and Target preselected): one that is delivered and teaches
 * something. In order of preference, from outside the cluster to a NodePort (DNAT, and the SNAT or
 * the kept client address of externalTrafficPolicy), to a load balancer's address, then from a Pod to
 * a Service's ClusterIP. Each candidate is traced on a fresh network state; the first delivered wins.
 */
import type { RequestChoices } from '../src/api/contract';
import type { Cluster } from '../src/model/cluster';
import { newNetState } from '../src/engine/index';
import { runTrace } from './engine';

/** Tracing a candidate is cheap, but a folder with thousands of ports should not try them all. */
const MAX_TRIES = 24;

function candidates(choices: RequestChoices): { from: string; to: string }[] {
  const pods = choices.sources.filter((s) => s.id.startsWith('pod/'));
  const byGroup = (g: RequestChoices['targets'][number]['group']) => choices.targets.filter((t) => t.group === g);
  const list: { from: string; to: string }[] = [];
  for (const t of byGroup('NodePort')) list.push({ from: 'external', to: t.id });
  for (const t of byGroup('LoadBalancer')) if (!t.label.includes('<pending>')) list.push({ from: 'external', to: t.id });
  for (const t of byGroup('Service')) {
    // A Pod that is not behind the Service, so the request crosses kube-proxy's DNAT to another Pod.
    for (const p of pods) list.push({ from: p.id, to: t.id });
  }
  return list;
}

export function suggestRequest(cluster: Cluster, choices: RequestChoices): RequestChoices['suggested'] {
  const tries = candidates(choices).slice(0, MAX_TRIES);
  for (const c of tries) {
    const traced = runTrace(cluster, newNetState(), { ...c, count: 1 });
    if (traced.ok && traced.value.run.traces[0]?.outcome === 'delivered') return c;
  }
  return undefined;
}
