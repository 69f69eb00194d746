/**
 * The only imperative drawing: one frame of packets on the canvas overlay. Everything is drawn in
 * screen space (positions go through the zoom transform, sizes do not), so packets and their labels
 * stay legible at any zoom level.
 *
 * Per frame it does only drawing, and as little of it as it can. Profiles showed that the canvas's
 * own rasterisation (anti-aliased arcs, text) dominates a frame with hundreds of packets, so:
 *  - dots and outcome markers are sprites: each look is rasterised once into a small offscreen
 *    bitmap (at the device pixel ratio) and stamped with drawImage from then on;
 *  - trails are batched into one path per colour;
 *  - what does not change between frames is memoised (anchors per layout, label text per event) and
 *    packet positions go into a reused buffer, so a frame makes next to no garbage.
 */
import type { PacketEvent } from '../../src/model/trace';
import { policyVerdict } from '../model/policies';
import { proxyLabel } from '../model/proxy';
import { dnsLabel } from '../model/dns';
import type { Frame, Marker } from '../playback/frame';
import type { MarkerKind } from '../playback/markers';
import { cachedAnchor } from './anchors';
import { pointAlong, routeBetween } from './routes';
import type { Point, Rect, TopologyLayout } from './layout';
import { placeLabel } from './labelPlacement';
import { SHIELD_PATH } from './PolicyShields';
import { placeTags, TAG_HEIGHT, TAG_MAX_PACKETS, tagText } from './packetTags';

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
  unresolved: { glyph: '?', text: 'unresolved', tone: 'warn' },
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

/** "✓ NetworkPolicy allows (ingress)": a policy's allow hop, for the label next to the packet at the shield. */
export function allowLabel(e: PacketEvent): string | null {
  const v = policyVerdict(e);
  return v?.allowed ? `✓ NetworkPolicy allows (${v.direction})` : null;
}

/** The label a dwelling packet shows, and its accent: what NAT rewrote, or a policy's allow. */
type HopLabel = { text: string; accent: 'nat' | 'ok' | 'text' } | null;
const hopLabels = new WeakMap<PacketEvent, HopLabel>();
function cachedHopLabel(e: PacketEvent): HopLabel {
  let l = hopLabels.get(e);
  if (l === undefined) {
    const nat = natLabel(e);
    const allow = nat ? null : allowLabel(e);
    const proxy = nat || allow ? null : proxyLabel(e);
    // A DNS packet says what it carries where nothing else is said: the question, then the answer.
    const dns = nat || allow || proxy || !e.dns ? null : dnsLabel(e.dns);
    l = nat
      ? { text: nat, accent: 'nat' }
      : allow
        ? { text: allow, accent: 'ok' }
        : proxy
          ? { text: proxy, accent: 'text' }
          : dns
            ? { text: dns, accent: 'text' }
            : null;
    hopLabels.set(e, l);
  }
  return l;
}

type Sprite = { image: CanvasImageSource; w: number; h: number; ox: number; oy: number };

/** Sprites per style (a theme change makes a new style) and device pixel ratio. */
const spriteCaches = new WeakMap<PacketStyle, { dpr: number; map: Map<string, Sprite> }>();
let measureCtx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null = null;

function newCanvas(w: number, h: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(w, h);
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return c;
}

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Text widths by font and text: measureText is not free, and labels repeat frame after frame. */
const widths = new Map<string, number>();
function textWidth(font: string, text: string): number {
  const k = `${font}\u0000${text}`;
  let w = widths.get(k);
  if (w === undefined) {
    if (widths.size > 2000) widths.clear();
    measureCtx ??= newCanvas(1, 1).getContext('2d') as Ctx2D;
    measureCtx.font = font;
    w = measureCtx.measureText(text).width;
    widths.set(k, w);
  }
  return w;
}

/**
 * The sprite `key` for this style and ratio, drawn by `paint` into a w×h (CSS px) bitmap on first
 * use. (ox, oy) is the point of the sprite that goes at the anchor.
 */
