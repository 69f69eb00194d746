/**
 * The packet layer: one <canvas> over the SVG, pointer-events off, redrawn from (timeline, time) on
 * every playback frame and whenever the view moves. React renders the element once; pixels are
 * drawn imperatively (Excalidraw's StaticCanvas pattern).
 */
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, type Ref } from 'react';
import type { ZoomTransform } from 'd3';
import type { PlaybackController } from '../playback/controller';
import { frameAt } from '../playback/frame';
import { drawFrame, drawnBoxes, type DrawnBox, type PacketStyle } from './drawPackets';
import type { Rect, TopologyLayout } from './layout';
import { FLOW_PALETTE_SIZE } from '../model/flowPalette';

export interface PacketCanvasHandle {
  redraw(): void;
}

export interface PacketCanvasProps {
  controller: PlaybackController;
  layout: TopologyLayout;
  transform: () => ZoomTransform;
  /** Every word on the map in map units (mapTextBoxes.ts), measured when asked after it changed; null before the first measurement. */
  mapText: () => readonly Rect[] | null;
  handle: Ref<PacketCanvasHandle>;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function readPacketStyle(el: Element): PacketStyle {
  const s = getComputedStyle(el);
  const flows = Array.from({ length: FLOW_PALETTE_SIZE }, (_, i) => cssVar(s, `--flow-${i + 1}`, '#3b82f6'));
  return {
    flows,
    text: cssVar(s, '--text', '#111'),
    labelBg: cssVar(s, '--surface', '#fff'),
    labelBorder: cssVar(s, '--border', '#ccc'),
    nat: cssVar(s, '--nat', '#d97706'),
    danger: cssVar(s, '--danger', '#dc2626'),
    ok: cssVar(s, '--ok', '#16a34a'),
    warn: cssVar(s, '--warn', '#d97706'),
    halo: cssVar(s, '--halo', 'rgba(59,130,246,0.25)'),
    fontFamily: cssVar(s, '--font-ui', 'system-ui, sans-serif'),
  };
}

/** Draw durations and packet counts are recorded here when a benchmark asks for them. */
declare global {
  interface Window {
    __ktDrawTimes?: number[];
    __ktSprites?: number[];
    /** What the last frame drew that must not cover text (callouts, outcome badges, tags), on the canvas, when a test asks. */
    __ktDrawnBoxes?: DrawnBox[];
  }
}

export function PacketCanvas({ controller, layout, transform, mapText, handle }: PacketCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const layoutRef = useRef(layout);
  const styleRef = useRef<PacketStyle | null>(null);
  const sizeRef = useRef({ width: 0, height: 0, dpr: 1 });
  const pending = useRef<number | null>(null);
  const ctxRef = useRef<CanvasRenderingContext2D | null>(null);

  // `controller`, `transform` and `mapText` are stable for the component's life: drawing reads the rest from refs,
  // so these callbacks, the frame subscription and the resize observer are made once.
  const draw = useCallback(
    (time: number) => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      const ctx = (ctxRef.current ??= canvas.getContext('2d', { desynchronized: true }));
      if (!ctx) return;
      const started = performance.now();
      styleRef.current ??= readPacketStyle(canvas);
      const { width, height, dpr } = sizeRef.current;
      const t = transform();
      const state = controller.getState();
      // While playing, React's copy of the selection lags by up to a tick; the halo follows the packet.
      const idx = state.playing ? controller.liveSelected() : state.selected;
      const current = idx >= 0 ? state.timeline.events[idx] : undefined;
      const frame = frameAt(state.timeline, time);
      // The map's words are measured only when something may have to keep off them.
      const text = frame.sprites.length > 0 || frame.markers.length > 0 ? mapText() : null;
      drawFrame(ctx, frame, layoutRef.current, { k: t.k, x: t.x, y: t.y, dpr, width, height }, styleRef.current, current, text);
      if (window.__ktDrawnBoxes) window.__ktDrawnBoxes = drawnBoxes.map((b) => ({ ...b }));
      window.__ktDrawTimes?.push(performance.now() - started);
      window.__ktSprites?.push(frame.sprites.length);
    },
    [controller, transform, mapText],
  );

  const schedule = useCallback(() => {
    if (pending.current !== null) return;
    pending.current = requestAnimationFrame(() => {
      pending.current = null;
      draw(controller.currentTime());
    });
  }, [controller, draw]);

  useImperativeHandle(handle, () => ({ redraw: schedule }), [schedule]);

  useEffect(() => controller.onFrame(draw), [controller, draw]);

  // A new layout (the cluster changed) is drawn on the next frame.
  useLayoutEffect(() => {
    layoutRef.current = layout;
    schedule();
  }, [layout, schedule]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // The backing store is re-allocated only when the size really changes (assigning width or height
    // clears and re-allocates the canvas even to the same value), and the size comes from the
    // observer's entry, so nothing here forces a layout.
    const resize = (width: number, height: number) => {
      const dpr = window.devicePixelRatio || 1;
      const cur = sizeRef.current;
      if (cur.width === width && cur.height === height && cur.dpr === dpr) return;
      sizeRef.current = { width, height, dpr };
      const w = Math.round(width * dpr);
      const h = Math.round(height * dpr);
      if (canvas.width !== w) canvas.width = w;
      if (canvas.height !== h) canvas.height = h;
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      draw(controller.currentTime());
    };
    const ro = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]!.contentRect;
      resize(box.width, box.height);
    });
    ro.observe(canvas.parentElement!);
    const media = matchMedia('(prefers-color-scheme: dark)');
    const onTheme = () => {
      styleRef.current = null;
      schedule();
    };
    media.addEventListener('change', onTheme);
    return () => {
      ro.disconnect();
      media.removeEventListener('change', onTheme);
      if (pending.current !== null) cancelAnimationFrame(pending.current);
    };
  }, [controller, draw, schedule]);

  return <canvas ref={canvasRef} className="packet-canvas" aria-hidden="true" />;
}
