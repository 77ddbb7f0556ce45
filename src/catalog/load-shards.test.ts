import { describe, expect, it } from 'vitest';
import { choose } from '../engine/choose';
import { shardDoc, STORE, type CatalogDoc } from '../server/shard-fixtures';
import type { Context, Placement } from '../types';
import { invalid, type JsonResult, type LoadResult } from './load-catalog';
import { gatherShards, joinShards, loadShards } from './load-shards';
import { parseCatalog } from './parse-catalog';
import { shardOf } from './shard-key';

const BASE = 'https://cdn.example/catalog/';

/** A sharded directory served from memory, recording each request. */
function serve(doc: CatalogDoc, count: number, change: (files: Map<string, unknown>) => void = () => undefined) {
  const { index, shards } = shardDoc(doc, count);
  const files = new Map<string, unknown>([[BASE + 'index.json', index]]);
  shards.forEach((s, n) => files.set(`${BASE}shards/${n}.json`, s));
  change(files);
  const requests: string[] = [];
  const get = (url: string): JsonResult => {
    requests.push(url);
    return files.has(url) ? { ok: true, json: files.get(url) } : invalid('catalog request failed: HTTP 404', url, 'catalog-fetch');
  };
  const json = async (url: string) => get(url);
  const shard = async (url: string): Promise<LoadResult> => {
    const got = get(url);
    if (!got.ok) return got;
    const parsed = parseCatalog(got.json);
    return parsed.ok ? parsed : invalid(parsed.error, url);
  };
  return { load: (ids: string[]) => loadShards(BASE, ids, json, shard), requests, shardOf: (n: number) => `${BASE}shards/${n}.json` };
}

const context = (placement: Placement, ids: string[]): Context => ({
  placement,
  product: placement === 'product' ? ids[0] : undefined,
  cart: placement === 'product' || placement === 'account' ? [] : ids.map((id) => ({ id, qty: 1 })),
  owned: placement === 'account' ? ids.map((id) => ({ id, purchasedAt: '2026-01-01' })) : [],
  customer: { orders: 2 },
  dismissed: [],
  exclude: [],
  max: 2,
});

describe('loadShards: only the shards a page needs (catalog.md, "Sharded catalogs")', () => {
  it("fetches index.json, the anchor's shard and its category's shard, nothing else", async () => {
    const store = serve(STORE, 16);
    const result = await store.load(['phone-x']);
    expect(result.ok).toBe(true);
    // index.json, then phone-x's shard, then category:phones's (unless it is the same file).
    expect(store.requests[0]).toBe(BASE + 'index.json');
    expect(store.requests.length).toBeLessThanOrEqual(3);
    expect(new Set(store.requests).size).toBe(store.requests.length);
    const offers = choose((result as Extract<LoadResult, { ok: true }>).catalog, context('product', ['phone-x']), '2026-11-22');
    expect(offers.map((o) => o.product.id).sort()).toEqual(['case-x', 'phone-x-pro']);
  });

  it('gives the same offers as the whole catalog, for every anchor and placement', async () => {
    const whole = parseCatalog(STORE);
    if (!whole.ok) throw new Error(whole.error);
    for (const count of [1, 3, 16])
      for (const placement of ['product', 'cart', 'checkout', 'post-purchase', 'account'] as const)
        for (const p of STORE.products) {
          const id = p.id as string;
          const loaded = await serve(STORE, count).load([id]);
          if (!loaded.ok) throw new Error(loaded.message);
          const ctx = context(placement, [id]);
          expect(choose(loaded.catalog, ctx, '2026-11-22'), `${placement} ${id} in ${count} shards`).toEqual(
            choose(whole.catalog, ctx, '2026-11-22'),
          );
        }
  });

  it("keeps index.json's currency and settings for the whole catalog", async () => {
    const result = await serve(STORE, 4).load(['blender']);
    expect(result.ok && [result.catalog.currency, result.catalog.settings.maxUpsellRatio]).toEqual(['EUR', 0.5]);
  });

  it.each([
    ['index.json is missing', (f: Map<string, unknown>) => f.delete(BASE + 'index.json'), 'catalog-fetch', 'HTTP 404'],
    ['index.json is not a shard index', (f: Map<string, unknown>) => f.set(BASE + 'index.json', { version: 1 }), 'catalog-invalid', 'index.json: shards'],
    ['a shard is missing', (f: Map<string, unknown>) => { for (const k of [...f.keys()]) if (k.includes('shards/')) f.delete(k); }, 'catalog-fetch', 'HTTP 404'],
    ['a shard is not a catalog', (f: Map<string, unknown>) => { for (const k of [...f.keys()]) if (k.includes('shards/')) f.set(k, []); }, 'catalog-invalid', 'catalog is not a JSON object'],
  ])('fails whole, naming the file, when %s', async (_name, change, code, message) => {
    const result = await serve(STORE, 2, change).load(['phone-x']);
    expect(result.ok).toBe(false);
    expect(result.ok || [result.code, result.message.includes(message)]).toEqual([code, true]);
  });

  it('reports a shard\'s bad products with the shard named, and still loads it', async () => {
    const store = serve(STORE, 1, (f) => {
      const shard = f.get(`${BASE}shards/0.json`) as CatalogDoc;
      shard.products.push({ id: 'bad', title: 'Bad', price: -1, url: '/p/bad' });
    });
    const result = await store.load(['phone-x']);
    expect(result.ok && result.problems.map((p) => p.path)).toEqual(['shards/0.json products[7]']);
  });

  it('an anchor no shard knows loads its shard and finds nothing, quietly', async () => {
    const result = await serve(STORE, 4).load(['no-such-product']);
    expect(result.ok && choose(result.catalog, context('product', ['no-such-product']), '2026-11-22')).toEqual([]);
  });
});

