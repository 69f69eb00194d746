/** ValidatePodSpec: the rules of pkg/apis/core/validation that concern what the simulator reads. */
import { pushAll } from '../../util/arrays';
import {
  formatQuantity,
  isIntegerResourceName,
  isExtendedResourceName,
  STANDARD_INTEGER_RESOURCES,
  type Quantity,
} from '../../util/quantity';
import { isDNS1123Label, isQualifiedName, isValidPortName, isValidPortNum, nameIsDNSSubdomain } from '../../util/validation';
import { validateDns } from './dnsRules';
import { MAX_CONTAINERS_PER_POD } from '../budgets';
import { duplicate, forbidden, invalid, invalidEach, notSupported, required, tooMany, type FieldError } from '../fieldErrors';
import type { FieldPath } from '../fieldPath';
import { validateLabels } from '../labelRules';
import type { DecodedContainer } from './container';
import type { DecodedPodSpec } from './podSpec';
import { validateNodeAffinity, validateTolerations, validateTopologySpread } from './scheduling';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

export function validatePodSpec(d: DecodedPodSpec, isPod: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const path = d.path;
  const spec = d.spec;
  if (d.containers.length === 0) errs.push(required([...path, 'containers']));
  if (spec.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds < 0)
    errs.push(
      invalid([...path, 'terminationGracePeriodSeconds'], spec.terminationGracePeriodSeconds, 'must be greater than or equal to 0'),
    );
  // The API server has no such limit (only the object's size bounds it); the simulator has.
  for (const [key, list] of [
    ['initContainers', d.initContainers],
    ['containers', d.containers],
  ] as const)
    if (list.length > MAX_CONTAINERS_PER_POD)
      errs.push(tooMany([...path, key], list.length, MAX_CONTAINERS_PER_POD, " (the simulator's limit)"));
  const names = new Set<string>();
  for (const c of d.containers) {
    pushAll(errs, validateContainerCommon(c, isPod));
    if (names.has(c.container.name)) errs.push(duplicate([...c.path, 'name'], c.container.name));
    else names.add(c.container.name);
    if (c.restartPolicy !== undefined) errs.push(forbidden([...c.path, 'restartPolicy'], 'may not be set for non-init containers'));
  }
  pushAll(errs, hostPortConflicts(d.containers));
  for (const c of d.initContainers) {
    pushAll(errs, validateContainerCommon(c, isPod));
    if (c.restartPolicy !== undefined && c.restartPolicy !== 'Always')
      errs.push(notSupported([...c.path, 'restartPolicy'], c.restartPolicy, ['Always']));
    if (names.has(c.container.name)) errs.push(duplicate([...c.path, 'name'], c.container.name));
    else if (c.container.name) names.add(c.container.name);
    pushAll(errs, hostPortConflicts([c]));
  }
  if (spec.hostNetwork) {
    d.containers.forEach((c) =>
      c.container.ports.forEach((p, i) => {
        if (p.hostPort !== p.containerPort)
          errs.push(invalid([...c.path, 'ports', i, 'hostPort'], p.hostPort ?? 0, 'must match `containerPort` when `hostNetwork` is true'));
      }),
    );
  }
  if (!RESTART_POLICIES.includes(spec.restartPolicy))
    errs.push(notSupported([...path, 'restartPolicy'], spec.restartPolicy, RESTART_POLICIES));
  pushAll(errs, validateLabels(spec.nodeSelector, [...path, 'nodeSelector']));
  pushAll(errs, validateNodeAffinity(spec.affinity?.nodeAffinity, [...path, 'affinity', 'nodeAffinity']));
  pushAll(errs, validateTolerations(spec.tolerations, [...path, 'tolerations']));
  pushAll(errs, validateTopologySpread(spec.topologySpreadConstraints, [...path, 'topologySpreadConstraints']));
  if (spec.nodeName) pushAll(errs, invalidEach([...path, 'nodeName'], spec.nodeName, nameIsDNSSubdomain(spec.nodeName)));
  if (spec.hostname) pushAll(errs, invalidEach([...path, 'hostname'], spec.hostname, isDNS1123Label(spec.hostname)));
  if (spec.subdomain) pushAll(errs, invalidEach([...path, 'subdomain'], spec.subdomain, isDNS1123Label(spec.subdomain)));
  pushAll(errs, validateDns(spec, path));
  return errs;
}

