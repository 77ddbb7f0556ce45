import { describe, expect, it, vi } from 'vitest';
import type { LoadResult } from '../catalog/load-catalog';
import type { EndpointAnswer } from '../chunks/endpoint';
import type { Config } from '../config/read-config';
import { choose } from '../engine/choose';
import { context, ids, seedCatalog, TODAY } from '../engine/test-fixtures';
import type { Catalog, Context, Offer } from '../types';
import { computeSlot, type OfferSources, type SlotInput } from './compute-slot';
import { inHoldout } from './holdout';

/** The first ids R12 puts in each bucket at 50%: found, not assumed. */
const idsIn = (held: boolean, n = 3): string[] => {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) if (inHoldout(`v_${i}`, 50) === held) out.push(`v_${i}`);
  return out;
};
const HELD = idsIn(true);
const TREATED = idsIn(false);

const CATALOG_URL = 'https://shop.test/catalog.json';
const ENDPOINT_URL = 'https://shop.test/offers';

const config = (extra: Partial<Config> = {}): Config => ({
  catalog: CATALOG_URL,
  placement: 'product',
  priceSensitive: false,
  max: 2,
  theme: 'light',
  headingLevel: 2,
  cartAdapter: { type: 'event' },
  holdout: 0,
  consent: true,
  ...extra,
});

const input = (cfg: Partial<Config> = {}, ctx: Partial<Context> = {}, bucket = TREATED[0]!): SlotInput => ({
  config: config(cfg),
  context: context({ product: 'phone-x', ...ctx }),
  today: TODAY,
  bucket: () => bucket,
});

const endpointOffer: Offer = {
  product: { id: 'case-x', title: 'Rugged Case', price: 29, url: '/products/case-x', inStock: true },
  kind: 'cross-sell',
  action: 'add',
  anchor: 'phone-x',
  anchorTitle: 'Phone X',
  quantity: 1,
  reason: 'Protects against drops from day one',
};

type EndpointReply = EndpointAnswer | string | undefined;

/** Fake sources that record every call. */
function sources(...replies: [catalogReply?: LoadResult | undefined, endpointReply?: EndpointReply]) {
  const catalogReply = replies.length > 0 ? replies[0] : { ok: true as const, catalog: seedCatalog(), problems: [] };
  const endpointReply = replies.length > 1 ? replies[1] : { offers: [endpointOffer], currency: 'GBP' };
  const catalog = vi.fn(async (_url: string, _anchors: string[]) => catalogReply);
  const endpoint = vi.fn(async (_url: string, _request: object, _max: number) => endpointReply);
  return { catalog, endpoint } satisfies OfferSources;
}

const withCurrency = (currency: string): Catalog => ({ ...seedCatalog(), currency });

describe('computeSlot: R12 holdout', () => {
  it('found ids in both buckets at 50%', () => {
    expect(HELD).toHaveLength(3);
    expect(TREATED).toHaveLength(3);
  });

  it.each(HELD)('%s is held out: no offers, the catalog still loads, the endpoint is never asked', async (id) => {
    const src = sources();
    const record = await computeSlot(input({ holdout: 50, endpoint: ENDPOINT_URL }, {}, id), src);
    expect(record.group).toBe('holdout');
    expect(record.offers).toEqual([]);
    expect(record.failed).toBe(false);
    expect(record.errors).toEqual([]);
    expect(src.endpoint).not.toHaveBeenCalled();
    expect(src.catalog).toHaveBeenCalledTimes(1);
    expect(record.catalog).toBeDefined();
  });

  it.each(TREATED)('%s is in treatment: offers from the engine', async (id) => {
    const src = sources();
    const record = await computeSlot(input({ holdout: 50 }, {}, id), src);
    expect(record.group).toBe('treatment');
    expect(record.offers.length).toBeGreaterThan(0);
  });

  it('holdout on an endpoint-only page: nothing asked, nothing loaded, not a failure', async () => {
    const src = sources();
    const record = await computeSlot(input({ holdout: 50, endpoint: ENDPOINT_URL, catalog: undefined }, {}, HELD[0]), src);
    expect(record).toMatchObject({ group: 'holdout', offers: [], failed: false, errors: [] });
    expect(src.endpoint).not.toHaveBeenCalled();
    expect(src.catalog).not.toHaveBeenCalled();
  });

  it('a holdout of 0 holds no one out, even an id held out at 50%', async () => {
    const record = await computeSlot(input({ holdout: 0 }, {}, HELD[0]), sources());
    expect(record.group).toBe('treatment');
  });
});

