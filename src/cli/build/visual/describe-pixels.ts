import { oklabIndex, oklabTable } from './oklab-table';

/**
 * The default visual descriptor of `build --visual`: what a product looks like, from one
 * studio photo, with no model. Two parts, both histograms:
 *
 * - **Its colours.** The pixels that are the product (the studio backdrop masked, below), in
 *   OKLab, counted into 85 soft bins: 5 lightness levels (0.1 … 0.9) × a neutral bin and two
 *   chroma rings (0.05, 0.12) of 8 hues each (every 45°). A pixel's count is shared between
 *   the nearest levels, rings and hues in proportion to how near it is (linear), so a colour
 *   on a bin's edge never jumps from one bin to the next. A pixel on the product's outline
 *   counts a quarter: half of it is backdrop, which would make a thin black chain look grey.
 * - **A little texture.** How fast lightness changes across the product (|∇L| between
 *   neighbouring pixels inside it), in 4 soft bins: flat (matte, enamel), low, medium, high
 *   (polished metal's sharp highlights, facets, engraving).
 *
 * The vector is the square roots of both histograms, each normalised, weighted 85 : 15: its
 * dot product with another's is 0.85 × the Bhattacharyya coefficient of their colours + 0.15
 * × that of their textures. That is the `similarity` of a visual link: 1 for the same
 * colours and finish in the same proportions, 0 for nothing in common, whatever the shapes.
 *
 * **The backdrop.** A studio shot has a plain neutral backdrop (white or light grey), lit
 * unevenly (a vignette) with soft shadows under the product. When at least 80% of the
 * picture's 2-pixel border is within 0.06 of the border's median colour and that colour is
 * neutral (chroma < 0.04), the border is the backdrop: a fill from the border takes every
 * pixel reached through steps of less than 0.03 that stays neutral and at most 0.11 darker
 * (shadows, the vignette), and every pixel within 0.035 of the backdrop's colour anywhere is
 * backdrop too (the inside of a ring). What is left is the product. Any other picture (a
 * scene, a coloured backdrop) is described whole, and says so (`backdrop: 'none'`).
 */
export interface Pixels {
  width: number;
  height: number;
  /** 8-bit sRGB, 3 channels, row by row. */
  data: Uint8Array;
}

export type Description =
  | { vector: Float32Array; productShare: number; backdrop: 'plain' | 'none' }
  | { allBackground: true };

const LIGHTNESS = [0.1, 0.3, 0.5, 0.7, 0.9];
const CHROMA = [0, 0.05, 0.12];
const HUES = 8;
/** Bins of one lightness level: the neutral bin, then each ring's hues. */
const PER_LEVEL = 1 + (CHROMA.length - 1) * HUES;
const COLOUR_BINS = LIGHTNESS.length * PER_LEVEL;
const TEXTURE = [0, 0.03, 0.08, 0.2];
export const DESCRIPTOR_DIMENSIONS = COLOUR_BINS + TEXTURE.length;
const COLOUR_WEIGHT = 0.85;
/** A pixel on the product's outline is part backdrop (anti-aliased, a thin chain): it counts a quarter. */
const EDGE_WEIGHT = 0.25;

/** Less of the picture than this being product (0.5%: 82 pixels of 128 × 128) means there is none to see. */
export const MIN_PRODUCT_SHARE = 0.005;

const BORDER = 2;
const PLAIN_SHARE = 0.8;
const PLAIN_DISTANCE = 0.06;
const NEUTRAL_CHROMA = 0.04;
const STEP = 0.03;
const SHADOW = 0.11;
const DRIFT = 0.025;
const BACKDROP_DISTANCE = 0.035;

/**
 * Where `x` falls between the two nearest of `centres` (ascending): the lower one's index, and
 * its share of `x` (the upper one, the next, takes the rest; at either end the end takes all).
 * Written into `into` at `at` and `at + 1`: this runs for every pixel, so it allocates nothing.
 */
function between(x: number, centres: readonly number[], into: Float64Array, at: number): void {
  const last = centres.length - 1;
  let i = 0;
  if (x <= centres[0]!) into[at + 1] = 1;
  else if (x >= centres[last]!) {
    i = last - 1;
    into[at + 1] = 0;
  } else {
    while (x > centres[i + 1]!) i++;
    into[at + 1] = (centres[i + 1]! - x) / (centres[i + 1]! - centres[i]!);
  }
  into[at] = i;
}

const median = (values: Float32Array) => values.sort()[values.length >> 1]!;

