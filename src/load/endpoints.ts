/**
 * core/v1 Endpoints written by hand (the addresses behind a Service without a selector): decoded with
 * Go's typing rules, defaulted (SetDefaults_EndpointPort: protocol TCP) and validated as a v1.31 API
 * server does on create (pkg/apis/core/validation ValidateEndpointsCreate → validateEndpointSubsets).
 */
import type { EndpointAddressSpec, EndpointSubsetSpec, EndpointsPortSpec } from '../model/objects';
import { pushAll } from '../util/arrays';
import { IP_ERROR, isDNS1123Label, isIP, isQualifiedName, isValidPortNum, nameIsDNSSubdomain } from '../util/validation';
import { fieldSet, type Reader } from './decode';
import { invalid, invalidEach, notSupported, required, type FieldError } from './fieldErrors';
import type { FieldPath } from './fieldPath';
import type { Problems } from './problems';

export const ENDPOINTS_TOP_FIELDS = fieldSet('apiVersion', 'kind', 'metadata', 'subsets');
const SUBSET_FIELDS = fieldSet('addresses', 'notReadyAddresses', 'ports');
const ADDRESS_FIELDS = fieldSet('ip', 'hostname', 'nodeName', 'targetRef');
const PORT_FIELDS = fieldSet('name', 'port', 'protocol', 'appProtocol');
const REF_FIELDS = fieldSet('kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath');
/** sets.List(supportedPortProtocols): sorted. */
export const ENDPOINT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function decodeEndpoints(top: Reader, p: Problems): EndpointSubsetSpec[] {
  const subsets = (top.list('subsets', 'EndpointSubset', SUBSET_FIELDS) ?? []).map((s): EndpointSubsetSpec => ({
    addresses: (s.list('addresses', 'EndpointAddress', ADDRESS_FIELDS) ?? []).map(decodeAddress),
    notReadyAddresses: (s.list('notReadyAddresses', 'EndpointAddress', ADDRESS_FIELDS) ?? []).map(decodeAddress),
    ports: (s.list('ports', 'EndpointPort', PORT_FIELDS) ?? []).map(decodePort),
  }));
  p.add(validateEndpointSubsets(subsets));
  return subsets;
}

function decodeAddress(r: Reader): EndpointAddressSpec {
  const a: EndpointAddressSpec = { ip: r.str('ip') ?? '', hostname: r.str('hostname') ?? '' };
  const nodeName = r.str('nodeName');
  if (nodeName !== undefined) a.nodeName = nodeName;
  const ref = decodeTargetRef(r);
  if (ref) a.targetRef = ref;
  return a;
}

export function decodeTargetRef(r: Reader): EndpointAddressSpec['targetRef'] {
  const ref = r.obj('targetRef', 'ObjectReference', REF_FIELDS);
  if (!ref) return undefined;
  return { kind: ref.str('kind') ?? '', name: ref.str('name') ?? '', namespace: ref.str('namespace') ?? '' };
}

function decodePort(r: Reader): EndpointsPortSpec {
  const port: EndpointsPortSpec = { name: r.str('name') ?? '', port: r.int('port') ?? 0, protocol: r.str('protocol') || 'TCP' };
  const appProtocol = r.str('appProtocol');
  if (appProtocol !== undefined) port.appProtocol = appProtocol;
  return port;
}

export function validateEndpointSubsets(subsets: EndpointSubsetSpec[]): FieldError[] {
  const errs: FieldError[] = [];
  subsets.forEach((ss, i) => {
    const at: FieldPath = ['subsets', i];
    // EndpointSubsets must include an address; a headless Service's may have no ports.
    if (ss.addresses.length === 0 && ss.notReadyAddresses.length === 0)
      errs.push(required(at, 'must specify `addresses` or `notReadyAddresses`'));
    ss.addresses.forEach((a, j) => pushAll(errs, validateEndpointAddress(a, [...at, 'addresses', j])));
    ss.notReadyAddresses.forEach((a, j) => pushAll(errs, validateEndpointAddress(a, [...at, 'notReadyAddresses', j])));
    ss.ports.forEach((port, j) => pushAll(errs, validateEndpointPort(port, ss.ports.length > 1, [...at, 'ports', j])));
  });
  return errs;
}

function validateEndpointAddress(a: EndpointAddressSpec, at: FieldPath): FieldError[] {
  const ip: FieldPath = [...at, 'ip'];
  const errs: FieldError[] = isIP(a.ip) ? [] : [invalid(ip, a.ip, IP_ERROR)];
  if (a.hostname) pushAll(errs, invalidEach([...at, 'hostname'], a.hostname, isDNS1123Label(a.hostname)));
  if (a.nodeName !== undefined) pushAll(errs, invalidEach([...at, 'nodeName'], a.nodeName, nameIsDNSSubdomain(a.nodeName)));
  pushAll(errs, endpointIPErrors(a.ip, ip));
  return errs;
}

function validateEndpointPort(port: EndpointsPortSpec, requireName: boolean, at: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && port.name === '') errs.push(required([...at, 'name']));
  else if (port.name !== '') pushAll(errs, invalidEach([...at, 'name'], port.name, isDNS1123Label(port.name)));
  pushAll(errs, invalidEach([...at, 'port'], port.port, isValidPortNum(port.port)));
  if (!ENDPOINT_PROTOCOLS.includes(port.protocol)) errs.push(notSupported([...at, 'protocol'], port.protocol, ENDPOINT_PROTOCOLS));
  if (port.appProtocol !== undefined)
    pushAll(errs, invalidEach([...at, 'appProtocol'], port.appProtocol, isQualifiedName(port.appProtocol)));
  return errs;
}

/**
 * ValidateEndpointIP: an endpoint may not be unspecified, loopback or link-local (those addresses
 * mean the node itself, or its metadata service). Its "must be a valid IP address" comes on top of
 * IsValidIP's own message, as the API server lists both.
 */
export function endpointIPErrors(ip: string, at: FieldPath): FieldError[] {
  if (!isIP(ip)) return [invalid(at, ip, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  const v4 = ip.includes('.') && !ip.includes(':');
  const first = v4 ? Number(ip.split('.')[0]) : -1;
  const lower = ip.toLowerCase();
  if (/^0+(\.0+){3}$/.test(ip) || /^[0:]+$/.test(ip)) errs.push(invalid(at, ip, `may not be unspecified (${ip})`));
  if (first === 127 || lower === '::1') errs.push(invalid(at, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if ((v4 && ip.startsWith('169.254.')) || /^fe[89ab]/.test(lower))
    errs.push(invalid(at, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if ((v4 && /^224\.0\.0\./.test(ip)) || lower.startsWith('ff02:'))
    errs.push(invalid(at, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}