function sprite(
  style: PacketStyle,
  dpr: number,
  key: string,
  size: (measure: typeof textWidth) => { w: number; h: number; ox: number; oy: number },
  paint: (ctx: Ctx2D, w: number, h: number) => void,
): Sprite {
  let cache = spriteCaches.get(style);
  if (!cache || cache.dpr !== dpr) {
    cache = { dpr, map: new Map() };
    spriteCaches.set(style, cache);
  }
  let s = cache.map.get(key);
  if (!s) {
    if (cache.map.size > 1500) cache.map.clear();
    const { w, h, ox, oy } = size(textWidth);
    const canvas = newCanvas(Math.max(1, Math.ceil(w * dpr)), Math.max(1, Math.ceil(h * dpr)));
    const ctx = canvas.getContext('2d') as Ctx2D;
    ctx.scale(dpr, dpr);
    paint(ctx, w, h);
    // An ImageBitmap is ready to stamp; drawing from a canvas would snapshot it on every call.
    const image = 'transferToImageBitmap' in canvas ? canvas.transferToImageBitmap() : canvas;
    s = { image, w, h, ox, oy };
    cache.map.set(key, s);
  }
  return s;
}

function stamp(ctx: CanvasRenderingContext2D, s: Sprite, x: number, y: number): void {
  ctx.drawImage(s.image, x - s.ox, y - s.oy, s.w, s.h);
}

const TAU = Math.PI * 2;
const DOT = 7;
/** Length (screen px) of the tail behind a moving packet, and its two parts: [from, to] as fractions of it (1 = far end), alpha, width. */
const TAIL = 64;
const TAIL_PARTS: readonly (readonly [number, number, number, number])[] = [
  // The far half is a hairline: software rasterisers have a fast path for 1px lines.
  [1, 0.5, 0.4, 1],
  [0.5, 0, 0.75, 2],
];

/** A packet: a filled dot ringed with the background (request) or a hollow ring (response). */
function dotSprite(style: PacketStyle, dpr: number, colour: number, direction: PacketEvent['direction']): Sprite {
  const r = DOT + 2;
  return sprite(
    style,
    dpr,
    `dot:${colour}:${direction}`,
    () => ({ w: 2 * r, h: 2 * r, ox: r, oy: r }),
    (ctx) => {
      const color = style.flows[colour]!;
      ctx.beginPath();
      ctx.arc(r, r, DOT, 0, TAU);
      ctx.fillStyle = direction === 'request' ? color : style.labelBg;
      ctx.fill();
      ctx.lineWidth = direction === 'request' ? 2 : 3;
      ctx.strokeStyle = direction === 'request' ? style.labelBg : color;
      ctx.stroke();
    },
  );
}

const TAG_FONT_PX = 10.5;

/** A packet's request number (`#N`) on a small pill edged in its colour. Anchored at its top-left corner. */
function tagSprite(style: PacketStyle, dpr: number, flowId: number): Sprite {
  const text = tagText(flowId);
  const font = `600 ${TAG_FONT_PX}px ${style.fontFamily}`;
  return sprite(
    style,
    dpr,
    `tag:${flowId}`,
    (measure) => ({ w: tagWidth(measure, font, text), h: TAG_HEIGHT, ox: 0, oy: 0 }),
    (ctx, w, h) => {
      ctx.fillStyle = style.labelBg;
      ctx.strokeStyle = flowColor(style, flowId);
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.roundRect(0.75, 0.75, w - 1.5, h - 1.5, 4);
      ctx.fill();
      ctx.stroke();
      ctx.font = font;
      ctx.fillStyle = style.text;
      ctx.textBaseline = 'middle';
      ctx.fillText(text, 5, h / 2 + 0.5);
    },
  );
}

function tagWidth(measure: typeof textWidth, font: string, text: string): number {
  return Math.ceil(measure(font, text)) + 10;
}

/**
 * What a NAT hop rewrote, in a box beside the packet: right of it, or left of it when that would
 * leave the view. Drawn directly, not as a sprite: each label reads differently (the Pod's address)
 * and shows for a moment only.
 */
function drawLabel(ctx: CanvasRenderingContext2D, style: PacketStyle, v: View, px: number, py: number, text: string, accent: string): void {
  const font = `12px ${style.fontFamily}`;
  const { x, y, w, h } = hopLabelBox(v, px, py, textWidth(font, text));
  ctx.fillStyle = style.labelBg;
  ctx.strokeStyle = accent;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 5);
  ctx.fill();
  ctx.stroke();
  ctx.font = font;
  ctx.fillStyle = style.text;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + 7, y + h / 2 + 0.5);
}

/** Where drawLabel puts a label `textW` wide for a packet at (px, py). */
function hopLabelBox(v: View, px: number, py: number, textW: number): Rect {
  const w = textW + 14;
  return { x: px + 12 + w > v.width - 4 ? px - 12 - w : px + 12, y: Math.max(4, py - 28), w, h: 20 };
}

