/** Containers: decoding with the API server's defaults (protocol TCP, probe defaults, requests from limits). */
import type { Container, ContainerPort, Protocol, ResourceList } from '../../model/k8s';
import { parseQuantity, QUANTITY_FORMAT_ERROR, resourceAmount, type Quantity } from '../../util/quantity';
import { DecodeError, fieldSet, isObj, type Reader } from '../decode';
import type { Seg } from '../fieldPath';

export const CONTAINER_FIELDS = fieldSet(
  'name',
  'image',
  'command',
  'args',
  'workingDir',
  'ports',
  'envFrom',
  'env',
  'resources',
  'resizePolicy',
  'restartPolicy',
  'restartPolicyRules',
  'volumeMounts',
  'volumeDevices',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'imagePullPolicy',
  'securityContext',
  'stdin',
  'stdinOnce',
  'tty',
);
const PORT_FIELDS = fieldSet('name', 'hostPort', 'containerPort', 'protocol', 'hostIP');
const RESOURCES_FIELDS = fieldSet('limits', 'requests', 'claims');
const ENV_FIELDS = fieldSet('name', 'value', 'valueFrom');

/** A container as decoded, plus what validation needs that the engine model does not keep. */
export interface DecodedContainer {
  container: Container;
  /** Parsed quantities by resource name, after requests were defaulted from limits. */
  limits: Map<string, Quantity>;
  requests: Map<string, Quantity>;
  /** Protocol exactly as written ('' when absent, before defaulting to TCP), per port. */
  rawProtocols: string[];
  restartPolicy?: string;
  path: readonly Seg[];
}

export function decodeContainer(r: Reader, defaultRequestsFromLimits: boolean): DecodedContainer {
  const rawProtocols: string[] = [];
  const ports: ContainerPort[] = (r.list('ports', 'ContainerPort', PORT_FIELDS) ?? []).map((p) => {
    const protocol = p.str('protocol') ?? '';
    rawProtocols.push(protocol);
    const port: ContainerPort = { containerPort: p.int('containerPort') ?? 0, protocol: (protocol || 'TCP') as Protocol };
    const name = p.str('name');
    if (name) port.name = name;
    const hostPort = p.int('hostPort');
    if (hostPort) port.hostPort = hostPort;
    const hostIP = p.str('hostIP');
    if (hostIP) port.hostIP = hostIP;
    return port;
  });

  const res = r.obj('resources', 'ResourceRequirements', RESOURCES_FIELDS);
  const limits = res ? quantityMap(res, 'limits') : new Map<string, Quantity>();
  const requests = res ? quantityMap(res, 'requests') : new Map<string, Quantity>();
  if (defaultRequestsFromLimits) for (const [k, q] of limits) if (!requests.has(k)) requests.set(k, q);

  // Only type-checked: a number in `env[].value` is a classic copy-paste error the API server rejects.
  for (const env of r.list('env', 'EnvVar', ENV_FIELDS) ?? []) {
    env.str('name');
    env.str('value');
  }

  const container: Container = {
    name: r.str('name') ?? '',
    image: r.str('image') ?? '',
    ports,
    resources: { requests: toResourceList(requests), limits: toResourceList(limits) },
  };
  const readiness = probe(r, 'readinessProbe');
  if (readiness) container.readinessProbe = readiness;
  const liveness = probe(r, 'livenessProbe');
  if (liveness) container.livenessProbe = liveness;
  const command = r.strList('command');
  if (command) container.command = command;
  const args = r.strList('args');
  if (args) container.args = args;
  return { container, limits, requests, rawProtocols, restartPolicy: r.str('restartPolicy'), path: r.path };
}

/** A ResourceList: every value a quantity (string or JSON number), as resource.Quantity unmarshals it. */
export function quantityMap(r: Reader, key: string): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  const v = r.get(key);
  if (v === undefined) return out;
  if (!isObj(v)) r.fail(r.at(key), v, 'v1.ResourceList');
  for (const [name, raw] of Object.entries(v)) {
    if (raw === null || raw === undefined) continue;
    const parsed = typeof raw === 'string' || typeof raw === 'number' ? parseQuantity(raw) : undefined;
    if (!parsed || !parsed.ok) {
      throw new DecodeError(
        r.at(key, { key: name }),
        raw,
        'must be a quantity such as 500m, 1.5, 512Mi or 1G',
        parsed && !parsed.ok ? parsed.error : QUANTITY_FORMAT_ERROR,
      );
    }
    out.set(name, parsed.quantity);
  }
  return out;
}

export function toResourceList(map: Map<string, Quantity>): ResourceList {
  const out: ResourceList = {};
  for (const [name, q] of map) out[name] = resourceAmount(name, q);
  return out;
}

/** Probes are kept as written, with SetDefaults_Probe / SetDefaults_HTTPGetAction applied. */
function probe(r: Reader, key: string): Record<string, unknown> | undefined {
  const p = r.obj(key, 'Probe');
  if (!p) return undefined;
  const out: Record<string, unknown> = {
    timeoutSeconds: 1,
    periodSeconds: 10,
    successThreshold: 1,
    failureThreshold: 3,
  };
  for (const [k, v] of Object.entries(p.raw)) if (v !== null && v !== 0) out[k] = v;
  const http = out.httpGet;
  if (isObj(http)) out.httpGet = { path: '/', scheme: 'HTTP', ...http };
  return out;
}
