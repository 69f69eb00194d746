/** ObjectMeta: decoding, the namespace kubectl would use, and ValidateObjectMeta. */
import { pushAll } from '../util/arrays';
import type { ObjectMeta } from '../model/k8s';
import { nameIsDNSLabel } from '../util/validation';
import { fieldSet, type Reader } from './decode';
import { invalidEach, required, type FieldError } from './fieldErrors';
import type { FieldPath } from './fieldPath';
import { validateAnnotations, validateLabels } from './labelRules';

export const OBJECT_META_FIELDS = fieldSet(
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
  'clusterName',
);

export type NameValidator = (name: string, prefix: boolean) => string[];

/**
 * Reads `metadata` of a top-level object. Namespaced objects without a namespace land in `default`
 * (kubectl's context namespace); cluster-scoped objects have none, whatever the manifest says.
 */
export function decodeObjectMeta(top: Reader, namespaced: boolean, generatedSuffix: () => string): ObjectMeta {
  const m = top.obj('metadata', 'ObjectMeta', OBJECT_META_FIELDS);
  const generateName = m?.str('generateName');
  let name = m?.str('name') ?? '';
  // The API server completes generateName with 5 random characters; ours derive from the source position.
  if (!name && generateName) name = generateName + generatedSuffix();
  const meta: ObjectMeta = {
    name,
    namespace: namespaced ? m?.str('namespace') || 'default' : '',
    labels: m?.strMap('labels') ?? {},
    annotations: m?.strMap('annotations') ?? {},
  };
  if (generateName) meta.generateName = generateName;
  const uid = m?.str('uid');
  if (uid) meta.uid = uid;
  return meta;
}

/** ValidateObjectMeta (create): name, namespace, labels, annotations. */
export function validateObjectMeta(
  meta: ObjectMeta,
  namespaced: boolean,
  nameFn: NameValidator,
  path: FieldPath = ['metadata'],
): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) pushAll(errs, invalidEach([...path, 'generateName'], meta.generateName, nameFn(meta.generateName, true)));
  if (!meta.name) errs.push(required([...path, 'name'], 'name or generateName is required'));
  else if (!meta.generateName || !meta.name.startsWith(meta.generateName))
    pushAll(errs, invalidEach([...path, 'name'], meta.name, nameFn(meta.name, false)));
  if (namespaced) pushAll(errs, invalidEach([...path, 'namespace'], meta.namespace, nameIsDNSLabel(meta.namespace)));
  pushAll(errs, validateLabels(meta.labels, [...path, 'labels']));
  pushAll(errs, validateAnnotations(meta.annotations, [...path, 'annotations']));
  return errs;
}

/** Deterministic stand-in for the API server's random generateName suffix (same alphabet, 5 chars). */
export function generatedNameSuffix(seed: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length) + Math.imul(h, 31) + i;
    h >>>= 0;
  }
  return out;
}
