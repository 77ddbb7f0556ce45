import { describe, expect, it } from 'vitest';
import type { Catalog, Context, Customer, Link, Product } from '../types';
import { choose } from './choose';
import { TODAY, catalogOf, context, daysAgo, ids, link, product, seedCatalog, upsell } from './test-fixtures';

describe('R6 segments and upgrades', () => {
  it.each<[string, Customer, string[]]>([
    ['new (nothing known)', {}, ['blender-jar']],
    ['new (zero orders)', { orders: 0 }, ['blender-jar']],
    ['returning', { orders: 2, lastOrder: daysAgo(30) }, ['blender-pro', 'blender-jar']],
    ['vip', { orders: 5 }, ['blender-pro', 'blender-jar']],
    ['lapsed', { orders: 2, lastOrder: daysAgo(181) }, ['blender-pro', 'blender-jar']],
  ])('R6: a %s shopper on the basic blender page', (_, customer, expected) => {
    expect(ids(choose(seedCatalog(), context({ product: 'blender-basic', customer }), TODAY))).toEqual(expected);
  });

  it.each<[string, Customer, string[]]>([
    ['new: the tier upgrade is held back, the add-on is not', {}, ['care-plan-x', 'case-x']],
    ['price-sensitive: the tier upgrade is held back', { orders: 3, priceSensitive: true }, ['care-plan-x', 'case-x']],
    ['returning: the tier upgrade leads', { orders: 3 }, ['phone-x-pro', 'case-x']],
  ])('R6: on the phone page, %s', (_, customer, expected) => {
    expect(ids(choose(seedCatalog(), context({ product: 'phone-x', customer }), TODAY))).toEqual(expected);
  });

  it('R6: a new shopper still gets a quantity upsell', () => {
    expect(ids(choose(seedCatalog(), context({ product: 'beans-1kg', customer: {} }), TODAY))).toEqual(['beans-2kg']);
  });

  it('R6: a shopper who owns something is not new, so the premium upsell shows', () => {
    const ctx = context({ product: 'blender-basic', customer: {}, owned: [{ id: 'coffee-machine' }] });
    expect(ids(choose(seedCatalog(), ctx, TODAY))).toEqual(['blender-pro', 'blender-jar']);
  });
});

describe('R8 price fit', () => {
  const prices = (xPrice: number, customer: Customer = { orders: 2 }, settings?: Partial<Catalog['settings']>, l: Link = link('a', 'x')) =>
    ids(choose(catalogOf([product('a', 100), product('x', xPrice)], [l], settings), context({ product: 'a', customer }), TODAY));

  it.each<[string, () => string[], string[]]>([
    ['a cross-sell at the anchor price is kept', () => prices(100), ['x']],
    ['a cross-sell pricier than its anchor is dropped', () => prices(100.5), []],
    ['price-sensitive: a cross-sell at 30% of the anchor is kept', () => prices(30, { orders: 2, priceSensitive: true }), ['x']],
    ['price-sensitive: a cross-sell above 30% of the anchor is dropped', () => prices(31, { orders: 2, priceSensitive: true }), []],
    ['an upsell at the anchor price is dropped', () => prices(100, undefined, undefined, upsell('a', 'x')), []],
    ['an upsell at exactly 2× (ratio 1) is kept (inclusive)', () => prices(200, undefined, undefined, upsell('a', 'x')), ['x']],
    ['an upsell above 2× (ratio 1) is dropped', () => prices(200.5, undefined, undefined, upsell('a', 'x')), []],
    ['maxUpsellRatio 0.5: 150 is kept', () => prices(150, undefined, { maxUpsellRatio: 0.5 }, upsell('a', 'x', { upsell: 'tier' })), ['x']],
    ['maxUpsellRatio 0.5: 151 is dropped', () => prices(151, undefined, { maxUpsellRatio: 0.5 }, upsell('a', 'x', { upsell: 'tier' })), []],
    ['a quantity upsell above the ratio is dropped', () => prices(201, undefined, undefined, upsell('a', 'x', { upsell: 'quantity' })), []],
    ['an addon upsell at any price is kept', () => prices(900, undefined, undefined, upsell('a', 'x', { upsell: 'addon' })), ['x']],
    ['an upsell without a type is a premium one (new shopper: held back)', () => prices(150, {}, undefined, upsell('a', 'x')), []],
  ])('R8: %s', (_, run, expected) => {
    expect(run()).toEqual(expected);
  });
});

