// Studio photos of jewellery with known answers, drawn from nothing: the test set of the visual
// descriptor (src/cli/build/visual/), the demo's jewellery corner (scripts/demo-jewellery.mjs)
// and the visual benchmark. Each product is a shape (a necklace, a pair of earrings, a ring)
// in a material (gold, silver, rose gold, matte black), drawn as SVG on a white or light-grey
// studio backdrop with a soft shadow and a vignette; `jewelleryPhoto` then rasterizes it with
// sharp, adds sensor noise and saves it as a low-quality JPEG, so the descriptor meets the
// artefacts of real photos. Everything follows from the spec's `seed`: the same bytes on
// every run.
import { clampChroma, formatHex } from 'culori';
import sharp from 'sharp';
import { seededRandom } from './seeded-random.mjs';

export const SHAPES = ['necklace', 'earrings', 'ring'];
export const MATERIALS = ['gold', 'silver', 'rose-gold', 'matte-black'];
export const BACKDROPS = ['white', 'light-grey'];

/**
 * Each material as OKLCH (lightness, chroma, hue) of its body, and how far its shading goes:
 * `shine` is the lightness of its highlight above the body, `depth` of its shade below. Metals
 * shine; matte black barely does.
 */
const LOOKS = {
  gold: { l: 0.76, c: 0.13, h: 86, shine: 0.17, depth: 0.24 },
  silver: { l: 0.78, c: 0.006, h: 250, shine: 0.2, depth: 0.3 },
  'rose-gold': { l: 0.72, c: 0.085, h: 38, shine: 0.17, depth: 0.24 },
  'matte-black': { l: 0.27, c: 0.004, h: 260, shine: 0.05, depth: 0.08 },
};

/** The backdrops' lightness (OKLCH, neutral) at the centre; the vignette darkens the corners. */
const BACKDROP_L = { white: 0.995, 'light-grey': 0.93 };

/** An OKLCH colour as sRGB hex, its chroma reduced into the gamut where it falls outside. */
const hex = (l, c, h) => formatHex(clampChroma({ mode: 'oklch', l, c, h }, 'oklch'));
const fixed = (x) => Math.round(x * 10) / 10;

/**
 * One product's drawing parameters from its spec: where it sits, its size, its turn, the
 * material's tint of the day (a lot of gold is a little redder or paler than another), the
 * light's direction and the backdrop's tone. `spec`: { shape, material, backdrop, seed }, and
 * optionally the `style` (necklace: 0 a round pendant, 1 a drop, 2 a bar; earrings: 0 studs,
 * 1 drops, 2 hoops; ring: 0–2, thinner to thicker) and whether a ring has a `stone`, which
 * are otherwise drawn at random like the rest.
 */
function layout({ shape, material, backdrop, seed, style, stone }) {
  const random = seededRandom(seed);
  const jitter = (amount) => (random() * 2 - 1) * amount;
  const look = LOOKS[material];
  return {
    shape,
    random,
    cx: 80 + jitter(10),
    cy: 80 + jitter(8),
    scale: 0.82 + random() * 0.3,
    turn: jitter(25),
    light: random() * 360,
    body: { l: look.l + jitter(0.03), c: Math.max(0, look.c * (1 + jitter(0.15))), h: look.h + jitter(5) },
    look,
    backdrop: BACKDROP_L[backdrop] - random() * 0.015,
    // Drawn whether given or not, so a given one changes nothing else about the picture.
    stone: shape === 'ring' && given(stone, random() < 0.4),
    style: given(style, Math.floor(random() * 3)),
  };
}

/** `value` when the spec gives one, else what was drawn. */
const given = (value, drawn) => value ?? drawn;

/**
 * The metal's gradient stops: shade, body, highlight, body, shade (the light's side bright);
 * `compact`: shade, highlight, shade.
 */
function metalStops(p, compact) {
  const { l, c, h } = p.body;
  const { shine, depth } = p.look;
  const at = (dl, dc = 1) => hex(Math.min(0.99, Math.max(0.05, l + dl)), c * dc, h);
  if (compact) return [[0, at(-depth / 2)], [0.5, at(shine / 2, 0.8)], [1, at(-depth / 2)]];
  return [
    [0, at(-depth)],
    [0.35, at(0)],
    [0.5, at(shine, 0.55)],
    [0.65, at(0)],
    [1, at(-depth * 0.7)],
  ];
}

