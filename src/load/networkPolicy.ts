/**
 * networking.k8s.io/v1 NetworkPolicy: decoded with Go's typing rules, defaulted and validated as the
 * API server does (pkg/apis/networking/validation ValidateNetworkPolicySpec, SetDefaults_NetworkPolicy).
 */
import type { LabelSelector, Protocol } from '../model/k8s';
import type { NetworkPolicySpec } from '../model/objects';
import type { PolicyDirection, PolicyPeer, PolicyPort } from '../model/policy';
import { parseCidr } from '../util/ip';
import { CIDR_ERROR, isCIDR, isValidPortName, isValidPortNum } from '../util/validation';
import { fieldSet, type Reader } from './decode';
import { forbidden, GoLiteral, goQuote, invalid, invalidEach, notSupported, required, type FieldError } from './fieldErrors';
import type { FieldPath } from './fieldPath';
import { validateLabelSelector } from './labelRules';
import { decodeLabelSelector, selectorReader } from './pod/scheduling';
import type { Problems } from './problems';

const SPEC_FIELDS = fieldSet('podSelector', 'policyTypes', 'ingress', 'egress');
const INGRESS_FIELDS = fieldSet('from', 'ports');
const EGRESS_FIELDS = fieldSet('to', 'ports');
const PEER_FIELDS = fieldSet('podSelector', 'namespaceSelector', 'ipBlock');
const PORT_FIELDS = fieldSet('protocol', 'port', 'endPort');
const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

type RuleSpec = NetworkPolicySpec['ingress'][number];

export function decodeNetworkPolicy(top: Reader, p: Problems): NetworkPolicySpec {
  const s = top.obj('spec', 'NetworkPolicySpec', SPEC_FIELDS);
  const podSelector = (s && decodeLabelSelector(selectorReader(s, 'podSelector'))) ?? {};
  const ingress = (s?.list('ingress', 'NetworkPolicyIngressRule', INGRESS_FIELDS) ?? []).map((r) => decodeRule(r, 'from'));
  const egress = (s?.list('egress', 'NetworkPolicyEgressRule', EGRESS_FIELDS) ?? []).map((r) => decodeRule(r, 'to'));
  const written = s?.strList('policyTypes');
  // SetDefaults_NetworkPolicy: Ingress always, Egress too when egress rules exist.
  const policyTypes = written && written.length > 0 ? (written as PolicyDirection[]) : defaultPolicyTypes(egress.length > 0);
  const spec: NetworkPolicySpec = { podSelector, policyTypes, ingress, egress };
  p.add(validateNetworkPolicySpec(spec, written));
  return spec;
}

function defaultPolicyTypes(hasEgress: boolean): PolicyDirection[] {
  return hasEgress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function decodeRule(r: Reader, peersKey: 'from' | 'to'): RuleSpec {
  const peers = r.list(peersKey, 'NetworkPolicyPeer', PEER_FIELDS)?.map(decodePeer);
  const ports = r.list('ports', 'NetworkPolicyPort', PORT_FIELDS)?.map(decodePort);
  // An absent or empty list matches everything: nil and [] decode alike.
  return { peers: peers && peers.length > 0 ? peers : null, ports: ports && ports.length > 0 ? ports : null };
}

function decodePeer(r: Reader): PolicyPeer {
  const peer: PolicyPeer = {};
  const pods = selectorReader(r, 'podSelector');
  if (pods) peer.podSelector = decodeLabelSelector(pods) as LabelSelector;
  const namespaces = selectorReader(r, 'namespaceSelector');
  if (namespaces) peer.namespaceSelector = decodeLabelSelector(namespaces) as LabelSelector;
  const block = r.obj('ipBlock', 'IPBlock', fieldSet('cidr', 'except'));
  if (block) peer.ipBlock = { cidr: block.str('cidr') ?? '', except: block.strList('except') ?? [] };
  return peer;
}

function decodePort(r: Reader): PolicyPort {
  const port: PolicyPort = { protocol: (r.str('protocol') ?? 'TCP') as Protocol };
  const number = r.intOrString('port');
  if (number !== undefined) port.port = number;
  const endPort = r.int('endPort');
  if (endPort !== undefined) port.endPort = endPort;
  return port;
}

export function validateNetworkPolicySpec(spec: NetworkPolicySpec, written: string[] | undefined): FieldError[] {
  const errs: FieldError[] = [...validateLabelSelector(spec.podSelector, ['spec', 'podSelector'])];
  spec.ingress.forEach((rule, i) => errs.push(...validateRule(rule, ['spec', 'ingress', i], 'from')));
  spec.egress.forEach((rule, i) => errs.push(...validateRule(rule, ['spec', 'egress', i], 'to')));
  if (written && written.length > 2) {
    const types = new GoLiteral(`[]networking.PolicyType{${written.map(goQuote).join(', ')}}`);
    errs.push(invalid(['spec', 'policyTypes'], types, 'may not specify more than two policyTypes'));
    return errs;
  }
  (written ?? []).forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(['spec', 'policyTypes', i], t, ['Ingress', 'Egress']));
  });
  return errs;
}

