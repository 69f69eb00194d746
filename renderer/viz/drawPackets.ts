/**
 * The only imperative drawing: one frame of packets on the canvas overlay. Everything is drawn in
 * screen space (positions go through the zoom transform, sizes do not), so packets and their labels
 * stay legible at any zoom level.
 */
import type { PacketEvent } from '../../src/model/trace';
import type { Frame, Marker, MarkerKind } from '../playback/frame';
import { along, anchorOf } from './anchors';
import type { Point, TopologyLayout } from './layout';

export interface View {
  k: number;
  x: number;
  y: number;
  dpr: number;
  width: number;
  height: number;
}

export interface PacketStyle {
  flows: string[];
  text: string;
  labelBg: string;
  labelBorder: string;
  nat: string;
  danger: string;
  ok: string;
  warn: string;
  halo: string;
  fontFamily: string;
}

const MARKER_TEXT: Record<MarkerKind, { glyph: string; text: string; tone: 'danger' | 'ok' | 'warn' }> = {
  delivered: { glyph: '✓', text: 'delivered', tone: 'ok' },
  refused: { glyph: '⊘', text: 'refused', tone: 'danger' },
  dropped: { glyph: '✕', text: 'dropped', tone: 'danger' },
  drop: { glyph: '✕', text: 'dropped', tone: 'danger' },
  reject: { glyph: '⊘', text: 'rejected', tone: 'danger' },
  timeout: { glyph: '⏱', text: 'timed out', tone: 'warn' },
  unreachable: { glyph: '✕', text: 'unreachable', tone: 'danger' },
};

export function flowColor(style: PacketStyle, flowId: number): string {
  return style.flows[flowId % style.flows.length]!;
}

/** "DNAT dst → 10.244.1.3:8080": what a hop rewrote, for the label next to the packet. */
export function natLabel(e: PacketEvent): string | null {
  if (e.changed.length === 0) return null;
  const parts = e.changed.map((f) => `${f} → ${e.packet[f]}`);
  return `${e.action.toUpperCase()} ${parts.join(', ')}`;
}

function toScreen(v: View, p: Point): Point {
  return { x: p.x * v.k + v.x, y: p.y * v.k + v.y };
}

function drawLabel(ctx: CanvasRenderingContext2D, style: PacketStyle, v: View, p: Point, text: string, accent: string): void {
  ctx.font = `12px ${style.fontFamily}`;
  const w = ctx.measureText(text).width + 14;
  const h = 20;
  // Right of the packet, or left of it when that would leave the view.
  const x = p.x + 12 + w > v.width - 4 ? p.x - 12 - w : p.x + 12;
  const y = Math.max(4, p.y - 28);
  ctx.fillStyle = style.labelBg;
  ctx.strokeStyle = accent;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 5);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = style.text;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + 7, y + h / 2 + 0.5);
}

function drawMarkers(ctx: CanvasRenderingContext2D, layout: TopologyLayout, v: View, style: PacketStyle, markers: Marker[]): void {
  // Group by place and kind so five timed-out requests read "timed out ×5", not five stacked icons.
  const groups = new Map<string, { p: Point; kind: MarkerKind; count: number }>();
  for (const m of markers) {
    const a = anchorOf(layout, m.at, m.node);
    if (!a) continue;
    const kind = m.kind === 'drop' ? 'dropped' : m.kind;
    const key = `${a.x},${a.y},${kind}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { p: a, kind, count: 1 });
  }
  const perPlace = new Map<string, number>();
  for (const g of groups.values()) {
    const placeKey = `${g.p.x},${g.p.y}`;
    const slot = perPlace.get(placeKey) ?? 0;
    perPlace.set(placeKey, slot + 1);
    const s = toScreen(v, g.p);
    const cx = s.x - 22;
    const cy = s.y + 16 + slot * 24;
    const info = MARKER_TEXT[g.kind];
    const color = style[info.tone];
    ctx.beginPath();
    ctx.arc(cx, cy, 9, 0, Math.PI * 2);
    ctx.fillStyle = color;
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.font = `bold 11px ${style.fontFamily}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(info.glyph, cx, cy + 0.5);
    ctx.textAlign = 'left';
    const text = g.count > 1 ? `${info.text} ×${g.count}` : info.text;
    ctx.font = `12px ${style.fontFamily}`;
    const w = ctx.measureText(text).width + 10;
    ctx.fillStyle = style.labelBg;
    ctx.beginPath();
    ctx.roundRect(cx - 9 - w - 4, cy - 9, w, 18, 4);
    ctx.fill();
    ctx.fillStyle = color;
    ctx.fillText(text, cx - 9 - w + 1, cy + 0.5);
  }
}

/** Draw one frame. `current` is the event in the inspector: its hop gets a halo. */
export function drawFrame(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  layout: TopologyLayout,
  v: View,
  style: PacketStyle,
  current?: PacketEvent,
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, v.width * v.dpr, v.height * v.dpr);
  ctx.setTransform(v.dpr, 0, 0, v.dpr, 0, 0);

  if (current) {
    const a = anchorOf(layout, current.at, current.node);
    if (a) {
      const s = toScreen(v, a);
      ctx.beginPath();
      ctx.arc(s.x, s.y, 15, 0, Math.PI * 2);
      ctx.fillStyle = style.halo;
      ctx.fill();
    }
  }

  drawMarkers(ctx, layout, v, style, frame.markers);

  const labels: { p: Point; text: string; color: string }[] = [];
  for (const sp of frame.sprites) {
    const a = anchorOf(layout, sp.from, sp.fromNode);
    const b = anchorOf(layout, sp.to, sp.toNode);
    if (!a || !b) continue;
    const pos = toScreen(v, along(a, b, sp.progress));
    const color = flowColor(style, sp.flowId);
    if (!sp.dwelling) {
      // A fading trail shows which way it is going.
      const start = toScreen(v, a);
      const grad = ctx.createLinearGradient(start.x, start.y, pos.x, pos.y);
      grad.addColorStop(0, 'rgba(0,0,0,0)');
      grad.addColorStop(1, color);
      ctx.strokeStyle = grad;
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.moveTo(start.x, start.y);
      ctx.lineTo(pos.x, pos.y);
      ctx.stroke();
    }
    ctx.beginPath();
    ctx.arc(pos.x, pos.y, 7, 0, Math.PI * 2);
    if (sp.direction === 'request') {
      ctx.fillStyle = color;
      ctx.fill();
      ctx.lineWidth = 2;
      ctx.strokeStyle = style.labelBg;
      ctx.stroke();
    } else {
      ctx.fillStyle = style.labelBg;
      ctx.fill();
      ctx.lineWidth = 3;
      ctx.strokeStyle = color;
      ctx.stroke();
    }
    if (sp.dwelling) {
      const text = natLabel(sp.event);
      if (text) labels.push({ p: pos, text, color: style.nat });
    }
  }
  for (const l of labels) drawLabel(ctx, style, v, l.p, l.text, l.color);
}
