/**
 * What the loader knows about kinds: which apiVersions serve the simulated kinds, which kinds are
 * cluster-scoped, how the API server names their resource in messages, and removed apiVersions.
 */
import { nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain } from '../util/validation';
import type { NameValidator } from './meta';
import { SETTINGS_API_VERSION } from './settings';

/** Kinds the engine simulates, with the only apiVersion a current API server serves them at. */
export const SIMULATED: Record<string, string> = {
  Pod: 'v1',
  Service: 'v1',
  Node: 'v1',
  ReplicationController: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  Job: 'batch/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  Endpoints: 'v1',
  EndpointSlice: 'discovery.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
  ClusterSettings: SETTINGS_API_VERSION,
};

const CLUSTER_SCOPED = new Set([
  'Node',
  'Namespace',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'CustomResourceDefinition',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'APIService',
  'PodSecurityPolicy',
  'ComponentStatus',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'GatewayClass',
  'VolumeSnapshotClass',
  'ClusterIssuer',
  'ServiceCIDR',
  'IPAddress',
  'DeviceClass',
  'ClusterSettings',
  'InitializerConfiguration',
]);

export function isNamespaced(kind: string): boolean {
  return !CLUSTER_SCOPED.has(kind);
}

/** The name rule each kind's validation applies (ValidateXName). Others only need a name. */
export function nameValidator(kind: string): NameValidator {
  if (kind === 'Service') return nameIsDNS1035Label;
  if (kind === 'Namespace') return nameIsDNSLabel;
  if (kind in SIMULATED) return nameIsDNSSubdomain;
  return () => [];
}

/** The resource as the API server names it in messages: `pods`, `deployments.apps`. */
export function qualifiedResource(kind: string, apiVersion: string): string {
  const lower = kind.toLowerCase();
  let plural: string;
  if (lower === 'endpoints' || lower.endsWith('s')) plural = lower.endsWith('ss') || lower.endsWith('us') ? `${lower}es` : lower;
  else if (/[^aeiou]y$/.test(lower)) plural = `${lower.slice(0, -1)}ies`;
  else if (lower.endsWith('ch') || lower.endsWith('sh') || lower.endsWith('x')) plural = `${lower}es`;
  else plural = `${lower}s`;
  if (lower === 'ingress') plural = 'ingresses';
  const slash = apiVersion.indexOf('/');
  return slash > 0 ? `${plural}.${apiVersion.slice(0, slash)}` : plural;
}

/** apiVersions that current API servers no longer serve, with the release that removed them. */
const REMOVED: Record<string, { removedIn: string; use?: string }> = {
  'extensions/v1beta1': { removedIn: '1.22' },
  'apps/v1beta1': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta2': { removedIn: '1.16', use: 'apps/v1' },
  'batch/v1beta1': { removedIn: '1.25', use: 'batch/v1' },
  'batch/v2alpha1': { removedIn: '1.21', use: 'batch/v1' },
  'policy/v1beta1': { removedIn: '1.25', use: 'policy/v1' },
  'networking.k8s.io/v1beta1': { removedIn: '1.22', use: 'networking.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1alpha1': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  'apiextensions.k8s.io/v1beta1': { removedIn: '1.22', use: 'apiextensions.k8s.io/v1' },
  'admissionregistration.k8s.io/v1beta1': { removedIn: '1.22', use: 'admissionregistration.k8s.io/v1' },
  'apiregistration.k8s.io/v1beta1': { removedIn: '1.22', use: 'apiregistration.k8s.io/v1' },
  'scheduling.k8s.io/v1beta1': { removedIn: '1.22', use: 'scheduling.k8s.io/v1' },
  'scheduling.k8s.io/v1alpha1': { removedIn: '1.22', use: 'scheduling.k8s.io/v1' },
  'coordination.k8s.io/v1beta1': { removedIn: '1.22', use: 'coordination.k8s.io/v1' },
  'certificates.k8s.io/v1beta1': { removedIn: '1.22', use: 'certificates.k8s.io/v1' },
  'storage.k8s.io/v1alpha1': { removedIn: '1.24', use: 'storage.k8s.io/v1' },
  'autoscaling/v2beta1': { removedIn: '1.25', use: 'autoscaling/v2' },
  'autoscaling/v2beta2': { removedIn: '1.26', use: 'autoscaling/v2' },
  'discovery.k8s.io/v1beta1': { removedIn: '1.25', use: 'discovery.k8s.io/v1' },
  'events.k8s.io/v1beta1': { removedIn: '1.25', use: 'events.k8s.io/v1' },
  'node.k8s.io/v1beta1': { removedIn: '1.25', use: 'node.k8s.io/v1' },
  'flowcontrol.apiserver.k8s.io/v1beta1': { removedIn: '1.26', use: 'flowcontrol.apiserver.k8s.io/v1' },
  'flowcontrol.apiserver.k8s.io/v1beta2': { removedIn: '1.29', use: 'flowcontrol.apiserver.k8s.io/v1' },
  'flowcontrol.apiserver.k8s.io/v1beta3': { removedIn: '1.32', use: 'flowcontrol.apiserver.k8s.io/v1' },
};

/** When the API server stopped serving `kind` at `apiVersion` (some groups lost kinds in different releases). */
export function removedVersion(kind: string, apiVersion: string): { removedIn: string; use?: string } | undefined {
  if (apiVersion === 'storage.k8s.io/v1beta1')
    return { removedIn: kind === 'CSIStorageCapacity' ? '1.27' : '1.22', use: 'storage.k8s.io/v1' };
  if (apiVersion === 'extensions/v1beta1')
    return kind === 'Ingress' ? { removedIn: '1.22', use: 'networking.k8s.io/v1' } : { removedIn: '1.16' };
  return REMOVED[apiVersion];
}

/** kubectl's words when the API server has no such kind at that version. */
export function noMatchMessage(kind: string, apiVersion: string): string {
  return `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`;
}
