/**
 * discovery.k8s.io/v1 EndpointSlice written by hand: decoded with Go's typing rules, defaulted
 * (SetDefaults_EndpointPort: name "", protocol TCP) and validated as a v1.31 API server does on create
 * (pkg/apis/discovery/validation ValidateEndpointSliceCreate: addressType, endpoints, ports).
 */
import type { SliceEndpointSpec, SlicePortSpec } from '../model/objects';
import { pushAll } from '../util/arrays';
import { isDNS1123Label, isDNS1123Subdomain, isIPv4, isIP, isQualifiedName, nameIsDNSSubdomain } from '../util/validation';
import { fieldSet, type Reader } from './decode';
import { decodeTargetRef, ENDPOINT_PROTOCOLS, endpointIPErrors } from './endpoints';
import { duplicate, invalid, invalidEach, notSupported, required, tooMany, type FieldError } from './fieldErrors';
import type { FieldPath } from './fieldPath';
import { validateLabels } from './labelRules';
import type { Problems } from './problems';

export const ENDPOINT_SLICE_TOP_FIELDS = fieldSet('apiVersion', 'kind', 'metadata', 'addressType', 'endpoints', 'ports');
const ENDPOINT_FIELDS = fieldSet('addresses', 'conditions', 'hostname', 'targetRef', 'deprecatedTopology', 'nodeName', 'zone', 'hints');
const CONDITION_FIELDS = fieldSet('ready', 'serving', 'terminating');
const PORT_FIELDS = fieldSet('name', 'protocol', 'port', 'appProtocol');
const HINT_FIELDS = fieldSet('forZones', 'forNodes');
const FOR_ZONE_FIELDS = fieldSet('name');

/** sets.List(supportedAddressTypes): sorted. */
export const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_ENDPOINTS = 1000;
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ZONE_HINTS = 8;

export interface DecodedSlice {
  addressType: string;
  endpoints: SliceEndpointSpec[];
  ports: SlicePortSpec[];
}

export function decodeEndpointSlice(top: Reader, p: Problems): DecodedSlice {
  const zones: { at: FieldPath; names: string[] }[] = [];
  const topologies: { at: FieldPath; labels: Record<string, string> }[] = [];
  const endpoints = (top.list('endpoints', 'Endpoint', ENDPOINT_FIELDS) ?? []).map((r): SliceEndpointSpec => {
    const c = r.obj('conditions', 'EndpointConditions', CONDITION_FIELDS);
    const e: SliceEndpointSpec = {
      addresses: r.strList('addresses') ?? [],
      conditions: { ready: c?.bool('ready') ?? null, serving: c?.bool('serving') ?? null, terminating: c?.bool('terminating') ?? null },
    };
    const hostname = r.str('hostname');
    if (hostname !== undefined) e.hostname = hostname;
    const nodeName = r.str('nodeName');
    if (nodeName !== undefined) e.nodeName = nodeName;
    const zone = r.str('zone');
    if (zone !== undefined) e.zone = zone;
    const ref = decodeTargetRef(r);
    if (ref) e.targetRef = ref;
    const topology = r.strMap('deprecatedTopology');
    if (topology) topologies.push({ at: r.at('deprecatedTopology'), labels: topology });
    const hints = r.obj('hints', 'EndpointHints', HINT_FIELDS);
    const forZones = hints?.list('forZones', 'ForZone', FOR_ZONE_FIELDS);
    if (hints && forZones) zones.push({ at: hints.at('forZones'), names: forZones.map((z) => z.str('name') ?? '') });
    return e;
  });
  const slice: DecodedSlice = {
    addressType: top.str('addressType') ?? '',
    endpoints,
    ports: (top.list('ports', 'EndpointPort', PORT_FIELDS) ?? []).map((r): SlicePortSpec => {
      const port: SlicePortSpec = { name: r.str('name') ?? '', port: r.int('port') ?? null, protocol: r.str('protocol') ?? 'TCP' };
      const appProtocol = r.str('appProtocol');
      if (appProtocol !== undefined) port.appProtocol = appProtocol;
      return port;
    }),
  };
  p.add(validateEndpointSlice(slice));
  for (const t of topologies) {
    if (Object.keys(t.labels).length > MAX_TOPOLOGY_LABELS) p.add(tooMany(t.at, Object.keys(t.labels).length, MAX_TOPOLOGY_LABELS));
    p.add(validateLabels(t.labels, t.at));
  }
  for (const z of zones) p.add(validateZoneHints(z.names, z.at));
  return slice;
}

