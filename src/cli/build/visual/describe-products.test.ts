/**
 * Reading product pictures over http(s), against a server on the loopback interface: bounded
 * concurrency, retries, a time limit, the cache (a second run fetches nothing), and every
 * picture that cannot be used reported by product id.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jewelleryPhoto, jewellerySet } from '../../../../scripts/jewellery-images.mjs';
import { EXIT } from '../../cli-io';
import { runBuild } from '../run-build';
import { captureIo, captureLog, makeTempDir, writeLines } from '../test-fixtures';
import { describeProducts, localPath } from './describe-products';
import { imageCache } from './image-cache';

const SET = jewellerySet({ perCell: 1, seed: 99 });
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let server: Server;
let base: string;
/** Requests per path, and the most answered at once. */
const hits = new Map<string, number>();
let open = 0;
let mostOpen = 0;
const photos = new Map<string, Buffer>();

beforeAll(async () => {
  tmp = await makeTempDir();
  for (const spec of SET) photos.set(`/img/${spec.id}.jpg`, await jewelleryPhoto(spec));
  server = createServer((req, res) => {
    const path = req.url!.split('?')[0]!;
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    mostOpen = Math.max(mostOpen, ++open);
    res.on('close', () => open--);
    const photo = photos.get(path);
    // Answer a little later, so that requests overlap and concurrency shows.
    setTimeout(() => {
      if (photo) return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
      if (path === '/flaky.jpg' && hit <= 2) return res.writeHead(503).end();
      if (path === '/flaky.jpg') return res.writeHead(200).end(photos.get(`/img/${SET[0]!.id}.jpg`));
      if (path === '/text.jpg') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end('<html>Sign in</html>');
      if (path === '/slow.jpg') return; // never answers
      res.writeHead(404).end();
    }, 20);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await tmp?.remove();
});

/** Quick retries and a short time limit: the waits of a real build are seconds. */
const http = { backoffMs: 10, retries: 2, timeoutMs: 400 };

describe('describeProducts over http', () => {
  let products: { id: string; image?: string }[];
  let first: Awaited<ReturnType<typeof describeProducts>>;
  let err: string;
  beforeAll(async () => {
    products = [
      ...SET.map((s) => ({ id: s.id, image: `${base}/img/${s.id}.jpg` })),
      { id: 'flaky', image: `${base}/flaky.jpg` },
      { id: 'gone', image: `${base}/gone.jpg` },
      { id: 'text', image: `${base}/text.jpg` },
      { id: 'slow', image: `${base}/slow.jpg` },
      { id: 'no-image' },
    ];
    hits.clear();
    const captured = captureLog();
    first = await describeProducts(products, sharp, { cache: imageCache(tmp.file('cache')), http, concurrency: 4, progressEveryMs: 0 }, captured.log);
    err = captured.err();
  });

  it('fetches every picture once, at most 4 at a time, and describes them', () => {
    expect(first.stats).toMatchObject({ withImage: 16, described: 13, fetched: 13, fromCache: 0, unreadable: 3, allBackground: 0 });
    expect(first.vectors.count).toBe(13);
    for (const spec of SET) expect(hits.get(`/img/${spec.id}.jpg`)).toBe(1);
    expect(mostOpen).toBeGreaterThan(1);
    expect(mostOpen).toBeLessThanOrEqual(4);
  });

  it('tries a 5xx again, and gets the picture', () => {
    expect(hits.get('/flaky.jpg')).toBe(3);
    expect(err).toContain(`${base}/flaky.jpg: 503 Service Unavailable; trying again in 10 ms`);
  });

  it('reports each picture it cannot use by product id: an error status, not a picture, no answer in time', () => {
    expect(err).toContain(`image of "gone" (${base}/gone.jpg): 404 Not Found; no visual links for it`);
    expect(err).toContain(`image of "text" (${base}/text.jpg): not a picture sharp can read (`);
    expect(err).toContain(`image of "slow" (${base}/slow.jpg): no answer in time after 2 retries; no visual links for it`);
    expect(hits.get('/slow.jpg')).toBe(3);
  });

  it('shows progress on stderr', () => {
    expect(err).toMatch(/^images: 16 of 16 read \(13 fetched, 0 from the cache\), \d+\.\d s$/m);
  });

  it('fetches nothing the second time: every picture comes from the cache, described the same', async () => {
    hits.clear();
    const again = await describeProducts(products.slice(0, SET.length), sharp, { cache: imageCache(tmp.file('cache')), http }, captureLog().log);
    expect(hits.size).toBe(0);
    expect(again.stats).toMatchObject({ described: 12, fetched: 0, fromCache: 12 });
    expect(again.vectors.data).toEqual(first.vectors.data.subarray(0, again.vectors.data.length));
  });

  it('describes a picture read from --image-dir exactly as the same picture fetched (the cache keeps it losslessly)', async () => {
    await mkdir(tmp.file('img'), { recursive: true });
    for (const [path, photo] of photos) await writeFile(tmp.file(path.slice(1)), photo);
    const local = await describeProducts(
      SET.map((s) => ({ id: s.id, image: `/img/${s.id}.jpg` })),
      sharp,
      { imageDir: tmp.dir, cache: imageCache(tmp.file('unused')) },
      captureLog().log,
    );
    expect(local.stats).toMatchObject({ described: 12, fromDir: 12, fetched: 0 });
    expect(local.vectors.data).toEqual(first.vectors.data.subarray(0, local.vectors.data.length));
  });
});

describe('offerwise build --visual with pictures on a store', () => {
  it('fetches on the first run, reads the cache on the second, and writes the same catalog', async () => {
    const price = { necklace: 200, earrings: 80, ring: 120 } as const;
    await writeLines(tmp.file('products.csv'), [
      'id,title,price,url,image,category',
      ...SET.map((s) => `${s.id},${s.id},${price[s.shape]},/p/${s.id},${base}/img/${s.id}.jpg,${s.shape}`),
    ]);
    const build = async (out: string) => {
      const io = captureIo();
      const args = ['--products', tmp.file('products.csv'), '--visual', '--pair-categories', 'necklace:earrings,necklace:ring', '--image-cache', tmp.file('build-cache'), '--out', tmp.file(out)];
      const code = await runBuild(args, io, { http });
      return { code, out: io.out() };
    };
    hits.clear();
    const one = await build('one.json');
    expect(one.code).toBe(EXIT.ok);
    expect(one.out).toContain('pictures: 12 products with an image, 12 described (12 fetched)');
    expect(hits.size).toBe(12);
    hits.clear();
    const two = await build('two.json');
    expect(two.out).toContain(`pictures: 12 products with an image, 12 described (12 from the cache (${tmp.file('build-cache')}))`);
    expect(hits.size).toBe(0);
    expect(await readFile(tmp.file('two.json'), 'utf8')).toBe(await readFile(tmp.file('one.json'), 'utf8'));
  });
});

describe('localPath', () => {
  it('finds a relative image under the directory by its URL path, and nothing outside it', () => {
    expect(localPath('/shop/public', '/img/a%20b.jpg?v=2')).toBe('/shop/public/img/a b.jpg');
    expect(localPath('/shop/public', 'img/a.jpg')).toBe('/shop/public/img/a.jpg');
    // A URL path cannot climb above its root, written plainly or escaped…
    expect(localPath('/shop/public', '/../../etc/passwd')).toBe('/shop/public/etc/passwd');
    expect(localPath('/shop/public', '/%2e%2e/%2e%2e/etc/passwd')).toBe('/shop/public/etc/passwd');
    // …but an escaped slash would, once decoded: refused.
    expect(localPath('/shop/public', '/..%2F..%2Fetc/passwd')).toBeUndefined();
  });
});
