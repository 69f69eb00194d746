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
import { placeCallout, type Placed } from './labelPlacement';
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

const CALLOUT_FONT_PX = 12;
const CALLOUT_H = 20;
/** Distance from a dwelling packet's centre to its callout (past the dot and its halo). */
const CALLOUT_GAP = 12;

function calloutWidth(style: PacketStyle, text: string): number {
  return textWidth(`${CALLOUT_FONT_PX}px ${style.fontFamily}`, text) + 14;
}

/** A line from the anchor to the nearest point of a callout that had to move away from it, so it still says where. */
function drawLeader(ctx: CanvasRenderingContext2D, color: string, x: number, y: number, box: Rect): void {
  const tx = Math.min(Math.max(x, box.x), box.x + box.w);
  const ty = Math.min(Math.max(y, box.y), box.y + box.h);
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(tx, ty);
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.25;
  ctx.setLineDash([3, 2]);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.arc(x, y, 2.5, 0, TAU);
  ctx.fillStyle = color;
  ctx.fill();
}

/**
 * What a NAT hop rewrote, in a box where placeCallout put it (labelPlacement.ts: beside the packet
 * where that covers no text, further out with a leader line where it would). Drawn directly, not as
 * a sprite: each label reads differently (the Pod's address) and shows for a moment only.
 */
function drawCallout(
  ctx: CanvasRenderingContext2D,
  style: PacketStyle,
  px: number,
  py: number,
  placed: Placed,
  text: string,
  accent: string,
): void {
  const { x, y, w, h } = placed.box;
  if (placed.leader) drawLeader(ctx, accent, px, py, placed.box);
  ctx.fillStyle = style.labelBg;
  ctx.strokeStyle = accent;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 5);
  ctx.fill();
  ctx.stroke();
  ctx.font = `${CALLOUT_FONT_PX}px ${style.fontFamily}`;
  ctx.fillStyle = style.text;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + 7, y + h / 2 + 0.5);
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

/** Where a policy dropped the packet: the crossed-out shield, `h` tall, anchored at its centre (over the card's own shield). */
function deniedSprite(style: PacketStyle, dpr: number, h: number): Sprite {
  const badge = Math.ceil(h * 0.95);
  const H = h + 2;
  return sprite(
    style,
    dpr,
    `denied:${h}`,
    () => ({ w: badge, h: H, ox: badge / 2, oy: H / 2 }),
    (ctx) => paintDeniedShield(ctx, style, badge / 2, H / 2, h),
  );
}

/** The words beside a policy's drop ("dropped by NetworkPolicy ×2"). Anchored at its top-left corner. */
function deniedWordsSprite(style: PacketStyle, dpr: number, count: number): Sprite {
  const text = count > 1 ? `${DENIED_TEXT} ×${count}` : DENIED_TEXT;
  const font = `12px ${style.fontFamily}`;
  return sprite(
    style,
    dpr,
    `denied-words:${count}`,
    (measure) => ({ w: Math.ceil(measure(font, text)) + 10, h: 18, ox: 0, oy: 0 }),
    (ctx, w) => {
      ctx.fillStyle = style.labelBg;
      ctx.strokeStyle = style.danger;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.roundRect(0.5, 0.5, w - 1, 17, 4);
      ctx.fill();
      ctx.stroke();
      ctx.font = font;
      ctx.fillStyle = style.danger;
      ctx.textBaseline = 'middle';
      ctx.fillText(text, 5, 9.5);
    },
  );
}

/** Below this zoom, outcome markers are badges without words (as the cards drop their details). */
export const MARKER_WORDS_ZOOM = 0.45;

function toScreen(v: View, p: Point): Point {
  return { x: p.x * v.k + v.x, y: p.y * v.k + v.y };
}

/** What the packet layer drew this frame where it must not cover text, on screen: for tests (PacketCanvas hands it to them). */
export interface DrawnBox extends Rect {
  kind: 'callout' | 'outcome' | 'denied' | 'tag';
  text: string;
}
/** This frame's drawn boxes (reused; read it before the next frame). */
export const drawnBoxes: DrawnBox[] = [];

