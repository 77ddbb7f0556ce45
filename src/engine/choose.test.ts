import { describe, expect, it } from 'vitest';
import type { Context, Link, Placement } from '../types';
import { choose } from './choose';
import { TODAY, catalogOf, context, daysAgo, ids, link, product, seedCatalog, upsell } from './test-fixtures';

describe('R1 relevance', () => {
  it('R1: only products linked from the anchor are offered', () => {
    const offers = choose(seedCatalog(), context({ product: 'phone-x', cart: [{ id: 'phone-x', qty: 1 }] }), TODAY);
    expect(ids(offers)).toEqual(['case-x', 'screen-guard']);
    expect(offers.every((o) => o.anchor === 'phone-x')).toBe(true);
  });

  it.each<[string, Context]>([
    ['a product with no links and no category links', context({ product: 'blender-jar' })],
    ['a product the catalog does not know', context({ product: 'toaster' })],
    ['a product page with no product', context()],
    ['an empty cart', context({ placement: 'cart' })],
    ['an account with nothing owned', context({ placement: 'account' })],
  ])('R1: nothing qualifies, nothing is offered: %s', (_, ctx) => {
    expect(choose(seedCatalog(), ctx, TODAY)).toEqual([]);
  });

  it('R1: never pads: one qualifying product gives one offer even with max 2', () => {
    const ctx = context({ product: 'blender-basic', cart: [{ id: 'blender-basic', qty: 1 }] });
    expect(ids(choose(seedCatalog(), ctx, TODAY))).toEqual(['blender-jar']);
  });

  it('R1: follows the anchors links only, never scanning all products or links', () => {
    const catalog = seedCatalog();
    const noScan = {
      ...catalog,
      get products(): never {
        throw new Error('scanned products');
      },
      get links(): never {
        throw new Error('scanned links');
      },
    };
    expect(ids(choose(noScan, context({ product: 'phone-y' }), TODAY))).toEqual(['screen-guard']);
  });
});

describe('R2 anchors by placement', () => {
  // Each anchor links to one equally ranked cross-sell, so the offers show the anchor order.
  const catalog = catalogOf(
    [product('cheap', 50), product('dear', 200), product('dear-too', 200), product('for-cheap', 5), product('for-dear', 5), product('for-dear-too', 5)],
    [link('cheap', 'for-cheap'), link('dear', 'for-dear'), link('dear-too', 'for-dear-too')],
  );

  it.each<Placement>(['cart', 'checkout', 'post-purchase'])('R2: on %s the highest unit price anchors first', (placement) => {
    // checkout offers no cross-sells (R3): use anchors via a catalog of add-ons there.
    const cat =
      placement === 'checkout'
        ? catalogOf(
            [product('cheap', 50), product('dear', 200), product('for-cheap', 5), product('for-dear', 5)],
            [upsell('cheap', 'for-cheap', { upsell: 'addon' }), upsell('dear', 'for-dear', { upsell: 'addon' })],
          )
        : catalog;
    const ctx = context({ placement, cart: [{ id: 'cheap', qty: 10 }, { id: 'dear', qty: 1 }] });
    const offers = choose(cat, ctx, TODAY);
    expect(offers.map((o) => o.anchor)).toEqual(['dear', 'cheap']);
  });

  it.each<[string, string[], string[]]>([
    ['dear first', ['dear', 'dear-too'], ['for-dear', 'for-dear-too']],
    ['dear-too first', ['dear-too', 'dear'], ['for-dear-too', 'for-dear']],
  ])('R2: on cart, equal prices keep the context order (%s)', (_, cart, expected) => {
    const ctx = context({ placement: 'cart', cart: cart.map((id) => ({ id, qty: 1 })) });
    expect(ids(choose(catalog, ctx, TODAY))).toEqual(expected);
  });

  it.each<[string, Context['owned'], string[]]>([
    ['most recent first', [{ id: 'dear', purchasedAt: daysAgo(40) }, { id: 'cheap', purchasedAt: daysAgo(2) }], ['for-cheap', 'for-dear']],
    ['missing date last', [{ id: 'cheap' }, { id: 'dear', purchasedAt: daysAgo(400) }], ['for-dear', 'for-cheap']],
    ['invalid date last', [{ id: 'cheap', purchasedAt: '2026-13-45' }, { id: 'dear', purchasedAt: daysAgo(400) }], ['for-dear', 'for-cheap']],
    ['same date keeps context order', [{ id: 'dear-too', purchasedAt: daysAgo(5) }, { id: 'dear', purchasedAt: daysAgo(5) }], ['for-dear-too', 'for-dear']],
    ['no dates keep context order', [{ id: 'cheap' }, { id: 'dear' }], ['for-cheap', 'for-dear']],
    ['an owned duplicate counts at its latest purchase', [{ id: 'dear', purchasedAt: daysAgo(1) }, { id: 'cheap', purchasedAt: daysAgo(9) }, { id: 'cheap', purchasedAt: daysAgo(0) }], ['for-cheap', 'for-dear']],
  ])('R2: on account, owned products anchor %s', (_, owned, expected) => {
    expect(ids(choose(catalog, context({ placement: 'account', owned }), TODAY))).toEqual(expected);
  });

  it('R2: on product, only the page product anchors (cart lines do not)', () => {
    const ctx = context({ product: 'cheap', cart: [{ id: 'dear', qty: 1 }] });
    expect(ids(choose(catalog, ctx, TODAY))).toEqual(['for-cheap']);
  });
});