describe('gatherShards and joinShards: shared by the widget and the offers API', () => {
  const parsedShards = (count: number) =>
    shardDoc(STORE, count).shards.map((doc) => {
      const parsed = parseCatalog(doc);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed;
    });

  it("loads the anchors' shards and those of `also`, then the anchors' categories', each once", async () => {
    const shards = parsedShards(16);
    const calls: number[] = [];
    const loaded = await gatherShards(16, ['phone-x', 'phone-x', 'blender'], async (n) => (calls.push(n), shards[n]), ['phone-y']);
    const expected = ['phone-x', 'blender', 'phone-y', 'category:phones'].map((key) => shardOf(key, 16));
    expect(calls.sort()).toEqual([...new Set(expected)].sort());
    expect([...loaded.keys()].sort()).toEqual(calls);
  });

  it("follows no category of `also`, and leaves out a shard whose load gives nothing", async () => {
    const shards = parsedShards(16);
    const calls: number[] = [];
    await gatherShards(16, [], async (n) => (calls.push(n), shards[n]), ['phone-y']);
    expect(calls).toEqual([shardOf('phone-y', 16)]);
    const loaded = await gatherShards(16, ['phone-x'], async (n) => (n === shardOf('phone-x', 16) ? undefined : shards[n]));
    expect(loaded.size).toBe(0); // the product's own shard is what names its category
  });

  it('joins every shard into the whole catalog, and some shards into a part of it', () => {
    const shards = parsedShards(4);
    const all = joinShards({ currency: 'EUR', settings: {}, count: 4, path: 'shards/{n}.json' }, new Map(shards.map((s, n) => [n, s])));
    expect(all.products.map((p) => p.id).sort()).toEqual(STORE.products.map((p) => p.id as string).sort());
    expect(all.links.length).toBe(STORE.links.length);
    const n = shardOf('blender', 4);
    const part = joinShards({ currency: 'EUR', settings: {}, count: 4, path: 'shards/{n}.json' }, new Map([[n, shards[n]!]]));
    expect(part.linksFrom.get('blender')?.map((l) => l.to)).toEqual(['blender-jar']);
    // Products in the order of their own shard, whichever file they came from.
    expect(part.products.map((p) => shardOf(p.id, 4))).toEqual([...part.products.map((p) => shardOf(p.id, 4))].sort());
  });
});
