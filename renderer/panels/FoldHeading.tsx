/**
 * A panel's title that can fold the panel to its header. In the narrow side column (SideTabs)
 * Scenarios and Problems sit under the tabs folded like this rather than as tabs of their own: they
 * stay on screen, their header (Save scenario, the problem count) always usable, their bodies a
 * click away.
 */
export interface Fold {
  open: boolean;
  onToggle(open: boolean): void;
}

/** `panel folded` when the fold is closed; styles/panels.css hides everything but the header. */
export function foldClass(fold: Fold | undefined): string {
  return fold && !fold.open ? ' folded' : '';
}

export function FoldHeading({ title, fold, bodyId }: { title: string; fold?: Fold; bodyId?: string }) {
  if (!fold) return <h2>{title}</h2>;
  return (
    <h2>
      <button
        type="button"
        className="fold-toggle"
        aria-expanded={fold.open}
        aria-controls={bodyId}
        onClick={() => fold.onToggle(!fold.open)}
      >
        <span className="fold-chevron" aria-hidden="true">
          ▸
        </span>
        {title}
      </button>
    </h2>
  );
}
