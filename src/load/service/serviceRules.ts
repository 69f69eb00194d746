/** ValidateService (pkg/apis/core/validation), for a Service after defaulting. */
import { pushAll } from '../../util/arrays';
import type { ServiceSpec } from '../../model/k8s';
import {
  CIDR_ERROR,
  IP_ERROR,
  isCIDR,
  isDNS1123Label,
  isDNS1123Subdomain,
  isIP,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
} from '../../util/validation';
import { duplicate, forbidden, goQuote, invalid, invalidEach, notSupported, required, type FieldError } from '../fieldErrors';
import { validateLabels } from '../labelRules';
import { externallyAccessible, type DecodedService } from './serviceSpec';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const TRAFFIC_DISTRIBUTIONS = ['PreferClose'];
/** core.MaxClientIPServiceAffinitySeconds */
export const MAX_CLIENT_IP_TIMEOUT = 86400;
const KUBELET_PORT = 10250;

/** core.AnnotationLoadBalancerSourceRangesKey: the older spelling of spec.loadBalancerSourceRanges. */
export const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

export function validateServiceSpec(d: DecodedService, annotations: Record<string, string> = {}): FieldError[] {
  const errs: FieldError[] = [];
  const spec = d.spec;
  const headless = spec.clusterIP === 'None';
  const P = ['spec'];

  if (spec.ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required([...P, 'ports']));
  if (spec.type === 'LoadBalancer') {
    spec.ports.forEach((p, i) => {
      if (p.port === KUBELET_PORT)
        errs.push(invalid([...P, 'ports', i], p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
    });
  }
  if (headless && (spec.type === 'LoadBalancer' || spec.type === 'NodePort'))
    errs.push(invalid([...P, 'clusterIPs', 0], 'None', `may not be set to 'None' for ${spec.type} services`, [...P, 'clusterIP']));
  if (spec.type === 'ExternalName') {
    if (spec.clusterIPs?.length)
      errs.push(forbidden([...P, 'clusterIPs'], 'may not be set for ExternalName services', [...P, 'clusterIP']));
    const cname = (spec.externalName ?? '').replace(/\.$/, '');
    if (cname) pushAll(errs, invalidEach([...P, 'externalName'], cname, isDNS1123Subdomain(cname)));
    else errs.push(required([...P, 'externalName']));
  }

  const names = new Set<string>();
  spec.ports.forEach((sp, i) => {
    const pp = [...P, 'ports', i];
    if (spec.ports.length > 1 && !sp.name) errs.push(required([...pp, 'name']));
    else if (sp.name) {
      pushAll(errs, invalidEach([...pp, 'name'], sp.name, isDNS1123Label(sp.name)));
      if (names.has(sp.name)) errs.push(duplicate([...pp, 'name'], sp.name));
      else names.add(sp.name);
    }
    pushAll(errs, invalidEach([...pp, 'port'], sp.port, isValidPortNum(sp.port)));
    const rawProtocol = d.raw.protocols[i] ?? '';
    if (rawProtocol && !PROTOCOLS.includes(rawProtocol)) errs.push(notSupported([...pp, 'protocol'], rawProtocol, PROTOCOLS));
    if (typeof sp.targetPort === 'number') pushAll(errs, invalidEach([...pp, 'targetPort'], sp.targetPort, isValidPortNum(sp.targetPort)));
    else pushAll(errs, invalidEach([...pp, 'targetPort'], sp.targetPort, isValidPortName(sp.targetPort)));
    if (sp.appProtocol !== undefined) pushAll(errs, invalidEach([...pp, 'appProtocol'], sp.appProtocol, isQualifiedName(sp.appProtocol)));
  });

  if (spec.selector) pushAll(errs, validateLabels(spec.selector, [...P, 'selector']));

  if (!AFFINITIES.includes(spec.sessionAffinity)) errs.push(notSupported([...P, 'sessionAffinity'], d.raw.sessionAffinity, AFFINITIES));
  if (spec.sessionAffinity === 'ClientIP') {
    const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 0;
    if (timeout <= 0 || timeout > MAX_CLIENT_IP_TIMEOUT)
      errs.push(
        invalid(
          [...P, 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'],
          timeout,
          `must be greater than 0 and less than ${MAX_CLIENT_IP_TIMEOUT}`,
        ),
      );
  } else if (spec.sessionAffinity === 'None' && d.raw.sessionAffinityConfigSet)
    errs.push(forbidden([...P, 'sessionAffinityConfig'], 'must not be set when session affinity is None'));

  (spec.clusterIPs ?? []).forEach((ip, i) => {
    if (ip === 'None' && i === 0) return;
    if (!isIP(ip)) errs.push(invalid([...P, 'clusterIPs', i], ip, IP_ERROR, i === 0 ? [...P, 'clusterIP'] : undefined));
  });
  spec.externalIPs.forEach((ip, i) => {
    if (!isIP(ip)) errs.push(invalid([...P, 'externalIPs', i], ip, IP_ERROR));
    else pushAll(errs, nonSpecialIP(ip, [...P, 'externalIPs', i]));
  });

  if (!SERVICE_TYPES.includes(spec.type)) errs.push(notSupported([...P, 'type'], d.raw.type, SERVICE_TYPES));

  if (spec.type === 'ClusterIP')
    spec.ports.forEach((sp, i) => {
      if (sp.nodePort) errs.push(forbidden([...P, 'ports', i, 'nodePort'], "may not be used when `type` is 'ClusterIP'"));
    });
  const nodePorts = new Set<string>();
  spec.ports.forEach((sp, i) => {
    if (!sp.nodePort) return;
    const key = `${sp.protocol}/${sp.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate([...P, 'ports', i, 'nodePort'], sp.nodePort));
    nodePorts.add(key);
  });
  const ports = new Set<string>();
  spec.ports.forEach((sp, i) => {
    const key = `${sp.protocol}/${sp.port}`;
    // The core.ServicePort{Protocol, Port} key, as field.Duplicate prints it (%#v).
    if (ports.has(key))
      errs.push({
        type: 'Duplicate value',
        path: [...P, 'ports', i],
        value: `core.ServicePort{Name:"", Protocol:${goQuote(sp.protocol)}, AppProtocol:(*string)(nil), Port:${sp.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
      });
    ports.add(key);
  });

  if (spec.loadBalancerSourceRanges.length > 0) {
    const fp = [...P, 'LoadBalancerSourceRanges'];
    const at = [...P, 'loadBalancerSourceRanges'];
    if (spec.type !== 'LoadBalancer') errs.push(forbidden(fp, "may only be used when `type` is 'LoadBalancer'", at));
    spec.loadBalancerSourceRanges.forEach((r, i) => {
      if (!isCIDR(r.trim())) errs.push(invalid([...fp, i], r.trim(), CIDR_ERROR, [...at, i]));
    });
  } else if (annotations[SOURCE_RANGES_ANNOTATION] !== undefined) {
    // The field wins when both are set; otherwise the annotation is checked the same way.
    const fp = ['metadata', 'annotations', { key: SOURCE_RANGES_ANNOTATION }];
    if (spec.type !== 'LoadBalancer') errs.push(forbidden(fp, "may only be used when `type` is 'LoadBalancer'"));
    for (const r of sourceRangesAnnotation(annotations)) if (!isCIDR(r)) errs.push(invalid(fp, r, CIDR_ERROR));
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.type !== 'LoadBalancer')
    errs.push(forbidden([...P, 'allocateLoadBalancerNodePorts'], "may only be used when `type` is 'LoadBalancer'"));
  // validateLoadBalancerClassField: only on LoadBalancer Services, and a qualified name there.
  if (d.loadBalancerClass !== undefined) {
    if (spec.type !== 'LoadBalancer') errs.push(forbidden([...P, 'loadBalancerClass'], "may only be used when `type` is 'LoadBalancer'"));
    else pushAll(errs, invalidEach([...P, 'loadBalancerClass'], d.loadBalancerClass, isQualifiedName(d.loadBalancerClass)));
  }

  pushAll(errs, trafficPolicyRules(spec));
  // validateServiceTrafficDistribution (v1.31: PreferClose only).
  if (spec.trafficDistribution !== undefined && !TRAFFIC_DISTRIBUTIONS.includes(spec.trafficDistribution))
    errs.push(notSupported([...P, 'trafficDistribution'], spec.trafficDistribution, TRAFFIC_DISTRIBUTIONS));
  return errs;
}

/** The annotation's comma-separated ranges, trimmed (GetLoadBalancerSourceRanges). */
export function sourceRangesAnnotation(annotations: Record<string, string>): string[] {
  const v = (annotations[SOURCE_RANGES_ANNOTATION] ?? '').trim();
  return v ? v.split(',').map((r) => r.trim()) : [];
}

function trafficPolicyRules(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const etp = spec.externalTrafficPolicy;
  if (!externallyAccessible(spec)) {
    if (etp) errs.push(invalid(['spec', 'externalTrafficPolicy'], etp, 'may only be set for externally-accessible services'));
  } else if (etp && !TRAFFIC_POLICIES.includes(etp)) {
    errs.push(notSupported(['spec', 'externalTrafficPolicy'], etp, TRAFFIC_POLICIES));
  }
  const needsHealthCheck = spec.type === 'LoadBalancer' && etp === 'Local';
  if (spec.healthCheckNodePort) {
    if (!needsHealthCheck)
      errs.push(
        invalid(
          ['spec', 'healthCheckNodePort'],
          spec.healthCheckNodePort,
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
        ),
      );
    else pushAll(errs, invalidEach(['spec', 'healthCheckNodePort'], spec.healthCheckNodePort, isValidPortNum(spec.healthCheckNodePort)));
  }
  const itp = spec.internalTrafficPolicy;
  if (itp && !TRAFFIC_POLICIES.includes(itp)) errs.push(notSupported(['spec', 'internalTrafficPolicy'], itp, TRAFFIC_POLICIES));
  return errs;
}

/** ValidateNonSpecialIP: no unspecified, loopback or link-local addresses as external IPs. */
function nonSpecialIP(ip: string, path: (string | number)[]): FieldError[] {
  const errs: FieldError[] = [];
  if (ip === '0.0.0.0' || ip === '::') errs.push(invalid(path, ip, `may not be unspecified (${ip})`));
  if (ip.startsWith('127.') || ip === '::1') errs.push(invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (ip.startsWith('169.254.') || /^fe[89ab]/i.test(ip))
    errs.push(invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (ip.startsWith('224.0.0.') || /^ff02:/i.test(ip))
    errs.push(invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}
