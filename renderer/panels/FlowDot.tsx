/** A request's colour: filled for the request packet, a ring for the reply (as the packets are drawn). */
import type { CSSProperties } from 'react';
import { flowCssColor } from '../model/flowPalette';

export function FlowDot({ flowId, direction }: { flowId: number; direction: 'request' | 'response' }) {
  return <span className={`flow-dot ${direction}`} style={{ '--flow-color': flowCssColor(flowId) } as CSSProperties} aria-hidden="true" />;
}