function validateContainerCommon(c: DecodedContainer, isPod: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const { container, path } = c;
  if (!container.name) errs.push(required([...path, 'name']));
  else pushAll(errs, invalidEach([...path, 'name'], container.name, isDNS1123Label(container.name)));
  if (!container.image) errs.push(required([...path, 'image']));
  else if (isPod && container.image !== container.image.trim())
    errs.push(invalid([...path, 'image'], container.image, 'must not have leading or trailing whitespace'));
  pushAll(errs, validateContainerPorts(c));
  pushAll(errs, validateResources(c));
  return errs;
}

function validateContainerPorts(c: DecodedContainer): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  c.container.ports.forEach((port, i) => {
    const p = [...c.path, 'ports', i];
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) pushAll(errs, invalidEach([...p, 'name'], port.name, msgs));
      else if (names.has(port.name)) errs.push(duplicate([...p, 'name'], port.name));
      else names.add(port.name);
    }
    if (port.containerPort === 0) errs.push(required([...p, 'containerPort']));
    else pushAll(errs, invalidEach([...p, 'containerPort'], port.containerPort, isValidPortNum(port.containerPort)));
    if (port.hostPort) pushAll(errs, invalidEach([...p, 'hostPort'], port.hostPort, isValidPortNum(port.hostPort)));
    const raw = c.rawProtocols[i] ?? '';
    if (raw && !PROTOCOLS.includes(raw)) errs.push(notSupported([...p, 'protocol'], raw, PROTOCOLS));
  });
  return errs;
}

function hostPortConflicts(containers: DecodedContainer[]): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const c of containers) {
    c.container.ports.forEach((port, i) => {
      if (!port.hostPort) return;
      const key = `${port.protocol}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate([...c.path, 'ports', i, 'hostPort'], key));
      else seen.add(key);
    });
  }
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'storage',
  ...STANDARD_INTEGER_RESOURCES,
  'requests.cpu',
  'requests.memory',
  'requests.storage',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
]);

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
const isNative = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
const overcommitAllowed = (name: string): boolean => isNative(name) && !isHugePages(name);

function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const qualified = invalidEach(path, name, isQualifiedName(name));
  if (qualified.length) return qualified;
  const errs: FieldError[] = [];
  if (!name.includes('/')) {
    if (!STANDARD_RESOURCES.has(name) && !isHugePages(name) && !name.startsWith('requests.hugepages-'))
      errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name))
      errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

function validateQuantityValue(name: string, q: Quantity, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (q.milli < 0n) errs.push(invalid(path, formatQuantity(q), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(name) && q.milli % 1000n !== 0n) errs.push(invalid(path, formatQuantity(q), 'must be an integer'));
  return errs;
}

/** ValidateResourceRequirements (after requests were defaulted from limits). */
function validateResources(c: DecodedContainer): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = [...c.path, 'resources', 'limits'];
  const reqPath = [...c.path, 'resources', 'requests'];
  for (const [name, q] of c.limits) {
    const p = [...limPath, { key: name }];
    pushAll(errs, validateContainerResourceName(name, p));
    pushAll(errs, validateQuantityValue(name, q, p));
  }
  for (const [name, q] of c.requests) {
    const p = [...reqPath, { key: name }];
    pushAll(errs, validateContainerResourceName(name, p));
    pushAll(errs, validateQuantityValue(name, q, p));
    const limit = c.limits.get(name);
    if (limit) {
      if (q.milli !== limit.milli && !overcommitAllowed(name))
        errs.push(invalid(reqPath, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(limit)}`, p));
      else if (q.milli > limit.milli)
        errs.push(invalid(reqPath, formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`, p));
    } else if (!overcommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}
