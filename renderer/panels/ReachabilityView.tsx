/**
 * The Reachability view: who can reach whom in this cluster, as a heat map of sources × targets (the
 * matrix `kube-traffic reach` prints), with its filters, key and the reason for the cell in focus.
 * Activating a cell sends that one request and shows its trace on the map.
 */
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { KubeTrafficApi, ReachabilityRequest } from '../../src/api/contract';
import { cellName, filterReach, namespacesOf, tally, type ReachFilter } from '../model/reach';
import { useReachability } from '../state/useReachability';
import { type CellRef, ReachHeatmap } from '../viz/ReachHeatmap';
import { ReachFilters } from './ReachFilters';
import { ReachLegend } from './ReachLegend';

export interface ReachabilityViewProps {
  api: KubeTrafficApi;
  /** Changes with every new snapshot: the matrix is traced again. */
  revisionKey: string;
  busy: boolean;
  onSend(req: { from: string; to: string; count: number }): void;
  onClose(): void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The room the heat map's box has, followed as the window or the panels change size. */
function useBoxSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 800, height: 400 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]!.contentRect;
      setSize((s) => (s.width === box.width && s.height === box.height ? s : { width: box.width, height: box.height }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

export function ReachabilityView({ api, revisionKey, busy, onSend, onClose }: ReachabilityViewProps) {
  const [request, setRequest] = useState<ReachabilityRequest>({});
  const [filter, setFilter] = useState<ReachFilter>({ fromNamespace: '', toNamespace: '' });
  const [focused, setFocused] = useState<CellRef | null>(null);
  const [hovered, setHovered] = useState<CellRef | null>(null);
  const state = useReachability(api, request, revisionKey);
  const box = useRef<HTMLDivElement | null>(null);
  const size = useBoxSize(box);

  // Escape goes back to the map from anywhere while the view is open (it replaces the map, like a dialog).
  const close = useEffectEvent(onClose);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const matrix = state.status === 'error' ? null : state.matrix;
  const sourceNamespaces = useMemo(() => (matrix ? namespacesOf(matrix.sources) : []), [matrix]);
  const targetNamespaces = useMemo(() => (matrix ? namespacesOf(matrix.targets) : []), [matrix]);
  // A namespace the new matrix no longer has filters nothing out.
  const fromNamespace = sourceNamespaces.includes(filter.fromNamespace) ? filter.fromNamespace : '';
  const toNamespace = targetNamespaces.includes(filter.toNamespace) ? filter.toNamespace : '';
  const view = useMemo(() => (matrix ? filterReach(matrix, { fromNamespace, toNamespace }) : null), [matrix, fromNamespace, toNamespace]);
  const counts = useMemo(() => (matrix && view ? tally(matrix, view) : new Map()), [matrix, view]);

  const inView = (c: CellRef | null) => (c && view && view.rows.includes(c.row) && view.cols.includes(c.col) ? c : null);
  const about = inView(hovered) ?? inView(focused);

  const activate = (c: CellRef) => {
    if (!matrix || busy) return;
    onSend({ from: matrix.sources[c.row]!, to: matrix.targets[c.col]!, count: 1 });
  };

  const pairs = view ? view.rows.length * view.cols.length : 0;
  return (
    <section className="panel reachability" role="region" aria-label="Reachability">
      <header className="panel-header">
        <h2>Reachability</h2>
        <span className="muted">
          One request from every source to every target, each traced on its own, as <code>kube-traffic reach</code> does. Pick a cell to
          watch it.
        </span>
      </header>
      <ReachFilters
        request={request}
        onRequest={setRequest}
        filter={{ fromNamespace, toNamespace }}
        onFilter={setFilter}
        sourceNamespaces={sourceNamespaces}
        targetNamespaces={targetNamespaces}
        loading={state.status === 'loading'}
      />
      <div className="reach-summary">
        <span role="status" className={state.status === 'error' ? 'tone-danger' : ''}>
          {state.status === 'error'
            ? state.error
            : state.status === 'loading' && !matrix
              ? 'Tracing every pair…'
              : view &&
                `${plural(pairs, 'pair')} (${plural(view.rows.length, 'source')} × ${plural(view.cols.length, 'target')})${state.status === 'loading' ? ' · tracing again…' : ''}`}
        </span>
        {matrix && <ReachLegend counts={counts} />}
      </div>
      <div className="reach-box" ref={box}>
        {matrix && view && pairs > 0 && (
          <ReachHeatmap
            matrix={matrix}
            view={view}
            width={size.width}
            height={size.height}
            focused={focused}
            highlight={about}
            onFocusCell={setFocused}
            onHoverCell={setHovered}
            onActivate={activate}
          />
        )}
        {matrix && view && pairs === 0 && <p className="panel-empty">No pairs: no source or no target matches.</p>}
      </div>
      <p className="reach-why">
        {about && matrix ? (
          <>
            <strong>{cellName(matrix.sources[about.row]!, matrix.targets[about.col]!, matrix.outcomes[about.row]![about.col]!)}</strong>
            {' — '}
            {matrix.reasons[about.row]![about.col]}
            <span className="muted"> · click or press Enter to send it and watch its trace</span>
          </>
        ) : (
          <span className="muted">Point at a cell, or move with the arrow keys, to read why.</span>
        )}
      </p>
    </section>
  );
}
