/** The map's shield glyph (viz/PolicyShields) at text size, for panels that explain or list what it marks. */
import type { PolicyDirection } from '../model/policies';
import { PolicyShields } from '../viz/PolicyShields';

export function ShieldIcon({ direction }: { direction: PolicyDirection }) {
  return (
    <svg className="shield-icon" width={16} height={18} viewBox="-8 -1 16 18" aria-hidden="true">
      <PolicyShields directions={[direction]} x={0} y={0} />
    </svg>
  );
}
