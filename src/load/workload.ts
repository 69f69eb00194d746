/**
 * Pods and their controllers: decoding, defaulting and validation as the API server does for
 * core/v1 Pod and ReplicationController, apps/v1 Deployment/ReplicaSet/DaemonSet/StatefulSet, batch/v1 Job.
 */
import { pushAll } from '../util/arrays';
import type { LabelSelector, ObjectMeta, PodSpec, WorkloadSpec } from '../model/k8s';
import type { WorkloadKind } from '../model/objects';
import { MAX_PODS_PER_WORKLOAD } from './budgets';
import { fieldSet, Reader } from './decode';
import { goStringMap, invalid, notSupported, required, type FieldError } from './fieldErrors';
import type { FieldPath } from './fieldPath';
import { selectorIsEmpty, selectorMatches, validateAnnotations, validateLabels, validateLabelSelector } from './labelRules';
import { OBJECT_META_FIELDS } from './meta';
import { decodePodSpec, POD_SPEC_FIELDS, type DecodedPodSpec } from './pod/podSpec';
import { validatePodSpec } from './pod/podRules';
import { validateDeletionCost } from './pod/deletionCost';
import { portWarnings } from './pod/portWarnings';
import { decodeLabelSelector, selectorReader } from './pod/scheduling';
import { decodeMinReadySeconds, decodeStrategy } from './deploymentStrategy';
import type { Problems } from './problems';

const SPEC_FIELDS: Record<WorkloadKind, ReadonlySet<string>> = {
  Deployment: fieldSet(
    'replicas',
    'selector',
    'template',
    'strategy',
    'minReadySeconds',
    'revisionHistoryLimit',
    'paused',
    'progressDeadlineSeconds',
  ),
  ReplicaSet: fieldSet('replicas', 'minReadySeconds', 'selector', 'template'),
  ReplicationController: fieldSet('replicas', 'minReadySeconds', 'selector', 'template'),
  DaemonSet: fieldSet('selector', 'template', 'updateStrategy', 'minReadySeconds', 'revisionHistoryLimit', 'templateGeneration'),
  StatefulSet: fieldSet(
    'replicas',
    'selector',
    'template',
    'volumeClaimTemplates',
    'serviceName',
    'podManagementPolicy',
    'updateStrategy',
    'revisionHistoryLimit',
    'minReadySeconds',
    'persistentVolumeClaimRetentionPolicy',
    'ordinals',
  ),
  Job: fieldSet(
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'podFailurePolicy',
    'successPolicy',
    'backoffLimit',
    'backoffLimitPerIndex',
    'maxFailedIndexes',
    'selector',
    'manualSelector',
    'template',
    'ttlSecondsAfterFinished',
    'completionMode',
    'suspend',
    'podReplacementPolicy',
    'managedBy',
  ),
};

const empty = (parent: Reader, key: string, struct: string): Reader => new Reader({}, parent.at(key), struct, parent.sink);

export function decodePod(top: Reader, meta: ObjectMeta, p: Problems): PodSpec {
  const specReader = top.obj('spec', 'PodSpec', POD_SPEC_FIELDS) ?? empty(top, 'spec', 'PodSpec');
  const decoded = decodePodSpec(specReader);
  p.add(validateDeletionCost(meta.annotations, ['metadata', 'annotations']));
  p.add(validatePodSpec(decoded, true));
  pushAll(p.warnings, portWarnings(decoded));
  return decoded.spec;
}

export function decodeWorkload(kind: WorkloadKind, top: Reader, meta: ObjectMeta, p: Problems): WorkloadSpec {
  const s = top.obj('spec', `${kind}Spec`, SPEC_FIELDS[kind]) ?? empty(top, 'spec', `${kind}Spec`);
  const t = s.obj('template', 'PodTemplateSpec', fieldSet('metadata', 'spec'));
  if (!t && kind === 'ReplicationController') p.add(required(['spec', 'template']));
  const tr = t ?? empty(s, 'template', 'PodTemplateSpec');
  const tm = tr.obj('metadata', 'ObjectMeta', OBJECT_META_FIELDS);
  const templateMeta: ObjectMeta = {
    name: '',
    namespace: meta.namespace,
    labels: tm?.strMap('labels') ?? {},
    annotations: tm?.strMap('annotations') ?? {},
  };
  const podSpec = decodePodSpec(tr.obj('spec', 'PodSpec', POD_SPEC_FIELDS) ?? empty(tr, 'spec', 'PodSpec'));
  p.add(validateDeletionCost(templateMeta.annotations, ['spec', 'template', 'metadata', 'annotations']));
  const spec: WorkloadSpec = { template: { metadata: templateMeta, spec: podSpec.spec } };

  if (kind !== 'DaemonSet' && kind !== 'Job') {
    spec.replicas = s.int('replicas') ?? 1;
    if (spec.replicas < 0) p.add(invalid(['spec', 'replicas'], spec.replicas, 'must be greater than or equal to 0'));
    p.add(podBudget(['spec', 'replicas'], spec.replicas));
  }
  const selector =
    kind === 'ReplicationController'
      ? rcSelector(s, meta, templateMeta, p)
      : kind === 'Job'
        ? jobSelector(s, meta, templateMeta, p)
        : appsSelector(kind, s, p);
  if (selector) spec.selector = selector;
  if (selector && !selectorIsEmpty(selector) && (t || kind !== 'ReplicationController') && !selectorMatches(selector, templateMeta.labels))
    p.add(
      invalid(['spec', 'template', 'metadata', 'labels'], goStringMap(templateMeta.labels), '`selector` does not match template `labels`'),
    );

  if (kind === 'Deployment') {
    const errs: FieldError[] = [];
    spec.strategy = decodeStrategy(s, errs);
    const minReady = decodeMinReadySeconds(s, errs);
    if (minReady !== undefined) spec.minReadySeconds = minReady;
    p.add(errs);
  }
  if (kind === 'StatefulSet') {
    const serviceName = s.str('serviceName');
    if (serviceName) spec.serviceName = serviceName;
    const policy = s.str('podManagementPolicy') || 'OrderedReady';
    if (policy !== 'OrderedReady' && policy !== 'Parallel')
      p.add(notSupported(['spec', 'podManagementPolicy'], policy, ['OrderedReady', 'Parallel']));
    spec.podManagementPolicy = policy as WorkloadSpec['podManagementPolicy'];
  }
  if (kind === 'Job') {
    const completions = s.int('completions');
    const parallelism = s.int('parallelism');
    // batch/v1 SetDefaults_Job: both unset → both 1; parallelism alone defaults to 1.
    spec.parallelism = parallelism ?? 1;
    if (completions !== undefined) spec.completions = completions;
    else if (parallelism === undefined) spec.completions = 1;
    for (const key of ['completions', 'parallelism'] as const) {
      const v = spec[key];
      if (v !== undefined && v < 0) p.add(invalid(['spec', key], v, 'must be greater than or equal to 0'));
      if (v !== undefined) p.add(podBudget(['spec', key], v));
    }
  }

  if (t || kind !== 'ReplicationController') p.add(validateTemplate(kind, templateMeta, podSpec));
  pushAll(p.warnings, portWarnings(podSpec));
  return spec;
}

