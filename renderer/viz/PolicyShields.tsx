/**
 * The shield on an isolated Pod's card: one per direction a NetworkPolicy isolates it in, with an
 * arrow into the Pod (ingress, pointing down onto the card) or out of it (egress, pointing up), so the
 * glyph does not rest on colour. The ingress shield sits where packets arrive at the card (its anchor),
 * so a denied packet is seen to stop on it.
 */
import type { PolicyDirection } from '../model/policies';

/** A 14 × 16 shield, its top centre at (0, 0). The packet canvas draws it too (a policy's drop). */
export const SHIELD_PATH = 'M0 0 L7 2.4 V7.6 C7 11.4 4.2 14.3 0 16 C-4.2 14.3 -7 11.4 -7 7.6 V2.4 Z';
/** Down into the Pod, and up out of it; drawn as paths so no font is needed. */
const ARROW = { ingress: 'M0 3.6 V11.4 M-3 8.4 L0 11.4 L3 8.4', egress: 'M0 11.4 V3.6 M-3 6.6 L0 3.6 L3 6.6' };
/** Centre-to-centre distance of two shields side by side. */
export const SHIELD_STEP = 17;

export function PolicyShields({ directions, x, y, title }: { directions: PolicyDirection[]; x: number; y: number; title?: string }) {
  // Ingress nearest the anchor (rightmost); egress to its left when both.
  const ordered = [...directions].sort((a) => (a === 'ingress' ? -1 : 1));
  return (
    <g className="policy-shields" aria-hidden="true">
      {title && <title>{title}</title>}
      {ordered.map((d, i) => (
        <g key={d} className={`policy-shield ${d}`} transform={`translate(${x - i * SHIELD_STEP},${y})`}>
          <path className="shield" d={SHIELD_PATH} />
          <path className="shield-arrow" d={ARROW[d]} />
        </g>
      ))}
    </g>
  );
}
