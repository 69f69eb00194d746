/**
 * Every text the trace engine builds once and reuses, in one typed owner per cluster index: YAML refs,
 * the link notes between two nodes, a Pod's listeners, and the ClusterIP DNAT hop per endpoint and node.
 * Only texts that carry a connection's own addresses or ports are built per request.
 * Lazy (filled on first use) but never changed once built, so callers may share what they get.
 */
import type { ContainerStatus, NodeState, ObjectSummary, PodState, ServicePortState, ServiceState } from '../model/cluster';
import type { LabelledRef } from '../model/source';
import type { VxlanHeader } from '../model/trace';
import type { EndpointChoice } from './endpointPick';
import { podId } from './ids';
import { buildContainerPortRef, buildPodRef, buildPortRef, type PortField, serviceRef } from './refs';
import { portKey } from './portKey';
import { dnatNote, dnatRule, serviceDeliveryText } from './serviceText';
import type { Backend, BackendSet, PodListen, Policy, PolicyDecision, Via } from './types';

/** Facts about a hop the response path needs (the peer of a tunnel), kept beside the model's Hop. */
export interface HopMeta {
  /** For `forward` hops: the node on the other end of the link and how it is reached. */
  readonly peer?: NodeState;
  readonly link?: 'vxlan' | 'eth0';
  /** For `forward` hops: whether the packet leaves (out) or arrives at (in) this node. */
  readonly dir?: 'out' | 'in';
  /** MASQUERADE done by flannel (pod traffic leaving the pod network), not kube-proxy. */
  readonly flannel?: boolean;
  /** For `forward` hops: what the reply does at this hop, in words. */
  readonly replyNote?: string;
  /** For `encap`/`decap` hops: the VXLAN header of the reply crossing the same link the other way. */
  readonly replyEncap?: VxlanHeader;
}

/** The hop texts and reply facts of the link from one node to another. */
export interface LinkTexts {
  readonly vxlanOut: string;
  readonly vxlanIn: string;
  readonly vxlanInToPod: string;
  readonly vxlanOutMeta: HopMeta;
  readonly vxlanInMeta: HopMeta;
  /** The outer header flannel.1 on the sending node wraps the packet in: its IP → the peer's, UDP 8472, VNI 1. */
  readonly vxlan: VxlanHeader;
  readonly eth0Out: string;
  readonly eth0OutMeta: HopMeta;
}

/** A DNAT hop's texts: constant for a ClusterIP, an endpoint and the node whose rules ran. */
export interface DnatTexts {
  readonly svc: ServiceState;
  /** The node whose rules DNATed. */
  readonly node: NodeState;
  /** The destination before DNAT (`ClusterIP:port` on the shared path) and after it (the endpoint). */
  readonly from: string;
  readonly to: string;
  readonly note: string;
  readonly rule: string;
  readonly refs: LabelledRef[];
}

/** flannel's VXLAN backend as kube-flannel.yml configures it (Backend.Type vxlan: VNI 1, Linux's port 8472). */
function vxlanHeader(from: NodeState, to: NodeState): VxlanHeader {
  return { device: 'flannel.1', outerSrc: from.ip, outerDst: to.ip, udpPort: 8472, vni: 1, mtu: 1450 };
}

const VIA_CODE: Record<Via, number> = { clusterIP: 0, nodePort: 1, loadBalancer: 2, externalIP: 3 };
const POLICY_CODE: Record<Policy, number> = { none: 0, itp: 1, etp: 2 };

export class TraceTexts {
  private readonly portRefs = new Map<ServicePortState, Partial<Record<PortField, LabelledRef>>>();
  private readonly podRefs = new Map<PodState, LabelledRef>();
  private readonly containerPortRefs = new Map<ContainerStatus, Map<number, LabelledRef>>();
  private readonly policyRefs = new Map<ObjectSummary, LabelledRef>();
  private readonly serviceRefLists = new Map<BackendSet, Map<number, LabelledRef[]>>();
  private readonly links = new Map<NodeState, Map<NodeState, LinkTexts>>();
  private readonly listenersByPod = new Map<PodState, ReadonlyMap<number, PodListen>>();
  private readonly clusterIPDnats = new Map<Backend, Map<NodeState, DnatTexts>>();
  /** The delivered reason after a shared DNAT: its Pod, container and node are fixed by the endpoint. */
  private readonly serviceDeliveries = new Map<DnatTexts, string>();