describe('computeSlot: where offers come from', () => {
  it('no catalog and no endpoint: failed with code config', async () => {
    const src = sources();
    const record = await computeSlot(input({ catalog: undefined }), src);
    expect(record.failed).toBe(true);
    expect(record.offers).toEqual([]);
    expect(record.errors).toHaveLength(1);
    expect(record.errors[0]!.code).toBe('config');
    expect(record.errors[0]!.message).toMatch(/data-catalog/);
    expect(src.catalog).not.toHaveBeenCalled();
    expect(src.endpoint).not.toHaveBeenCalled();
  });

  it('the endpoint answers: its offers and currency; the catalog is not loaded', async () => {
    const src = sources();
    const record = await computeSlot(input({ endpoint: ENDPOINT_URL }), src);
    expect(record.offers).toEqual([endpointOffer]);
    expect(record.currency).toBe('GBP');
    expect(record.catalog).toBeUndefined();
    expect(record.errors).toEqual([]);
    expect(record.failed).toBe(false);
    expect(src.catalog).not.toHaveBeenCalled();
    expect(src.endpoint).toHaveBeenCalledWith(ENDPOINT_URL, expect.any(Object), 2);
  });

  it('the endpoint answers on an endpoint-only page', async () => {
    const record = await computeSlot(input({ endpoint: ENDPOINT_URL, catalog: undefined }), sources());
    expect(record.offers).toEqual([endpointOffer]);
    expect(record.failed).toBe(false);
  });

  it('the endpoint fails: its error is recorded and the catalog is the fallback', async () => {
    const src = sources({ ok: true, catalog: seedCatalog(), problems: [] }, 'endpoint answered HTTP 500 (https://shop.test/offers)');
    const record = await computeSlot(input({ endpoint: ENDPOINT_URL }), src);
    expect(record.errors).toEqual([{ code: 'endpoint', message: 'endpoint answered HTTP 500 (https://shop.test/offers)' }]);
    expect(record.failed).toBe(false);
    expect(src.catalog).toHaveBeenCalledTimes(1);
    const catalog = record.catalog!;
    expect(ids([...record.offers])).toEqual(ids(choose(catalog, record.context, TODAY)));
    expect(record.offers.length).toBeGreaterThan(0);
    expect(record.currency).toBe('USD');
  });

  it('the endpoint fails and there is no catalog: failed, with the endpoint error', async () => {
    const src = sources(undefined, 'endpoint did not answer within 1500 ms (x)');
    const record = await computeSlot(input({ endpoint: ENDPOINT_URL, catalog: undefined }), src);
    expect(record.failed).toBe(true);
    expect(record.offers).toEqual([]);
    expect(record.errors).toEqual([{ code: 'endpoint', message: 'endpoint did not answer within 1500 ms (x)' }]);
    expect(src.catalog).not.toHaveBeenCalled();
  });

  it('the endpoint was skipped (failed earlier): the catalog, with no new error', async () => {
    const src = sources({ ok: true, catalog: seedCatalog(), problems: [] }, undefined);
    const record = await computeSlot(input({ endpoint: ENDPOINT_URL }), src);
    expect(src.endpoint).toHaveBeenCalledTimes(1);
    expect(record.errors).toEqual([]);
    expect(record.failed).toBe(false);
    expect(record.offers.length).toBeGreaterThan(0);
  });

  it('the endpoint was skipped and there is no catalog: failed, no new error', async () => {
    const record = await computeSlot(input({ endpoint: ENDPOINT_URL, catalog: undefined }), sources(undefined, undefined));
    expect(record.failed).toBe(true);
    expect(record.errors).toEqual([]);
  });

  it.each([
    ['catalog-fetch', 'catalog request failed: HTTP 404 (https://shop.test/catalog.json)'],
    ['catalog-invalid', 'catalog is not valid JSON (https://shop.test/catalog.json)'],
  ] as const)('a catalog failure (%s): failed with its code and message', async (code, message) => {
    const record = await computeSlot(input(), sources({ ok: false, code, message }));
    expect(record.failed).toBe(true);
    expect(record.offers).toEqual([]);
    expect(record.catalog).toBeUndefined();
    expect(record.errors).toEqual([{ code, message }]);
  });

  it('an endpoint failure then a catalog failure: both errors, in that order', async () => {
    const src = sources({ ok: false, code: 'catalog-fetch', message: 'down' }, 'endpoint answered HTTP 502 (e)');
    const record = await computeSlot(input({ endpoint: ENDPOINT_URL }), src);
    expect(record.failed).toBe(true);
    expect(record.errors).toEqual([
      { code: 'endpoint', message: 'endpoint answered HTTP 502 (e)' },
      { code: 'catalog-fetch', message: 'down' },
    ]);
  });

  it('a catalog source that is off (undefined, already reported): failed with no error', async () => {
    const record = await computeSlot(input(), sources(undefined));
    expect(record.failed).toBe(true);
    expect(record.errors).toEqual([]);
  });

  it('the catalog: the engine chooses, with the catalog and its currency on the record', async () => {
    const catalog = seedCatalog();
    const src = sources({ ok: true, catalog, problems: [] });
    const record = await computeSlot(input(), src);
    expect(record.catalog).toBe(catalog);
    expect(record.currency).toBe('USD');
    expect(ids([...record.offers])).toEqual(ids(choose(catalog, record.context, TODAY)));
    expect(record.offers.length).toBeGreaterThan(0);
    expect(src.catalog).toHaveBeenCalledWith(CATALOG_URL, ['phone-x']);
  });
});

