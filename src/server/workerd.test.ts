import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareWorkerd, startWorkerd, writeShardedCatalog, type RunningWorkerd } from '../../edge/cloudflare/run-workerd';
import { parseCatalog } from '../catalog/parse-catalog';
import { shardOf } from '../catalog/shard-key';
import { createFetchHandler } from './create-fetch-handler';
import { ShardError } from './sharded-catalog';
import { STORE } from './shard-fixtures';

/*
 * The offers API on workerd, Cloudflare's Workers runtime, as edge/cloudflare lays it out:
 * the Worker (worker.ts, bundled) reads a sharded catalog from workerd's `disk` service
 * through a service binding. Its answers must be the ones the same handler gives in Node, on
 * the same directory and on the whole catalog.
 */

const SHOP = 'https://shop.example';
const TODAY = '2026-11-21';
const SHARDS = 4;
/** The shard left out of the second catalog: the blender's (nothing of the phones is in it). */
const HOLE = shardOf('blender', SHARDS);

type Handler = (request: Request) => Promise<Response>;

/** The same handler in Node, on the whole catalog. */
const parsed = parseCatalog(STORE);
if (!parsed.ok) throw new Error(parsed.error);
const node = createFetchHandler(parsed.catalog, { origins: [SHOP], today: () => TODAY });

/** The same handler in Node, on the directory workerd serves, read from disk; its reports go to `errors`. */
async function nodeOnDirectory(dir: string, errors: unknown[]): Promise<Handler> {
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { shards: { path: string } };
  const shard = (n: number) => readFile(join(dir, index.shards.path.replace('{n}', String(n))), 'utf8').then(JSON.parse, () => null);
  return createFetchHandler({ index, shard }, { origins: [SHOP], today: () => TODAY, onError: (e) => errors.push(e) });
}

let remove: () => Promise<void>;
/** workerd on the whole directory, and on it less the blender's shard. */
let complete: RunningWorkerd;
let holed: RunningWorkerd;
let nodeComplete: Handler;
let nodeHoled: Handler;
const nodeErrors: unknown[] = [];

beforeAll(async () => {
  const prepared = await prepareWorkerd();
  remove = prepared.remove;
  const [all, some] = await Promise.all([
    writeShardedCatalog(prepared.dir, 'catalog', STORE, SHARDS),
    writeShardedCatalog(prepared.dir, 'holed', STORE, SHARDS, [HOLE]),
  ]);
  [complete, holed] = await Promise.all([startWorkerd(prepared.dir, all, [SHOP]), startWorkerd(prepared.dir, some, [SHOP])]);
  [nodeComplete, nodeHoled] = await Promise.all([nodeOnDirectory(all, []), nodeOnDirectory(some, nodeErrors)]);
}, 20_000);

afterAll(async () => {
  await Promise.all([complete?.stop(), holed?.stop()]);
  await remove?.();
});

const REQUESTS = {
  'a product page': { version: 1, placement: 'product', product: 'phone-x', today: TODAY },
  'a product page with a category link': { version: 1, placement: 'product', product: 'phone-y', today: TODAY },
  'a cart': { version: 1, placement: 'cart', cart: [{ id: 'phone-x', qty: 1 }], max: 2, today: TODAY },
  'a cart of the blender': { version: 1, placement: 'cart', cart: [{ id: 'blender', qty: 1 }], today: TODAY },
  'a bad request': { version: 1, placement: 'cart', cart: [{ id: 'phone-x', qty: 0 }], today: TODAY },
};
/** The products each request is offered (`null`: a 400), so a comparison of two empty answers cannot pass. */
const OFFERED: Record<keyof typeof REQUESTS, string[] | null> = {
  'a product page': ['case-x'],
  'a product page with a category link': ['screen-guard'],
  'a cart': ['case-x'],
  'a cart of the blender': ['blender-jar'],
  'a bad request': null,
};

const post = (body: unknown, origin = SHOP): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Origin: origin },
  body: JSON.stringify(body),
});

const api = 'https://api.example/offers';

