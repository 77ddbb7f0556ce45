import type { Pixels } from './describe-pixels';
import type { SharpModule } from './visual-peers';

/** The longest side a picture is described at: enough for colours and fine texture, 16,384 pixels at most. */
export const THUMBNAIL_SIZE = 128;

/**
 * Images a store serves are untrusted input to a decoder: past this many pixels (a 10,000 ×
 * 10,000 picture) one is refused before it is decoded.
 */
const MAX_INPUT_PIXELS = 100_000_000;

/**
 * Any picture sharp reads (JPEG, PNG, WebP, AVIF, GIF, TIFF, SVG) as the thumbnail the
 * descriptor reads: turned as its EXIF orientation says, transparency laid on white (a cut-out
 * product gets a white backdrop), fitted into 128 × 128 (never enlarged), in sRGB, as PNG. The
 * image cache keeps this (a few kB) rather than the original: a rerun reads the same pixels.
 * Rejects for anything libvips cannot decode (not an image, truncated, too large).
 */
export async function thumbnail(sharp: SharpModule, bytes: Uint8Array): Promise<Buffer> {
  return sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true })
    .flatten({ background: '#ffffff' })
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .png()
    .toBuffer();
}

/** A thumbnail's pixels: 8-bit sRGB, 3 channels. */
export async function thumbnailPixels(sharp: SharpModule, png: Uint8Array): Promise<Pixels> {
  const { data, info } = await sharp(png).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}