/** An outcome's words ("timed out ×5") in a box, in the outcome's colour. Anchored at its top-left corner. */
function wordsSprite(style: PacketStyle, dpr: number, kind: MarkerKind, count: number): Sprite {
  const info = MARKER_TEXT[kind];
  const text = count > 1 ? `${info.text} ×${count}` : info.text;
  const textFont = `12px ${style.fontFamily}`;
  return sprite(
    style,
    dpr,
    `words:${kind}:${count}`,
    (measure) => ({ w: Math.ceil(measure(textFont, text)) + 10, h: 19, ox: 0, oy: 0 }),
    (ctx, w) => {
      const color = style[info.tone];
      ctx.fillStyle = style.labelBg;
      ctx.strokeStyle = color;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.roundRect(0.5, 0.5, w - 1, 18, 4);
      ctx.fill();
      ctx.stroke();
      ctx.font = textFont;
      ctx.fillStyle = color;
      ctx.textBaseline = 'middle';
      ctx.fillText(text, 5, 10);
    },
  );
}

/**
 * An outcome's round badge with its glyph, `size` px across, anchored at its centre: 19 px beside its
 * words, 15 px alone (zoomed far out).
 */
function badgeSprite(style: PacketStyle, dpr: number, kind: MarkerKind, size: 19 | 15): Sprite {
  const info = MARKER_TEXT[kind];
  const c = size / 2;
  return sprite(
    style,
    dpr,
    `badge:${kind}:${size}`,
    () => ({ w: size, h: size, ox: c, oy: c }),
    (ctx) => {
      ctx.beginPath();
      ctx.arc(c, c, c - 0.5, 0, TAU);
      ctx.fillStyle = style[info.tone];
      ctx.fill();
      ctx.fillStyle = '#fff';
      ctx.font = `bold ${size === 19 ? 11 : 9}px ${style.fontFamily}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(info.glyph, c, c + 0.5);
    },
  );
}

/** A policy's drop: the shield itself, in the danger colour and crossed out. Centred at (cx, cy), `h` tall. */
function paintDeniedShield(ctx: Ctx2D, style: PacketStyle, cx: number, cy: number, h: number): void {
  const s = h / 16;
  ctx.save();
  ctx.translate(cx, cy - h / 2);
  ctx.scale(s, s);
  const shield = new Path2D(SHIELD_PATH);
  ctx.fillStyle = style.danger;
  ctx.fill(shield);
  ctx.lineWidth = 1.5 / s;
  ctx.strokeStyle = style.labelBg;
  ctx.stroke(shield);
  ctx.beginPath();
  ctx.moveTo(-3, 4.5);
  ctx.lineTo(3, 10.5);
  ctx.moveTo(3, 4.5);
  ctx.lineTo(-3, 10.5);
  ctx.lineWidth = 2 / s;
  ctx.lineCap = 'round';
  ctx.strokeStyle = '#fff';
  ctx.stroke();
  ctx.restore();
}

const DENIED_TEXT = 'dropped by NetworkPolicy';

/**
 * The crossed-out shield's height on screen: a little over the card's own shield (16 units tall,
 * scaled by the zoom) so it covers it, and never smaller than a packet. Even pixels, so few sprites.
 */
export function deniedShieldHeight(k: number): number {
  return 2 * Math.round(Math.min(44, Math.max(22, 16 * k * 1.3)) / 2);
}

/**
 * Where a policy dropped the packet: the crossed-out shield over the card's own shield (both sit at
 * the Pod's anchor), the words beside it on the side `side` ("dropped by NetworkPolicy ×2").
 * Anchored at the shield's centre.
 */
function deniedSprite(style: PacketStyle, dpr: number, count: number, side: 'left' | 'right' | 'none', h: number): Sprite {
  const text = count > 1 ? `${DENIED_TEXT} ×${count}` : DENIED_TEXT;
  const font = `12px ${style.fontFamily}`;
  const badge = Math.ceil(h * 0.95);
  const H = h + 2;
  return sprite(
    style,
    dpr,
    `denied:${count}:${side}:${h}`,
    (measure) => {
      const tw = side === 'none' ? 0 : Math.ceil(measure(font, text)) + 10;
      const w = badge + (tw > 0 ? tw + 4 : 0);
      return { w, h: H, ox: side === 'left' ? w - badge / 2 : badge / 2, oy: H / 2 };
    },
    (ctx, w) => {
      const bx = side === 'left' ? w - badge / 2 : badge / 2;
      paintDeniedShield(ctx, style, bx, H / 2, h);
      if (side === 'none') return;
      const tw = w - badge - 4;
      const x = side === 'left' ? 0 : badge + 4;
      const y = H / 2 - 9;
      ctx.fillStyle = style.labelBg;
      ctx.strokeStyle = style.danger;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.roundRect(x + 0.5, y + 0.5, tw - 1, 17, 4);
      ctx.fill();
      ctx.stroke();
      ctx.font = font;
      ctx.fillStyle = style.danger;
      ctx.textBaseline = 'middle';
      ctx.fillText(text, x + 5, H / 2 + 0.5);
    },
  );
}

/** Below this zoom, outcome markers are badges without words (as the cards drop their details). */
export const MARKER_WORDS_ZOOM = 0.45;

function toScreen(v: View, p: Point): Point {
  return { x: p.x * v.k + v.x, y: p.y * v.k + v.y };
}

/**
 * Policy drops per anchor, counted: drawn on the Pod's shield rather than below it, and over the
 * packets, so a denied packet is seen to hit the shield and go no further.
 */
function drawDenied(ctx: CanvasRenderingContext2D, v: View, style: PacketStyle, denied: Map<Point, number>): void {
  const words = v.k >= MARKER_WORDS_ZOOM;
  const h = deniedShieldHeight(v.k);
  for (const [p, count] of denied) {
    const x = p.x * v.k + v.x;
    const y = p.y * v.k + v.y;
    // Words to the right (off the card) when they fit in the view, else to the left over it.
    const side = !words ? 'none' : x + h + 170 < v.width ? 'right' : 'left';
    stamp(ctx, deniedSprite(style, v.dpr, count, side, h), x, y);
  }
}

/** This frame's outcome badges and words on screen, that packet tags must not cover (reused). */
const markerBoxes: Rect[] = [];

/** Draws the outcome markers; a policy's drops are counted into `denied` instead, for drawDenied. */
function drawMarkers(
  ctx: CanvasRenderingContext2D,
  layout: TopologyLayout,
  v: View,
  style: PacketStyle,
  markers: Marker[],
  denied: Map<Point, number>,
): void {
  if (markers.length === 0) return;
  // Group by place and kind so five timed-out requests read "timed out ×5", not five stacked icons.
  // Places are keyed by x, then y (two hops may name one place differently).
  const places = new Map<number, Map<number, { p: Point; kinds: Map<MarkerKind, number> }>>();
  const groups: { p: Point; kinds: Map<MarkerKind, number> }[] = [];
  // One request leaves one word per place: its last (a client whose SYN was dropped on the way
  // and then timed out says "timed out", not both).
  const last = new Map<string, Marker>();
  for (const m of markers) {
    const a = cachedAnchor(layout, m.at, m.node);
    if (a) last.set(`${m.flowId}|${a.x}|${a.y}`, m);
  }
  for (const m of markers) {
    const a = cachedAnchor(layout, m.at, m.node);
    if (!a || last.get(`${m.flowId}|${a.x}|${a.y}`) !== m) continue;
    if (m.kind === 'drop' && policyVerdict(m.event)) {
      denied.set(a, (denied.get(a) ?? 0) + 1);
      continue;
    }
    const kind = m.kind === 'drop' ? 'dropped' : m.kind;
    let column = places.get(a.x);
    if (!column) places.set(a.x, (column = new Map()));
    let g = column.get(a.y);
    if (!g) {
      g = { p: a, kinds: new Map() };
      column.set(a.y, g);
      groups.push(g);
    }
    g.kinds.set(kind, (g.kinds.get(kind) ?? 0) + 1);
  }
  // Zoomed far out (hundreds of Pods), the words would cover the neighbouring cards: badges only.
  const words = v.k >= MARKER_WORDS_ZOOM;
  // Words go where they cover no card's text and no other words (labelPlacement.ts).
  const obstacles = words ? [...cachedCardBoxes(layout, v)] : [];
  for (const { p, kinds } of groups) {
    const x = p.x * v.k + v.x - (words ? 4 : 8);
    let y = p.y * v.k + v.y + (words ? 16 : 8);
    for (const [kind, count] of kinds) {
      if (!words) {
        stamp(ctx, badgeSprite(style, v.dpr, kind, 15), x, y);
        markerBoxes.push({ x: x - 8, y: y - 8, w: 16, h: 16 });
        y += 16;
        continue;
      }
      stamp(ctx, badgeSprite(style, v.dpr, kind, 19), x, y);
      const ws = wordsSprite(style, v.dpr, kind, count);
      const { box } = placeLabel(x, y, 9.5, ws.w, ws.h, obstacles, v);
      stamp(ctx, ws, box.x, box.y);
      obstacles.push(box, { x: x - 10, y: y - 10, w: 20, h: 20 });
      markerBoxes.push(box, { x: x - 10, y: y - 10, w: 20, h: 20 });
      y += 24;
    }
  }
}

/** The cards' boxes for the last layout and view: while the map stands still, every frame reuses them. */
let cardBoxMemo: { layout: TopologyLayout; k: number; x: number; y: number; w: number; h: number; boxes: readonly Rect[] } | null = null;
function cachedCardBoxes(layout: TopologyLayout, v: View): readonly Rect[] {
  const m = cardBoxMemo;
  if (m && m.layout === layout && m.k === v.k && m.x === v.x && m.y === v.y && m.w === v.width && m.h === v.height) return m.boxes;
  const boxes = cardBoxes(layout, v);
  cardBoxMemo = { layout, k: v.k, x: v.x, y: v.y, w: v.width, h: v.height, boxes };
  return boxes;
}

/** The cards' boxes on screen (their text), that outcome words and packet tags must not cover. */
function cardBoxes(layout: TopologyLayout, v: View): Rect[] {
  const out: Rect[] = [];
  const add = (r: Rect) => {
    const x = r.x * v.k + v.x;
    const y = r.y * v.k + v.y;
    const w = r.w * v.k;
    const h = r.h * v.k;
    // Off-screen cards cannot be covered.
    if (x > v.width || y > v.height || x + w < 0 || y + h < 0) return;
    out.push({ x, y, w, h });
  };
  add(layout.client);
  for (const r of layout.lbs.values()) add(r);
  for (const r of layout.services.values()) add(r);
  for (const r of layout.pods.values()) add(r);
  for (const n of layout.nodes.values()) add({ x: n.rect.x, y: n.rect.y - 10, w: n.rect.w, h: 86 });
  return out;
}

/** Screen positions of this frame's packets, reused from frame to frame (no per-frame garbage). */
let buf = new Float64Array(0);
/** A point reused for positions along routes. */
const scratch: Point = { x: 0, y: 0 };
/** This frame's policy drops per anchor, likewise reused. */
const deniedBuf = new Map<Point, number>();

/** Reused per frame: the packets' positions, their tags' widths and requests. */
const tagPoints: Point[] = [];
const tagWidths: number[] = [];
const tagFlows: number[] = [];

function sameFlowNear(flowId: number, x: number, y: number): boolean {
  for (let j = 0; j < tagPoints.length; j++) {
    if (tagFlows[j] === flowId && Math.abs(tagPoints[j]!.x - x) < 8 && Math.abs(tagPoints[j]!.y - y) < 8) return true;
  }
  return false;
}

/** Below this zoom the map shows no tags (its cards are tiles; the colours and the list tell requests apart). */
export const TAG_MIN_ZOOM = 0.25;

/**
 * Each packet's `#N` beside it, off the cards' text, the outcome markers, the hop labels and the other tags
 * (packetTags.ts); none zoomed far out or with more than TAG_MAX_PACKETS on screen, where they
 * would be clutter.
 */
function drawTags(
  ctx: CanvasRenderingContext2D,
  layout: TopologyLayout,
  v: View,
  style: PacketStyle,
  sprites: Frame['sprites'],
  n: number,
): void {
  if (v.k < TAG_MIN_ZOOM) return;
  tagPoints.length = 0;
  tagWidths.length = 0;
  tagFlows.length = 0;
  const obstacles = [...cachedCardBoxes(layout, v), ...markerBoxes];
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    const x = buf[o + 2]!;
    const y = buf[o + 3]!;
    if (Number.isNaN(x) || x < 0 || y < 0 || x > v.width || y > v.height) continue;
    const sp = sprites[i]!;
    // A request and its reply at one place (the delivery) share one tag.
    if (sameFlowNear(sp.flowId, x, y)) continue;
    if (tagPoints.length === TAG_MAX_PACKETS) return;
    tagPoints.push({ x, y });
    tagWidths.push(tagSprite(style, v.dpr, sp.flowId).w);
    tagFlows.push(sp.flowId);
    const label = sp.dwelling ? cachedHopLabel(sp.event) : null;
    if (label) obstacles.push(hopLabelBox(v, x, y, textWidth(`12px ${style.fontFamily}`, label.text)));
  }
  if (tagPoints.length === 0) return;
  const boxes = placeTags(tagPoints, tagWidths, obstacles, v);
  for (let i = 0; i < boxes.length; i++) stamp(ctx, tagSprite(style, v.dpr, tagFlows[i]!), boxes[i]!.x, boxes[i]!.y);
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
    const a = cachedAnchor(layout, current.at, current.node);
    if (a) {
      const s = toScreen(v, a);
      ctx.beginPath();
      ctx.arc(s.x, s.y, 15, 0, TAU);
      ctx.fillStyle = style.halo;
      ctx.fill();
    }
  }

  const denied = deniedBuf;
  denied.clear();
  markerBoxes.length = 0;
  drawMarkers(ctx, layout, v, style, frame.markers, denied);

  // Per packet: trail start (x0, y0), position (x, y); NaN x0 = dwelling, NaN x = not drawable.
  const sprites = frame.sprites;
  const n = sprites.length;
  if (buf.length < n * 4) buf = new Float64Array(Math.max(n * 4, buf.length * 2, 64));
  for (let i = 0; i < n; i++) {
    const sp = sprites[i]!;
    const o = i * 4;
    if (sp.dwelling) {
      const b = cachedAnchor(layout, sp.to, sp.toNode);
      buf[o] = NaN;
      buf[o + 2] = b ? b.x * v.k + v.x : NaN;
      buf[o + 3] = b ? b.y * v.k + v.y : NaN;
      continue;
    }
    // Along the drawn links (routes.ts), the tail a little way back along the same route.
    const r = routeBetween(layout, sp.from, sp.fromNode, sp.to, sp.toNode);
    if (r.pts.length === 0) {
      buf[o + 2] = NaN;
      continue;
    }
    const d = sp.progress * r.length;
    pointAlong(r, d - TAIL / v.k, scratch);
    buf[o] = scratch.x * v.k + v.x;
    buf[o + 1] = scratch.y * v.k + v.y;
    pointAlong(r, d, scratch);
    buf[o + 2] = scratch.x * v.k + v.x;
    buf[o + 3] = scratch.y * v.k + v.y;
  }

  // Trails, one path per colour: a short comet tail behind each moving packet (which way it goes),
  // faint in its far half and stronger near the packet. Tails are capped at TAIL px: stroking whole
  // hop-long lines was most of the canvas's rasterisation time with hundreds of packets (a
  // micro-benchmark of 200 packets: 13–18 ms for whole-hop lines, under 1 ms for these tails).
  const colours = style.flows.length;
  ctx.lineCap = 'round';
  for (let c = 0; c < colours; c++) {
    for (const [from, to, alpha, width] of TAIL_PARTS) {
      let any = false;
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        const o = i * 4;
        const x0 = buf[o]!;
        const x = buf[o + 2]!;
        if (sprites[i]!.flowId % colours !== c || Number.isNaN(x0) || Number.isNaN(x)) continue;
        const y0 = buf[o + 1]!;
        const y = buf[o + 3]!;
        const len = Math.hypot(x - x0, y - y0);
        if (len < 1) continue;
        const k = Math.min(1, TAIL / len);
        ctx.moveTo(x + (x0 - x) * k * from, y + (y0 - y) * k * from);
        ctx.lineTo(x + (x0 - x) * k * to, y + (y0 - y) * k * to);
        any = true;
      }
      if (!any) continue;
      ctx.strokeStyle = style.flows[c]!;
      ctx.globalAlpha = alpha;
      ctx.lineWidth = width;
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;

  // The packets themselves.
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    if (Number.isNaN(buf[o + 2]!)) continue;
    const sp = sprites[i]!;
    stamp(ctx, dotSprite(style, v.dpr, sp.flowId % colours, sp.direction), buf[o + 2]!, buf[o + 3]!);
  }

  drawTags(ctx, layout, v, style, sprites, n);
  drawDenied(ctx, v, style, denied);

  // What a NAT hop rewrote, or that a policy let the packet in or out, next to the packets dwelling
  // there, on top of everything.
  for (let i = 0; i < n; i++) {
    const sp = sprites[i]!;
    const o = i * 4;
    if (!sp.dwelling || Number.isNaN(buf[o + 2]!)) continue;
    const label = cachedHopLabel(sp.event);
    if (label) drawLabel(ctx, style, v, buf[o + 2]!, buf[o + 3]!, label.text, style[label.accent]);
  }
}
