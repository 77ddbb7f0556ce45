import { expect, test, type Page, type Route } from '@playwright/test';
import { shardDoc, type CatalogDoc } from '../src/server/shard-fixtures';
import { CATALOG, events, lastOffers, openStore, renders, watchConsole } from './helpers';
import catalog from './fixtures/catalog.json' with { type: 'json' };

// Fetch mode and sharded catalogs (offers-api.md; catalog.md "Sharded catalogs"; embed.md §3).

const ENDPOINT = '/api/offers';
const PRODUCT = { placement: 'product', product: 'coffee-machine', orders: '1' };

/** An answer of the reference server's shape for the coffee machine's page. */
const answer = (ids: string[] = ['milk-frother']) => ({
  currency: 'USD',
  offers: ids.map((id) => ({
    kind: 'cross-sell',
    action: 'add',
    anchor: 'coffee-machine',
    anchorTitle: 'Coffee Machine',
    quantity: 1,
    reason: 'Froths milk like a café',
    proof: { attachRate: 0.22 },
    product: { id, title: id === 'milk-frother' ? 'Milk Frother' : `Product ${id}`, price: 45, url: `/p/${id}` },
  })),
});

/** Play the endpoint; returns the request bodies it received. */
async function endpoint(page: Page, reply: (route: Route) => Promise<void>): Promise<Record<string, unknown>[]> {
  const bodies: Record<string, unknown>[] = [];
  await page.route(`**${ENDPOINT}`, async (route) => {
    bodies.push(route.request().postDataJSON() as Record<string, unknown>);
    await reply(route);
  });
  return bodies;
}

const json = (body: unknown, status = 200) => (route: Route) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