describe('R8 ranking', () => {
  // Two offered products, x before y in the catalog unless a row says otherwise.
  const rank = (x: Partial<Product>, y: Partial<Product>, lx: Partial<Link>, ly: Partial<Link>, yFirst = false) => {
    const px = product('x', 10, x);
    const py = product('y', 10, y);
    const products = [product('a', 100), product('b', 200), ...(yFirst ? [py, px] : [px, py])];
    return ids(choose(catalogOf(products, [link('a', 'y', ly), link('a', 'x', lx)]), context({ product: 'a' }), TODAY));
  };

  it.each<[string, () => string[], string[]]>([
    ['weight first, over attach rate', () => rank({}, {}, { weight: 0.5, attachRate: 0.9 }, { weight: 1 }), ['y', 'x']],
    ['then attach rate, over margin', () => rank({ cost: 0 }, { cost: 9 }, { attachRate: 0.1 }, { attachRate: 0.2 }), ['y', 'x']],
    ['a missing attach rate counts as 0', () => rank({}, {}, {}, { attachRate: 0.01 }), ['y', 'x']],
    ['then margin price − cost', () => rank({ cost: 8 }, { cost: 1 }, {}, {}), ['y', 'x']],
    ['a missing cost is margin 0, below a positive margin', () => rank({}, { cost: 9 }, {}, {}), ['y', 'x']],
    ['a missing cost is margin 0, above a negative margin', () => rank({}, { cost: 12 }, {}, {}), ['x', 'y']],
    ['last, catalog order of the product (x first)', () => rank({}, {}, {}, {}), ['x', 'y']],
    ['last, catalog order of the product (y first)', () => rank({}, {}, {}, {}, true), ['y', 'x']],
  ])('R8: %s', (_, run, expected) => {
    expect(run()).toEqual(expected);
  });

  it('R8: then anchor order (R2), over catalog order', () => {
    const catalog = catalogOf(
      [product('a', 100), product('b', 200), product('x', 10), product('y', 10)],
      [link('a', 'x'), link('b', 'y')],
    );
    const ctx = context({ placement: 'cart', cart: [{ id: 'a', qty: 1 }, { id: 'b', qty: 1 }] });
    expect(ids(choose(catalog, ctx, TODAY))).toEqual(['y', 'x']);
  });

  it('R8: every kind ranks alike: a heavier quantity swap beats a cross-sell on the cart', () => {
    const catalog = catalogOf(
      [product('a', 100), product('x', 10), product('q', 150)],
      [link('a', 'x', { weight: 0.5, attachRate: 0.9 }), upsell('a', 'q', { upsell: 'quantity' })],
    );
    const ctx = context({ placement: 'cart', cart: [{ id: 'a', qty: 2 }] });
    expect(choose(catalog, ctx, TODAY).map((o) => [o.product.id, o.action])).toEqual([
      ['q', 'swap'],
      ['x', 'add'],
    ]);
  });

  it('R8: a product reached from several anchors keeps its best link', () => {
    const catalog = catalogOf(
      [product('a', 100, { title: 'Anchor A' }), product('b', 200, { title: 'Anchor B' }), product('x', 10)],
      [link('a', 'x', { attachRate: 0.3, reason: 'via a' }), link('b', 'x', { weight: 0.5, reason: 'via b' })],
    );
    const ctx = context({ placement: 'cart', cart: [{ id: 'a', qty: 1 }, { id: 'b', qty: 1 }] });
    expect(choose(catalog, ctx, TODAY)).toEqual([
      expect.objectContaining({
        anchor: 'a',
        anchorTitle: 'Anchor A',
        reason: 'via a',
        proof: { type: 'attach', attachRate: 0.3, anchorTitle: 'Anchor A' },
      }),
    ]);
  });

  it('R8: a product linked as both upsell and cross-sell keeps its best link only', () => {
    const catalog = catalogOf(
      [product('a', 100), product('x', 90)],
      [upsell('a', 'x', { upsell: 'addon', weight: 0.4 }), link('a', 'x', { weight: 0.9 })],
    );
    expect(choose(catalog, context({ product: 'a' }), TODAY)).toEqual([expect.objectContaining({ kind: 'cross-sell' })]);
  });
});

