import { describe, expect, it } from 'vitest';
import { fnv1a32 } from '../util/hash';
import { shardOf } from './shard-key';

/** The reference definition, over TextEncoder's bytes, to hold the inline encoder to. */
function reference(key: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(key)) h = Math.imul(h ^ b, 0x01000193);
  return h >>> 0;
}

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes: 1- to 4-byte characters and lone surrogates as TextEncoder does', () => {
    const keys = ['phone-x', 'category:phones', 'café', 'ß', '€uro', '日本語', '😀-emoji', 'a\ud800b', '\udc00', 'x\ud83d', ''];
    for (const key of keys) expect(fnv1a32(key), key).toBe(reference(key));
  });

  it('agrees with the reference on random strings (bounded)', () => {
    let seed = 7;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let n = 0; n < 300; n++) {
      let s = '';
      for (let i = Math.floor(rand() * 12); i > 0; i--) s += String.fromCharCode(Math.floor(rand() * 0x10000));
      expect(fnv1a32(s)).toBe(reference(s));
    }
  });
});

describe('shardOf', () => {
  it('is the hash mod the count, always in range', () => {
    expect(shardOf('foobar', 7)).toBe(0xbf9cf968 % 7);
    for (const id of ['a', 'b', 'phone-x', 'category:phones']) {
      const n = shardOf(id, 16);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(16);
      expect(shardOf(id, 1)).toBe(0);
    }
  });

  it('spreads ids over the shards', () => {
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 8000; i++) counts[shardOf(`product-${i}`, 8)]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });

  it('refuses a count that is not a positive integer', () => {
    for (const count of [0, -1, 1.5, NaN, Infinity]) expect(() => shardOf('a', count)).toThrow(RangeError);
  });
});
