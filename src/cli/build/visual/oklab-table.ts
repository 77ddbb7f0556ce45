import { modeOklab, modeRgb, useMode } from 'culori/fn';

/**
 * sRGB to OKLab (Björn Ottosson's perceptual colour space, through culori), as a table: a
 * thumbnail of 128 × 128 has 16,384 pixels, and culori's converter, an object per colour,
 * takes about a microsecond each. The table holds every colour at 6 bits a channel (262,144
 * colours, built once in about 0.1 s, 3 MB); the 2 bits dropped move a colour by at most
 * 0.01 in OKLab, half of a just-noticeable difference (about 0.02).
 */
export const CHANNEL_BITS = 6;
const LEVELS = 1 << CHANNEL_BITS;
const SHIFT = 8 - CHANNEL_BITS;

let table: Float32Array | undefined;

/** `[L, a, b]` of each colour, at `oklabIndex(r, g, b)`. */
export function oklabTable(): Float32Array {
  if (table) return table;
  useMode(modeRgb);
  const toOklab = useMode(modeOklab);
  const built = new Float32Array(LEVELS ** 3 * 3);
  // Each 6-bit level stands for the middle of the 4 byte values it holds.
  const level = (k: number) => ((k << SHIFT) + (1 << SHIFT) / 2 - 0.5) / 255;
  let i = 0;
  for (let r = 0; r < LEVELS; r++)
    for (let g = 0; g < LEVELS; g++)
      for (let b = 0; b < LEVELS; b++) {
        const c = toOklab({ mode: 'rgb', r: level(r), g: level(g), b: level(b) });
        built[i++] = c.l;
        built[i++] = c.a;
        built[i++] = c.b;
      }
  return (table = built);
}

/** Where the 8-bit colour (r, g, b) is in `oklabTable()`. */
export const oklabIndex = (r: number, g: number, b: number) => ((((r >> SHIFT) << (2 * CHANNEL_BITS)) | ((g >> SHIFT) << CHANNEL_BITS) | (b >> SHIFT)) * 3);
