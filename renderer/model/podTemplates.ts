/**
 * During a rollout a Deployment has Pods of two templates: those of its NewReplicaSet and those of
 * its OldReplicaSets. Each such Pod gets its ReplicaSet's hash and which one it is, so the map can
 * tell them apart; Pods of a Deployment with one template get nothing (there is nothing to tell).
 */
import type { ClusterSnapshot } from '../../src/api/contract';
import { objectKey } from '../../src/model/componentId';

export interface PodTemplate {
  replicaSet: string;
  /** pod-template-hash */
  hash: string;
  isNew: boolean;
}

export function podTemplates(snapshot: ClusterSnapshot): Map<string, PodTemplate> {
  const sets = new Map<string, { hash: string; isNew: boolean; deployment: string }>();
  for (const rs of snapshot.replicaSets ?? []) {
    sets.set(`${rs.namespace}/${rs.name}`, { hash: rs.templateHash, isNew: rs.newReplicaSet, deployment: rs.deployment });
  }
  const byDeployment = new Map<string, { key: string; template: PodTemplate }[]>();
  for (const p of snapshot.pods) {
    if (!p.owner?.startsWith('ReplicaSet/')) continue;
    const replicaSet = p.owner.slice('ReplicaSet/'.length);
    const rs = sets.get(`${p.namespace}/${replicaSet}`);
    if (!rs) continue;
    const id = `${p.namespace}/${rs.deployment}`;
    const list = byDeployment.get(id) ?? [];
    list.push({ key: objectKey('pod', p.namespace, p.name), template: { replicaSet, hash: rs.hash, isNew: rs.isNew } });
    byDeployment.set(id, list);
  }
  const out = new Map<string, PodTemplate>();
  for (const list of byDeployment.values()) {
    if (new Set(list.map((x) => x.template.replicaSet)).size < 2) continue;
    for (const { key, template } of list) out.set(key, template);
  }
  return out;
}

/** What the Pod's accessible label says of it: `ReplicaSet web-5946dfbbfd (old template)`. */
export function templateText(t: PodTemplate): string {
  return `ReplicaSet ${t.replicaSet} (${t.isNew ? 'new' : 'old'} template)`;
}
