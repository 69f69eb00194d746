/** Node manifests: spec (podCIDR, taints, unschedulable) and status (capacity, allocatable, addresses). */
import type { NodeSpecK8s, NodeStatusK8s, Taint } from '../model/k8s';
import { formatQuantity, isIntegerResourceName, type Quantity } from '../util/quantity';
import { CIDR_ERROR, isCIDR, isValidLabelValue } from '../util/validation';
import { fieldSet, type Reader } from './decode';
import { duplicate, GoLiteral, goQuote, invalid, type FieldError } from './fieldErrors';
import { validateLabelName } from './labelRules';
import { quantityMap, toResourceList } from './pod/container';
import { validateTaintEffect } from './pod/scheduling';
import type { Problems } from './problems';

const NODE_SPEC_FIELDS = fieldSet('podCIDR', 'podCIDRs', 'providerID', 'unschedulable', 'taints', 'configSource', 'externalID');
const NODE_STATUS_FIELDS = fieldSet(
  'capacity',
  'allocatable',
  'phase',
  'conditions',
  'addresses',
  'daemonEndpoints',
  'nodeInfo',
  'images',
  'volumesInUse',
  'volumesAttached',
  'config',
  'runtimeHandlers',
  'features',
  'declaredFeatures',
);

export function decodeNode(top: Reader, p: Problems): { spec: NodeSpecK8s; status: NodeStatusK8s } {
  const s = top.obj('spec', 'NodeSpec', NODE_SPEC_FIELDS);
  const taints: Taint[] = (s?.list('taints', 'Taint', fieldSet('key', 'value', 'effect', 'timeAdded')) ?? []).map((t) => {
    const taint: Taint = { key: t.str('key') ?? '', effect: (t.str('effect') ?? '') as Taint['effect'] };
    const value = t.str('value');
    if (value) taint.value = value;
    return taint;
  });
  const spec: NodeSpecK8s = { taints, unschedulable: s?.bool('unschedulable') ?? false };
  const podCIDR = s?.str('podCIDR');
  const podCIDRs = s?.strList('podCIDRs');
  if (podCIDR) spec.podCIDR = podCIDR;
  if (podCIDRs?.length) spec.podCIDRs = podCIDRs;
  else if (podCIDR) spec.podCIDRs = [podCIDR];
  if (!spec.podCIDR && spec.podCIDRs) spec.podCIDR = spec.podCIDRs[0];

  const st = top.obj('status', 'NodeStatus', NODE_STATUS_FIELDS);
  const capacity = st ? quantityMap(st, 'capacity') : new Map<string, Quantity>();
  const allocatableGiven = st?.has('allocatable') ?? false;
  // SetDefaults_NodeStatus: allocatable defaults to capacity.
  const allocatable = allocatableGiven && st ? quantityMap(st, 'allocatable') : capacity;
  const status: NodeStatusK8s = {
    capacity: toResourceList(capacity),
    allocatable: toResourceList(allocatable),
    addresses: (st?.list('addresses', 'NodeAddress', fieldSet('type', 'address')) ?? []).map((a) => ({
      type: a.str('type') ?? '',
      address: a.str('address') ?? '',
    })),
  };
  const images = st?.list('images', 'ContainerImage', fieldSet('names', 'sizeBytes'));
  if (images) status.images = images.map((i) => ({ names: i.strList('names') ?? [], sizeBytes: i.int('sizeBytes', 'int64') ?? 0 }));

  p.add(validateTaints(taints));
  for (const [name, map] of [
    ['capacity', capacity],
    ['allocatable', allocatableGiven ? allocatable : new Map<string, Quantity>()],
  ] as const)
    for (const [res, q] of map) p.add(quantityRules(res, q, ['status', name, res], ['status', name, { key: res }]));
  (spec.podCIDRs ?? []).forEach((cidr, i) => {
    if (!isCIDR(cidr)) p.add(invalid(['spec', 'podCIDRs', i], cidr, CIDR_ERROR, podCIDRs?.length ? undefined : ['spec', 'podCIDR']));
  });
  return { spec, status };
}

function quantityRules(res: string, q: Quantity, path: (string | number)[], at: (string | { key: string })[]): FieldError[] {
  const errs: FieldError[] = [];
  if (q.milli < 0n) errs.push(invalid(path, formatQuantity(q), 'must be greater than or equal to 0', at));
  if (isIntegerResourceName(res) && q.milli % 1000n !== 0n) errs.push(invalid(path, formatQuantity(q), 'must be an integer', at));
  return errs;
}

/**
 * validateNodeTaints. Kubernetes names these errors `metadata.taints[i]…` (ValidateNode passes the
 * metadata path); the source position is the taint under `spec.taints`.
 */
export function validateTaints(taints: Taint[]): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((t, i) => {
    const path = ['metadata', 'taints', i];
    const at = ['spec', 'taints', i];
    for (const e of validateLabelName(t.key, [...path, 'key'])) errs.push({ ...e, at: [...at, 'key'] });
    const msgs = isValidLabelValue(t.value ?? '');
    if (msgs.length) errs.push(invalid([...path, 'value'], t.value ?? '', msgs.join(';'), [...at, 'value']));
    for (const e of validateTaintEffect(t.effect, false, [...path, 'effect'])) errs.push({ ...e, at: [...at, 'effect'] });
    const key = `${t.effect}\u0000${t.key}`;
    if (seen.has(key)) {
      // The core.Taint struct, as %#v prints it.
      const taint = new GoLiteral(
        `core.Taint{Key:${goQuote(t.key)}, Value:${goQuote(t.value ?? '')}, Effect:${goQuote(t.effect)}, TimeAdded:(*v1.Time)(nil)}`,
      );
      const dup = duplicate(path, taint, at);
      errs.push({ ...dup, detail: 'taints must be unique by key and effect pair' });
      return;
    }
    seen.add(key);
  });
  return errs;
}
