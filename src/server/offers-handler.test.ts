import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../catalog/parse-catalog';
import { choose } from '../engine/choose';
import { catalogOf, daysAgo, link, product, seedCatalog, TODAY } from '../engine/test-fixtures';
import type { Offer } from '../types';
import { handleOffersRequest, type OfferJson } from './offers-handler';
import { MAX_LIST, readOffersRequest } from './read-offers-request';

type Obj = Record<string, unknown>;
const catalog = seedCatalog();

/** A valid request of every field (the spec's example, on the seed store). */
const FULL: Obj = {
  version: 1,
  placement: 'cart',
  product: null,
  cart: [{ id: 'phone-x', qty: 1 }],
  owned: [{ id: 'case-x', purchasedAt: '2026-01-02' }],
  customer: { orders: 3, spent: 420, lastOrder: '2026-05-01', priceSensitive: false },
  dismissed: ['screen-guard'],
  exclude: ['earbuds'],
  max: 2,
  freeShipping: 50,
  locale: 'en-US',
  today: TODAY,
};
const post = (body: unknown) => handleOffersRequest(body, catalog, TODAY);
const error = (body: unknown) => {
  const answer = post(body);
  expect(answer.status).toBe(400);
  return answer.body as { error: string; field: string };
};

describe('handleOffersRequest: bad requests', () => {
  // Each row breaks one field of FULL; the answer must name exactly it.
  const rows: [field: string, change: Obj, message?: RegExp][] = [
    ['version', { version: undefined }, /^version: missing, expected 1$/],
    ['version', { version: 2 }, /^version: expected 1$/],
    ['version', { version: '1' }],
    ['placement', { placement: undefined }, /missing, expected one of "product", "cart"/],
    ['placement', { placement: 'home' }],
    ['product', { product: 7 }],
    ['product', { product: '' }],
    ['product', { product: 'x'.repeat(129) }],
    ['cart', { cart: {} }, /^cart: expected an array of at most 500 lines$/],
    ['cart', { cart: Array.from({ length: MAX_LIST + 1 }, () => ({ id: 'a', qty: 1 })) }],
    ['cart[0]', { cart: ['phone-x'] }],
    ['cart[0].id', { cart: [{ qty: 1 }] }, /^cart\[0\]\.id: missing, expected a string/],
    ['cart[1].qty', { cart: [{ id: 'a', qty: 1 }, { id: 'b', qty: 0 }] }, /^cart\[1\]\.qty: expected an integer ≥ 1$/],
    ['cart[2].qty', { cart: [{ id: 'a', qty: 1 }, { id: 'b', qty: 1 }, { id: 'c', qty: 1.5 }] }],
    ['cart[0].qty', { cart: [{ id: 'a', qty: '2' }] }],
    ['cart[0].qty', { cart: [{ id: 'a' }] }, /missing/],
    ['owned', { owned: 'case-x' }],
    ['owned[0].id', { owned: [{ id: 3 }] }],
    ['owned[0].purchasedAt', { owned: [{ id: 'a', purchasedAt: '2026-02-30' }] }, /expected a date YYYY-MM-DD/],
    ['customer', { customer: [] }],
    ['customer.orders', { customer: { orders: -1 } }],
    ['customer.orders', { customer: { orders: 2.5 } }],
    ['customer.spent', { customer: { spent: '420' } }],
    ['customer.lastOrder', { customer: { lastOrder: '01/05/2026' } }],
    ['customer.priceSensitive', { customer: { priceSensitive: 'yes' } }],
    ['dismissed', { dismissed: 'screen-guard' }],
    ['dismissed[1]', { dismissed: ['a', 5] }],
    ['exclude[0]', { exclude: [null] }],
    ['max', { max: 3 }, /^max: expected 1 or 2$/],
    ['max', { max: '2' }],
    ['freeShipping', { freeShipping: -1 }],
    ['freeShipping', { freeShipping: '50' }],
    ['locale', { locale: 5 }],
    ['today', { today: '2026-13-01' }],
    ['today', { today: 20260101 }],
  ];
  it.each(rows)('names %s', (field, change, message) => {
    const body = { ...FULL, ...change };
    for (const key of Object.keys(change)) if (change[key] === undefined) delete body[key];
    const answer = error(body);
    expect(answer.field).toBe(field);
    expect(answer.error.startsWith(field + ': ')).toBe(true);
    if (message) expect(answer.error).toMatch(message);
  });

  it('names the body itself ($) when it is not an object', () => {
    for (const body of [null, 1, 'x', [], true]) expect(error(body)).toEqual({ error: '$: expected a JSON object', field: '$' });
  });

  it('reports the first bad field in the order of the spec', () => {
    expect(error({ ...FULL, version: 2, placement: 'nope', max: 9 }).field).toBe('version');
    expect(error({ ...FULL, cart: [{ id: 'a', qty: 0 }], max: 9 }).field).toBe('cart[0].qty');
  });

  it('ignores fields it does not know, and own properties only', () => {
    expect(post({ ...FULL, theme: 'dark', extra: { deep: [1] } }).status).toBe(200);
    // JSON.parse makes "__proto__" an own property; it must not turn into a prototype.
    expect(post(JSON.parse('{"version":1,"placement":"cart","__proto__":{"max":9}}')).status).toBe(200);
  });
});

