/**
 * The one hash of the project: shard keys (catalog.md), holdout buckets (R12) and the CLI's
 * order passes all use it, so every part agrees on where a key falls.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a, 32 bits, of the key's UTF-8 bytes, as an unsigned integer. The bytes are encoded
 * inline (as TextEncoder would, a lone surrogate becoming U+FFFD) so that hashing allocates
 * nothing and any other language's FNV-1a over UTF-8 agrees.
 */
export function fnv1a32(key: string): number {
  let hash = FNV_OFFSET;
  const byte = (b: number) => {
    hash = Math.imul(hash ^ b, FNV_PRIME);
  };
  for (let i = 0; i < key.length; i++) {
    let c = key.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = key.charCodeAt(i + 1); // NaN past the end
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else c = 0xfffd; // a lone surrogate has no UTF-8 form
    }
    if (c < 0x80) byte(c);
    else if (c < 0x800) {
      byte(0xc0 | (c >> 6));
      byte(0x80 | (c & 63));
    } else if (c < 0x10000) {
      byte(0xe0 | (c >> 12));
      byte(0x80 | ((c >> 6) & 63));
      byte(0x80 | (c & 63));
    } else {
      byte(0xf0 | (c >> 18));
      byte(0x80 | ((c >> 12) & 63));
      byte(0x80 | ((c >> 6) & 63));
      byte(0x80 | (c & 63));
    }
  }
  return hash >>> 0;
}
