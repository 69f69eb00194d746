/**
 * The way back: the answer retraces the request through every node that rewrote it, and conntrack on
 * each of them reverses that node's NAT (kube-proxy's DNAT, masquerade, flannel's masquerade).
 */
import type { Hop } from '../model/trace';
import type { Walk } from './walk';

export function responseHops(w: Walk, delivered: boolean): Hop[] {
  const req = w.hops;
  const last = req[req.length - 1];
  let src = last.dst;
  let dst = last.src;
  const out: Hop[] = [];
  const push = (h: Omit<Hop, 'src' | 'dst'>): void => {
    const hop: Hop = { at: h.at, action: h.action, src, dst };
    if (h.note !== undefined) hop.note = h.note;
    if (h.node !== undefined) hop.node = h.node;
    if (h.rule !== undefined) hop.rule = h.rule;
    if (h.changed !== undefined) hop.changed = h.changed;
    out.push(hop);
  };
  const what = delivered ? (w.protocol === 'TCP' ? 'SYN-ACK' : 'reply') : 'RST';
  push({
    at: last.at,
    action: 'reply',
    node: last.node,
    note: delivered ? `the ${what} leaves ${src} for ${dst}` : `the kernel's RST leaves ${src} for ${dst}`,
  });
  for (let i = req.length - 2; i >= 0; i--) {
    const h = req[i];
    const m = w.meta[i];
    const node = h.node;
    switch (h.action) {
      case 'forward':
        if (m.link === 'vxlan' && m.dir === 'in' && m.peer) {
          push({ at: h.at, action: 'forward', node, note: `flannel VXLAN: encapsulated in VXLAN to ${m.peer.ip}:8472` });
        } else if (m.link === 'vxlan' && m.peer) {
          push({ at: h.at, action: 'forward', node, note: `flannel.1 on ${node} decapsulates the reply from ${m.peer.ip}` });
        } else if (m.peer) {
          push({ at: h.at, action: 'forward', node, note: `the reply arrives over eth0 from ${m.peer.name} (${m.peer.ip})` });
        }
        break;
      case 'snat': {
        const before = dst;
        dst = req[i - 1].src;
        push({
          at: h.at,
          action: 'un-nat',
          node,
          rule: h.rule,
          changed: ['dst'],
          note: `conntrack on ${node} reverses the ${m.flannel ? 'flannel ' : ''}masquerade: destination ${before} → ${dst}`,
        });
        break;
      }
      case 'dnat': {
        const before = src;
        src = req[i - 1].dst;
        push({
          at: h.at,
          action: 'un-nat',
          node,
          rule: h.rule,
          changed: ['src'],
          note: `conntrack on ${node} reverses the ${h.rule === 'CNI-HOSTPORT-DNAT' ? 'hostPort' : 'Service'} DNAT: source ${before} → ${src}, so the client sees the address it called`,
        });
        break;
      }
      case 'lb':
        push({ at: h.at, action: 'lb', node, note: `the reply leaves ${node} with source ${src}, the address MetalLB announces from it` });
        break;
      case 'send':
        push({
          at: h.at,
          action: 'deliver',
          node,
          note: delivered
            ? w.protocol === 'TCP'
              ? `the ${what} from ${src} reaches the client: connected`
              : `the ${what} from ${src} reaches the client, from the address it sent to`
            : `the RST from ${src} reaches the client: "Connection refused"`,
        });
        break;
      default:
        break;
    }
  }
  return out;
}