/**
 * The simulator creates every Pod a workload asks for, so it refuses a workload that asks for more
 * than it can simulate, as a quota refuses what is over its limit.
 */
function podBudget(path: FieldPath, count: number): FieldError[] {
  if (count <= MAX_PODS_PER_WORKLOAD) return [];
  return [invalid(path, count, `exceeds the simulator's limit of ${MAX_PODS_PER_WORKLOAD} Pods per workload`)];
}

function validateTemplate(kind: WorkloadKind, meta: ObjectMeta, podSpec: DecodedPodSpec): FieldError[] {
  const errs: FieldError[] = [];
  pushAll(errs, validateLabels(meta.labels, ['spec', 'template', 'metadata', 'labels']));
  pushAll(errs, validateAnnotations(meta.annotations, ['spec', 'template', 'metadata', 'annotations']));
  pushAll(errs, validatePodSpec(podSpec, false));
  const restart = podSpec.spec.restartPolicy;
  const path = ['spec', 'template', 'spec', 'restartPolicy'];
  if (kind === 'Job') {
    // The template's restartPolicy was defaulted to Always like any PodSpec; a Job cannot use it.
    if (restart !== 'OnFailure' && restart !== 'Never') errs.push(notSupported(path, restart, ['OnFailure', 'Never']));
  } else if (restart !== 'Always' && ['Always', 'OnFailure', 'Never'].includes(restart)) {
    errs.push(notSupported(path, restart, ['Always']));
  }
  return errs;
}

/** apps/v1: `spec.selector` is required, must be non-empty and valid. */
function appsSelector(kind: WorkloadKind, s: Reader, p: Problems): LabelSelector | undefined {
  const selector = decodeLabelSelector(selectorReader(s, 'selector'));
  if (!selector) {
    p.add(required(['spec', 'selector']));
    return undefined;
  }
  p.add(validateLabelSelector(selector, ['spec', 'selector']));
  if (selectorIsEmpty(selector)) {
    const what = kind === 'DaemonSet' ? 'daemonset' : kind === 'StatefulSet' ? 'statefulset' : 'deployment';
    p.add(invalid(['spec', 'selector'], selector, `empty selector is invalid for ${what}`));
  }
  return selector;
}

/** core/v1 ReplicationController: a plain label map, defaulted from the template's labels. */
function rcSelector(s: Reader, meta: ObjectMeta, templateMeta: ObjectMeta, p: Problems): LabelSelector | undefined {
  let matchLabels = s.strMap('selector') ?? {};
  const templateLabels = templateMeta.labels;
  if (Object.keys(templateLabels).length > 0) {
    if (Object.keys(matchLabels).length === 0) matchLabels = { ...templateLabels };
    if (Object.keys(meta.labels).length === 0) meta.labels = { ...templateLabels };
  }
  if (Object.keys(matchLabels).length === 0) {
    p.add(required(['spec', 'selector']));
    return undefined;
  }
  p.add(validateLabels(matchLabels, ['spec', 'selector']));
  return { matchLabels };
}

/**
 * batch/v1 Job: unless `manualSelector: true`, the API server generates the selector and adds the
 * job's labels to the template. It keys on the Job's uid; ours keys on the job-name label, which the
 * API server adds too (`batch.kubernetes.io/job-name`, `job-name`).
 */
function jobSelector(s: Reader, meta: ObjectMeta, templateMeta: ObjectMeta, p: Problems): LabelSelector | undefined {
  const manual = s.bool('manualSelector') ?? false;
  const given = decodeLabelSelector(selectorReader(s, 'selector'));
  if (manual) {
    if (!given) p.add(required(['spec', 'selector']));
    else p.add(validateLabelSelector(given, ['spec', 'selector']));
    return given;
  }
  if (given) p.add(validateLabelSelector(given, ['spec', 'selector']));
  templateMeta.labels = { ...templateMeta.labels, 'batch.kubernetes.io/job-name': meta.name, 'job-name': meta.name };
  // generateSelector adds its own label to whatever the user wrote.
  return { ...given, matchLabels: { ...given?.matchLabels, 'batch.kubernetes.io/job-name': meta.name } };
}
