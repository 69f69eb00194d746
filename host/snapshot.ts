/** Builds the ClusterSnapshot the renderer draws: the `load --json` document plus the session's facts. */
import type { ClusterSnapshot } from '../src/api/contract';
import type { Cluster, ClusterSettings } from '../src/model/cluster';
import type { Diagnostic } from '../src/model/source';
import { toLoadJson } from '../src/engine/index';
import { ingressSnapshot } from './ingressSnapshot';
import { policySnapshot } from './policySnapshot';

/** How many recent Kubernetes events travel with each snapshot (the view lists the latest). */
const MAX_EVENTS = 200;

function loadBalancerText(settings: ClusterSettings): string {
  return settings.loadBalancer.provider === 'none'
    ? 'none (LoadBalancer services stay <pending>)'
    : `metallb (${settings.loadBalancer.addresses.join(', ')})`;
}

export function snapshotOf(cluster: Cluster, folder: string, revision: number, extra: Diagnostic[] = []): ClusterSnapshot {
  const json = toLoadJson(cluster);
  const policies = policySnapshot(cluster);
  return {
    ...json,
    diagnostics: [...extra, ...json.diagnostics],
    revision,
    folder,
    clock: cluster.clock,
    settings: {
      podCIDR: cluster.settings.podCIDR,
      serviceCIDR: cluster.settings.serviceCIDR,
      proxyMode: cluster.settings.proxyMode,
      loadBalancer: loadBalancerText(cluster.settings),
      seed: cluster.settings.seed,
      externalClientIP: cluster.settings.externalClientIP,
      cni: cluster.settings.cni,
      networkPolicyEnforced: policies.networkPolicyEnforced,
      externalHosts: cluster.settings.externalHosts ?? [],
    },
    events: cluster.events.slice(-MAX_EVENTS),
    networkPolicies: policies.networkPolicies,
    podPolicies: policies.podPolicies,
    ingress: ingressSnapshot(cluster),
  };
}

/** What the renderer sees before any folder has loaded. */
export function emptySnapshot(revision: number, folder = '', diagnostics: Diagnostic[] = []): ClusterSnapshot {
  return {
    nodes: [],
    pods: [],
    services: [],
    objects: [],
    diagnostics,
    revision,
    folder,
    clock: 0,
    settings: {
      podCIDR: '',
      serviceCIDR: '',
      proxyMode: 'iptables',
      loadBalancer: 'none',
      seed: 1,
      externalClientIP: '',
      cni: 'flannel',
      networkPolicyEnforced: false,
      externalHosts: [],
    },
    events: [],
    networkPolicies: [],
    podPolicies: {},
    ingress: { ingresses: [], controllers: {} },
  };
}

/** A problem with the folder itself (gone, unreadable), shown in the Problems list like any diagnostic. */
export function folderDiagnostic(message: string): Diagnostic {
  return { severity: 'error', file: '', line: 1, column: 1, message };
}