  portRef(svc: ServiceState, port: ServicePortState, field: PortField): LabelledRef {
    let byField = this.portRefs.get(port);
    if (byField === undefined) this.portRefs.set(port, (byField = {}));
    return (byField[field] ??= buildPortRef(svc, port, field));
  }

  podRef(pod: PodState): LabelledRef {
    let r = this.podRefs.get(pod);
    if (r === undefined) this.podRefs.set(pod, (r = buildPodRef(pod)));
    return r;
  }

  containerPortRef(pod: PodState, ctr: ContainerStatus, port: number): LabelledRef {
    let byPort = this.containerPortRefs.get(ctr);
    if (byPort === undefined) this.containerPortRefs.set(ctr, (byPort = new Map()));
    let r = byPort.get(port);
    if (r === undefined) byPort.set(port, (r = buildContainerPortRef(pod, ctr, port)));
    return r;
  }

  /** A NetworkPolicy in the folder, cited where flannel leaves it unenforced. */
  policyRef(o: ObjectSummary): LabelledRef {
    let r = this.policyRefs.get(o);
    if (r === undefined) {
      r = { file: o.file, line: o.line, column: 1, label: `NetworkPolicy ${o.name} (not enforced: flannel has no NetworkPolicy support)` };
      this.policyRefs.set(o, r);
    }
    return r;
  }

  /**
   * The YAML lines behind a Service verdict: selector, the port (or nodePort) matched, the traffic
   * policy that decided, and for a DNAT also sessionAffinity and targetPort.
   */
  serviceRefs(set: BackendSet, via: Via, policy: Policy, dnat: boolean): LabelledRef[] {
    let byPath = this.serviceRefLists.get(set);
    if (byPath === undefined) this.serviceRefLists.set(set, (byPath = new Map()));
    const k = VIA_CODE[via] * 8 + POLICY_CODE[policy] * 2 + (dnat ? 1 : 0);
    let refs = byPath.get(k);
    if (refs === undefined) {
      const { svc, port } = set.entry;
      refs = [...serviceRef(svc, 'selector'), this.portRef(svc, port, via === 'nodePort' ? 'nodePort' : 'port')];
      if (policy === 'itp') refs.push(...serviceRef(svc, 'internalTrafficPolicy'));
      if (policy === 'etp') refs.push(...serviceRef(svc, 'externalTrafficPolicy'));
      if (dnat) {
        if (svc.sessionAffinity === 'ClientIP') refs.push(...serviceRef(svc, 'sessionAffinity'));
        refs.push(this.portRef(svc, port, 'targetPort'));
      }
      byPath.set(k, refs);
    }
    return refs;
  }

  /** The link from node n to node m; the reply crosses it the other way (n decapsulates, m encapsulates). */
  link(n: NodeState, m: NodeState): LinkTexts {
    let byPeer = this.links.get(n);
    if (byPeer === undefined) this.links.set(n, (byPeer = new Map()));
    let link = byPeer.get(m);
    if (link === undefined) {
      const out = vxlanHeader(n, m);
      const back = vxlanHeader(m, n);
      const decap = `flannel.1 on ${m.name} receives UDP 8472 from ${n.ip} (VNI 1) and decapsulates the inner packet`;
      link = {
        vxlanOut: `flannel VXLAN: route ${m.podCIDR} via ${m.tunnelIP} dev flannel.1 onlink — flannel.1 (MTU 1450) wraps the packet in an outer header ${n.ip} → ${m.ip}, UDP 8472, VNI 1, sent over eth0`,
        vxlanIn: decap,
        vxlanInToPod: `${decap}; cni0 bridges it to the Pod`,
        vxlanOutMeta: {
          peer: m,
          link: 'vxlan',
          dir: 'out',
          replyNote: `flannel.1 on ${n.name} receives the reply from ${m.ip} (UDP 8472, VNI 1) and decapsulates it`,
          replyEncap: back,
        },
        vxlanInMeta: {
          peer: n,
          link: 'vxlan',
          dir: 'in',
          replyNote: `flannel VXLAN: flannel.1 on ${m.name} wraps the reply in an outer header ${m.ip} → ${n.ip}, UDP 8472, VNI 1`,
          replyEncap: back,
        },
        vxlan: out,
        eth0Out: `routed over eth0 to ${m.name} (${m.ip}) on the node network`,
        eth0OutMeta: { peer: m, link: 'eth0', dir: 'out', replyNote: `the reply arrives over eth0 from ${m.name} (${m.ip})` },
      };
      byPeer.set(m, link);
    }
    return link;
  }