export function validateEndpointSlice(slice: DecodedSlice): FieldError[] {
  const errs: FieldError[] = [];
  if (slice.addressType === '') errs.push(required(['addressType']));
  else if (!ADDRESS_TYPES.includes(slice.addressType)) errs.push(notSupported(['addressType'], slice.addressType, ADDRESS_TYPES));
  pushAll(errs, validateEndpoints(slice.endpoints, slice.addressType));
  pushAll(errs, validatePorts(slice.ports));
  return errs;
}

function validateEndpoints(endpoints: SliceEndpointSpec[], addressType: string): FieldError[] {
  if (endpoints.length > MAX_ENDPOINTS) return [tooMany(['endpoints'], endpoints.length, MAX_ENDPOINTS)];
  const errs: FieldError[] = [];
  endpoints.forEach((e, i) => {
    const at: FieldPath = ['endpoints', i];
    const addresses: FieldPath = [...at, 'addresses'];
    if (e.addresses.length === 0) errs.push(required(addresses, 'must contain at least 1 address'));
    else if (e.addresses.length > MAX_ADDRESSES) errs.push(tooMany(addresses, e.addresses.length, MAX_ADDRESSES));
    e.addresses.forEach((address, j) => pushAll(errs, addressErrors(address, addressType, [...addresses, j])));
    if (e.nodeName !== undefined) pushAll(errs, invalidEach([...at, 'nodeName'], e.nodeName, nameIsDNSSubdomain(e.nodeName)));
    if (e.zone !== undefined) pushAll(errs, invalidEach([...at, 'zone'], e.zone, isDNS1123Label(e.zone)));
    if (e.hostname !== undefined) pushAll(errs, invalidEach([...at, 'hostname'], e.hostname, isDNS1123Label(e.hostname)));
  });
  return errs;
}

/** Known address types are checked; an unknown one is already refused and its addresses are not. */
function addressErrors(address: string, addressType: string, at: FieldPath): FieldError[] {
  switch (addressType) {
    case 'IPv4':
      return isIPv4(address) ? endpointIPErrors(address, at) : [invalid(at, address, 'must be a valid IPv4 address')];
    case 'IPv6':
      return isIP(address) && address.includes(':')
        ? endpointIPErrors(address, at)
        : [invalid(at, address, 'must be a valid IPv6 address')];
    case 'FQDN':
      return fqdnErrors(address, at);
    default:
      return [];
  }
}

/** IsFullyQualifiedDomainName. */
function fqdnErrors(name: string, at: FieldPath): FieldError[] {
  if (name === '') return [required(at)];
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  const sub = isDNS1123Subdomain(bare);
  if (sub.length > 0) return [invalid(at, bare, sub.join(','))];
  const labels = bare.split('.');
  if (labels.length < 2) return [invalid(at, bare, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const errs = isDNS1123Label(label);
    if (errs.length > 0) return [invalid(at, label, errs.join(','))];
  }
  return [];
}

function validatePorts(ports: SlicePortSpec[]): FieldError[] {
  if (ports.length > MAX_PORTS) return [tooMany(['ports'], ports.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at: FieldPath = ['ports', i];
    if (port.name !== '') pushAll(errs, invalidEach([...at, 'name'], port.name, isDNS1123Label(port.name)));
    if (names.has(port.name)) errs.push(duplicate([...at, 'name'], port.name));
    else names.add(port.name);
    if (!ENDPOINT_PROTOCOLS.includes(port.protocol)) errs.push(notSupported([...at, 'protocol'], port.protocol, ENDPOINT_PROTOCOLS));
    if (port.appProtocol !== undefined)
      pushAll(errs, invalidEach([...at, 'appProtocol'], port.appProtocol, isQualifiedName(port.appProtocol)));
  });
  return errs;
}

function validateZoneHints(names: string[], at: FieldPath): FieldError[] {
  if (names.length > MAX_ZONE_HINTS) return [tooMany(at, names.length, MAX_ZONE_HINTS)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (seen.has(name)) errs.push(duplicate([...at, i], name));
    else {
      seen.add(name);
      pushAll(errs, invalidEach([...at, i, 'name'], name, isDNS1123Label(name)));
    }
  });
  return errs;
}
