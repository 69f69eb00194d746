/** A Service as a manifest (or the cluster's built-ins) asks for it: what allocation and the stored state start from. */
import type { Labels, ServiceSpec } from '../model/k8s';
import type { Locator } from '../model/objects';
import type { SourceRef } from '../model/source';

export interface ServiceInput {
  kind: 'Service';
  metadata: { name: string; namespace: string; labels: Labels; annotations: Record<string, string> };
  spec: ServiceSpec;
  source: SourceRef;
  locate: Locator;
  builtIn: boolean;
  /** When the Service was created (defaults to AllocateOptions.createdAt). */
  createdAt?: number;
}