/** The descriptor of one picture (a thumbnail: read-image.ts makes them 128 px at most). */
export function describePixels({ width, height, data }: Pixels): Description {
  const n = width * height;
  const table = oklabTable();
  const L = new Float32Array(n);
  const A = new Float32Array(n);
  const B = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    const i = oklabIndex(data[3 * p]!, data[3 * p + 1]!, data[3 * p + 2]!);
    L[p] = table[i]!;
    A[p] = table[i + 1]!;
    B[p] = table[i + 2]!;
  }
  const found = findBackdrop(width, height, L, A, B);
  const plain = found !== undefined;
  // No plain backdrop: the whole picture is described.
  const backdrop = found ?? new Uint8Array(n);

  const colour = new Float64Array(COLOUR_BINS);
  const texture = new Float64Array(TEXTURE.length);
  /** The lightness level, ring and texture bin of the pixel at hand, each with its share (`between`). */
  const bins = new Float64Array(6);
  let product = 0;
  for (let p = 0; p < n; p++) {
    if (backdrop[p]) continue;
    product++;
    const x = p % width;
    const inside = x > 0 && x < width - 1 && p >= width && p < n - width && !backdrop[p - 1] && !backdrop[p + 1] && !backdrop[p - width] && !backdrop[p + width];
    const weight = inside ? 1 : EDGE_WEIGHT;
    between(L[p]!, LIGHTNESS, bins, 0);
    between(Math.sqrt(A[p]! * A[p]! + B[p]! * B[p]!), CHROMA, bins, 2);
    let hue = (Math.atan2(B[p]!, A[p]!) / (2 * Math.PI)) * HUES;
    if (hue < 0) hue += HUES;
    const h0 = Math.floor(hue) % HUES;
    const hw = 1 - (hue - Math.floor(hue));
    const h1 = (h0 + 1) % HUES;
    for (let up = 0; up < 2; up++) {
      const lShare = up ? 1 - bins[1]! : bins[1]!;
      if (lShare === 0) continue;
      const level = bins[0]! + up;
      for (let out = 0; out < 2; out++) {
        const share = weight * lShare * (out ? 1 - bins[3]! : bins[3]!);
        if (share === 0) continue;
        const ring = bins[2]! + out;
        const at = level * PER_LEVEL;
        if (ring === 0) colour[at]! += share;
        else {
          const first = at + 1 + (ring - 1) * HUES;
          colour[first + h0]! += share * hw;
          colour[first + h1]! += share * (1 - hw);
        }
      }
    }
    // Texture inside the product only: its outline against the backdrop is shape, not finish.
    if (!inside) continue;
    const dx = L[p + 1]! - L[p - 1]!;
    const dy = L[p + width]! - L[p - width]!;
    between(Math.sqrt(dx * dx + dy * dy) / 2, TEXTURE, bins, 4);
    texture[bins[4]!]! += bins[5]!;
    texture[bins[4]! + 1]! += 1 - bins[5]!;
  }

  const productShare = product / n;
  if (productShare < MIN_PRODUCT_SHARE) return { allBackground: true };
  const vector = new Float32Array(DESCRIPTOR_DIMENSIONS);
  const textured = texture.some((c) => c > 0);
  // A product too thin to have an inside (a fine chain) is described by its colours alone.
  const colourWeight = textured ? COLOUR_WEIGHT : 1;
  const sum = (h: Float64Array) => h.reduce((s, c) => s + c, 0);
  const colourSum = sum(colour);
  const textureSum = sum(texture);
  for (let i = 0; i < COLOUR_BINS; i++) vector[i] = Math.sqrt((colourWeight * colour[i]!) / colourSum);
  if (textured) for (let i = 0; i < TEXTURE.length; i++) vector[COLOUR_BINS + i] = Math.sqrt(((1 - COLOUR_WEIGHT) * texture[i]!) / textureSum);
  return { vector, productShare, backdrop: plain ? 'plain' : 'none' };
}

/**
 * The backdrop's pixels (1) when the picture has a plain neutral one (see the top of this
 * file), else `undefined`.
 */
function findBackdrop(width: number, height: number, L: Float32Array, A: Float32Array, B: Float32Array): Uint8Array | undefined {
  const border: number[] = [];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (x < BORDER || y < BORDER || x >= width - BORDER || y >= height - BORDER) border.push(y * width + x);
  const pick = (channel: Float32Array) => median(Float32Array.from(border, (p) => channel[p]!));
  const [bl, ba, bb] = [pick(L), pick(A), pick(B)];
  /** Distances in OKLab (Math.hypot is several times slower, and this runs per pixel). */
  const distance = (dl: number, da: number, db: number) => Math.sqrt(dl * dl + da * da + db * db);
  const fromBackdrop = (p: number) => distance(L[p]! - bl, A[p]! - ba, B[p]! - bb);
  const near = border.filter((p) => fromBackdrop(p) < PLAIN_DISTANCE).length;
  if (near < PLAIN_SHARE * border.length || Math.hypot(ba, bb) >= NEUTRAL_CHROMA) return undefined;

  const backdrop = new Uint8Array(width * height);
  // Shadows and the vignette: darker than the backdrop, but as neutral, and smooth.
  const shade = (p: number) => L[p]! >= bl - SHADOW && distance(0, A[p]! - ba, B[p]! - bb) < DRIFT;
  const step = (p: number, q: number) => distance(L[q]! - L[p]!, A[q]! - A[p]!, B[q]! - B[p]!) < STEP;
  const stack: number[] = [];
  for (const p of border)
    if (!backdrop[p] && shade(p)) {
      backdrop[p] = 1;
      stack.push(p);
    }
  const reach = (p: number, q: number) => {
    if (backdrop[q] || !shade(q) || !step(p, q)) return;
    backdrop[q] = 1;
    stack.push(q);
  };
  while (stack.length) {
    const p = stack.pop()!;
    const x = p % width;
    if (x > 0) reach(p, p - 1);
    if (x < width - 1) reach(p, p + 1);
    if (p >= width) reach(p, p - width);
    if (p < backdrop.length - width) reach(p, p + width);
  }
  for (let p = 0; p < backdrop.length; p++) if (!backdrop[p] && fromBackdrop(p) < BACKDROP_DISTANCE) backdrop[p] = 1;
  return backdrop;
}

/**
 * How alike two descriptors (or two unit-length embeddings) are: their dot product, in [0, 1]
 * (a negative cosine, which only embeddings can have, counts as nothing in common).
 */
export function similarity(a: Float32Array, aAt: number, b: Float32Array, bAt: number, dimensions: number): number {
  let sum = 0;
  for (let i = 0; i < dimensions; i++) sum += a[aAt + i]! * b[bAt + i]!;
  return Math.min(1, Math.max(0, sum));
}
