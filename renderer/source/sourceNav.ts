/**
 * How a `file:line` anywhere in the window opens the Source view: panels call the function this
 * context provides (App owns the state), so no panel needs to know where the view is drawn.
 */
import { createContext, useContext } from 'react';

export interface SourceTarget {
  /** Folder-relative, as diagnostics and refs cite it. */
  file: string;
  line: number;
  /** 1-based column of the field to mark on that line. */
  column?: number;
  /** Field path, e.g. `spec.ports[0].nodePort`, said beside the file name. */
  path?: string;
  /** The map object to select with it (`pod/NS/NAME`, `svc/NS/NAME`, `node/NAME`), for a problem. */
  select?: string;
}

export const SourceNav = createContext<(target: SourceTarget) => void>(() => undefined);

export function useOpenSource(): (target: SourceTarget) => void {
  return useContext(SourceNav);
}