describe('computeSlot: the catalog anchors per placement', () => {
  const cart = [
    { id: 'phone-x', qty: 1 },
    { id: 'coffee-machine', qty: 2 },
  ];
  const owned = [{ id: 'blender-basic', purchasedAt: '2026-01-02' }, { id: 'beans-1kg' }];
  it.each([
    ['product', { product: 'phone-x' }, ['phone-x']],
    ['product', { product: undefined }, []],
    ['cart', {}, ['phone-x', 'coffee-machine']],
    ['checkout', {}, ['phone-x', 'coffee-machine']],
    ['post-purchase', {}, ['phone-x', 'coffee-machine']],
    ['account', {}, ['blender-basic', 'beans-1kg']],
  ] as const)('%s %j → %j', async (placement, extra, anchors) => {
    const src = sources();
    await computeSlot(input({ placement }, { placement, cart, owned, ...extra }), src);
    expect(src.catalog).toHaveBeenCalledWith(CATALOG_URL, anchors);
  });
});

describe('computeSlot: the endpoint request (offers-api.md)', () => {
  it('carries every field of the request body', async () => {
    const src = sources();
    const ctx: Partial<Context> = {
      placement: 'cart',
      product: undefined,
      cart: [{ id: 'phone-x', qty: 1 }],
      owned: [{ id: 'case-x', purchasedAt: '2026-01-02' }],
      customer: { orders: 3, spent: 420, lastOrder: '2026-09-01', priceSensitive: false },
      dismissed: ['screen-guard'],
      exclude: ['earbuds'],
      max: 1,
      freeShipping: 50,
    };
    await computeSlot(input({ endpoint: ENDPOINT_URL, placement: 'cart', locale: 'en-US' }, ctx), src);
    expect(src.endpoint).toHaveBeenCalledTimes(1);
    const [url, body, max] = src.endpoint.mock.calls[0]!;
    expect(url).toBe(ENDPOINT_URL);
    expect(max).toBe(1);
    expect(body).toEqual({
      version: 1,
      placement: 'cart',
      product: null,
      cart: [{ id: 'phone-x', qty: 1 }],
      owned: [{ id: 'case-x', purchasedAt: '2026-01-02' }],
      customer: { orders: 3, spent: 420, lastOrder: '2026-09-01', priceSensitive: false },
      dismissed: ['screen-guard'],
      exclude: ['earbuds'],
      max: 1,
      freeShipping: 50,
      locale: 'en-US',
      today: TODAY,
    });
  });

  it('names the product page product', async () => {
    const src = sources();
    await computeSlot(input({ endpoint: ENDPOINT_URL }, { product: 'phone-x' }), src);
    expect(src.endpoint.mock.calls[0]![1]).toMatchObject({ version: 1, placement: 'product', product: 'phone-x', today: TODAY });
  });
});