function validateRule(rule: RuleSpec, path: FieldPath, peersKey: 'from' | 'to'): FieldError[] {
  const errs: FieldError[] = [];
  (rule.ports ?? []).forEach((port, i) => errs.push(...validatePort(port, [...path, 'ports', i])));
  (rule.peers ?? []).forEach((peer, i) => errs.push(...validatePeer(peer, [...path, peersKey, i])));
  return errs;
}

function validatePort(port: PolicyPort, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!PROTOCOLS.includes(port.protocol)) errs.push(notSupported([...path, 'protocol'], port.protocol, PROTOCOLS));
  if (typeof port.port === 'number') {
    errs.push(...invalidEach([...path, 'port'], port.port, isValidPortNum(port.port)));
    if (port.endPort !== undefined) {
      if (port.endPort < port.port) errs.push(invalid([...path, 'endPort'], port.port, 'must be greater than or equal to `port`'));
      errs.push(...invalidEach([...path, 'endPort'], port.endPort, isValidPortNum(port.endPort)));
    }
  } else if (typeof port.port === 'string') {
    if (port.endPort !== undefined)
      errs.push(invalid([...path, 'endPort'], port.endPort, 'may not be specified when `port` is non-numeric'));
    errs.push(...invalidEach([...path, 'port'], port.port, isValidPortName(port.port)));
  } else if (port.endPort !== undefined) {
    errs.push(invalid([...path, 'endPort'], port.endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

function validatePeer(peer: PolicyPeer, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  if (peer.podSelector) {
    count++;
    errs.push(...validateLabelSelector(peer.podSelector, [...path, 'podSelector']));
  }
  if (peer.namespaceSelector) {
    count++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, [...path, 'namespaceSelector']));
  }
  if (peer.ipBlock) {
    count++;
    errs.push(...validateIPBlock(peer.ipBlock.cidr, peer.ipBlock.except, [...path, 'ipBlock']));
  }
  if (count === 0) errs.push(required(path, 'must specify a peer'));
  else if (count > 1 && peer.ipBlock) errs.push(forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

function validateIPBlock(cidr: string, except: readonly string[], path: FieldPath): FieldError[] {
  if (cidr === '') return [required([...path, 'cidr'], '')];
  if (!isCIDR(cidr)) return [invalid([...path, 'cidr'], cidr, CIDR_ERROR)];
  const block = parseCidr(cidr);
  const errs: FieldError[] = [];
  except.forEach((text, i) => {
    const at = [...path, 'except', i];
    if (!isCIDR(text)) return void errs.push(invalid(at, text, CIDR_ERROR));
    const inner = parseCidr(text);
    // Sloppy parsing keeps host bits; the check is on the networks, as netutils' IPNet does.
    if (block && inner && !(inner.prefix > block.prefix && sameNetwork(block, inner))) {
      errs.push(invalid(at, text, 'must be a strict subset of `cidr`'));
    }
  });
  return errs;
}

function sameNetwork(outer: { base: number; prefix: number }, inner: { base: number; prefix: number }): boolean {
  const mask = outer.prefix === 0 ? 0 : (0xffffffff << (32 - outer.prefix)) >>> 0;
  return (inner.base & mask) >>> 0 === (outer.base & mask) >>> 0;
}
