/** Generators for benchmark folders: realistic manifests in the shapes people write. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function deployment(i: number, replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels: { app: app-${i}, tier: backend }
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: app-${i} }
  template:
    metadata:
      labels: { app: app-${i}, tier: backend }
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
          name: http
        resources:
          requests: { cpu: 100m, memory: 128Mi }
          limits: { cpu: 500m, memory: 256Mi }
`;
}

function service(i: number): string {
  const type = i % 10 === 0 ? 'NodePort' : 'ClusterIP';
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
spec:
  type: ${type}
  selector: { app: app-${i} }
  ports:
  - name: http
    port: 80
    targetPort: http
`;
}

function configMap(i: number): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: config-${i}
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "a,b,c"
`;
}

function node(i: number): string {
  return `apiVersion: v1
kind: Node
metadata:
  name: node-${i}
  labels:
    kubernetes.io/hostname: node-${i}
    topology.kubernetes.io/zone: zone-${i % 3}
status:
  capacity: { cpu: "32", memory: 128Gi, pods: "110" }
  allocatable: { cpu: "32", memory: 128Gi, pods: "110" }
  addresses:
  - { type: InternalIP, address: 172.${16 + ((i >> 16) & 15)}.${(i >> 8) & 255}.${i & 255} }
`;
}

function settings(podCIDR: string): string {
  return `apiVersion: kube-traffic.dev/v1alpha1
kind: ClusterSettings
metadata:
  name: bench
spec:
  podCIDR: ${podCIDR}
`;
}

/**
 * A folder of about `objects` objects: Deployments, Services and ConfigMaps in equal parts, 50 documents
 * per file. Nodes are added so the pods fit (`replicas` each, 3 by default; 100 pods per node).
 */
export function writeAppFolder(dir: string, objects: number, replicas = 3): { files: number; objects: number } {
  mkdirSync(dir, { recursive: true });
  const apps = Math.floor(objects / 3);
  const docs: string[] = [];
  for (let i = 0; i < apps; i++) docs.push(deployment(i, replicas), service(i), configMap(i));
  const nodes = Math.max(3, Math.ceil((apps * replicas) / 100));
  for (let i = 0; i < nodes; i++) docs.push(node(i));
  return { files: writeChunks(dir, docs, 50), objects: docs.length };
}

/** Kubernetes' documented limits: 5,000 nodes and 150,000 pods (1,500 Deployments × 100 replicas). */
export function writeScaleFolder(dir: string, nodes: number, pods: number): { files: number; objects: number } {
  mkdirSync(dir, { recursive: true });
  // 5,000 nodes need 5,000 /24 pod ranges: flannel's default /16 has 256, so widen it as a real cluster of
  // this size would (kube-controller-manager --cluster-cidr).
  const docs: string[] = [settings('100.64.0.0/10')];
  for (let i = 0; i < nodes; i++) docs.push(node(i));
  const perDeployment = 100;
  for (let i = 0; i < pods / perDeployment; i++) docs.push(deployment(i, perDeployment), service(i));
  return { files: writeChunks(dir, docs, 100), objects: docs.length };
}

function writeChunks(dir: string, docs: string[], perFile: number): number {
  let files = 0;
  for (let i = 0; i < docs.length; i += perFile) {
    writeFileSync(join(dir, `part-${String(files).padStart(5, '0')}.yaml`), docs.slice(i, i + perFile).join('---\n'));
    files++;
  }
  return files;
}

/**
 * A canal cluster for the reachability bench: `pods` bare Pods over 10 namespaces (labels app and
 * tier), each serving 80, and `policies` NetworkPolicies mixing default-deny, namespace and Pod
 * selectors, ports and ipBlocks — what a real multi-team cluster carries.
 */
export function writePolicyFolder(dir: string, pods: number, policies: number): { files: number; objects: number } {
  mkdirSync(dir, { recursive: true });
  const nodes = Math.max(3, Math.ceil(pods / 100));
  const docs: string[] = [
    `apiVersion: kube-traffic.dev/v1alpha1\nkind: ClusterSettings\nmetadata:\n  name: cluster\nspec:\n  cni: canal\n`,
  ];
  for (let i = 0; i < nodes; i++) docs.push(node(i));
  const namespaces = 10;
  for (let n = 0; n < namespaces; n++) {
    docs.push(
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${n}\n  labels:\n    team: t${n}\n    tier: ${n % 2 ? 'backend' : 'frontend'}\n`,
    );
  }
  for (let i = 0; i < pods; i++) {
    const ns = `team-${i % namespaces}`;
    docs.push(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p-${i}\n  namespace: ${ns}\n  labels:\n    app: a${i % 7}\n    tier: ${i % 3 ? 'web' : 'db'}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - { name: http, containerPort: 80 }\n`,
    );
  }
  for (let j = 0; j < policies; j++) {
    const ns = `team-${j % namespaces}`;
    const kinds = [
      `  podSelector: {}`,
      `  podSelector: { matchLabels: { tier: db } }\n  ingress:\n  - from:\n    - podSelector: { matchLabels: { tier: web } }\n    ports:\n    - port: http`,
      `  podSelector: { matchLabels: { app: a${j % 7} } }\n  ingress:\n  - from:\n    - namespaceSelector: { matchLabels: { tier: frontend } }`,
      `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector: { matchLabels: { team: t${(j + 1) % namespaces} } }\n      podSelector: { matchExpressions: [{ key: app, operator: In, values: [a1, a2, a3] }] }\n  - to:\n    - ipBlock: { cidr: 10.244.0.0/16, except: [10.244.1.0/24] }`,
      `  podSelector: { matchLabels: { tier: web } }\n  ingress:\n  - ports:\n    - { port: 80, endPort: 90 }`,
    ];
    docs.push(
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np-${j}\n  namespace: ${ns}\nspec:\n${kinds[j % kinds.length]}\n`,
    );
  }
  return { files: writeChunks(dir, docs, 100), objects: docs.length };
}
