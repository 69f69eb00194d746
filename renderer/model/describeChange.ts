/**
 * What an operation did, in a sentence or two for the toast, found by comparing the snapshots before
 * and after (so it reports what the engine actually did, not what the renderer expected). Wording
 * follows kubectl's (`pod "pod-1" deleted`, `pod/pod-2 created`, `node/k8s-node1 cordoned`).
 */
import type { ClusterOperation, ClusterSnapshot } from '../../src/api/contract';
import { displayName } from '../../src/model/componentId';

type Snap = Pick<ClusterSnapshot, 'pods' | 'services'>;
type Pod = ClusterSnapshot['pods'][number];

const podKey = (p: Pod) => `${p.namespace}/${p.name}`;

/** After deleting a Pod: the Pod that took its place (same name again, or a new one of the same owner). */
export function replacementOf(deleted: { namespace: string; name: string }, before: Snap, after: Snap): Pod | undefined {
  const old = before.pods.find((p) => p.namespace === deleted.namespace && p.name === deleted.name);
  if (!old) return undefined;
  const again = after.pods.find((p) => p.namespace === old.namespace && p.name === old.name);
  if (again) return again;
  const known = new Set(before.pods.map(podKey));
  return after.pods.find((p) => !known.has(podKey(p)) && p.namespace === old.namespace && old.owner !== null && p.owner === old.owner);
}

/** A deleted bare Pod: no controller re-creates it, only applying its manifest again does. */
export function isStrandedBarePod(op: ClusterOperation, before: Snap, after: Snap): boolean {
  if (op.op !== 'deletePod') return false;
  const old = before.pods.find((p) => p.namespace === op.namespace && p.name === op.name);
  return Boolean(old && !old.owner && !after.pods.some((p) => p.namespace === op.namespace && p.name === op.name));
}

/** Services (with a ClusterIP) whose selector picks `pod`: they keep their address when it changes. */
function servicesOf(pod: Pod, services: Snap['services']): Snap['services'] {
  return services.filter((s) => {
    const sel = Object.entries(s.selector ?? {});
    return (
      s.namespace === pod.namespace &&
      sel.length > 0 &&
      sel.every(([k, v]) => pod.labels[k] === v) &&
      Boolean(s.clusterIP) &&
      s.clusterIP !== 'None'
    );
  });
}

/**
 * `gone`: Pods deleted earlier, as they were last seen (by `namespace/name`), so re-applying the
 * folder can say what a re-created Pod's IP used to be.
 */
export function describeChange(op: ClusterOperation, before: Snap, after: Snap, gone: ReadonlyMap<string, Pod> = new Map()): string[] {
  const beforePods = new Map(before.pods.map((p) => [podKey(p), p]));
  const afterPods = new Map(after.pods.map((p) => [podKey(p), p]));
  const added = after.pods.filter((p) => !beforePods.has(podKey(p)));
  const removed = before.pods.filter((p) => !afterPods.has(podKey(p)));
  const lines: string[] = [];

  switch (op.op) {
    case 'deletePod': {
      const old = beforePods.get(`${op.namespace}/${op.name}`);
      lines.push(`pod "${op.name}" deleted`);
      const again = afterPods.get(`${op.namespace}/${op.name}`);
      if (again && old)
        lines.push(`Re-created as ${displayName(again.namespace, again.name)}: IP ${old.ip ?? '<none>'} → ${again.ip ?? '<none>'}`);
      else
        for (const p of added)
          lines.push(`Replaced by ${displayName(p.namespace, p.name)} (${p.ip ?? 'no IP yet'}${p.node ? ` on ${p.node}` : ', Pending'})`);
      if (old && !old.owner && !again)
        lines.push(
          `A bare Pod has no controller: nothing re-creates it until its manifest${old.file ? ` (${old.file})` : ''} is applied again. Re-apply the folder (kubectl apply -f) to bring it back; it will get a new IP.`,
        );
      if (old) {
        for (const s of servicesOf(old, after.services)) {
          if (before.services.some((b) => b.namespace === s.namespace && b.name === s.name))
            lines.push(`Service ${displayName(s.namespace, s.name)} keeps ${s.clusterIP}`);
        }
      }
      break;
    }
    case 'apply': {
      if (added.length === 0) lines.push('Nothing to create: the cluster already has everything the folder declares');
      const kept = new Set<string>();
      for (const p of added) {
        const was = gone.get(podKey(p));
        lines.push(`pod/${displayName(p.namespace, p.name)} created`);
        if (was?.ip && p.ip && was.ip !== p.ip) lines.push(`New IP ${p.ip} (was ${was.ip}): a Pod's IP is volatile`);
        else
          lines.push(p.ip ? `IP ${p.ip}${p.node ? ` on ${p.node}` : ''}` : `Pending${p.schedule.message ? `: ${p.schedule.message}` : ''}`);
        for (const s of servicesOf(p, after.services)) {
          const key = `${s.namespace}/${s.name}`;
          const had = before.services.find((b) => b.namespace === s.namespace && b.name === s.name);
          if (!kept.has(key) && had?.clusterIP === s.clusterIP)
            lines.push(`Service ${displayName(s.namespace, s.name)} keeps ${s.clusterIP}`);
          kept.add(key);
        }
      }
      break;
    }
    case 'scale':
      lines.push(`${op.kind.toLowerCase()}${op.kind === 'ReplicationController' ? '' : '.apps'}/${op.name} scaled to ${op.replicas}`);
      if (added.length) lines.push(`Created ${added.map((p) => `${p.name} (${p.ip ?? 'Pending'})`).join(', ')}`);
      if (removed.length) lines.push(`Deleted ${removed.map((p) => p.name).join(', ')}`);
      break;
    case 'cordon':
      lines.push(`node/${op.node} cordoned`);
      break;
    case 'uncordon':
      lines.push(`node/${op.node} uncordoned`);
      break;
    case 'drain':
      lines.push(`node/${op.node} drained`);
      if (removed.length) lines.push(`Evicted ${removed.map((p) => displayName(p.namespace, p.name)).join(', ')}`);
      for (const p of added) lines.push(`${displayName(p.namespace, p.name)} → ${p.node ?? 'Pending'}${p.ip ? ` (${p.ip})` : ''}`);
      break;
    case 'reset':
      lines.push('Cluster reset to the folder’s manifests');
      break;
  }
  if (op.op !== 'deletePod' && op.op !== 'scale' && op.op !== 'drain' && op.op !== 'reset') {
    const moved = after.pods.filter((p) => {
      const b = beforePods.get(podKey(p));
      return b && b.ip !== p.ip;
    });
    for (const p of moved) lines.push(`${displayName(p.namespace, p.name)}: IP ${beforePods.get(podKey(p))!.ip} → ${p.ip}`);
  }
  return lines;
}