describe('computeSlot: the record', () => {
  const cases: [string, Partial<Config>, ReturnType<typeof sources>][] = [
    ['catalog', {}, sources()],
    ['endpoint', { endpoint: ENDPOINT_URL }, sources()],
    ['endpoint fallback', { endpoint: ENDPOINT_URL }, sources({ ok: true, catalog: seedCatalog(), problems: [] }, 'no (e)')],
    ['config failure', { catalog: undefined }, sources()],
    ['catalog failure', {}, sources({ ok: false, code: 'catalog-fetch', message: 'down' })],
    ['holdout', { holdout: 50 }, sources()],
  ];

  it.each(cases)('is frozen and never changed (%s)', async (_name, cfg, src) => {
    const record = await computeSlot(input(cfg, {}, cfg.holdout ? HELD[0] : TREATED[0]), src);
    expect(Object.isFrozen(record)).toBe(true);
    const before = { ...record, errors: [...record.errors], offers: [...record.offers] };
    expect(() => {
      (record as { failed: boolean }).failed = !record.failed;
    }).toThrow(TypeError);
    // Another computation (with its own errors) leaves this record as it was.
    await computeSlot(input({ catalog: undefined }), sources());
    await computeSlot(input({ endpoint: ENDPOINT_URL }), sources({ ok: false, code: 'catalog-fetch', message: 'x' }, 'again'));
    await new Promise((r) => setTimeout(r, 0));
    expect({ ...record, errors: [...record.errors], offers: [...record.offers] }).toEqual(before);
  });

  it('keeps the config and context it was computed from', async () => {
    const i = input();
    const record = await computeSlot(i, sources());
    expect(record.config).toBe(i.config);
    expect(record.context).toBe(i.context);
  });
});

describe('computeSlot: currency', () => {
  const endpoint = (currency?: string) => sources({ ok: false, code: 'catalog-fetch', message: 'unused' }, { offers: [endpointOffer], ...(currency && { currency }) });
  const catalog = (currency: string) => sources({ ok: true, catalog: withCurrency(currency), problems: [] });
  it.each([
    ['data-currency over the catalog', { currency: 'CHF' }, catalog('EUR'), 'CHF'],
    ['the catalog without data-currency', {}, catalog('EUR'), 'EUR'],
    ['data-currency over the endpoint', { currency: 'CHF', endpoint: ENDPOINT_URL }, endpoint('GBP'), 'CHF'],
    ['the endpoint without data-currency', { endpoint: ENDPOINT_URL }, endpoint('GBP'), 'GBP'],
    ['an endpoint without one and no data-currency', { endpoint: ENDPOINT_URL }, endpoint(), undefined],
    ['data-currency on a failure', { currency: 'CHF' }, sources({ ok: false, code: 'catalog-fetch', message: 'x' }), 'CHF'],
  ] as const)('%s', async (_name, cfg, src, currency) => {
    const record = await computeSlot(input(cfg), src);
    expect(record.currency).toBe(currency);
  });
});
