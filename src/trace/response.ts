/**
 * The way back: the answer retraces the request through every node that rewrote it, and conntrack on
 * each of them reverses that node's NAT (kube-proxy's DNAT, masquerade, flannel's masquerade).
 */
import type { ComponentId } from '../model/componentId';
import type { Hop, HopAction, VxlanHeader } from '../model/trace';
import type { HopMeta, Walk } from './walk';
import type { Protocol } from '../model/k8s';
import { refusalPacket } from './l4';

/** Shared, never written (events and printers only read `changed`). */
const SRC: ('src' | 'dst')[] = ['src'];
const DST: ('src' | 'dst')[] = ['dst'];

export function responseHops(w: Walk, delivered: boolean): Hop[] {
  return replyPath(w.hops, w.meta, w.protocol, delivered);
}

/** The way back over the hops of one connection (`req`, with the facts `metas` kept beside them). */
export function replyPath(req: readonly Hop[], metas: readonly HopMeta[], protocol: Protocol, delivered: boolean): Hop[] {
  const last = req[req.length - 1];
  let src = last.dst;
  let dst = last.src;
  const out: Hop[] = [];
  // Same full key set and order as the request's hops (walk.ts): one object shape for every hop.
  const push = (
    at: ComponentId,
    action: HopAction,
    node: string | undefined,
    note: string,
    rule?: string,
    changed?: ('src' | 'dst')[],
    encap?: VxlanHeader,
  ): void => {
    out.push({ at, action, src, dst, note, node, rule, changed, refs: undefined, encap, dns: undefined });
  };
  const what = delivered ? (protocol === 'TCP' ? 'SYN-ACK' : protocol === 'SCTP' ? 'INIT-ACK' : 'reply') : refusalPacket(protocol);
  push(last.at, 'reply', last.node, delivered ? `the ${what} leaves ${src} for ${dst}` : `the kernel's ${what} leaves ${src} for ${dst}`);
  for (let i = req.length - 2; i >= 0; i--) {
    const h = req[i];
    const m = metas[i];
    const node = h.node;
    switch (h.action) {
      case 'forward':
        if (m.replyNote !== undefined) push(h.at, 'forward', node, m.replyNote);
        break;
      // The reply crosses the tunnel the other way: the request's decapsulating node wraps it, and so on.
      case 'encap':
        push(h.at, 'decap', node, m.replyNote ?? '', undefined, undefined, m.replyEncap);
        break;
      case 'decap':
        push(h.at, 'encap', node, m.replyNote ?? '', undefined, undefined, m.replyEncap);
        break;
      case 'snat': {
        const before = dst;
        dst = req[i - 1].src;
        push(
          h.at,
          'un-nat',
          node,
          `conntrack on ${node} reverses the ${m.flannel ? 'flannel ' : ''}masquerade: destination ${before} → ${dst}`,
          h.rule,
          DST,
        );
        break;
      }
      case 'dnat': {
        const before = src;
        src = req[i - 1].dst;
        const nat = h.rule === 'CNI-HOSTPORT-DNAT' ? 'hostPort' : 'Service';
        push(
          h.at,
          'un-nat',
          node,
          `conntrack on ${node} reverses the ${nat} DNAT: source ${before} → ${src}, so the client sees the address it called`,
          h.rule,
          SRC,
        );
        break;
      }
      case 'lb':
        push(h.at, 'lb', node, `the reply leaves ${node} with source ${src}, the address MetalLB announces from it`);
        break;
      case 'send':
        push(
          h.at,
          'deliver',
          node,
          delivered
            ? protocol !== 'UDP'
              ? `the ${what} from ${src} reaches the client: connected`
              : `the ${what} from ${src} reaches the client, from the address it sent to`
            : `the ${what} from ${src} reaches the client: "Connection refused"`,
        );
        break;
      default:
        break;
    }
  }
  return out;
}
