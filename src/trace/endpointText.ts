/** How the trace names an endpoint: its Pod, or for an address no Pod has, the address itself. */
import type { EndpointState } from '../model/cluster';

/** `pod-1`, or `192.168.64.100` for a hand-made endpoint no Pod has. */
export function endpointName(ep: EndpointState): string {
  return ep.pod ?? ep.ip;
}

/** `port from EndpointSlice db-x7k2p, mirrored from Endpoints db (database.yaml:19)`. */
export function originText(ep: EndpointState): string {
  const o = ep.origin;
  if (!o) return 'from a Pod the selector matches';
  const mirrored = o.mirroredFrom !== undefined ? `, mirrored from Endpoints ${o.mirroredFrom}` : ', hand-made';
  const where = o.source.file ? ` (${o.source.file}:${o.source.line})` : '';
  return `address and port from EndpointSlice ${o.slice}${mirrored}${where}`;
}
