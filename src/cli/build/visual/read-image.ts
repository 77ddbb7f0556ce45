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
 * Any picture sharp reads (JPEG, PNG, WebP, AVIF, GIF, TIFF, SVG) as the descriptor sees it:
 * turned as its EXIF orientation says, transparency laid on white (a cut-out product gets a
 * white backdrop), fitted into 128 × 128 (never enlarged), in sRGB.
 */
const fitted = (sharp: SharpModule, bytes: Uint8Array) =>
  sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true })
    .flatten({ background: '#ffffff' })
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb');

/**
 * The picture's pixels as the descriptor reads them: 8-bit sRGB, 3 channels. Rejects for
 * anything libvips cannot decode (not an image, truncated, too large).
 */
export async function picturePixels(sharp: SharpModule, bytes: Uint8Array): Promise<Pixels> {
  const { data, info } = await fitted(sharp, bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/**
 * The picture as the image cache keeps it (a few kB rather than the original): the same
 * pixels as `picturePixels` gives, in a lossless PNG, which `picturePixels` reads back as they
 * were (it already fits, and has nothing to lay on white).
 */
export async function thumbnail(sharp: SharpModule, bytes: Uint8Array): Promise<Buffer> {
  return fitted(sharp, bytes).png({ compressionLevel: 6 }).toBuffer();
}
