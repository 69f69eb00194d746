/**
 * Endpoints and EndpointSlices the folder writes by hand, and the slices the EndpointSlice mirroring
 * controller makes from Endpoints (pkg/controller/endpointslicemirroring). The endpointslice
 * controller's own slices (for Services with a selector) are not kept: they follow from the Pods.
 */
import type { EndpointPort } from './cluster';
import type { Labels, Protocol } from './k8s';
import type { SourceRef } from './source';

/** discovery.LabelServiceName: the label that ties an EndpointSlice to its Service. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** discovery.LabelManagedBy. */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
/** discovery.LabelSkipMirror: an Endpoints with it set to "true" is not mirrored. */
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
export const MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
export const SLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
/** --mirroring-max-endpoints-per-subset's default. */
export const MIRRORING_MAX_ENDPOINTS_PER_SUBSET = 1000;

export interface SliceEndpointState {
  addresses: string[];
  /** Conditions as written; unset (null) reads as ready/serving and not terminating to kube-proxy. */
  ready: boolean | null;
  serving: boolean | null;
  terminating: boolean | null;
  nodeName: string | null;
  hostname?: string;
  targetRef?: { kind: string; name: string; namespace: string };
  /** Where the address is written (the Endpoints address it was mirrored from, for a mirrored slice). */
  source: SourceRef;
}

export interface EndpointSliceState {
  name: string;
  namespace: string;
  labels: Labels;
  addressType: string;
  ports: { name: string; port: number | null; protocol: Protocol }[];
  endpoints: SliceEndpointState[];
  /** The Endpoints object it mirrors (same name as the Service), for a slice the mirroring controller made. */
  mirroredFrom?: string;
  createdAt: number;
  source: SourceRef;
}

/** A hand-made v1 Endpoints as `kubectl get endpoints` shows it. */
export interface EndpointsObjectState {
  name: string;
  namespace: string;
  labels: Labels;
  subsets: { addresses: string[]; notReadyAddresses: string[]; ports: EndpointPort[] }[];
  createdAt: number;
  source: SourceRef;
}

/** Which EndpointSlice a Service endpoint comes from, when it is not one the endpointslice controller made from a Pod. */
export interface EndpointOrigin {
  slice: string;
  /** The slice's managed-by label ('' when hand-made without one). */
  managedBy: string;
  mirroredFrom?: string;
  source: SourceRef;
}