describe('handleOffersRequest: good requests', () => {
  it('reads every field of the spec example into the context', () => {
    const read = readOffersRequest(FULL);
    expect(read).toEqual({
      ok: true,
      today: TODAY,
      context: {
        placement: 'cart',
        cart: [{ id: 'phone-x', qty: 1 }],
        owned: [{ id: 'case-x', purchasedAt: '2026-01-02' }],
        customer: { orders: 3, spent: 420, lastOrder: '2026-05-01', priceSensitive: false },
        dismissed: ['screen-guard'],
        exclude: ['earbuds'],
        max: 2,
        freeShipping: 50,
      },
    });
  });

  it('defaults what is absent or null: no product, empty lists, unknown customer, max 2', () => {
    const read = readOffersRequest({ version: 1, placement: 'product', cart: null, customer: null, freeShipping: null });
    expect(read).toEqual({ ok: true, context: { placement: 'product', cart: [], owned: [], customer: {}, dismissed: [], exclude: [], max: 2 } });
  });

  // Requests across placements and shoppers; each must give exactly what choose() gives.
  const requests: Obj[] = [
    { version: 1, placement: 'product', product: 'phone-x' },
    { version: 1, placement: 'product', product: 'phone-x', customer: { orders: 0 } },
    { version: 1, placement: 'product', product: 'blender-basic', max: 1 },
    { version: 1, placement: 'cart', cart: [{ id: 'beans-1kg', qty: 3 }] },
    { version: 1, placement: 'cart', cart: [{ id: 'phone-x', qty: 1 }], freeShipping: 850 },
    { version: 1, placement: 'checkout', cart: [{ id: 'phone-x', qty: 1 }] },
    { version: 1, placement: 'account', owned: [{ id: 'descaler', purchasedAt: daysAgo(120) }, { id: 'coffee-machine' }] },
    { version: 1, placement: 'post-purchase', cart: [{ id: 'coffee-machine', qty: 1 }], dismissed: ['descaler'] },
    FULL,
  ];
  it.each(requests.map((r, i) => [i, r] as const))('request %i: the same offers as choose()', (_, body) => {
    const answer = post(body);
    expect(answer.status).toBe(200);
    const read = readOffersRequest(body);
    if (!read.ok) throw new Error(read.error);
    const direct = choose(catalog, read.context, TODAY);
    const offers = (answer.body as { offers: OfferJson[] }).offers;
    expect(offers.map(essentials)).toEqual(direct.map(essentials));
    expect(offers.length).toBeLessThanOrEqual((body.max as number | undefined) ?? 2);
  });

  it('sends the spec response shape, with only the fields that are set', () => {
    const answer = post({ version: 1, placement: 'product', product: 'phone-x', max: 2 });
    expect(answer).toEqual({
      status: 200,
      body: {
        currency: 'USD',
        offers: [
          {
            kind: 'upsell',
            upsell: 'addon',
            action: 'add',
            anchor: 'phone-x',
            anchorTitle: 'Phone X',
            quantity: 1,
            reason: 'Two years of accidental damage cover',
            product: { id: 'care-plan-x', title: 'Care Plan X', price: 149, url: '/products/care-plan-x' },
          },
          {
            kind: 'cross-sell',
            action: 'add',
            anchor: 'phone-x',
            anchorTitle: 'Phone X',
            quantity: 1,
            reason: 'Protects against drops from day one',
            proof: { attachRate: 0.41 },
            product: { id: 'case-x', title: 'Case X', price: 29, url: '/products/case-x' },
          },
        ],
      },
    });
  });

  it('maps a cart swap, a rating proof and the free-shipping nudge', () => {
    const swap = (post({ version: 1, placement: 'cart', cart: [{ id: 'beans-1kg', qty: 3 }] }).body as { offers: OfferJson[] }).offers;
    expect(swap[0]).toMatchObject({ kind: 'upsell', upsell: 'quantity', action: 'swap', replaces: 'beans-1kg', quantity: 3, priceDelta: 20 });
    const rated = handleOffersRequest(
      { version: 1, placement: 'product', product: 'a' },
      catalogOf([product('a', 100), product('b', 20, { rating: 4.8, reviewCount: 310, image: '/b.jpg', variantId: 'v-b' })], [link('a', 'b')]),
      TODAY,
    ).body as { offers: OfferJson[] };
    expect(rated.offers[0]).toMatchObject({
      proof: { rating: 4.8, reviewCount: 310 },
      product: { id: 'b', image: '/b.jpg', variantId: 'v-b' },
    });
    const nudge = (post({ version: 1, placement: 'cart', cart: [{ id: 'phone-x', qty: 1 }], freeShipping: 820 }).body as { offers: OfferJson[] })
      .offers;
    // The gap is 21: the case (29) closes it, the screen guard (19) would not.
    expect(nudge[0]).toMatchObject({ unlocksFreeShipping: true, product: { id: 'case-x' } });
    expect(nudge[1]!.unlocksFreeShipping).toBeUndefined();
  });

  it('uses the request date, else the server date', () => {
    const owned = [{ id: 'descaler', purchasedAt: '2026-01-01' }];
    const early = post({ version: 1, placement: 'account', owned, today: '2026-02-01' }).body as { offers: OfferJson[] };
    const late = handleOffersRequest({ version: 1, placement: 'account', owned }, catalog, '2026-06-01').body as { offers: OfferJson[] };
    expect(early.offers.some((o) => o.reorder)).toBe(false);
    expect(late.offers[0]).toMatchObject({ reorder: true, product: { id: 'descaler' } });
  });

  it('honours max 1 and never sends more than 2', () => {
    for (const product of ['phone-x', 'blender-basic', 'coffee-machine'])
      for (const max of [1, 2] as const) {
        const body = post({ version: 1, placement: 'product', product, max }).body as { offers: OfferJson[] };
        expect(body.offers.length).toBeLessThanOrEqual(max);
      }
  });

  it('can only answer with safe URLs: the catalog it is given went through parseCatalog', () => {
    const parsed = parseCatalog({
      version: 1,
      currency: 'USD',
      products: [
        { id: 'a', title: 'A', price: 10, url: '/a' },
        { id: 'evil', title: 'Evil', price: 5, url: 'javascript:alert(1)' },
        { id: 'pic', title: 'Pic', price: 5, url: '/pic', image: 'data:text/html,x' },
        { id: 'ok', title: 'Ok', price: 5, url: 'https://shop.test/ok', image: '/ok.jpg' },
      ],
      links: ['evil', 'pic', 'ok'].map((to) => ({ from: 'a', to, kind: 'cross-sell' })),
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const answer = handleOffersRequest({ version: 1, placement: 'product', product: 'a' }, parsed.catalog, TODAY);
    const offers = (answer.body as { offers: OfferJson[] }).offers;
    expect(offers.map((o) => o.product)).toEqual([{ id: 'ok', title: 'Ok', price: 5, url: 'https://shop.test/ok', image: '/ok.jpg' }]);
  });
});

describe('handleOffersRequest: the proof line needs enough orders (rules.md R10)', () => {
  // The server answers with the same engine and the catalog's own settings, so a link's
  // attach rate is quoted only from `proofMinOrders` orders (default 20) when it gives them.
  it.each<[string, unknown, number, { attachRate: number } | undefined]>([
    ['below the default 20', undefined, 19, undefined],
    ['at the default 20', undefined, 20, { attachRate: 0.3 }],
    ['at the catalog\'s proofMinOrders 5', 5, 5, { attachRate: 0.3 }],
    ['below the catalog\'s proofMinOrders 50', 50, 49, undefined],
  ])('%s', (_, proofMinOrders, orders, proof) => {
    const parsed = parseCatalog({
      version: 1,
      currency: 'USD',
      ...(proofMinOrders !== undefined && { settings: { proofMinOrders } }),
      products: [
        { id: 'a', title: 'A', price: 100, url: '/a' },
        { id: 'b', title: 'B', price: 10, url: '/b' },
      ],
      links: [{ from: 'a', to: 'b', kind: 'cross-sell', attachRate: 0.3, orders }],
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const answer = handleOffersRequest({ version: 1, placement: 'product', product: 'a' }, parsed.catalog, TODAY);
    expect((answer.body as { offers: OfferJson[] }).offers[0]!.proof).toEqual(proof);
  });
});

/** What must agree between the API's offer and the engine's, field by field. */
function essentials(o: OfferJson | Offer) {
  // The engine's proof carries `type` and `anchorTitle`; the API's is the spec's bare statistic.
  const p = o.proof as Record<string, unknown> | undefined;
  const proof = p && Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'type' && k !== 'anchorTitle'));
  return {
    id: o.product.id,
    price: o.product.price,
    url: o.product.url,
    kind: o.kind,
    action: o.action,
    anchor: o.anchor,
    anchorTitle: o.anchorTitle,
    replaces: o.replaces,
    quantity: o.quantity,
    upsell: o.upsell,
    reason: o.reason,
    priceDelta: o.priceDelta,
    reorder: o.reorder ?? undefined,
    unlocksFreeShipping: o.unlocksFreeShipping ?? undefined,
    proof,
  };
}