test.describe('fetch mode: data-endpoint (offers-api.md)', () => {
  test('renders the endpoint\'s offers, after POSTing the request the spec describes', async ({ page }) => {
    const bodies = await endpoint(page, json(answer()));
    const seen = watchConsole(page);
    await openStore(page, { script: { ...PRODUCT, endpoint: ENDPOINT, cart: 'descaler:2', 'free-shipping': '50', locale: 'en-US' } });
    await expect(page.getByRole('article', { name: 'Milk Frother' })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Milk Frother' })).toContainText('22% of customers who bought Coffee Machine added this');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toEqual({
      version: 1,
      placement: 'product',
      product: 'coffee-machine',
      cart: [{ id: 'descaler', qty: 2 }],
      owned: [],
      customer: { orders: 1, priceSensitive: false },
      dismissed: [],
      exclude: [],
      max: 2,
      freeShipping: 50,
      locale: 'en-US',
      today: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
    });
    expect(await events(page, 'error')).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  test('sends the products earlier slots show as `exclude`', async ({ page }) => {
    const bodies = await endpoint(page, json(answer(['milk-frother'])));
    await openStore(page, {
      body: `<div id="a" data-offerwise data-max="1"></div><div id="b" data-offerwise data-endpoint="${ENDPOINT}"></div>`,
      script: { ...PRODUCT, target: '#a' },
    });
    await renders(page, 2);
    expect(bodies).toHaveLength(1);
    const first = (await events(page, 'render')).find((e) => e.slot === 'a')!;
    const shown = (first.detail.offers as { productId: string }[]).map((o) => o.productId);
    expect(shown).toHaveLength(1);
    expect(bodies[0]!.exclude).toEqual(shown);
  });

  for (const [name, reply, message] of [
    ['a 500', json({ error: 'down' }, 500), 'endpoint answered HTTP 500'],
    ['bad JSON', (route: Route) => route.fulfill({ contentType: 'application/json', body: '{"offers": [' }), 'endpoint answer is not valid JSON'],
    ['no answer within 1.5 s', () => new Promise<void>(() => undefined), 'endpoint did not answer within 1500 ms'],
    ['an answer without offers', json({ items: [] }), 'endpoint answer has no offers array'],
  ] as const) {
    test(`${name}: offerwise:error, then the catalog's offers; no retry in the page view`, async ({ page }) => {
      const bodies = await endpoint(page, reply);
      const seen = watchConsole(page);
      await openStore(page, { script: { ...PRODUCT, endpoint: ENDPOINT } });
      await renders(page);
      const [error] = await events(page, 'error');
      expect(error!.detail).toEqual({ placement: 'product', code: 'endpoint', message: `${message} (${ENDPOINT})` });
      expect(await lastOffers(page)).toEqual(['descaler', 'coffee-filters']); // computed from data-catalog
      expect(seen.warnings).toContain(`[offerwise] ${message} (${ENDPOINT})`);
      await page.evaluate(() => (window as unknown as { Offerwise: { refresh(): Promise<void> } }).Offerwise.refresh());
      await renders(page, 2);
      expect(bodies).toHaveLength(1);
      expect(seen.errors).toEqual([]);
    });
  }

  test('a failing endpoint with no data-catalog renders nothing and says why', async ({ page }) => {
    await endpoint(page, json({ error: 'down' }, 503));
    await openStore(page, { script: { ...PRODUCT, catalog: '', endpoint: ENDPOINT } });
    await renders(page);
    expect(await lastOffers(page)).toEqual([]);
    expect((await events(page, 'error')).map((e) => e.detail.code)).toEqual(['endpoint']);
    await expect(page.getByRole('region')).toHaveCount(0);
  });

  test('unsafe URLs in the answer make their offer skipped, with a warning; never more than max', async ({ page }) => {
    const evil = answer(['a', 'b', 'c', 'd']);
    evil.offers[0]!.product.url = 'javascript:alert(document.cookie)';
    (evil.offers[1]!.product as { image?: string }).image = ' data:image/svg+xml,<svg onload=alert(1)>';
    await endpoint(page, json(evil));
    const seen = watchConsole(page);
    await openStore(page, { script: { ...PRODUCT, endpoint: ENDPOINT } });
    await renders(page);
    expect(await lastOffers(page)).toEqual(['c', 'd']);
    expect(seen.warnings).toEqual(
      expect.arrayContaining(['[offerwise] endpoint offers[0] skipped: product.url', '[offerwise] endpoint offers[1] skipped: product.image']),
    );
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  });
});

test.describe('sharded catalogs: data-catalog ending in / (catalog.md)', () => {
  const BASE = '/sharded/';

  /** Serve `catalog.json` split into `count` shards under BASE; returns the paths requested. */
  async function serveShards(page: Page, count: number): Promise<string[]> {
    const { index, shards } = shardDoc(catalog as unknown as CatalogDoc, count);
    const requested: string[] = [];
    await page.route(`**${BASE}**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      requested.push(path.slice(BASE.length));
      const n = /^shards\/(\d+)\.json$/.exec(path.slice(BASE.length))?.[1];
      const body = path.endsWith('index.json') ? index : n !== undefined ? shards[Number(n)] : undefined;
      return body ? route.fulfill({ contentType: 'application/json', body: JSON.stringify(body) }) : route.fulfill({ status: 404 });
    });
    return requested;
  }

  test('fetches index.json and only the shards of the anchors, and offers what the whole catalog would', async ({ page }) => {
    const requested = await serveShards(page, 32);
    await openStore(page, { script: { ...PRODUCT, catalog: BASE } });
    expect(await lastOffers(page)).toEqual(['descaler', 'coffee-filters']);
    expect(requested[0]).toBe('index.json');
    expect(requested.length).toBeLessThanOrEqual(3); // index, the anchor's shard, its category's
    expect(new Set(requested).size).toBe(requested.length);

    // The same page on the whole catalog: the same offers.
    await openStore(page, { script: { ...PRODUCT, catalog: CATALOG }, path: '/e2e/fixtures/whole.html' });
    expect(await lastOffers(page)).toEqual(['descaler', 'coffee-filters']);
  });

  test('a cart of three fetches their shards in parallel, once each for several slots', async ({ page }) => {
    const requested = await serveShards(page, 8);
    await openStore(page, {
      body: '<div data-offerwise></div><div data-offerwise></div>',
      script: { placement: 'cart', cart: 'phone-x:1,blender-basic:1,skincare-starter:1', catalog: BASE, orders: '1' },
    });
    await renders(page, 2);
    expect(requested.filter((r) => r === 'index.json')).toHaveLength(1);
    expect(new Set(requested).size).toBe(requested.length);
    expect(requested.length).toBeLessThanOrEqual(1 + 3 + 3); // index, three anchors' shards, three categories' shards
    expect(requested.length).toBeLessThan(1 + 8);
  });

  test('a missing shard renders nothing and says which file', async ({ page }) => {
    await page.route(`**${BASE}**`, (route) =>
      route.request().url().endsWith('index.json')
        ? route.fulfill({ contentType: 'application/json', body: JSON.stringify(shardDoc(catalog as unknown as CatalogDoc, 4).index) })
        : route.fulfill({ status: 404 }),
    );
    await openStore(page, { script: { ...PRODUCT, catalog: BASE } });
    await renders(page);
    const [error] = await events(page, 'error');
    expect(error!.detail.code).toBe('catalog-fetch');
    expect(String(error!.detail.message)).toMatch(/HTTP 404 \(\/sharded\/shards\/\d+\.json\)$/);
  });
});
