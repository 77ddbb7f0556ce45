import { describe, expect, it, vi } from 'vitest';
import { parseCatalog } from '../catalog/parse-catalog';
import { readShardIndex, type ShardIndex } from '../catalog/shard-index';
import { shardOf } from '../catalog/shard-key';
import { daysAgo, SEED_LINKS, SEED_PRODUCTS, TODAY } from '../engine/test-fixtures';
import { PLACEMENTS } from '../types';
import { createFetchHandler, type FetchHandlerOptions } from './create-fetch-handler';
import { mergeShards } from './merge-shards';
import { createShardCache, DEFAULT_MAX_SHARD_BYTES, ShardError, type ShardedSource } from './sharded-catalog';
import { shardDoc, STORE, type CatalogDoc } from './shard-fixtures';

const BASE = 'https://api.example';
/** The seed store of the engine's tests as a catalog document. */
const SEED = { version: 1, currency: 'USD', products: SEED_PRODUCTS, links: SEED_LINKS } as unknown as CatalogDoc;

/** `doc` split into `count` shards, served from memory; `calls` records each `shard(n)`. */
function sharded(doc: CatalogDoc, count: number, serve: (n: number, shard: unknown) => unknown = (_, shard) => shard) {
  const { index, shards } = shardDoc(doc, count);
  const calls: number[] = [];
  const source: ShardedSource = {
    index,
    shard: async (n) => {
      calls.push(n);
      return serve(n, shards[n] ?? null);
    },
  };
  return { source, calls, shards };
}

const handler = (source: Parameters<typeof createFetchHandler>[0], options: FetchHandlerOptions = {}) =>
  createFetchHandler(source, { today: () => TODAY, ...options });
const ask = (handle: (r: Request) => Promise<Response>, body: object) =>
  handle(new Request(BASE + '/offers', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: 1, ...body }) }));
const offered = async (res: Response) => ((await res.json()) as { offers: { product: { id: string } }[] }).offers.map((o) => o.product.id);

/** Shard numbers, each once, in order. */
const sorted = (ns: Iterable<number>) => [...new Set(ns)].sort((a, b) => a - b);