describe('R3 what each placement may offer', () => {
  const catalog = catalogOf(
    [product('a', 100), product('x', 50), product('t', 150), product('p', 150), product('q', 150), product('w', 20)],
    [],
  );
  const LINKS: [string, Link][] = [
    ['cross-sell', link('a', 'x')],
    ['tier', upsell('a', 't', { upsell: 'tier' })],
    ['premium', upsell('a', 'p', { upsell: 'premium' })],
    ['quantity', upsell('a', 'q', { upsell: 'quantity' })],
    ['addon', upsell('a', 'w', { upsell: 'addon' })],
  ];
  const line = [{ id: 'a', qty: 1 }];
  const ROWS: [string, Context, string[]][] = [
    ['product, still deciding', context({ product: 'a' }), ['cross-sell', 'tier', 'premium', 'quantity', 'addon']],
    ['product, committed (in the cart)', context({ product: 'a', cart: line }), ['cross-sell']],
    ['cart', context({ placement: 'cart', cart: line }), ['cross-sell', 'quantity']],
    ['checkout', context({ placement: 'checkout', cart: line }), ['addon']],
    ['post-purchase', context({ placement: 'post-purchase', cart: line }), ['cross-sell']],
    ['account', context({ placement: 'account', owned: [{ id: 'a', purchasedAt: daysAgo(3) }] }), ['cross-sell']],
  ];

  describe.each(ROWS)('R3: on %s', (_, ctx, allowed) => {
    it.each(LINKS.map(([kind, l]) => [kind, allowed.includes(kind) ? 'offered' : 'not offered', l] as const))(
      'R3: %s links are %s',
      (kind, _verdict, l) => {
        const offers = choose(catalogOf(catalog.products, [l]), ctx, TODAY);
        expect(ids(offers)).toEqual(allowed.includes(kind) ? [l.to] : []);
      },
    );
  });

  it('R3: a quantity upsell on the cart swaps the line, keeping its quantity', () => {
    const ctx = context({ placement: 'cart', cart: [{ id: 'beans-1kg', qty: 3 }] });
    expect(choose(seedCatalog(), ctx, TODAY)).toEqual([
      expect.objectContaining({ action: 'swap', replaces: 'beans-1kg', quantity: 3, kind: 'upsell', upsell: 'quantity', priceDelta: 20 }),
    ]);
  });

  it('R3: duplicate cart lines of one product swap as one line with the summed quantity', () => {
    const ctx = context({ placement: 'cart', cart: [{ id: 'beans-1kg', qty: 1 }, { id: 'beans-1kg', qty: 2 }] });
    expect(choose(seedCatalog(), ctx, TODAY)).toEqual([expect.objectContaining({ action: 'swap', quantity: 3 })]);
  });

  it.each<[string, Context]>([
    ['a quantity upsell on the product page', context({ product: 'beans-1kg' })],
    ['a cross-sell on the cart', context({ placement: 'cart', cart: [{ id: 'blender-basic', qty: 4 }] })],
    ['an addon at checkout', context({ placement: 'checkout', cart: [{ id: 'phone-x', qty: 2 }] })],
  ])('R3: %s is added once (action add, quantity 1, no replaces)', (_, ctx) => {
    const [offer] = choose(seedCatalog(), ctx, TODAY);
    expect(offer).toMatchObject({ action: 'add', quantity: 1 });
    expect(offer).not.toHaveProperty('replaces');
  });
});

