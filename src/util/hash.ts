/**
 * The one hash of the project: shard keys (catalog.md), holdout buckets (R12) and the CLI's
 * order passes all use it, so every part agrees on where a key falls.
 */
const utf8 = new TextEncoder();

/**
 * FNV-1a, 32 bits, of the key's UTF-8 bytes (TextEncoder's: a lone surrogate becomes U+FFFD),
 * as an unsigned integer, so that any other language's FNV-1a over UTF-8 agrees.
 */
export function fnv1a32(key: string): number {
  let hash = 0x811c9dc5;
  for (const b of utf8.encode(key)) hash = Math.imul(hash ^ b, 0x01000193);
  return hash >>> 0;
}