describe('R9 how many, which mix', () => {
  it.each<[string, Context]>([
    ['product (deciding)', context({ product: 'phone-x', max: 1 })],
    ['product (committed)', context({ product: 'phone-x', cart: [{ id: 'phone-x', qty: 1 }], max: 1 })],
    ['cart', context({ placement: 'cart', cart: [{ id: 'phone-x', qty: 1 }], max: 1 })],
    ['account', context({ placement: 'account', owned: [{ id: 'coffee-machine' }], max: 1 })],
  ])('R9: max 1 on %s gives exactly one offer', (_, ctx) => {
    expect(choose(seedCatalog(), ctx, TODAY)).toHaveLength(1);
  });

  it('R9: never more than max 2, even with more candidates', () => {
    const ctx = context({ placement: 'post-purchase', cart: [{ id: 'phone-x', qty: 1 }] });
    expect(ids(choose(seedCatalog(), ctx, TODAY))).toEqual(['case-x', 'screen-guard']);
  });

  it.each<[string, Context['max'], string[]]>([
    ['the best upsell first, then the best cross-sell, though the cross-sell ranks higher', 2, ['blender-pro', 'blender-jar']],
    ['with max 1, only the best upsell', 1, ['blender-pro']],
  ])('R9: product page, still deciding: %s', (_, max, expected) => {
    const offers = choose(seedCatalog(), context({ product: 'blender-basic', max }), TODAY);
    expect(ids(offers)).toEqual(expected);
  });

  it.each<[string, Link[], string[]]>([
    ['only upsells: R8 order', [upsell('a', 't', { weight: 0.5 }), upsell('a', 'p')], ['p', 't']],
    ['only cross-sells: R8 order', [link('a', 'x', { weight: 0.5 }), link('a', 'y')], ['y', 'x']],
  ])('R9: product page, still deciding, %s', (_, links, expected) => {
    const catalog = catalogOf([product('a', 100), product('t', 150), product('p', 150), product('x', 10), product('y', 10)], links);
    expect(ids(choose(catalog, context({ product: 'a' }), TODAY))).toEqual(expected);
  });

  it('R9: product page, committed: cross-sells in R8 order', () => {
    const ctx = context({ product: 'phone-x', cart: [{ id: 'phone-x', qty: 1 }] });
    expect(ids(choose(seedCatalog(), ctx, TODAY))).toEqual(['case-x', 'screen-guard']);
  });
});

describe('R9 free-shipping nudge on the cart', () => {
  // Cart subtotal 40. R8 order without a nudge: big, small, mid, mid-too (then the swap q).
  const catalog = catalogOf(
    [product('a', 40), product('big', 30), product('mid', 12), product('mid-too', 12), product('small', 8), product('q', 60)],
    [
      link('a', 'big'),
      link('a', 'mid', { weight: 0.8 }),
      link('a', 'mid-too', { weight: 0.8 }),
      link('a', 'small', { weight: 0.9 }),
      upsell('a', 'q', { upsell: 'quantity', weight: 0.1 }),
    ],
  );
  const cart = [{ id: 'a', qty: 1 }];
  const nudge = (o: { product: { id: string }; unlocksFreeShipping?: boolean }) =>
    o.unlocksFreeShipping ? `${o.product.id}*` : o.product.id;

  it.each<[string, Partial<Context>, string[]]>([
    ['the cheapest item closing the gap of 10 leads (ties in R8 order)', { freeShipping: 50 }, ['mid*', 'big']],
    ['an item priced exactly at the gap closes it', { freeShipping: 52 }, ['mid*', 'big']],
    ['only the best-ranked item closes a gap of 30', { freeShipping: 70 }, ['big*', 'small']],
    ['with max 1, only the nudge', { freeShipping: 50, max: 1 }, ['mid*']],
    ['no cross-sell closes a gap of 60 (a quantity swap does not count): plain R8 order', { freeShipping: 100 }, ['big', 'small']],
    ['subtotal already at the threshold: plain R8 order', { freeShipping: 40 }, ['big', 'small']],
    ['no free-shipping threshold: plain R8 order', {}, ['big', 'small']],
    ['a quantity shown in the cart counts towards the subtotal', { freeShipping: 90, cart: [{ id: 'a', qty: 2 }] }, ['mid*', 'big']],
  ])('R9: %s', (_, extra, expected) => {
    expect(choose(catalog, context({ placement: 'cart', cart, ...extra }), TODAY).map(nudge)).toEqual(expected);
  });

  it.each(['checkout', 'post-purchase'] as const)('R9: no free-shipping nudge on %s', (placement) => {
    const offers = choose(catalog, context({ placement, cart, freeShipping: 50 }), TODAY);
    expect(offers.some((o) => o.unlocksFreeShipping)).toBe(false);
  });
});
