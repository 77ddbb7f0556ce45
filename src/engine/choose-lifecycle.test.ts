import { describe, expect, it } from 'vitest';
import type { Catalog, Context } from '../types';
import { choose } from './choose';
import { TODAY, catalogOf, context, daysAgo, ids, link, product, seedCatalog, upsell } from './test-fixtures';

describe('R7 reorders (account)', () => {
  const account = (extra: Partial<Context>) => context({ placement: 'account', ...extra });

  it('R7: a consumable bought longer ago than replenishDays comes back as a reorder', () => {
    const filters = seedCatalog().byId.get('coffee-filters');
    const offers = choose(seedCatalog(), account({ owned: [{ id: 'coffee-filters', purchasedAt: daysAgo(61) }] }), TODAY);
    expect(structuredClone(offers)).toStrictEqual([
      {
        product: filters,
        kind: 'cross-sell',
        action: 'add',
        anchor: 'coffee-filters',
        anchorTitle: 'Coffee Filters',
        quantity: 1,
        reorder: true,
      },
    ]);
  });

  it.each<[string, Partial<Context>]>([
    ['bought exactly replenishDays ago (not yet due)', { owned: [{ id: 'coffee-filters', purchasedAt: daysAgo(60) }] }],
    ['bought on an unknown date', { owned: [{ id: 'coffee-filters' }] }],
    ['bought on an invalid date', { owned: [{ id: 'coffee-filters', purchasedAt: '2026-02-31' }] }],
    ['bought twice, the latest recently', { owned: [{ id: 'coffee-filters', purchasedAt: daysAgo(100) }, { id: 'coffee-filters', purchasedAt: daysAgo(10) }] }],
    ['due but dismissed', { owned: [{ id: 'coffee-filters', purchasedAt: daysAgo(61) }], dismissed: ['coffee-filters'] }],
    ['due but shown in an earlier slot', { owned: [{ id: 'coffee-filters', purchasedAt: daysAgo(61) }], exclude: ['coffee-filters'] }],
    ['due but already in the cart', { owned: [{ id: 'coffee-filters', purchasedAt: daysAgo(61) }], cart: [{ id: 'coffee-filters', qty: 1 }] }],
    ['due on a non-account placement (post-purchase)', { placement: 'post-purchase', owned: [{ id: 'coffee-filters', purchasedAt: daysAgo(61) }] }],
  ])('R7: no reorder when %s', (_, extra) => {
    expect(choose(seedCatalog(), account(extra), TODAY)).toEqual([]);
  });

  it('R7: no reorder for an out-of-stock consumable', () => {
    const catalog = catalogOf([product('filters', 9, { replenishDays: 60, inStock: false })], []);
    expect(choose(catalog, account({ owned: [{ id: 'filters', purchasedAt: daysAgo(90) }] }), TODAY)).toEqual([]);
  });

  it('R7: an invalid today makes nothing due', () => {
    expect(choose(seedCatalog(), account({ owned: [{ id: 'coffee-filters', purchasedAt: daysAgo(90) }] }), '06/01/2026')).toEqual([]);
  });

  it('R7: reorders rank before other account offers, even above a stronger link', () => {
    const ctx = account({
      owned: [
        { id: 'coffee-machine', purchasedAt: daysAgo(2) },
        { id: 'coffee-filters', purchasedAt: daysAgo(61) },
      ],
    });
    expect(choose(seedCatalog(), ctx, TODAY).map((o) => [o.product.id, o.reorder ?? false])).toEqual([
      ['coffee-filters', true],
      ['descaler', false],
    ]);
  });

  it('R7: several reorders keep anchor order (most recently bought first)', () => {
    const ctx = account({
      owned: [
        { id: 'descaler', purchasedAt: daysAgo(100) },
        { id: 'coffee-filters', purchasedAt: daysAgo(70) },
      ],
    });
    expect(ids(choose(seedCatalog(), ctx, TODAY))).toEqual(['coffee-filters', 'descaler']);
  });

  it('R7: a reorder carries a rating proof when the product has one (no link, so no attach rate)', () => {
    const catalog = catalogOf([product('pods', 30, { replenishDays: 30, rating: 4.7, reviewCount: 12 })], []);
    const [offer] = choose(catalog, account({ owned: [{ id: 'pods', purchasedAt: daysAgo(31) }] }), TODAY);
    expect(offer).toMatchObject({ reorder: true, proof: { type: 'rating', rating: 4.7, reviewCount: 12 } });
    expect(offer).not.toHaveProperty('reason');
  });
});

