/** ServiceSpec decoding with SetDefaults_Service applied (pkg/apis/core/v1/defaults.go). */
import type { Protocol, ServicePort, ServiceSpec, ServiceType } from '../../model/k8s';
import { fieldSet, type Reader } from '../decode';

export const SERVICE_SPEC_FIELDS = fieldSet(
  'ports',
  'selector',
  'clusterIP',
  'clusterIPs',
  'type',
  'externalIPs',
  'sessionAffinity',
  'loadBalancerIP',
  'loadBalancerSourceRanges',
  'externalName',
  'externalTrafficPolicy',
  'healthCheckNodePort',
  'publishNotReadyAddresses',
  'sessionAffinityConfig',
  'ipFamilies',
  'ipFamilyPolicy',
  'allocateLoadBalancerNodePorts',
  'loadBalancerClass',
  'internalTrafficPolicy',
  'trafficDistribution',
);
const SERVICE_PORT_FIELDS = fieldSet('name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort');

/** DefaultClientIPServiceAffinitySeconds: 3 hours. */
export const DEFAULT_CLIENT_IP_TIMEOUT = 10800;

export interface DecodedService {
  spec: ServiceSpec;
  /** Values exactly as written where defaulting would hide a mistake. */
  raw: { protocols: string[]; type: string; sessionAffinity: string; sessionAffinityConfigSet: boolean };
  loadBalancerClass?: string;
}

/** Type LoadBalancer or NodePort, or ClusterIP with externalIPs (service.ExternallyAccessible). */
export function externallyAccessible(spec: Pick<ServiceSpec, 'type' | 'externalIPs'>): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && spec.externalIPs.length > 0);
}

export function decodeServiceSpec(s: Reader | undefined): DecodedService {
  const protocols: string[] = [];
  const ports: ServicePort[] = (s?.list('ports', 'ServicePort', SERVICE_PORT_FIELDS) ?? []).map((p) => {
    const protocol = p.str('protocol') ?? '';
    protocols.push(protocol);
    const port = p.int('port') ?? 0;
    const target = p.intOrString('targetPort');
    const sp: ServicePort = {
      protocol: (protocol || 'TCP') as Protocol,
      port,
      // targetPort defaults to port when absent, 0 or "".
      targetPort: target === undefined || target === 0 || target === '' ? port : target,
    };
    const name = p.str('name');
    if (name) sp.name = name;
    const nodePort = p.int('nodePort');
    if (nodePort) sp.nodePort = nodePort;
    const appProtocol = p.str('appProtocol');
    if (appProtocol !== undefined) sp.appProtocol = appProtocol;
    return sp;
  });

  const type = s?.str('type') ?? '';
  const sessionAffinity = s?.str('sessionAffinity') ?? '';
  const spec: ServiceSpec = {
    type: (type || 'ClusterIP') as ServiceType,
    ports,
    externalIPs: s?.strList('externalIPs') ?? [],
    loadBalancerSourceRanges: s?.strList('loadBalancerSourceRanges') ?? [],
    sessionAffinity: (sessionAffinity || 'None') as ServiceSpec['sessionAffinity'],
    publishNotReadyAddresses: s?.bool('publishNotReadyAddresses') ?? false,
  };
  const selector = s?.strMap('selector');
  if (selector) spec.selector = selector;
  const clusterIP = s?.str('clusterIP');
  const clusterIPs = s?.strList('clusterIPs');
  if (clusterIP) spec.clusterIP = clusterIP;
  if (clusterIPs && clusterIPs.length) spec.clusterIPs = clusterIPs;
  else if (clusterIP) spec.clusterIPs = [clusterIP];
  if (!spec.clusterIP && spec.clusterIPs) spec.clusterIP = spec.clusterIPs[0];
  for (const key of ['externalName', 'loadBalancerIP'] as const) {
    const v = s?.str(key);
    if (v) spec[key] = v;
  }
  const hcnp = s?.int('healthCheckNodePort');
  if (hcnp) spec.healthCheckNodePort = hcnp;

  const etp = s?.str('externalTrafficPolicy');
  if (etp) spec.externalTrafficPolicy = etp as ServiceSpec['externalTrafficPolicy'];
  else if (externallyAccessible(spec)) spec.externalTrafficPolicy = 'Cluster';
  const itp = s?.str('internalTrafficPolicy');
  if (itp) spec.internalTrafficPolicy = itp as ServiceSpec['internalTrafficPolicy'];
  else if (spec.type !== 'ExternalName') spec.internalTrafficPolicy = 'Cluster';

  const affinityConfig = s?.obj('sessionAffinityConfig', 'SessionAffinityConfig', fieldSet('clientIP'));
  const clientIP = affinityConfig?.obj('clientIP', 'ClientIPConfig', fieldSet('timeoutSeconds'));
  const timeout = clientIP?.int('timeoutSeconds');
  // SetDefaults_Service: None drops the config; ClientIP without a timeout gets 10800 s.
  if (spec.sessionAffinity === 'ClientIP')
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: timeout ?? DEFAULT_CLIENT_IP_TIMEOUT } };

  const allocate = s?.bool('allocateLoadBalancerNodePorts');
  if (allocate !== undefined) spec.allocateLoadBalancerNodePorts = allocate;
  else if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts = true;

  const loadBalancerClass = s?.str('loadBalancerClass');
  if (loadBalancerClass !== undefined) spec.loadBalancerClass = loadBalancerClass;
  const trafficDistribution = s?.str('trafficDistribution');
  if (trafficDistribution !== undefined) spec.trafficDistribution = trafficDistribution;
  // Type-checked only.
  s?.strList('ipFamilies');
  s?.str('ipFamilyPolicy');
  return {
    spec,
    raw: { protocols, type, sessionAffinity, sessionAffinityConfigSet: affinityConfig !== undefined },
    loadBalancerClass,
  };
}
