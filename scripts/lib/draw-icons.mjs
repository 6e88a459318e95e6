// Draws the Teams app icons: a speech bubble carrying a bridge (Teams ⇄ WhatsApp, one conversation).
// Run once with `node scripts/lib/draw-icons.mjs`; the PNGs it writes to appPackage/ are committed,
// so the package build never depends on drawing code.
import console from 'node:console';
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { PNG } from 'pngjs';

// Bridgeline teal; also the manifest's accentColor.
export const ACCENT = { r: 0x0e, g: 0x6e, b: 0x5c };

// Geometry on a 192-unit grid, scaled to the icon size.
const BUBBLE = { x0: 36, y0: 40, x1: 156, y1: 132, r: 24 };
/** @type {[[number, number], [number, number], [number, number]]} */
const TAIL = [
  [58, 126],
  [98, 126],
  [46, 162],
];
const ARCH_CENTER = { x: 96, y: 152 };

/** @param {number} x @param {number} y */
function inBubble(x, y) {
  const { x0, y0, x1, y1, r } = BUBBLE;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  const inRect = x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  return inRect || inTriangle(x, y);
}

/** @param {number} x @param {number} y */
function inTriangle(x, y) {
  const [a, b, c] = TAIL;
  /** @param {[number, number]} p @param {[number, number]} q */
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/**
 * The bridge: a deck, an arch above it and (when there is room for them) hangers between the two.
 * `stroke` is the line width in grid units: thicker on the 32 px outline so it survives the scale.
 * @param {number} x @param {number} y @param {{ stroke: number, hangers: boolean }} style
 */
function inBridge(x, y, { stroke, hangers }) {
  const deckTop = 108;
  const deckBottom = deckTop + stroke;
  if (x < 50 || x > 142) return false;
  if (y >= deckTop && y <= deckBottom) return true;
  const d = Math.hypot(x - ARCH_CENTER.x, y - ARCH_CENTER.y);
  const outer = 70;
  if (y < deckTop && d <= outer && d >= outer - stroke) return true;
  if (hangers && y < deckTop && d < outer - stroke) {
    return [66, 81, 96, 111, 126].some((hx) => Math.abs(x - hx) <= stroke / 3);
  }
  return false;
}

/**
 * Renders `paint(x, y)` (grid units → RGBA) with 4×4 supersampling so edges are anti-aliased.
 * @param {number} size
 * @param {(x: number, y: number) => [number, number, number, number]} paint
 */
function render(size, paint) {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const n = 4;
  const unit = 192 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = paint((px + (sx + 0.5) / n) * unit, (py + (sy + 0.5) / n) * unit);
          // Premultiplied accumulation keeps edge pixels from darkening toward transparent black.
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

/** Full-colour 192×192: white bubble on a teal square, the bridge in teal inside the bubble. */
export function drawColorIcon() {
  const style = { stroke: 9, hangers: true };
  return render(192, (x, y) => {
    const white = inBubble(x, y) && !inBridge(x, y, style);
    return white ? [255, 255, 255, 1] : [ACCENT.r, ACCENT.g, ACCENT.b, 1];
  });
}

/** Outline 32×32: the white bubble on transparent, the bridge cut out of it. */
export function drawOutlineIcon() {
  const style = { stroke: 14, hangers: false };
  return render(32, (x, y) => [255, 255, 255, inBubble(x, y) && !inBridge(x, y, style) ? 1 : 0]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('../../appPackage/', import.meta.url);
  writeFileSync(new URL('color.png', dir), drawColorIcon());
  writeFileSync(new URL('outline.png', dir), drawOutlineIcon());
  console.log('wrote appPackage/color.png (192×192) and appPackage/outline.png (32×32)');
}
