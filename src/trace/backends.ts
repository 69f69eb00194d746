/**
 * A Service port's endpoints as kube-proxy's CategorizeEndpoints sees them (pkg/proxy/topology.go):
 * Ready endpoints, or, when none is Ready, the serving+terminating ones, evaluated separately for the
 * cluster-wide and the node-local sets. Sorted by `IP:port` like the EndpointSlice cache, which fixes
 * the order of the `statistic` rules.
 */
import { endpointChain, serviceChains } from './chains';
import type { Backend, BackendSet, PortEntry } from './types';
import { originText } from './endpointText';

export function buildBackendSet(entry: PortEntry): BackendSet {
  const portName = entry.port.name ?? '';
  const listed: Backend[] = [];
  for (const ep of entry.svc.endpoints) {
    const p = ep.ports.find((x) => x.name === portName && x.protocol === entry.port.protocol);
    if (!p) continue; // a named targetPort this pod does not declare: no endpoint for this port
    const addr = `${ep.ip}:${p.port}`;
    // A hand-made or mirrored endpoint carries its own port: the Service's targetPort plays no part.
    const why = ep.origin ? originText(ep) : `targetPort ${entry.port.targetPort}`;
    const dnatNote = `DNAT to ${ep.pod !== null ? `${ep.pod} ` : ''}${addr} (${why})`;
    listed.push({ ep, ip: ep.ip, port: p.port, addr, sep: endpointChain(entry.spn, entry.proto, addr), dnatNote });
  }
  listed.sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  const byNode = new Map<string, Backend[]>();
  for (const b of listed) {
    // An endpoint without nodeName is local to no node (kube-proxy's Local policies never pick it).
    if (b.ep.node === null) continue;
    const l = byNode.get(b.ep.node);
    if (l) l.push(b);
    else byNode.set(b.ep.node, [b]);
  }
  const local = new Map<string, Backend[]>();
  for (const [node, list] of byNode) local.set(node, usable(list));
  return { entry, chains: serviceChains(entry.spn, entry.proto), all: usable(listed), local, listed };
}

function usable(list: Backend[]): Backend[] {
  const ready = list.filter((b) => b.ep.ready);
  return ready.length > 0 ? ready : list.filter((b) => b.ep.serving && b.ep.terminating);
}