/** Status, the headers a browser reads, and the JSON body. */
async function summary(res: Response) {
  const headers = ['Content-Type', 'Access-Control-Allow-Origin', 'Vary', 'Cache-Control'].map((h) => [h, res.headers.get(h)]);
  return { status: res.status, headers: Object.fromEntries(headers), body: (await res.json()) as unknown };
}

describe('the offers API on workerd (edge/cloudflare)', () => {
  it('answers GET /health once it has read index.json through the binding', async () => {
    const res = await fetch(`${complete.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, shards: SHARDS });
  });

  it.each(Object.keys(REQUESTS) as (keyof typeof REQUESTS)[])('answers %s as the same handler does in Node', async (name) => {
    const onWorkerd = await summary(await fetch(`${complete.url}/offers`, post(REQUESTS[name])));
    expect(onWorkerd).toEqual(await summary(await nodeComplete(new Request(api, post(REQUESTS[name])))));
    expect(onWorkerd).toEqual(await summary(await node(new Request(api, post(REQUESTS[name])))));
    expect(onWorkerd.headers['Access-Control-Allow-Origin']).toBe(SHOP);
    const offered = OFFERED[name];
    if (offered) expect((onWorkerd.body as { offers: { product: { id: string } }[] }).offers.map((o) => o.product.id)).toEqual(offered);
    else expect(onWorkerd.status).toBe(400);
  });

  it('answers the CORS preflight of an allowed origin with 204, methods, headers and max-age', async () => {
    const res = await fetch(`${complete.url}/offers`, {
      method: 'OPTIONS',
      headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SHOP);
    expect(res.headers.get('Access-Control-Allow-Methods')).toBe('POST, OPTIONS');
    expect(res.headers.get('Access-Control-Allow-Headers')).toBe('Content-Type');
    expect(res.headers.get('Access-Control-Max-Age')).toBe('86400');
    expect(res.headers.get('Vary')).toBe('Origin');
  });

  it('lets no other origin read its answers, preflight or not', async () => {
    const evil = 'https://evil.example';
    const preflight = await fetch(`${complete.url}/offers`, { method: 'OPTIONS', headers: { Origin: evil, 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toBeNull();
    const res = await fetch(`${complete.url}/offers`, post(REQUESTS['a product page'], evil));
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(res.headers.get('Vary')).toBe('Origin');
  });

  it('sends CORS headers with its errors too (404, 415)', async () => {
    const missing = await fetch(`${complete.url}/nothing`, { headers: { Origin: SHOP } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Access-Control-Allow-Origin')).toBe(SHOP);
    const untyped = await fetch(`${complete.url}/offers`, { method: 'POST', headers: { Origin: SHOP, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(untyped.status).toBe(415);
    expect(untyped.headers.get('Access-Control-Allow-Origin')).toBe(SHOP);
  });

  it('skips a missing shard: only its offers are lost, as in Node, and the file is named in the log', async () => {
    expect([shardOf('phone-x', SHARDS), shardOf('category:phones', SHARDS)]).not.toContain(HOLE);
    const blender = await summary(await fetch(`${holed.url}/offers`, post(REQUESTS['a cart of the blender'])));
    expect(blender).toMatchObject({ status: 200, body: { offers: [] } });
    expect(blender).toEqual(await summary(await nodeHoled(new Request(api, post(REQUESTS['a cart of the blender'])))));
    expect(nodeErrors).toEqual([new ShardError(HOLE, `shards/${HOLE}.json`, 'missing')]);
    await expect.poll(() => holed.output()).toContain(`[offerwise] shards/${HOLE}.json: missing`);

    for (const name of ['a product page', 'a product page with a category link', 'a cart'] as const) {
      const [onHoled, onComplete] = await Promise.all([holed, complete].map(async (w) => summary(await fetch(`${w.url}/offers`, post(REQUESTS[name])))));
      expect(onHoled, name).toEqual(onComplete);
    }
    expect(complete.output()).not.toContain('[offerwise]');
  });
});
