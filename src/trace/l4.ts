/**
 * What differs between TCP, UDP and SCTP along a trace: how the client opens, what a port with no
 * listener answers (TCP: RST; SCTP: ABORT, RFC 9260 §8.4 "out of the blue" INIT; UDP: ICMP port
 * unreachable), and the flags the packets carry. One place, so every hop says it the same way.
 */
import type { Protocol } from '../model/k8s';
import type { HopAction } from '../model/trace';

/** How a client starts talking to `dst`. */
export function opensVerb(protocol: Protocol): string {
  if (protocol === 'TCP') return 'opens a TCP connection to';
  if (protocol === 'SCTP') return 'opens an SCTP association with';
  return 'sends a UDP datagram to';
}

/** The hop action of a kernel that has no socket on the port. */
export function refusalAction(protocol: Protocol): HopAction {
  return protocol === 'TCP' ? 'rst' : protocol === 'SCTP' ? 'abort' : 'reject';
}

/** What that kernel answers: `the Pod's kernel answers RST`. */
export function refusalAnswer(protocol: Protocol, kernel: string): string {
  if (protocol === 'TCP') return `${kernel} answers RST`;
  if (protocol === 'SCTP') return `${kernel} answers ABORT`;
  return `${kernel} answers ICMP port unreachable`;
}

/** Whether a refusal comes back as a packet the reply path carries (RST, ABORT) rather than ICMP. */
export function refusalTravelsBack(action: HopAction): boolean {
  return action === 'rst' || action === 'abort';
}

/** The refusal packet's name: RST, ABORT. */
export function refusalPacket(protocol: Protocol): string {
  return protocol === 'SCTP' ? 'ABORT' : 'RST';
}

/** Flags (TCP) or chunk (SCTP) of the opening packet. */
export function openFlags(protocol: Protocol): string | undefined {
  return protocol === 'TCP' ? 'SYN' : protocol === 'SCTP' ? 'INIT' : undefined;
}

/** Flags (TCP) or chunk (SCTP) of the answer. */
export function answerFlags(protocol: Protocol, delivered: boolean): string | undefined {
  if (protocol === 'TCP') return delivered ? 'SYN,ACK' : 'RST,ACK';
  if (protocol === 'SCTP') return delivered ? 'INIT-ACK' : 'ABORT';
  return undefined;
}

/** A target's protocol suffix: none for TCP, `/UDP`, `/SCTP`. */
export function protocolSuffix(protocol: Protocol): string {
  return protocol === 'TCP' ? '' : `/${protocol}`;
}
