/**
 * The default descriptor on a generated studio set with known answers
 * (scripts/jewellery-images.mjs): necklaces, earrings and rings in gold, silver, rose gold and
 * matte black, on white and light-grey backdrops, with shadows, a vignette, sensor noise and
 * JPEG artefacts. "The matching earrings for this necklace" are those of its material.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { jewelleryPhoto, jewellerySet, MATERIALS } from '../../../../scripts/jewellery-images.mjs';
import { DEFAULT_MIN_SIMILARITY } from './visual-links';
import { DESCRIPTOR_DIMENSIONS, describePixels, similarity, type Description } from './describe-pixels';
import { picturePixels } from './read-image';

const describeImage = async (bytes: Uint8Array) => describePixels(await picturePixels(sharp, bytes));
const vectorOf = (d: Description) => {
  if ('allBackground' in d) throw new Error('all background');
  return d.vector;
};
const sim = (a: Float32Array, b: Float32Array) => similarity(a, 0, b, 0, DESCRIPTOR_DIMENSIONS);

describe('the default descriptor on generated studio photos', () => {
  // 6 of each shape and material (half on white, half on light grey): 72 photos.
  const set = jewellerySet({ perCell: 6, seed: 20260601 });
  let vectors: Float32Array[];
  let descriptions: Description[];
  beforeAll(async () => {
    descriptions = await Promise.all(set.map(async (spec) => describeImage(await jewelleryPhoto(spec))));
    vectors = descriptions.map(vectorOf);
  });
  const of = (shape: string) => set.flatMap((spec, i) => (spec.shape === shape ? [{ spec, v: vectors[i]! }] : []));

  /** Precision@k of "the k most similar of `to` for each of `from`", same material meaning right. */
  function precision(from: string, to: string, k: number) {
    const candidates = of(to);
    let right = 0;
    for (const anchor of of(from)) {
      const ranked = [...candidates].sort((a, b) => sim(anchor.v, b.v) - sim(anchor.v, a.v));
      right += ranked.slice(0, k).filter((c) => c.spec.material === anchor.spec.material).length / k;
    }
    return right / of(from).length;
  }

  it('masks the studio backdrop of every photo, and finds the product in it', () => {
    for (const d of descriptions) {
      expect(d).toMatchObject({ backdrop: 'plain' });
      // A pair of studs is a few hundred pixels of 16,384; no product fills the frame.
      expect((d as { productShare: number }).productShare).toBeGreaterThan(0.01);
      expect((d as { productShare: number }).productShare).toBeLessThan(0.35);
    }
  });

  it('finds the matching earrings for a necklace: precision@1 ≥ 0.95, and @3', () => {
    const figures = { '@1': precision('necklace', 'earrings', 1), '@3': precision('necklace', 'earrings', 3) };
    console.info(`necklace → earrings of its material, 24 necklaces among 24 earrings: precision@1 ${figures['@1'].toFixed(3)}, @3 ${figures['@3'].toFixed(3)}`);
    expect(figures['@1']).toBeGreaterThanOrEqual(0.95);
    expect(figures['@3']).toBeGreaterThanOrEqual(0.9);
  });

  it('matches across the other shapes too (earrings → necklaces, necklaces → rings, rings → earrings)', () => {
    for (const [from, to] of [['earrings', 'necklace'], ['necklace', 'ring'], ['ring', 'earrings']] as const)
      expect(precision(from, to, 1), `${from} → ${to}`).toBeGreaterThanOrEqual(0.95);
  });

  it('puts the threshold between the same material and another: most same-material pairs pass it, few others do', () => {
    const same: number[] = [];
    const other: number[] = [];
    set.forEach((a, i) =>
      set.forEach((b, j) => {
        if (i < j && a.shape !== b.shape) (a.material === b.material ? same : other).push(sim(vectors[i]!, vectors[j]!));
      }),
    );
    const share = (list: number[]) => list.filter((s) => s >= DEFAULT_MIN_SIMILARITY).length / list.length;
    expect(share(same)).toBeGreaterThan(0.97);
    expect(share(other)).toBeLessThan(0.03);
  });

  it('tells gold from rose gold and silver from matte black, the nearest pairs of materials', () => {
    const mean = (a: string, b: string) => {
      const pairs: number[] = [];
      set.forEach((x, i) => set.forEach((y, j) => x.material === a && y.material === b && x.shape !== y.shape && pairs.push(sim(vectors[i]!, vectors[j]!))));
      return pairs.reduce((s, x) => s + x, 0) / pairs.length;
    };
    for (const material of MATERIALS) expect(mean(material, material), material).toBeGreaterThan(0.9);
    expect(mean('gold', 'rose-gold')).toBeLessThan(DEFAULT_MIN_SIMILARITY - 0.15);
    expect(mean('silver', 'matte-black')).toBeLessThan(DEFAULT_MIN_SIMILARITY - 0.1);
  });
});

describe('pictures that are not a product on a studio backdrop', () => {
  const plain = (background: string, noise = 0) =>
    sharp({ create: { width: 200, height: 160, channels: 3, background, ...(noise && { noise: { type: 'gaussian' as const, mean: 0, sigma: noise } }) } })
      .jpeg({ quality: 60 })
      .toBuffer();

  it('says a picture of nothing but backdrop is all background (white, or light grey with noise)', async () => {
    expect(await describeImage(await plain('#ffffff'))).toEqual({ allBackground: true });
    expect(await describeImage(await plain('#e9e9e9', 4))).toEqual({ allBackground: true });
  });

  it('describes a picture with no plain backdrop whole, and says so', async () => {
    const scene = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160"><rect width="160" height="160" fill="#7a4"/><rect width="80" height="160" fill="#36a"/><circle cx="80" cy="80" r="30" fill="#d4af37"/></svg>',
    );
    expect(await describeImage(scene)).toMatchObject({ backdrop: 'none', productShare: 1 });
  });

  it('lays a cut-out product (transparent PNG) on white, so its backdrop is masked', async () => {
    const cutOut = await sharp(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160"><circle cx="80" cy="80" r="40" fill="#d4af37"/></svg>'))
      .png()
      .toBuffer();
    const d = await describeImage(cutOut);
    expect(d).toMatchObject({ backdrop: 'plain' });
    expect((d as { productShare: number }).productShare).toBeCloseTo((Math.PI * 40 * 40) / (160 * 160), 1);
  });
});