describe('createFetchHandler on a sharded source: only the shards a request needs', () => {
  it("loads the anchor's shard and its category's, nothing else, and /health loads none", async () => {
    const { source, calls } = sharded(STORE, 16);
    const handle = handler(source);
    expect(await (await handle(new Request(BASE + '/health'))).json()).toEqual({ ok: true, shards: 16, cached: 0 });
    expect(calls).toEqual([]);
    expect(await offered(await ask(handle, { placement: 'product', product: 'phone-x' }))).toEqual(['case-x']);
    expect(sorted(calls)).toEqual(sorted([shardOf('phone-x', 16), shardOf('category:phones', 16)]));
    expect(calls.length).toBe(new Set(calls).size);
  });

  it("loads each cart line's shard, and the categories of the anchors only", async () => {
    // On a product page the cart is not an anchor (phones' category link is not followed),
    // but R5's subtotal sums its prices.
    const page = sharded(STORE, 16);
    await ask(handler(page.source), { placement: 'product', product: 'blender', cart: [{ id: 'phone-y', qty: 1 }] });
    expect(sorted(page.calls)).toEqual(sorted([shardOf('blender', 16), shardOf('phone-y', 16)]));
    const cart = sharded(STORE, 16);
    await ask(handler(cart.source), { placement: 'cart', cart: [{ id: 'blender', qty: 1 }, { id: 'phone-y', qty: 2 }] });
    expect(sorted(cart.calls)).toEqual(sorted(['blender', 'phone-y', 'category:phones'].map((key) => shardOf(key, 16))));
  });

  it('keeps the shards it loaded: the same request again loads nothing', async () => {
    const { source, calls } = sharded(STORE, 16);
    const handle = handler(source);
    await ask(handle, { placement: 'product', product: 'phone-x' });
    const first = calls.length;
    expect(await offered(await ask(handle, { placement: 'product', product: 'phone-x' }))).toEqual(['case-x']);
    expect(calls.length).toBe(first);
    expect(await (await handle(new Request(BASE + '/health'))).json()).toMatchObject({ cached: first });
  });

  it('shares one load of a shard between concurrent requests', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { source, calls } = sharded(STORE, 16, async (_, shard) => (await gate, shard));
    const handle = handler(source);
    const answers = Array.from({ length: 5 }, () => ask(handle, { placement: 'product', product: 'blender' }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    for (const res of await Promise.all(answers)) expect(await offered(res)).toEqual(['blender-jar']);
    expect(calls).toEqual([shardOf('blender', 16)]);
  });

  it("throws at creation on an index.json that can't be used, and reports its lesser problems", () => {
    expect(() => createFetchHandler({ index: { version: 2 }, shard: async () => null })).toThrow(/^createFetchHandler: index\.json: version: expected 1$/);
    const onWarning = vi.fn();
    const { source } = sharded(STORE, 2);
    createFetchHandler({ ...source, index: { ...(source.index as object), currency: 'euros' } }, { onWarning });
    expect(onWarning).toHaveBeenCalledWith('index.json: currency: invalid, using USD', 'index.json');
  });
});

describe('createFetchHandler on a sharded source: shards that fail', () => {
  // 4 shards: phone-x's is not category:phones's, so losing the latter leaves phone-x's own links.
  const COUNT = 4;
  const category = shardOf('category:phones', COUNT);
  const phone = shardOf('phone-x', COUNT);

  it.each([
    ['missing', () => null, 'missing'],
    ['rejected', () => Promise.reject(new Error('KV unavailable')), 'KV unavailable'],
    ['not a catalog', () => ({ version: 2, products: [] }), 'catalog version must be 1'],
    ['not JSON at all', () => 'a string', 'catalog is not a JSON object'],
  ])('a shard %s is reported to onError, left out, and tried again by the next request', async (_name, bad, reason) => {
    expect(phone).not.toBe(category);
    const onError = vi.fn();
    const { source, calls } = sharded(STORE, COUNT, (n, shard) => (n === category ? bad() : shard));
    const handle = handler(source, { onError });
    const res = await ask(handle, { placement: 'product', product: 'phone-y' }); // its offer is a category link
    expect([res.status, await offered(res)]).toEqual([200, []]);
    const own = await ask(handle, { placement: 'product', product: 'phone-x' });
    expect(await offered(own)).toEqual(['case-x']);
    expect(onError).toHaveBeenCalledTimes(2);
    const error = onError.mock.calls[0]![0] as ShardError;
    expect(error).toBeInstanceOf(ShardError);
    expect([error.shard, error.file, error.reason, error.message]).toEqual([category, `shards/${category}.json`, expect.stringContaining(reason), expect.stringMatching(new RegExp(`^shards/${category}\\.json: `))]);
    expect(calls.filter((n) => n === category)).toHaveLength(2);
  });

  it("reports a shard's skipped products to onWarning with the file, and serves the rest of it", async () => {
    const onWarning = vi.fn();
    const { source } = sharded(STORE, 1, (_, shard) => ({ ...(shard as CatalogDoc), products: [...(shard as CatalogDoc).products, { id: 'bad', title: 'Bad', price: -1, url: '/p/bad' }] }));
    const res = await ask(handler(source, { onWarning }), { placement: 'product', product: 'phone-x' });
    expect(await offered(res)).toEqual(['case-x']);
    expect(onWarning).toHaveBeenCalledWith('shards/0.json: products[7]: product "bad" skipped: price', 'shards/0.json');
  });

  it('answers a request whose every shard fails with no offers, never a 500', async () => {
    const onError = vi.fn();
    const { source } = sharded(STORE, 4, () => {
      throw new Error('down');
    });
    const res = await ask(handler(source, { onError }), { placement: 'cart', cart: [{ id: 'phone-x', qty: 1 }, { id: 'blender', qty: 1 }] });
    expect([res.status, await res.json()]).toEqual([200, { offers: [], currency: 'EUR' }]);
    expect(onError.mock.calls.every(([e]) => e instanceof ShardError && e.reason === 'down')).toBe(true);
  });
});

describe('createShardCache: a bounded LRU of parsed shards', () => {
  const INDEX: ShardIndex = { currency: 'EUR', settings: {}, count: 10, path: 'shards/{n}.json' };
  /** Shard `n` (0 to 9): `size` products, `p<n>` first, so shards of one size have JSON of one length. */
  const doc = (n: number, size = 10) => ({
    version: 1,
    currency: 'EUR',
    products: Array.from({ length: size }, (_, i) => ({ id: i ? `p${n}-${String(i).padStart(3, '0')}` : `p${n}`, title: 'A product', price: 1, url: '/p' })),
    links: [],
  });
  const ONE = JSON.stringify(doc(0)).length;
  function cache(options: Parameters<typeof createShardCache>[2] = {}, size?: (n: number) => number) {
    const loads: number[] = [];
    const shards = createShardCache(INDEX, async (n) => (loads.push(n), doc(n, size?.(n))), options);
    const get = async (...ns: number[]) => {
      for (const n of ns) expect((await shards.get(n))?.catalog.byId.has(`p${n}`)).toBe(true);
    };
    return { shards, loads, get };
  }

  it('drops the least recently used shard past maxShards', async () => {
    const { shards, loads, get } = cache({ maxShards: 2 });
    await get(0, 1, 0); // 0 used last: 1 is now the oldest
    await get(2); // over 2: 1 goes
    expect([shards.size, loads]).toEqual([2, [0, 1, 2]]);
    await get(0, 2);
    expect(loads).toEqual([0, 1, 2]);
    await get(1);
    expect(loads).toEqual([0, 1, 2, 1]);
  });

  it('drops the least recently used past maxShardBytes (JSON length), and never keeps one bigger than it', async () => {
    const { shards, loads, get } = cache({ maxShardBytes: Math.floor(ONE * 2.5) }, (n) => (n === 9 ? 50 : 10));
    await get(0, 1);
    expect([shards.size, shards.bytes]).toEqual([2, 2 * ONE]);
    await get(2); // 3 × ONE > 2.5 × ONE: 0 goes
    expect([shards.size, shards.bytes]).toEqual([2, 2 * ONE]);
    await get(1, 2);
    expect(loads).toEqual([0, 1, 2]);
    await get(0);
    expect(loads).toEqual([0, 1, 2, 0]);
    await get(9, 9); // too big to keep: loaded for each use, and the others stay
    expect(loads).toEqual([0, 1, 2, 0, 9, 9]);
    expect(shards.size).toBe(2);
  });

  it('has defaults of 1,024 shards and 256 MB: a 100,000-product catalog as build shards it (200) stays whole', async () => {
    const { shards, get } = cache();
    await get(...Array.from({ length: 10 }, (_, n) => n));
    expect(shards.size).toBe(10);
    const many = createShardCache({ ...INDEX, count: 1100 }, async (n) => doc(n % 10, 1));
    for (let n = 0; n < 1100; n++) await many.get(n);
    expect(many.size).toBe(1024);
    expect(DEFAULT_MAX_SHARD_BYTES).toBe(256 * 1024 * 1024);
  });

  it('shares one load between concurrent gets, and keeps no failure', async () => {
    const onError = vi.fn();
    let fail = true;
    const load = vi.fn(async (n: number) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return fail ? null : doc(n);
    });
    const shards = createShardCache(INDEX, load, { onError });
    expect(await Promise.all([shards.get(3), shards.get(3), shards.get(3)])).toEqual([undefined, undefined, undefined]);
    expect([load.mock.calls.length, onError.mock.calls.length]).toEqual([1, 1]);
    fail = false;
    const [a, b] = await Promise.all([shards.get(3), shards.get(3)]);
    expect(a).toBe(b);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('survives a reporter that throws: the shard is not left loading', async () => {
    const shards = createShardCache(INDEX, async () => null, {
      onError: () => {
        throw new Error('logger down');
      },
    });
    expect(await shards.get(1)).toBeUndefined();
    expect(await shards.get(1)).toBeUndefined();
  });
});

describe('createFetchHandler on a sharded source: the same answers as the whole catalog', () => {
  /** Requests on every placement for each product, and a few of several lines. */
  function requests(doc: CatalogDoc): object[] {
    const ids = doc.products.map((p) => p.id as string);
    const out: object[] = [];
    const customers = [{ orders: 0 }, { orders: 3, spent: 420, lastOrder: daysAgo(20) }, { orders: 2, priceSensitive: true }];
    for (const [i, id] of ids.entries()) {
      const customer = customers[i % customers.length];
      for (const placement of PLACEMENTS)
        out.push({
          placement,
          product: placement === 'product' ? id : null,
          cart: placement === 'product' || placement === 'account' ? [] : [{ id, qty: 1 + (i % 2) }],
          owned: placement === 'account' ? [{ id, purchasedAt: daysAgo(100) }] : [],
          customer,
        });
      const other = ids[(i * 7 + 3) % ids.length]!;
      out.push({ placement: 'cart', cart: [{ id, qty: 1 }, { id: other, qty: 2 }], customer });
      out.push({ placement: 'product', product: id, cart: [{ id: other, qty: 3 }], customer, max: 1 });
      out.push({ placement: 'account', owned: [{ id, purchasedAt: daysAgo(200) }, { id: other, purchasedAt: daysAgo(5) }], customer });
    }
    return out;
  }

  it.each([
    ['the seed store', SEED],
    ['the small store', STORE],
  ])('%s, at 1, 2, 3, 7 and 16 shards, against the parsed file and the merged directory', async (_name, doc) => {
    const file = parseCatalog(doc);
    if (!file.ok) throw new Error(file.error);
    for (const count of [1, 2, 3, 7, 16]) {
      const { source, shards } = sharded(doc, count);
      const index = readShardIndex(source.index);
      if (!index.ok) throw new Error(index.error);
      const merged = mergeShards(index.index, shards);
      if (!merged.ok) throw new Error(merged.error);
      const part = handler(source);
      const wholes = [handler(file.catalog), handler(merged.catalog)];
      let some = 0;
      for (const request of requests(doc)) {
        const expected = await (await ask(wholes[0]!, request)).text();
        if ((JSON.parse(expected) as { offers: unknown[] }).offers.length) some++;
        const got = await (await ask(part, request)).text();
        expect(got, `${count} shards: ${JSON.stringify(request)}`).toBe(expected);
        expect(await (await ask(wholes[1]!, request)).text()).toBe(expected);
      }
      // A comparison of empty answers proves little: most of these requests get offers.
      expect(some).toBeGreaterThan(requests(doc).length / 3);
    }
  });
});