/** The text boxes, outcome markers and callouts placed so far this frame, that later ones must not cover (reused). */
const taken: Rect[] = [];

function take(kind: DrawnBox['kind'], text: string, box: Rect): void {
  taken.push(box);
  drawnBoxes.push({ kind, text, x: box.x, y: box.y, w: box.w, h: box.h });
}

/**
 * Policy drops per anchor, counted: drawn on the Pod's shield rather than below it, and over the
 * packets, so a denied packet is seen to hit the shield and go no further; the words go where they
 * cover no text (placeCallout).
 */
function drawDenied(ctx: CanvasRenderingContext2D, v: View, style: PacketStyle, denied: Map<Point, number>): void {
  const words = v.k >= MARKER_WORDS_ZOOM;
  const h = deniedShieldHeight(v.k);
  for (const [p, count] of denied) {
    const x = p.x * v.k + v.x;
    const y = p.y * v.k + v.y;
    stamp(ctx, deniedSprite(style, v.dpr, h), x, y);
    if (!words) continue;
    const ws = deniedWordsSprite(style, v.dpr, count);
    const placed = placeCallout(x, y, ws.w, ws.h, h / 2 + 3, taken, v);
    if (placed.leader) drawLeader(ctx, style.danger, x, y, placed.box);
    stamp(ctx, ws, placed.box.x, placed.box.y);
    take('denied', DENIED_TEXT, placed.box);
  }
}

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
  for (const { p, kinds } of groups) {
    const x = p.x * v.k + v.x;
    const y = p.y * v.k + v.y;
    for (const [kind, count] of kinds) {
      // Badge and words are one box, placed where it covers no text and no other marker.
      const size = words ? 19 : 15;
      const ws = words ? wordsSprite(style, v.dpr, kind, count) : null;
      const w = ws ? size + 3 + ws.w : size;
      const placed = placeCallout(x, y, w, size, 8, taken, v);
      const { box } = placed;
      if (placed.leader) drawLeader(ctx, style[MARKER_TEXT[kind].tone], x, y, box);
      stamp(ctx, badgeSprite(style, v.dpr, kind, size), box.x + size / 2, box.y + size / 2);
      if (ws) stamp(ctx, ws, box.x + size + 3, box.y);
      take('outcome', MARKER_TEXT[kind].text, box);
    }
  }
}

/** The map's words on screen for the last layout, measurement and view: while the map stands still, every frame reuses them. */
let textMemo: {
  layout: TopologyLayout;
  text: readonly Rect[] | null;
  k: number;
  x: number;
  y: number;
  w: number;
  h: number;
  boxes: Rect[];
} | null = null;
function cachedTextBoxes(layout: TopologyLayout, text: readonly Rect[] | null, v: View): Rect[] {
  const m = textMemo;
  if (m && m.layout === layout && m.text === text && m.k === v.k && m.x === v.x && m.y === v.y && m.w === v.width && m.h === v.height)
    return m.boxes;
  // Until the map's words are measured (the first frame), the cards' boxes stand for them.
  const boxes = onScreen(text ?? cardBoxes(layout), v);
  textMemo = { layout, text, k: v.k, x: v.x, y: v.y, w: v.width, h: v.height, boxes };
  return boxes;
}

/** Map boxes on screen; off-screen ones cannot be covered and are left out. */
function onScreen(rects: readonly Rect[], v: View): Rect[] {
  const out: Rect[] = [];
  for (const r of rects) {
    const x = r.x * v.k + v.x;
    const y = r.y * v.k + v.y;
    const w = r.w * v.k;
    const h = r.h * v.k;
    if (x > v.width || y > v.height || x + w < 0 || y + h < 0) continue;
    out.push({ x, y, w, h });
  }
  return out;
}

