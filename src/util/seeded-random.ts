/**
 * mulberry32: a tiny seeded PRNG, for everything that must be "random" yet the same on every
 * run: test fixtures, the demo's simulated shoppers. Not for anything secret.
 * (scripts/seeded-random.mjs is the same function for the plain-Node benchmark scripts.)
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
