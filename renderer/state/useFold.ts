/**
 * The open/closed state of a folded panel (FoldHeading). `count` is what the panel holds that
 * needs reading (problems): when it grows, the panel opens by itself; the user folds it again.
 */
import { useMemo, useState } from 'react';
import type { Fold } from '../panels/FoldHeading';

export function useFold(count = 0): Fold {
  const [open, setOpen] = useState(count > 0);
  const [seen, setSeen] = useState(count);
  // Adjusted while rendering, as React advises for state that follows props.
  if (seen !== count) {
    setSeen(count);
    if (count > seen) setOpen(true);
  }
  return useMemo(() => ({ open, onToggle: setOpen }), [open]);
}
