/** PodSpec decoding with SetDefaults_PodSpec / SetDefaults_Pod applied. */
import type { DnsPolicy, PodDnsConfig, PodSpec } from '../../model/k8s';
import { fieldSet, type Reader } from '../decode';
import { CONTAINER_FIELDS, decodeContainer, type DecodedContainer } from './container';
import { decodeAffinity, decodeTolerations, decodeTopologySpread } from './scheduling';

export const POD_SPEC_FIELDS = fieldSet(
  'volumes',
  'initContainers',
  'containers',
  'ephemeralContainers',
  'restartPolicy',
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'dnsPolicy',
  'nodeSelector',
  'serviceAccountName',
  'serviceAccount',
  'automountServiceAccountToken',
  'nodeName',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'shareProcessNamespace',
  'securityContext',
  'imagePullSecrets',
  'hostname',
  'subdomain',
  'affinity',
  'schedulerName',
  'tolerations',
  'hostAliases',
  'priorityClassName',
  'priority',
  'dnsConfig',
  'readinessGates',
  'runtimeClassName',
  'enableServiceLinks',
  'preemptionPolicy',
  'overhead',
  'topologySpreadConstraints',
  'setHostnameAsFQDN',
  'os',
  'hostUsers',
  'schedulingGates',
  'resourceClaims',
  'resources',
  'hostnameOverride',
);

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export interface DecodedPodSpec {
  spec: PodSpec;
  containers: DecodedContainer[];
  initContainers: DecodedContainer[];
  path: Reader['path'];
}

export function decodePodSpec(r: Reader): DecodedPodSpec {
  const containers = (r.list('containers', 'Container', CONTAINER_FIELDS) ?? []).map((c) => decodeContainer(c, true));
  const initContainers = (r.list('initContainers', 'Container', CONTAINER_FIELDS) ?? []).map((c) => decodeContainer(c, true));
  const hostNetwork = r.bool('hostNetwork') ?? false;
  if (hostNetwork) {
    // defaultHostNetworkPorts: with the node's network, every container port is a host port.
    for (const c of [...containers, ...initContainers]) for (const p of c.container.ports) if (!p.hostPort) p.hostPort = p.containerPort;
  }
  const spec: PodSpec = {
    containers: containers.map((c) => c.container),
    initContainers: initContainers.map((c) => c.container),
    nodeSelector: r.strMap('nodeSelector') ?? {},
    tolerations: decodeTolerations(r),
    topologySpreadConstraints: decodeTopologySpread(r),
    hostNetwork,
    restartPolicy: (r.str('restartPolicy') || 'Always') as PodSpec['restartPolicy'],
    schedulerName: r.str('schedulerName') || DEFAULT_SCHEDULER_NAME,
  };
  const nodeName = r.str('nodeName');
  if (nodeName) spec.nodeName = nodeName;
  const affinity = decodeAffinity(r);
  if (affinity) spec.affinity = affinity;
  const priority = r.int('priority');
  if (priority !== undefined) spec.priority = priority;
  const hostname = r.str('hostname');
  if (hostname) spec.hostname = hostname;
  const subdomain = r.str('subdomain');
  if (subdomain) spec.subdomain = subdomain;
  const grace = r.int('terminationGracePeriodSeconds', 'int64');
  if (grace !== undefined) spec.terminationGracePeriodSeconds = grace;
  // Type-checked only; the engine does not model them.
  r.str('serviceAccountName');
  r.str('priorityClassName');
  const dnsPolicy = r.str('dnsPolicy');
  // SetDefaults_PodSpec: "" → ClusterFirst; an unknown value is kept for validation to name.
  if (dnsPolicy && dnsPolicy !== 'ClusterFirst') spec.dnsPolicy = dnsPolicy as DnsPolicy;
  const dnsConfig = decodeDnsConfig(r);
  if (dnsConfig) spec.dnsConfig = dnsConfig;
  return { spec, containers, initContainers, path: r.path };
}

const DNS_CONFIG_FIELDS = fieldSet('nameservers', 'searches', 'options');
const DNS_OPTION_FIELDS = fieldSet('name', 'value');

function decodeDnsConfig(r: Reader): PodDnsConfig | undefined {
  const c = r.obj('dnsConfig', 'PodDNSConfig', DNS_CONFIG_FIELDS);
  if (!c) return undefined;
  const options = (c.list('options', 'PodDNSConfigOption', DNS_OPTION_FIELDS) ?? []).map((o) => {
    const value = o.str('value');
    return value === undefined ? { name: o.str('name') ?? '' } : { name: o.str('name') ?? '', value };
  });
  return { nameservers: c.strList('nameservers') ?? [], searches: c.strList('searches') ?? [], options };
}
