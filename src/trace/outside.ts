/**
 * The world outside the cluster: hosts declared in settings.externalHosts answer on their ports (RST on
 * the others); any other outside address answers nothing, so the client retransmits its SYN and times out.
 * Reached from a node's eth0 (Pods' packets masqueraded by flannel first) or straight from the external
 * client, which shares the node network.
 */
import type { ExternalHost, NodeState } from '../model/cluster';
import { CLIENT_ID, type ComponentId, hostComponentId } from '../model/componentId';
import { inCidr } from './addresses';
import type { ClusterIndex } from './clusterIndex';
import { nodeId } from './ids';
import type { HopMeta } from './texts';
import type { Walk } from './walk';
import { refusalAction, refusalAnswer } from './l4';

/** The host's name where it has one, else its address: how hops (`host/…`) and sentences name it. */
export function hostLabel(h: ExternalHost): string {
  return h.name ?? h.ip;
}

export function hostId(h: ExternalHost): ComponentId {
  return hostComponentId(hostLabel(h));
}

/**
 * The host resolver of nodes and the external client (/etc/hosts or the site's DNS): it knows the names
 * of settings.externalHosts and nothing in the cluster domain. CoreDNS forwards names outside
 * cluster.local to it too, so a Pod's lookup of such a name ends here as well.
 */
export function resolveHostName(ix: ClusterIndex, name: string): ExternalHost | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  for (const h of ix.externalHosts.values()) if (h.name === n) return h;
  return null;
}

/** `host/NAME` or `host/IP` as a target names it. */
export function findHost(ix: ClusterIndex, ref: string): ExternalHost | null {
  return ix.externalHosts.get(ref) ?? resolveHostName(ix, ref);
}

/** On the node network (one ARP away) or behind the default gateway. */
function wayTo(ix: ClusterIndex, ip: string): string {
  return inCidr(ix.nodeNetwork, ip) ? `on the node network ${ix.cluster.settings.nodeNetwork}` : 'through the default gateway';
}

/** The packet leaves node N by eth0 for an address outside the cluster: a declared host answers, anything else does not. */
export function leaveCluster(w: Walk, n: NodeState): void {
  const host = w.ix.externalHosts.get(w.dstIP);
  if (host) {
    const meta: HopMeta = { replyNote: `the reply from ${hostLabel(host)} arrives on ${n.name}'s eth0` };
    w.forward(
      nodeId(n),
      `${n.name} routes ${w.dstIP} out of eth0 ${wayTo(w.ix, w.dstIP)} to ${hostLabel(host)}, outside the cluster`,
      n.name,
      meta,
    );
    return answerAtHost(w, host);
  }
  const onLink = inCidr(w.ix.nodeNetwork, w.dstIP);
  const lost = onLink
    ? `${n.name} asks ARP for it on eth0 (${w.ix.cluster.settings.nodeNetwork}) and nobody answers`
    : `it leaves ${n.name} through the default gateway and nothing answers`;
  w.hop(nodeId(n), 'forward', `${w.dstIP} is not an address of this cluster and no declared outside host has it: ${lost}`, n.name);
  w.finish({ outcome: 'timeout', reason: `timed out: ${nobodyOwns(w)}` });
}

/** The external client's packet to an outside host: both sit outside the cluster, which is not on the path. */
export function clientToHost(w: Walk, host: ExternalHost): void {
  w.hop(
    CLIENT_ID,
    'forward',
    `${w.dstIP} is ${hostLabel(host)}, outside the cluster: the client reaches it directly ${wayTo(w.ix, w.dstIP)}, through no node`,
  );
  answerAtHost(w, host);
}

/** Why nothing answered an outside address nobody owns, in words for the trace's reason. */
export function nobodyOwns(w: Walk): string {
  const wait =
    w.protocol === 'TCP'
      ? 'no SYN-ACK ever comes, so the kernel retransmits the SYN 6 times (about 127 s) until curl reports "Connection timed out"'
      : 'no answer ever comes and the client gives up after its own timeout';
  return `no host answers ${w.dstIP} — it is not an address of this cluster and no spec.externalHosts entry of the settings declares it; ${wait}`;
}

/** The host answers: its port is served, or its kernel refuses. */
function answerAtHost(w: Walk, host: ExternalHost): void {
  const id = hostId(host);
  const name = hostLabel(host);
  const serves = host.ports.some((p) => p.port === w.dstPort && p.protocol === w.protocol);
  const masq = w.snatTo !== null ? `; it sees the connection come from ${w.src}, the masqueraded address` : '';
  if (serves) {
    w.hop(id, 'deliver', `${name} (outside the cluster) listens on ${w.dstPort}/${w.protocol}; it sees the client as ${w.src}`);
    w.finish({ outcome: 'delivered', reason: `delivered to ${name} (${w.dstIP}:${w.dstPort}), a host outside the cluster${masq}` });
    return;
  }
  const served = host.ports.length > 0 ? host.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') : 'no port';
  const answer = refusalAnswer(w.protocol, 'its kernel');
  const why = `nothing listens on ${name}:${w.dstPort}/${w.protocol} (it serves ${served})`;
  w.hop(id, refusalAction(w.protocol), `${why}: ${answer}`);
  w.finish({ outcome: 'refused', reason: `connection refused: ${why} (${answer})` });
}