describe('R11 cold start', () => {
  const catalog = (extra: { xPrice?: number; z?: number; links?: Parameters<typeof catalogOf>[1] } = {}) =>
    catalogOf(
      [
        product('a', 100, { category: 'c' }),
        product('b', 100, { category: 'c' }),
        product('n', 100),
        product('x', extra.xPrice ?? 50),
        product('z', extra.z ?? 20),
      ],
      extra.links ?? [link('a', 'x'), link('category:c', 'z', { reason: 'cold start' })],
    );

  it('R11: a product with no product links gets its category links (seed: a phone without accessories)', () => {
    const offers = choose(seedCatalog(), context({ product: 'phone-y' }), TODAY);
    expect(offers).toEqual([
      expect.objectContaining({ anchor: 'phone-y', kind: 'cross-sell', reason: 'Keeps the screen scratch-free' }),
    ]);
    expect(ids(offers)).toEqual(['screen-guard']);
  });

  it.each<[string, Catalog, Partial<Context>, string[]]>([
    ['a product link qualifies: the category link is not used', catalog(), {}, ['x']],
    ['its only product link is dismissed', catalog(), { dismissed: ['x'] }, ['z']],
    ['its only product link fails price fit', catalog({ xPrice: 150 }), {}, ['z']],
    ['its only product link is for another placement', catalog({ links: [link('a', 'x', { placements: ['cart'] }), link('category:c', 'z')] }), {}, ['z']],
    ['its only product link is for other shoppers', catalog({ links: [link('a', 'x', { segments: ['vip'] }), link('category:c', 'z')] }), {}, ['z']],
    ['its only product link points at an unknown product', catalog({ links: [link('a', 'ghost'), link('category:c', 'z')] }), {}, ['z']],
    ['the category link fails price fit too', catalog({ z: 150 }), { dismissed: ['x'] }, []],
    ['the category product is dismissed too', catalog(), { dismissed: ['x', 'z'] }, []],
  ])('R11: %s', (_, cat, extra, expected) => {
    expect(ids(choose(cat, context({ product: 'a', ...extra }), TODAY))).toEqual(expected);
  });

  it('R11: an anchor without a category gets no cold start', () => {
    expect(choose(catalog(), context({ product: 'n' }), TODAY)).toEqual([]);
  });

  it('R11: cold start is decided per anchor', () => {
    const ctx = context({ placement: 'cart', cart: [{ id: 'a', qty: 1 }, { id: 'b', qty: 1 }] });
    expect(choose(catalog(), ctx, TODAY).map((o) => [o.product.id, o.anchor])).toEqual([
      ['x', 'a'],
      ['z', 'b'],
    ]);
  });

  it('R11: a qualifying upsell also counts as a qualifying product link', () => {
    const cat = catalog({ links: [upsell('a', 'x', { upsell: 'addon' }), link('category:c', 'z')] });
    expect(ids(choose(cat, context({ product: 'a' }), TODAY))).toEqual(['x']);
  });
});

describe('purity and robustness', () => {
  it('R1–R11: deterministic, and leaves its inputs untouched', () => {
    const catalog = seedCatalog();
    const ctx = context({
      placement: 'cart',
      cart: [{ id: 'blender-basic', qty: 1 }, { id: 'phone-x', qty: 1 }, { id: 'beans-1kg', qty: 2 }],
      freeShipping: 900,
    });
    const before = structuredClone({ ctx, products: catalog.products, links: catalog.links });
    const first = choose(catalog, ctx, TODAY);
    expect(choose(catalog, ctx, TODAY)).toStrictEqual(first);
    expect(choose(seedCatalog(), structuredClone(ctx), TODAY)).toStrictEqual(first);
    expect(structuredClone({ ctx, products: catalog.products, links: catalog.links })).toStrictEqual(before);
  });

  const empty = catalogOf([], []);
  const bad = catalogOf([product('a', 100, { category: 'c' })], [link('a', 'ghost'), link('ghost', 'a'), link('category:c', 'ghost')]);
  it.each<[string, Catalog, Context, string]>([
    ['an empty catalog', empty, context({ placement: 'cart', cart: [{ id: 'a', qty: 1 }], owned: [{ id: 'b' }] }), TODAY],
    ['empty everything', empty, context({ customer: {} }), TODAY],
    ['unknown ids everywhere', seedCatalog(), context({ product: 'nope', cart: [{ id: 'nope', qty: 1 }], owned: [{ id: 'gone' }], dismissed: ['x'], exclude: ['y'] }), TODAY],
    ['unknown ids on every placement', seedCatalog(), context({ placement: 'account', owned: [{ id: 'gone', purchasedAt: '1999-01-01' }] }), TODAY],
    ['links to and from unknown products', bad, context({ placement: 'cart', cart: [{ id: 'a', qty: 1 }, { id: 'ghost', qty: 1 }] }), TODAY],
    ['duplicate cart lines', seedCatalog(), context({ placement: 'cart', cart: [{ id: 'phone-x', qty: 1 }, { id: 'phone-x', qty: 1 }] }), TODAY],
    ['zero and negative quantities', seedCatalog(), context({ placement: 'cart', cart: [{ id: 'beans-1kg', qty: 0 }, { id: 'phone-x', qty: -1 }], freeShipping: 50 }), TODAY],
    ['an invalid today', seedCatalog(), context({ placement: 'account', customer: { lastOrder: '2026-02-30' }, owned: [{ id: 'coffee-filters', purchasedAt: 'x' }] }), 'soon'],
  ])('R1–R11: never throws on %s', (_, catalog, ctx, today) => {
    const offers = choose(catalog, ctx, today);
    expect(offers.length).toBeLessThanOrEqual(ctx.max);
    expect(new Set(ids(offers)).size).toBe(offers.length);
  });

  it('R4: duplicate cart lines never produce the same offer twice', () => {
    const ctx = context({ placement: 'cart', cart: [{ id: 'phone-x', qty: 1 }, { id: 'phone-x', qty: 2 }] });
    expect(ids(choose(seedCatalog(), ctx, TODAY))).toEqual(['case-x', 'screen-guard']);
  });
});
