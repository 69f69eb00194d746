/** The `kube-traffic load --json` document (../shared/cli-contract.md). Built by toLoadJson (owned by the CLI/view work). */
import type { Diagnostic } from '../model/source';

export interface LoadJson {
  nodes: {
    name: string;
    ip: string;
    podCIDR: string;
    roles: string[];
    labels: Record<string, string>;
    allocatable: { cpu: number; memory: number; pods?: number };
    taints: { key: string; value?: string; effect: string }[];
    unschedulable?: boolean;
  }[];
  pods: {
    name: string;
    namespace: string;
    node: string | null;
    ip: string | null;
    phase: string;
    ready: boolean;
    status?: string;
    labels: Record<string, string>;
    owner: string | null;
    containers: {
      name: string;
      image?: string;
      ports: { containerPort: number; name?: string; protocol: string }[];
      state: 'running' | 'waiting' | 'terminated';
      reason?: string;
      message?: string;
    }[];
    schedule: {
      node: string | null;
      message?: string;
      rejected: Record<string, string>;
      scores: Record<string, { total: number; plugins: Record<string, number> }>;
    };
    file?: string;
    line?: number;
  }[];
  services: {
    name: string;
    namespace: string;
    type: string;
    clusterIP: string | null;
    externalIP: string | null;
    selector: Record<string, string>;
    externalTrafficPolicy?: 'Cluster' | 'Local';
    internalTrafficPolicy?: 'Cluster' | 'Local';
    sessionAffinity: 'None' | 'ClientIP';
    ports: { name?: string; port: number; targetPort: number | string; nodePort?: number; protocol: string }[];
    endpoints: { pod: string; ip: string; node: string; ready: boolean }[];
    healthCheckNodePort?: number;
    pendingReason?: string;
    file?: string;
    line?: number;
  }[];
  objects: { kind: string; name: string; namespace: string; file: string; line: number }[];
  diagnostics: Diagnostic[];
}
