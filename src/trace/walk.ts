/**
 * One connection's first packet, walked hop by hop. `Walk` holds the packet's current addresses and
 * the hops so far; the routing modules (netfilter.ts, kubeProxy.ts, fabric.ts) move it along and
 * finally call `finish` with the verdict.
 */
import type { ContainerStatus, NodeState, PodState, ServicePortState, ServiceState } from '../model/cluster';
import type { LabelledRef } from '../model/source';
import type { ComponentId } from '../model/componentId';
import type { Hop, HopAction, Outcome, VxlanHeader } from '../model/trace';
import type { ClusterIndex } from './clusterIndex';
import { addr } from './ids';
import type { NetSession } from './netState';
import type { DnatTexts, HopMeta } from './texts';
import type { Protocol } from '../model/k8s';

export type { HopMeta } from './texts';

/** What a Service did to this connection, for the one-line reason. */
export interface ServiceNat {
  svc: ServiceState;
  port: ServicePortState;
  node: NodeState;
  from: string;
  to: string;
  /** externalTrafficPolicy: Local kept the client address. */
  preserved?: boolean;
  external: boolean;
  /** The DNAT hop's texts when they are shared by every connection to this endpoint (plain ClusterIP), else null. */
  texts: DnatTexts | null;
}

export interface Verdict {
  outcome: Outcome;
  reason: string;
  pod?: PodState;
  container?: ContainerStatus;
  /** Node where the answering Pod (or host) runs; unset when nothing answered. */
  node?: string;
  refs?: LabelledRef[];
  /** The client waits for nothing (no address to send to): no client-side timeout event. */
  immediate?: boolean;
}

/** Built-in objects (kubernetes, kube-dns) have no file behind them: nothing to point at. */
function citedRefs(refs: LabelledRef[]): LabelledRef[] | undefined {
  let all = true;
  for (let i = 0; i < refs.length; i++) if (refs[i].file === '') all = false;
  if (all) return refs.length > 0 ? refs : undefined;
  const cited = refs.filter((r) => r.file !== '');
  return cited.length > 0 ? cited : undefined;
}

/** Shared, never written: most hops carry no meta. */
const NO_META: HopMeta = {};

export class Walk {
  readonly hops: Hop[] = [];
  readonly meta: HopMeta[] = [];
  private _srcIP = '';
  private _srcPort = 0;
  private _dstIP = '';
  private _dstPort = 0;
  /** `IP:PORT` texts, rebuilt only when an address changes (every hop records both). */
  private _src: string | null = null;
  private _dst: string | null = null;
  /** KUBE-MARK-MASQ was set: KUBE-POSTROUTING will MASQUERADE when the packet leaves a node. */
  masq: string | null = null;
  /** The POSTROUTING chain whose MASQUERADE `masq` asks for (the portmap plugin has its own). */
  masqChain = 'KUBE-POSTROUTING';
  /** A DNAT that is not a Service's: the CNI portmap plugin's hostPort, in words for the reason line. */
  hostPortNat: string | null = null;
  /** The Service NAT applied (at most one per connection). */
  nat: ServiceNat | null = null;
  /** The source address the destination finally sees, when it was rewritten. */
  snatTo: string | null = null;
  /** Set when the path depends on CNI behaviour the reference marks as such. */
  cniNote: string | null = null;
  verdict: Verdict | null = null;
  /** A Pod whose egress policies the packet has yet to pass (canal), checked as it leaves the Pod's node's rules. */
  egressFrom: PodState | null = null;

  constructor(
    readonly ix: ClusterIndex,
    readonly net: NetSession,
    readonly protocol: Protocol,
  ) {}

  get srcIP(): string {
    return this._srcIP;
  }
  set srcIP(v: string) {
    this._srcIP = v;
    this._src = null;
  }
  get srcPort(): number {
    return this._srcPort;
  }
  set srcPort(v: number) {
    this._srcPort = v;
    this._src = null;
  }
  get dstIP(): string {
    return this._dstIP;
  }
  set dstIP(v: string) {
    this._dstIP = v;
    this._dst = null;
  }
  get dstPort(): number {
    return this._dstPort;
  }
  set dstPort(v: number) {
    this._dstPort = v;
    this._dst = null;
  }

  /** Both destination fields at once, with their `IP:PORT` text when the caller already has it. */
  setDst(ip: string, port: number, text: string | null = null): void {
    this._dstIP = ip;
    this._dstPort = port;
    this._dst = text;
  }

  get src(): string {
    return this._src ?? (this._src = addr(this._srcIP, this._srcPort));
  }

  get dst(): string {
    return this._dst ?? (this._dst = addr(this._dstIP, this._dstPort));
  }

  /**
   * Record a hop. Positional extras rather than an options object: the hot paths pass different
   * subsets, and one call shape keeps this function's property reads monomorphic.
   */
  hop(
    at: ComponentId,
    action: HopAction,
    note: string,
    node?: string,
    refs?: LabelledRef[],
    rule?: string,
    changed?: ('src' | 'dst')[],
    meta: HopMeta = NO_META,
  ): Hop {
    // Every hop gets every key, in the contract's order: one object shape, so the event builder and
    // the response walk read hops monomorphically (absent = undefined, which JSON leaves out).
    const h: Hop = {
      at,
      action,
      src: this.src,
      dst: this.dst,
      note,
      node,
      rule,
      changed,
      refs: refs === undefined ? undefined : citedRefs(refs),
      encap: undefined,
      dns: undefined,
    };
    this.hops.push(h);
    this.meta.push(meta);
    return h;
  }

  /** A `forward` hop over a link; its meta tells the response walk how the reply crosses back. */
  forward(at: ComponentId, note: string, node: string, meta: HopMeta): Hop {
    return this.hop(at, 'forward', note, node, undefined, undefined, undefined, meta);
  }

  /** flannel.1 on node `at` wrapping (`encap`) or unwrapping (`decap`) the packet in VXLAN. */
  overlay(at: ComponentId, action: 'encap' | 'decap', note: string, node: string, meta: HopMeta, header: VxlanHeader): Hop {
    const h = this.hop(at, action, note, node, undefined, undefined, undefined, meta);
    h.encap = header;
    return h;
  }

  finish(v: Verdict): void {
    this.verdict = v;
  }
}
