/** Small PacketEvent builders for the renderer's tests (a helper, not a test file). */
import { toComponentId } from '../../../src/model/componentId';
import type { PacketEvent } from '../../../src/model/trace';

/** A PacketEvent whose ids are written as plain text. */
type EventText = Omit<Partial<PacketEvent>, 'at' | 'from'> & { at: string; arrive: number; from?: string };

let seq = 0;

export function hop(partial: EventText): PacketEvent {
  return {
    seq: seq++,
    time: partial.arrive,
    packetId: 'f0-req',
    flowId: 0,
    direction: 'request',
    hopIndex: 0,
    action: 'forward',
    packet: { src: '192.168.64.1:40000', dst: '192.168.64.31:30000', protocol: 'TCP' },
    changed: [],
    explanation: '',
    refs: [],
    ...partial,
    at: toComponentId(partial.at),
    from: partial.from === undefined ? undefined : toComponentId(partial.from),
  };
}

/** One request of `hops` [at, arrive, time] on packet `packetId`, hop indexes and `from` filled in. */
export function packet(packetId: string, flowId: number, hops: [string, number, number, Partial<PacketEvent>?][]): PacketEvent[] {
  let from: string | undefined;
  return hops.map(([at, arrive, time, extra], hopIndex) => {
    const e = hop({
      packetId,
      flowId,
      hopIndex,
      at,
      arrive,
      time,
      from,
      direction: packetId.endsWith('resp') ? 'response' : 'request',
      ...extra,
    });
    from = at;
    return e;
  });
}
