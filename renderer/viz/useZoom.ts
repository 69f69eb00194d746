/**
 * d3-zoom owns one behaviour on a ref'd element (the xyflow pattern): it listens on the container and
 * reports the transform; React never re-renders for it. The SVG content group and the packet canvas
 * are moved by the caller's listener.
 */
import { select, zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3';
import { useCallback, useEffect, useEffectEvent, useRef } from 'react';
import type { Rect } from './layout';

export interface ZoomApi {
  fit(bounds: Rect, animate?: boolean): void;
  zoomBy(factor: number): void;
  current(): ZoomTransform;
}

/** The transform that shows `bounds` centred in a `w`×`h` viewport with a margin, never above 1.25×. */
export function fitTransform(bounds: Rect, w: number, h: number, margin = 32): { k: number; x: number; y: number } {
  const k = Math.min(1.25, Math.max(0.05, Math.min((w - 2 * margin) / Math.max(bounds.w, 1), (h - 2 * margin) / Math.max(bounds.h, 1))));
  return { k, x: (w - bounds.w * k) / 2 - bounds.x * k, y: (h - bounds.h * k) / 2 - bounds.y * k };
}

/** `onZoom(transform, byUser)`: byUser when a gesture (drag, wheel) moved the view, not a programmatic fit. */
export function useZoom(containerRef: React.RefObject<HTMLElement | null>, onZoom: (t: ZoomTransform, byUser: boolean) => void): ZoomApi {
  const behaviour = useRef<ZoomBehavior<HTMLElement, unknown> | null>(null);
  const transform = useRef<ZoomTransform>(zoomIdentity);
  // The latest onZoom, called from d3's listener without re-attaching the behaviour.
  const zoomed = useEffectEvent(onZoom);

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const z = zoom<HTMLElement, unknown>()
      .scaleExtent([0.04, 4])
      // Wheel zooms; drags pan from anywhere except form controls; no double-click zoom (clicks select).
      .filter((event: Event) => {
        const target = event.target as Element | null;
        if (target?.closest('button, input, select, textarea, .no-pan')) return false;
        return (!('button' in event) || (event as MouseEvent).button === 0) && event.type !== 'dblclick';
      })
      .on('zoom', (e: D3ZoomEvent<HTMLElement, unknown>) => {
        transform.current = e.transform;
        zoomed(e.transform, Boolean(e.sourceEvent));
      });
    behaviour.current = z;
    const sel = select(el);
    sel.call(z).on('dblclick.zoom', null);
    return () => {
      sel.on('.zoom', null);
    };
  }, [containerRef]);

  const fit = useCallback(
    (bounds: Rect) => {
      const el = containerRef.current;
      const z = behaviour.current;
      if (!el || !z) return;
      const { width, height } = el.getBoundingClientRect();
      if (width === 0 || height === 0) return;
      const t = fitTransform(bounds, width, height);
      select(el).call(z.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
    },
    [containerRef],
  );

  const zoomBy = useCallback(
    (factor: number) => {
      const el = containerRef.current;
      const z = behaviour.current;
      if (el && z) select(el).call(z.scaleBy, factor);
    },
    [containerRef],
  );

  // Stable, so a component that reads the transform while drawing keeps its callbacks.
  const current = useCallback(() => transform.current, []);

  return { fit, zoomBy, current };
}
