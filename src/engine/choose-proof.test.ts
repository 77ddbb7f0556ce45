import { describe, expect, it } from 'vitest';
import type { Link, Product, Proof, Settings } from '../types';
import { choose } from './choose';
import { SEED_PRODUCTS, TODAY, catalogOf, context, product, seedCatalog, upsell, link } from './test-fixtures';

const seed = (id: string) => SEED_PRODUCTS.find((p) => p.id === id)!;

describe('R10 proof and reason', () => {
  it('R10: a cross-sell carries its link reason and attach-rate proof, nothing invented', () => {
    const ctx = context({ product: 'phone-x', cart: [{ id: 'phone-x', qty: 1 }], max: 1 });
    expect(structuredClone(choose(seedCatalog(), ctx, TODAY))).toStrictEqual([
      {
        product: seed('case-x'),
        kind: 'cross-sell',
        action: 'add',
        anchor: 'phone-x',
        anchorTitle: 'Phone X',
        quantity: 1,
        reason: 'Protects against drops from day one',
        proof: { type: 'attach', attachRate: 0.41, anchorTitle: 'Phone X' },
      },
    ]);
  });

  it('R10: an upsell shows its price difference, and a rating proof without an attach rate', () => {
    const ctx = context({ product: 'blender-basic', max: 1 });
    expect(structuredClone(choose(seedCatalog(), ctx, TODAY))).toStrictEqual([
      {
        product: seed('blender-pro'),
        kind: 'upsell',
        upsell: 'premium',
        action: 'add',
        anchor: 'blender-basic',
        anchorTitle: 'Blender Basic',
        quantity: 1,
        reason: 'Stronger motor and a 3-year warranty',
        priceDelta: 30,
        proof: { type: 'rating', rating: 4.8, reviewCount: 310 },
      },
    ]);
  });

  it('R10: a link without a reason leaves it to the UI default (no reason field), and a cross-sell has no priceDelta', () => {
    const catalog = catalogOf([product('a', 100), product('x', 10)], [link('a', 'x')]);
    const [offer] = choose(catalog, context({ product: 'a' }), TODAY);
    expect(offer).toBeDefined();
    for (const field of ['reason', 'priceDelta', 'proof', 'upsell', 'replaces', 'reorder', 'unlocksFreeShipping']) {
      expect(offer).not.toHaveProperty(field);
    }
  });

  const X = (extra: Partial<Product>) => product('x', 10, extra);
  it.each<[string, Partial<Product>, Partial<Link>, Proof | undefined]>([
    ['attach rate 0.05 is quoted', {}, { attachRate: 0.05 }, { type: 'attach', attachRate: 0.05, anchorTitle: 'A' }],
    ['attach rate beats a rating', { rating: 4.5, reviewCount: 50 }, { attachRate: 0.2 }, { type: 'attach', attachRate: 0.2, anchorTitle: 'A' }],
    ['attach rate 0.049 falls back to the rating', { rating: 4.5, reviewCount: 5 }, { attachRate: 0.049 }, { type: 'rating', rating: 4.5, reviewCount: 5 }],
    ['a rating with 5 reviews is quoted', { rating: 3.9, reviewCount: 5 }, {}, { type: 'rating', rating: 3.9, reviewCount: 5 }],
    ['a rating with 4 reviews is not', { rating: 5, reviewCount: 4 }, {}, undefined],
    ['a rating without a review count is not', { rating: 4.2 }, {}, undefined],
    ['a review count without a rating is not', { reviewCount: 100 }, {}, undefined],
    ['attach rate 0.049 and nothing else gives no proof', {}, { attachRate: 0.049 }, undefined],
  ])('R10: %s', (_, extra, linkExtra, proof) => {
    const catalog = catalogOf([product('a', 100, { title: 'A' }), X(extra)], [link('a', 'x', linkExtra)]);
    const [offer] = choose(catalog, context({ product: 'a' }), TODAY);
    expect(structuredClone(offer?.proof)).toStrictEqual(proof);
  });

  // R10: an attach rate rests on at least `proofMinOrders` orders (default 20) when the link
  // gives `orders`; below that the card falls back to the rating, as with no attach rate.
  const ATTACH: Proof = { type: 'attach', attachRate: 0.3, anchorTitle: 'A' };
  const RATING: Proof = { type: 'rating', rating: 4.5, reviewCount: 40 };
  const RATED: Partial<Product> = { rating: 4.5, reviewCount: 40 };
  it.each<[string, Partial<Link>, Partial<Settings> | undefined, Partial<Product>, Proof | undefined]>([
    ['19 orders, below the default 20: no attach proof, the rating instead', { orders: 19 }, undefined, RATED, RATING],
    ['20 orders, equal to the default: quoted', { orders: 20 }, undefined, RATED, ATTACH],
    ['21 orders, above the default: quoted', { orders: 21 }, undefined, RATED, ATTACH],
    ['no orders given: quoted as before', {}, undefined, RATED, ATTACH],
    ['0 orders under the default: not quoted', { orders: 0 }, undefined, RATED, RATING],
    ['proofMinOrders 50, 49 orders: not quoted', { orders: 49 }, { proofMinOrders: 50 }, RATED, RATING],
    ['proofMinOrders 50, 50 orders: quoted', { orders: 50 }, { proofMinOrders: 50 }, RATED, ATTACH],
    ['proofMinOrders 5, 5 orders (below the default): quoted', { orders: 5 }, { proofMinOrders: 5 }, RATED, ATTACH],
    ['proofMinOrders 0, 0 orders: quoted', { orders: 0 }, { proofMinOrders: 0 }, RATED, ATTACH],
    ['19 orders and no rating: no proof at all', { orders: 19 }, undefined, {}, undefined],
    ['enough orders but attach rate 0.049: the rating', { orders: 500, attachRate: 0.049 }, undefined, RATED, RATING],
  ])('R10 proofMinOrders: %s', (_, linkExtra, settings, extra, proof) => {
    const catalog = catalogOf([product('a', 100, { title: 'A' }), X(extra)], [link('a', 'x', { attachRate: 0.3, ...linkExtra })], settings);
    const [offer] = choose(catalog, context({ product: 'a' }), TODAY);
    expect(structuredClone(offer?.proof)).toStrictEqual(proof);
  });

  it('R10 proofMinOrders: an upsell with too few orders loses its attach proof too', () => {
    const catalog = catalogOf(
      [product('a', 100, { title: 'A' }), product('p', 150)],
      [upsell('a', 'p', { attachRate: 0.12, orders: 3 })],
    );
    const [offer] = choose(catalog, context({ product: 'a' }), TODAY);
    expect(offer).toEqual(expect.objectContaining({ kind: 'upsell', priceDelta: 50 }));
    expect(offer).not.toHaveProperty('proof');
  });

  it('R10 proofMinOrders: too few orders changes only the proof line, not the R8 ranking by attach rate', () => {
    const catalog = catalogOf(
      [product('a', 100, { title: 'A' }), product('x', 10), product('y', 10)],
      [link('a', 'y', { attachRate: 0.1, orders: 200 }), link('a', 'x', { attachRate: 0.4, orders: 2 })],
    );
    const offers = choose(catalog, context({ product: 'a' }), TODAY);
    expect(offers.map((o) => [o.product.id, o.proof?.type])).toEqual([['x', undefined], ['y', 'attach']]);
  });

  it('R10: an upsell quotes its attach rate too (the UI words it as an upgrade)', () => {
    const catalog = catalogOf([product('a', 100, { title: 'A' }), product('p', 150)], [upsell('a', 'p', { attachRate: 0.12 })]);
    expect(choose(catalog, context({ product: 'a' }), TODAY)).toEqual([
      expect.objectContaining({ kind: 'upsell', upsell: 'premium', priceDelta: 50, proof: { type: 'attach', attachRate: 0.12, anchorTitle: 'A' } }),
    ]);
  });

  it('R10: an add-on upsell is bought on top, so it shows its own price and no difference', () => {
    const ctx = context({ placement: 'checkout', cart: [{ id: 'phone-x', qty: 1 }] });
    const offers = choose(seedCatalog(), ctx, TODAY);
    expect(offers).toEqual([
      expect.objectContaining({ product: seed('care-plan-x'), upsell: 'addon', reason: 'Two years of accidental damage cover' }),
    ]);
    expect(offers[0]).not.toHaveProperty('priceDelta');
  });
});
