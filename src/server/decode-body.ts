/**
 * A request body's bytes as text. Strict UTF-8 (JSON's encoding, RFC 8259): invalid bytes
 * throw rather than turn into U+FFFD, so random bytes are refused instead of half-parsed.
 */
export function decodeBody(chunks: readonly Uint8Array[]): string {
  let size = 0;
  for (const c of chunks) size += c.byteLength;
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(all);
}