describe('R4 suppression', () => {
  const catalog = catalogOf(
    [product('a', 100), product('b', 100), product('x', 50), product('y', 40)],
    [link('a', 'x'), link('a', 'y', { weight: 0.5 }), link('b', 'x')],
  );
  const onA = (extra: Partial<Context> = {}) => context({ product: 'a', ...extra });

  it('R4: baseline, nothing suppressed', () => {
    expect(ids(choose(catalog, onA(), TODAY))).toEqual(['x', 'y']);
  });

  it.each<[string, Context]>([
    ['in the cart', onA({ cart: [{ id: 'x', qty: 1 }] })],
    ['owned', onA({ owned: [{ id: 'x', purchasedAt: daysAgo(400) }] })],
    ['dismissed', onA({ dismissed: ['x'] })],
    ['shown in an earlier slot (exclude)', onA({ exclude: ['x'] })],
    ['the page product (on the cart placement)', context({ placement: 'cart', product: 'x', cart: [{ id: 'a', qty: 1 }] })],
  ])('R4: a product %s is never offered', (_, ctx) => {
    expect(ids(choose(catalog, ctx, TODAY))).toEqual(['y']);
  });

  it('R4: a product with inStock false is never offered', () => {
    const cat = catalogOf([product('a', 100), product('x', 50, { inStock: false }), product('y', 40)], catalog.links);
    expect(ids(choose(cat, onA(), TODAY))).toEqual(['y']);
  });

  it('R4: a product reached by two links of one anchor is offered once', () => {
    const cat = catalogOf(catalog.products, [link('a', 'x'), link('a', 'x', { weight: 0.2 }), link('a', 'y', { weight: 0.5 })]);
    expect(ids(choose(cat, onA(), TODAY))).toEqual(['x', 'y']);
  });

  it('R4: a product reached from two anchors is offered once', () => {
    const ctx = context({ placement: 'cart', cart: [{ id: 'a', qty: 1 }, { id: 'b', qty: 1 }] });
    expect(ids(choose(catalog, ctx, TODAY))).toEqual(['x', 'y']);
  });

  it('R4: anchors that link to each other are never offered', () => {
    const cat = catalogOf([product('a', 100), product('b', 100)], [link('a', 'b'), link('b', 'a')]);
    const ctx = context({ placement: 'cart', cart: [{ id: 'a', qty: 1 }, { id: 'b', qty: 1 }] });
    expect(choose(cat, ctx, TODAY)).toEqual([]);
  });
});

describe('R5 link eligibility', () => {
  const catalog = (extra: Partial<Link>) => catalogOf([product('a', 100), product('x', 50)], [link('a', 'x', extra)]);

  it.each<[string, boolean, Partial<Link>, Context]>([
    ['placements lists this placement', true, { placements: ['product', 'cart'] }, context({ product: 'a' })],
    ['placements leaves this placement out', false, { placements: ['cart'] }, context({ product: 'a' })],
    ['placements is empty', false, { placements: [] }, context({ product: 'a' })],
    ['segments lists the shopper', true, { segments: ['vip'] }, context({ product: 'a', customer: { orders: 7 } })],
    ['segments leaves the shopper out', false, { segments: ['vip'] }, context({ product: 'a', customer: { orders: 2 } })],
    ['segments lists new, shopper is new', true, { segments: ['new'] }, context({ product: 'a', customer: {} })],
    ['minCartValue is reached exactly', true, { minCartValue: 100 }, context({ product: 'a', cart: [{ id: 'a', qty: 1 }] })],
    ['minCartValue is missed by a cent', false, { minCartValue: 100.01 }, context({ product: 'a', cart: [{ id: 'a', qty: 1 }] })],
    ['minCartValue counts quantities', true, { minCartValue: 300 }, context({ placement: 'cart', cart: [{ id: 'a', qty: 3 }] })],
    ['minCartValue ignores unknown cart ids', false, { minCartValue: 101 }, context({ placement: 'cart', cart: [{ id: 'a', qty: 1 }, { id: 'ghost', qty: 5 }] })],
    ['minCartValue on an empty cart', false, { minCartValue: 1 }, context({ product: 'a' })],
    ['minCartValue 0 on an empty cart', true, { minCartValue: 0 }, context({ product: 'a' })],
  ])('R5: %s → offered: %s', (_, applies, extra, ctx) => {
    expect(ids(choose(catalog(extra), ctx, TODAY))).toEqual(applies ? ['x'] : []);
  });
});