/** The shape's SVG elements, in the 160 × 160 box, painted with `paint` (a fill or stroke reference). */
function shapeElements(p, paint) {
  const s = (v) => fixed(v * p.scale);
  switch (p.shape) {
    case 'necklace': {
      // A chain hanging in a U, and a pendant at its lowest point: round, a drop or a bar.
      const w = s(52);
      const top = -s(44);
      const chain = `<path d="M${-w} ${top}C${-w} ${s(22)} ${w} ${s(22)} ${w} ${top}" fill="none" stroke="${paint}" stroke-width="${fixed(2.4 * p.scale)}"/>`;
      // The pendant hangs from the chain's lowest point, the curve's middle: top / 4 + 3/4 × 22.
      const y = fixed(top / 4 + s(16.5) - 1);
      const pendant = [
        `<circle cy="${fixed(y + s(13))}" r="${s(13)}" fill="${paint}"/>`,
        `<path d="M0 ${y}c${s(12)} ${s(14)} ${s(12)} ${s(28)} 0 ${s(30)}c${-s(12)} ${-s(2)} ${-s(12)} ${-s(16)} 0 ${-s(30)}z" fill="${paint}"/>`,
        `<rect x="${-s(5)}" y="${y}" width="${s(10)}" height="${s(30)}" rx="${s(2)}" fill="${paint}"/>`,
      ][p.style];
      return chain + pendant;
    }
    case 'earrings': {
      // A pair, side by side: studs, drops or hoops.
      const one = (x) =>
        [
          `<circle cx="${x}" r="${s(12)}" fill="${paint}"/>`,
          `<path d="M${x} ${-s(22)}c${s(13)} ${s(16)} ${s(13)} ${s(32)} 0 ${s(36)}c${-s(13)} ${-s(4)} ${-s(13)} ${-s(20)} 0 ${-s(36)}z" fill="${paint}"/>`,
          `<circle cx="${x}" r="${s(17)}" fill="none" stroke="${paint}" stroke-width="${s(5)}"/>`,
        ][p.style];
      return one(-s(26)) + one(s(26));
    }
    case 'ring': {
      // A band seen from above and a little in front, with a small white stone on some.
      const band = `<ellipse rx="${s(34)}" ry="${s(22)}" fill="none" stroke="${paint}" stroke-width="${s(8 + p.style * 2)}"/>`;
      return band + (p.stone ? `<circle cy="${-s(24)}" r="${s(6)}" fill="#f4f8ff" stroke="${paint}" stroke-width="1.5"/>` : '');
    }
  }
  throw new Error(`unknown shape ${p.shape}`);
}

/**
 * The product as an SVG document, 160 × 160 user units drawn at `size` px. `compact`: the
 * demo's tile (no shadow filter or vignette, one gradient of three stops, no size: a few
 * hundred bytes, drawn at 160 px).
 */
export function jewellerySvg(spec, { size = 160, compact = false } = {}) {
  const p = layout(spec);
  const stops = metalStops(p, compact)
    .map(([o, c]) => `<stop offset="${o}" stop-color="${c}"/>`)
    .join('');
  const angle = fixed(p.light);
  const gradient = `<linearGradient id="m" gradientTransform="rotate(${angle} .5 .5)">${stops}</linearGradient>`;
  const bg = hex(p.backdrop, 0, 0);
  const place = `translate(${fixed(p.cx)} ${fixed(p.cy)}) rotate(${fixed(p.turn)})`;
  const body = shapeElements(p, 'url(#m)');
  if (compact)
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 160"><defs>${gradient}</defs><rect width="160" height="160" fill="${bg}"/><g transform="${place}">${body}</g></svg>`;
  const edge = hex(p.backdrop - 0.05, 0, 0);
  const shadow = shapeElements(p, '#000');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 160" width="${size}" height="${size}"><defs>${gradient}` +
    `<radialGradient id="v" r=".75"><stop offset=".45" stop-color="${bg}"/><stop offset="1" stop-color="${edge}"/></radialGradient>` +
    `<filter id="s" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${fixed(2.5 + p.random() * 3)}"/></filter></defs>` +
    `<rect width="160" height="160" fill="url(#v)"/>` +
    `<g transform="translate(${fixed(2 + p.random() * 4)} ${fixed(4 + p.random() * 5)})" opacity="${fixed(12 + p.random() * 14) / 100}" filter="url(#s)"><g transform="${place}">${shadow}</g></g>` +
    `<g transform="${place}">${body}</g></svg>`
  );
}

/**
 * The product as a studio photo: the SVG at `size` px, Gaussian sensor noise of `noise`
 * levels (of 255) per channel, then a JPEG at `quality` (blocking and ringing at the edges).
 */
export async function jewelleryPhoto(spec, { size = 256, noise = 5, quality = 62 } = {}) {
  const { data, info } = await sharp(Buffer.from(jewellerySvg(spec, { size })))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const random = seededRandom(spec.seed ^ 0x5eed);
  for (let i = 0; i < data.length; i++) {
    // Box–Muller, one normal draw per channel value.
    const n = Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
    data[i] = Math.max(0, Math.min(255, Math.round(data[i] + n * noise)));
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }).jpeg({ quality }).toBuffer();
}

/**
 * A set of products with known answers: `perCell` products for every shape, material and
 * backdrop (alternating), each with an id such as `necklace-gold-3` and a seed from `seed`.
 */
export function jewellerySet({ perCell = 8, seed = 1 } = {}) {
  const specs = [];
  for (const shape of SHAPES)
    for (const material of MATERIALS)
      for (let k = 0; k < perCell; k++)
        specs.push({
          id: `${shape}-${material}-${k}`,
          shape,
          material,
          backdrop: BACKDROPS[k % BACKDROPS.length],
          seed: (seed * 7919 + specs.length * 104729) >>> 0,
        });
  return specs;
}
