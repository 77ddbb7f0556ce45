import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCatalog } from './load-catalog';
import { parseCatalog, parseCatalogSteps, SLICE } from './parse-catalog';

const SHOP = 'https://shop.test';
const CATALOG = {
  version: 1,
  currency: 'eur',
  products: [
    { id: 'phone-x', title: 'Phone X', price: 799, url: '/products/phone-x' },
    { id: 'case-x', title: 'Case X', price: 29, url: '/products/case-x' },
    { id: 'bad', title: 'Bad', price: -1, url: '/products/bad' },
  ],
  links: [{ from: 'phone-x', to: 'case-x', kind: 'cross-sell' }],
};

const server = setupServer(
  http.get(`${SHOP}/catalog.json`, () => HttpResponse.json(CATALOG)),
  http.get(`${SHOP}/missing.json`, () => HttpResponse.json({ error: 'not found' }, { status: 404 })),
  http.get(`${SHOP}/broken.json`, () => new HttpResponse(null, { status: 500 })),
  http.get(`${SHOP}/bad.json`, () => HttpResponse.text('{"version":1,"products":[', { headers: { 'content-type': 'application/json' } })),
  http.get(`${SHOP}/html.json`, () => HttpResponse.html('<!doctype html><title>Not here</title>')),
  http.get(`${SHOP}/empty.json`, () => new HttpResponse(null, { status: 200 })),
  http.get(`${SHOP}/v2.json`, () => HttpResponse.json({ ...CATALOG, version: 2 })),
  http.get(`${SHOP}/array.json`, () => HttpResponse.json([CATALOG])),
  http.get(`${SHOP}/down.json`, () => HttpResponse.error()),
  http.get(`${SHOP}/slow.json`, async () => {
    await delay('infinite');
    return HttpResponse.json(CATALOG);
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('loadCatalog', () => {
  it('loads, parses and indexes a valid catalog, returning its problems', async () => {
    const result = await loadCatalog(`${SHOP}/catalog.json`, fetch);
    if (!result.ok) throw new Error(result.message);
    expect(result.catalog.currency).toBe('EUR');
    expect(result.catalog.products.map((p) => p.id)).toEqual(['phone-x', 'case-x']);
    expect(result.catalog.linksFrom.get('phone-x')).toHaveLength(1);
    expect(result.problems).toEqual([
      { path: 'products[2]', message: 'product "bad" skipped: price', skipped: 'product "bad"' },
    ]);
  });

  it('sends a same-origin-credentials GET with the given signal', async () => {
    const fetchFn = vi.fn(fetch);
    const controller = new AbortController();
    await loadCatalog(`${SHOP}/catalog.json`, fetchFn, controller.signal);
    expect(fetchFn).toHaveBeenCalledWith(`${SHOP}/catalog.json`, {
      method: 'GET',
      credentials: 'same-origin',
      signal: controller.signal,
    });
  });

  const FAILURES: [string, string, 'catalog-fetch' | 'catalog-invalid', string][] = [
    ['404', 'missing.json', 'catalog-fetch', 'catalog request failed: HTTP 404'],
    ['500', 'broken.json', 'catalog-fetch', 'catalog request failed: HTTP 500'],
    ['a network error', 'down.json', 'catalog-fetch', 'catalog request failed: network error'],
    ['truncated JSON', 'bad.json', 'catalog-invalid', 'catalog is not valid JSON'],
    ['an HTML page', 'html.json', 'catalog-invalid', 'catalog is not valid JSON'],
    ['an empty body', 'empty.json', 'catalog-invalid', 'catalog is not valid JSON'],
    ['a wrong version', 'v2.json', 'catalog-invalid', 'catalog version must be 1'],
    ['a JSON array', 'array.json', 'catalog-invalid', 'catalog is not a JSON object'],
  ];
  it.each(FAILURES)('reports %s', async (_, file, code, message) => {
    const url = `${SHOP}/${file}`;
    await expect(loadCatalog(url, fetch)).resolves.toEqual({ ok: false, code, message: `${message} (${url})` });
  });

  it('reports an abort as a fetch failure', async () => {
    const controller = new AbortController();
    const pending = loadCatalog(`${SHOP}/slow.json`, fetch, controller.signal);
    controller.abort();
    await expect(pending).resolves.toEqual({
      ok: false,
      code: 'catalog-fetch',
      message: `catalog request aborted (${SHOP}/slow.json)`,
    });
  });

  it('reports an already-aborted signal without throwing', async () => {
    const result = await loadCatalog(`${SHOP}/catalog.json`, fetch, AbortSignal.abort());
    expect(result).toMatchObject({ ok: false, code: 'catalog-fetch' });
  });

  it('never throws, whatever the injected fetch does', async () => {
    const url = `${SHOP}/catalog.json`;
    const fetches = [
      () => {
        throw new TypeError('sync throw');
      },
      () => Promise.reject('not even an Error'),
      () => Promise.resolve(null),
      () => Promise.resolve({ ok: true, text: () => Promise.reject(new Error('body stream cut')) }),
      () => Promise.resolve({ ok: true, text: () => Promise.resolve('null') }),
      () => Promise.resolve({ ok: true, text: () => Promise.resolve('{"version":1,"products":[]}') }),
    ] as unknown as (typeof fetch)[];
    const results = await Promise.all(fetches.map((f) => loadCatalog(url, f)));
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual([
      'catalog-fetch',
      'catalog-fetch',
      'catalog-fetch',
      'catalog-fetch',
      'catalog-invalid',
      'ok',
    ]);
  });
});

describe('loadCatalog in slices (no long task on a slow phone)', () => {
  const big = {
    version: 1,
    currency: 'USD',
    products: Array.from({ length: 1000 }, (_, i) => ({ id: `p${i}`, title: `P ${i}`, price: i, url: `/p/${i}` })),
    links: Array.from({ length: 999 }, (_, i) => ({ from: `p${i}`, to: `p${i + 1}`, kind: 'cross-sell' })),
  };

  it('awaits pause() between slices of SLICE items, and the result equals the one-go parse', async () => {
    server.use(http.get(`${SHOP}/big.json`, () => HttpResponse.json(big)));
    const pause = vi.fn(() => Promise.resolve());
    const sliced = await loadCatalog(`${SHOP}/big.json`, fetch, undefined, pause);
    // 1,000 products and 999 links: a pause before the first item and after every 200th of each list.
    expect(pause).toHaveBeenCalledTimes(1 + Math.floor(1000 / SLICE) + Math.floor(999 / SLICE));
    const whole = parseCatalog(big);
    expect(sliced.ok && whole.ok && [sliced.catalog.products, sliced.catalog.links]).toEqual(
      whole.ok && [whole.catalog.products, whole.catalog.links],
    );
  });

  it('parseCatalogSteps yields after every SLICE items and returns what parseCatalog returns', () => {
    const steps = parseCatalogSteps(big);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    expect(yields).toBe(Math.floor(1000 / SLICE) + Math.floor(999 / SLICE));
    expect(step.value).toEqual(parseCatalog(big));
  });
});
