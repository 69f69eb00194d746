/** The heat map's key: each outcome's colour, its letter (as `kube-traffic reach` prints it) and word, and how many cells have it. */
import type { Outcome } from '../../src/model/trace';
import { OUTCOME_LETTERS, OUTCOMES } from '../model/reach';
import { outcomeColor } from '../viz/ReachHeatmap';

export function ReachLegend({ counts }: { counts: Map<Outcome, number> }) {
  return (
    <ul className="reach-legend" aria-label="Legend">
      {OUTCOMES.map((o) => (
        <li key={o} className={`o-${o} ${counts.has(o) ? '' : 'absent'}`}>
          <svg width={18} height={18} aria-hidden="true" className="reach-cell">
            <rect width={18} height={18} rx={3} style={{ fill: outcomeColor(o) }} />
            <text x={9} y={9} dy="0.35em" textAnchor="middle">
              {OUTCOME_LETTERS[o]}
            </text>
          </svg>
          <span>
            {o} <span className="muted">{counts.get(o) ?? 0}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
