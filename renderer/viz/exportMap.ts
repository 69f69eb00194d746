/**
 * Export map: the drawing as a standalone SVG file (every element's computed style written inline, so
 * the theme's colours and fonts come along without the app's CSS) or as a PNG drawn from that SVG at
 * twice the size. The whole drawing is exported, whatever the current pan and zoom.
 */

/** Presentation properties copied from the computed style; enough for shapes, lines and text. */
const STYLE_PROPS = [
  'display',
  'visibility',
  'opacity',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
  'text-decoration',
  'paint-order',
] as const;

const COLOR_PROPS = new Set(['fill', 'stroke']);
const PAD = 16;
/** PNG: twice the drawing's size, but at most this many pixels a side (Chromium's canvas limit is 16384). */
const PNG_SCALE = 2;
const PNG_MAX_SIDE = 8192;

/**
 * A CSS colour as `rgb()`/`rgba()`: computed styles may say `color(srgb …)` or `oklab(…)` (color-mix),
 * which SVG viewers outside a browser do not read. One pixel painted and read back, cached per value.
 */
function colorNormalizer(): (value: string) => string {
  const cache = new Map<string, string>();
  let ctx: CanvasRenderingContext2D | null | undefined;
  return (value) => {
    if (value === 'none' || value.startsWith('url(') || /^(rgba?\(|#)/.test(value)) return value;
    const hit = cache.get(value);
    if (hit !== undefined) return hit;
    if (ctx === undefined) {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 1;
      ctx = canvas.getContext('2d', { willReadFrequently: true });
    }
    let out = value;
    if (ctx) {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = value;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      out = a === 255 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 1000) / 1000})`;
    }
    cache.set(value, out);
    return out;
  };
}

const SKIPPED_ATTRIBUTES = new Set(['class', 'style', 'tabindex', 'id']);

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** One element's computed presentation, as an inline `style` value. */
function styleOf(el: Element, normalize: (value: string) => string): string {
  const cs = getComputedStyle(el);
  const parts: string[] = [];
  for (const prop of STYLE_PROPS) {
    const v = cs.getPropertyValue(prop);
    if (v) parts.push(`${prop}:${COLOR_PROPS.has(prop) ? normalize(v) : v}`);
  }
  return parts.join(';');
}

/**
 * The element as SVG markup with its computed style inline, classes and ids dropped; `extra` sets
 * attributes, a null value drops one. Written as text rather than through a styled clone: the page's
 * CSP (style-src 'self') blocks setting style attributes.
 */
function writeElement(el: Element, out: string[], normalize: (value: string) => string, extra: Record<string, string | null> = {}): void {
  const tag = el.localName;
  out.push(`<${tag}`);
  for (const attr of el.attributes) {
    if (!SKIPPED_ATTRIBUTES.has(attr.name) && !(attr.name in extra)) out.push(` ${attr.name}="${escapeXml(attr.value)}"`);
  }
  for (const [k, v] of Object.entries(extra)) if (v !== null) out.push(` ${k}="${escapeXml(v)}"`);
  out.push(` style="${escapeXml(styleOf(el, normalize))}">`);
  for (const child of el.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) out.push(escapeXml(child.textContent ?? ''));
    else if (child.nodeType === Node.ELEMENT_NODE) writeElement(child as Element, out, normalize);
  }
  out.push(`</${tag}>`);
}

/** The map's background colour, for a backdrop rectangle (a PNG without one would be transparent). */
function backdropColor(svg: SVGSVGElement): string {
  for (let el: Element | null = svg; el; el = el.parentElement) {
    const bg = getComputedStyle(el).backgroundColor;
    if (bg && bg !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(bg)) return colorNormalizer()(bg);
  }
  return '#ffffff';
}

export interface MapImage {
  svg: string;
  width: number;
  height: number;
}

/** The drawing as a standalone SVG document, sized to its content (not to the window). */
export function serializeMap(svg: SVGSVGElement): MapImage {
  // Full detail whatever the zoom: semantic zoom hides details at low zoom (class lod-low).
  const lod = svg.classList.contains('lod-low');
  if (lod) svg.classList.remove('lod-low');
  try {
    const content = svg.querySelector(':scope > g');
    const box = content instanceof SVGGraphicsElement ? content.getBBox() : { x: 0, y: 0, width: 800, height: 600 };
    const x = Math.floor(box.x - PAD);
    const y = Math.floor(box.y - PAD);
    const width = Math.ceil(box.width + 2 * PAD);
    const height = Math.ceil(box.height + 2 * PAD);
    const normalize = colorNormalizer();
    const out: string[] = [];
    const backdrop = `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${escapeXml(backdropColor(svg))}"/>`;
    const root = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${width} ${height}" width="${width}" height="${height}"`;
    out.push(`${root} style="${escapeXml(styleOf(svg, normalize))}">`, backdrop);
    for (const child of svg.children) {
      // The content group's pan and zoom (its transform) stay behind: the file shows the whole drawing.
      writeElement(child, out, normalize, child === content ? { transform: null } : {});
    }
    out.push('</svg>');
    const text = out.join('');
    return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`, width, height };
  } finally {
    if (lod) svg.classList.add('lod-low');
  }
}

/** The SVG drawn onto a canvas at twice its size (less for a huge map), as base64 PNG bytes. */
export async function renderPng(image: MapImage): Promise<string> {
  const scale = Math.min(PNG_SCALE, PNG_MAX_SIDE / image.width, PNG_MAX_SIDE / image.height);
  // A data: URL, since the page's CSP allows images from 'self' and data: only (no blob:).
  const img = new Image();
  img.decoding = 'async';
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(image.svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.width * scale));
  canvas.height = Math.max(1, Math.round(image.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to draw the PNG on');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const dataUrl = canvas.toDataURL('image/png');
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}

/** `kube-traffic-map-seed.svg`: the folder's last segment, safe as a file name. */
export function mapFileName(folder: string, ext: 'png' | 'svg'): string {
  const base = folder.split(/[/\\]/).filter(Boolean).pop() ?? '';
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return `kube-traffic-map${safe ? `-${safe.slice(0, 60)}` : ''}.${ext}`;
}