/** The cards' boxes in map units (their text is inside them). */
function cardBoxes(layout: TopologyLayout): Rect[] {
  return [
    layout.client,
    ...layout.lbs.values(),
    ...layout.hosts.values(),
    ...layout.services.values(),
    ...layout.pods.values(),
    ...[...layout.nodes.values()].map((n) => ({ x: n.rect.x, y: n.rect.y - 10, w: n.rect.w, h: 86 })),
  ];
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
 * Each packet's `#N` beside it, off the map's words, the outcome markers, the callouts and the other tags
 * (packetTags.ts); none zoomed far out or with more than TAG_MAX_PACKETS on screen, where they
 * would be clutter.
 */
function drawTags(ctx: CanvasRenderingContext2D, v: View, style: PacketStyle, sprites: Frame['sprites'], n: number): void {
  if (v.k < TAG_MIN_ZOOM) return;
  tagPoints.length = 0;
  tagWidths.length = 0;
  tagFlows.length = 0;
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    const x = buf[o + 2]!;
    const y = buf[o + 3]!;
    if (Number.isNaN(x) || x < 0 || y < 0 || x > v.width || y > v.height) continue;
    const sp = sprites[i]!;
    // A request and its reply at one place (the delivery) share one tag.
    if (sameFlowNear(sp.flowId, x, y)) continue;
    if (tagPoints.length === TAG_MAX_PACKETS) break;
    tagPoints.push({ x, y });
    tagWidths.push(tagSprite(style, v.dpr, sp.flowId).w);
    tagFlows.push(sp.flowId);
  }
  if (tagPoints.length === 0) return;
  const before = taken.length;
  const boxes = placeTags(tagPoints, tagWidths, taken, v);
  taken.length = before;
  for (let i = 0; i < boxes.length; i++) {
    const box = boxes[i];
    if (!box) continue;
    stamp(ctx, tagSprite(style, v.dpr, tagFlows[i]!), box.x, box.y);
    take('tag', tagText(tagFlows[i]!), box);
  }
}

/** At most this many NAT/policy/DNS callouts at once (the inspector's first): past it they would be clutter, and each costs a search. */
const CALLOUT_MAX = 16;

/** Reused per frame: the callouts to draw (packet position, text, accent, place). */
const callouts: { x: number; y: number; text: string; accent: string; placed: Placed }[] = [];

/**
 * Places what dwelling packets' hops did (NAT rewrites, a policy's allow, a DNS question) where it
 * covers no text: the current hop's first, then the others, one per text and place.
 */
function placeCallouts(style: PacketStyle, v: View, sprites: Frame['sprites'], n: number, current?: PacketEvent): void {
  callouts.length = 0;
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const sp = sprites[i]!;
    if (!sp.dwelling || Number.isNaN(buf[i * 4 + 2]!)) continue;
    if (sp.event === current) order.unshift(i);
    else order.push(i);
  }
  for (const i of order) {
    if (callouts.length === CALLOUT_MAX) break;
    const label = cachedHopLabel(sprites[i]!.event);
    if (!label) continue;
    const x = buf[i * 4 + 2]!;
    const y = buf[i * 4 + 3]!;
    if (callouts.some((c) => c.text === label.text && Math.abs(c.x - x) < 1 && Math.abs(c.y - y) < 1)) continue;
    const placed = placeCallout(x, y, calloutWidth(style, label.text), CALLOUT_H, CALLOUT_GAP, taken, v);
    take('callout', label.text, placed.box);
    callouts.push({ x, y, text: label.text, accent: style[label.accent], placed });
  }
}

/**
 * Draw one frame. `current` is the event in the inspector: its hop gets a halo. `mapText` is every
 * word drawn on the map, in map units (mapTextBoxes.ts): no callout, badge or tag covers one.
 */
export function drawFrame(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  layout: TopologyLayout,
  v: View,
  style: PacketStyle,
  current?: PacketEvent,
  mapText: readonly Rect[] | null = null,
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
  drawnBoxes.length = 0;
  taken.length = 0;
  for (const r of cachedTextBoxes(layout, mapText, v)) taken.push(r);
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

  // Placed before the tags, so tags keep off them; drawn last, on top of everything.
  placeCallouts(style, v, sprites, n, current);
  drawTags(ctx, v, style, sprites, n);
  drawDenied(ctx, v, style, denied);
  for (const c of callouts) drawCallout(ctx, style, c.x, c.y, c.placed, c.text, c.accent);
}