  /** The running containers of a pod-network Pod by the port they listen on (portKey), the first one per port. */
  listeners(pod: PodState): ReadonlyMap<number, PodListen> {
    let byKey = this.listenersByPod.get(pod);
    if (byKey === undefined) {
      const m = new Map<number, PodListen>();
      for (const ctr of pod.containers) {
        if (ctr.state !== 'running') continue;
        for (const l of ctr.listening) {
          const k = portKey(l.port, l.protocol);
          if (m.has(k)) continue;
          const note = `${ctr.name} (${ctr.image}) listens on ${l.port}/${l.protocol} in ${pod.name}; it sees the client as `;
          m.set(k, { podId: podId(pod), container: ctr, bind: l.bind, refs: [this.containerPortRef(pod, ctr, l.port)], note });
        }
      }
      this.listenersByPod.set(pod, m);
      byKey = m;
    }
    return byKey;
  }

  /**
   * The ClusterIP DNAT hop without sessionAffinity: its note, rule and refs depend only on the endpoint
   * and the node (the candidates are fixed per node), so they are written once. `from` is the
   * connection's destination before DNAT, the Service's `ClusterIP:port`.
   */
  clusterIPDnat(set: BackendSet, d: PolicyDecision, choice: EndpointChoice, n: NodeState, from: string): DnatTexts {
    const b = choice.backend;
    let byNode = this.clusterIPDnats.get(b);
    if (byNode === undefined) this.clusterIPDnats.set(b, (byNode = new Map()));
    let t = byNode.get(n);
    if (t === undefined) byNode.set(n, (t = this.dnat(set, 'clusterIP', d, choice, n, from, '')));
    return t;
  }

  /** A DNAT hop's texts for one connection (`client`: its address, named where sessionAffinity remembers it). */
  dnat(set: BackendSet, via: Via, d: PolicyDecision, choice: EndpointChoice, n: NodeState, from: string, client: string): DnatTexts {
    const svc = set.entry.svc;
    const b = choice.backend;
    const note = dnatNote(svc, via, from, n, d, choice, client);
    let refs = this.serviceRefs(set, via, d.policy, true);
    // A hand-made or mirrored endpoint: the line that wrote its address is part of the verdict.
    const o = b.ep.origin;
    if (o && o.source.file) {
      const what =
        o.mirroredFrom !== undefined ? `Endpoints ${o.mirroredFrom}, mirrored into EndpointSlice ${o.slice}` : `EndpointSlice ${o.slice}`;
      refs = [...refs, { ...o.source, label: `${b.ip} (${what})` }];
    }
    return { svc, node: n, from, to: b.addr, note, rule: dnatRule(set, via, d, b), refs };
  }

  serviceDelivery(dnat: DnatTexts, pod: string, container: string, node: string | undefined): string {
    let reason = this.serviceDeliveries.get(dnat);
    if (reason === undefined) {
      reason = serviceDeliveryText(pod, container, node, dnat.svc, dnat.from, dnat.to, dnat.node);
      this.serviceDeliveries.set(dnat, reason);
    }
    return reason;
  }
}
