import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { BUNDLE, events, recordEvents, renders, storeHtml, watchConsole, type StoreOptions } from './helpers';

// embed.md §1 and the README: a store serves offerwise.js from a CDN on another origin, under
// `script-src 'nonce-…' 'strict-dynamic'` and `require-trusted-types-for 'script'`. The
// chunks come from the CDN too (beside the script, never from the page's origin), as module
// imports that inherit the nonce and need the CDN's Access-Control-Allow-Origin header.
//
// Three loopback origins, as in production: the store (the fixture server), the CDN and the
// analytics collector (both started here). The policy is a real response header.

const DIST = new URL('../dist/', import.meta.url);
const NONCE = 'ow-e2e-nonce-4f9a';

interface Served {
  path: string;
  /** The request's Origin header: a module script (CORS) fetch sends one. */
  origin: string | undefined;
}
type Line = Record<string, unknown>;

let cdn: Server;
let collector: Server;
let CDN = '';
let COLLECTOR = '';
/** Every request the CDN answered. */
const served: Served[] = [];
/** Beacon batches by collector path. */
const received = new Map<string, { type: string; lines: Line[] }[]>();

test.beforeAll(async () => {
  // The CDN: dist/offerwise*.js under /cors/ (with the CORS header every public CDN sends)
  // and under /bare/ (without it).
  cdn = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://cdn');
    served.push({ path: url.pathname, origin: req.headers.origin });
    const match = /^\/(cors|bare)\/(offerwise[\w.-]*\.js)$/.exec(url.pathname);
    if (!match) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    readFile(new URL(match[2]!, DIST)).then(
      (body) =>
        res
          .writeHead(200, {
            'content-type': 'text/javascript; charset=utf-8',
            'cache-control': 'no-store',
            ...(match[1] === 'cors' ? { 'access-control-allow-origin': '*' } : {}),
          })
          .end(body),
      () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'),
    );
  });
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const lines = body ? body.trimEnd().split('\n').map((l) => JSON.parse(l) as Line) : [];
      received.get(req.url ?? '')?.push({ type: req.headers['content-type'] ?? '', lines });
      res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
    });
  });
  await Promise.all([cdn, collector].map((s) => new Promise<void>((done) => s.listen(0, '127.0.0.1', done))));
  CDN = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
  COLLECTOR = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
test.afterAll(() => Promise.all([cdn, collector].map((s) => new Promise<void>((done) => s.close(() => done())))));

/** The strict policy: nonce + strict-dynamic, Trusted Types, and only the hosts the page uses. */
const policy = () =>
  [
    "default-src 'self'",
    `script-src 'nonce-${NONCE}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self'",
    `connect-src 'self' ${COLLECTOR}`,
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');

interface Violation {
  directive: string;
  blocked: string;
}

/**
 * Serve a store page (on the fixture origin) whose Offerwise tag loads from the CDN with the
 * nonce; inline scripts in `head`/`body` must carry the nonce themselves.
 */
async function openCdnStore(page: Page, folder: 'cors' | 'bare', options: StoreOptions): Promise<void> {
  const path = '/e2e/fixtures/cdn-store.html';
  const html = storeHtml(options);
  const tag = `<script src="${BUNDLE}"`;
  expect(html).toContain(tag);
  const body = html.replace(tag, `<script nonce="${NONCE}" src="${CDN}/${folder}/offerwise.js"`);
  await page.route(`**${path}`, (route) =>
    route.fulfill({ headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy() }, body }),
  );
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: Violation[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });
  await recordEvents(page);
  await page.goto(path);
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

/** A fresh collector path for this test; returns its batches. */
function collect(): { url: string; batches: { type: string; lines: Line[] }[] } {
  const path = `/collect/${test.info().testId}`;
  const batches: { type: string; lines: Line[] }[] = [];
  received.set(path, batches);
  return { url: COLLECTOR + path, batches };
}

const hideTab = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });

/** Chunk files the page asked for, by origin. */
function chunkRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => /\/offerwise-[^/]+\.js(?:[?#]|$)/.test(r.url()) && urls.push(r.url()));
  return urls;
}

const inline = (code: string) => `<script nonce="${NONCE}">${code}</script>`;
const DATA_LAYER = inline('window.dataLayer = [{ event: "gtm.js" }];');
const CART_HANDLER = inline(`window.__cart = [];
  document.addEventListener('offerwise:add', (e) => { window.__cart.push(e.detail.productId); e.detail.waitUntil(Promise.resolve()); });`);
const PRODUCT = { placement: 'product', product: 'coffee-machine', orders: '1' };

test.describe("from a CDN origin under script-src 'nonce-…' 'strict-dynamic' and Trusted Types (embed.md §1)", () => {
  test('cards render, the event adapter adds, the measure chunk comes from the CDN, and the beacon batch arrives', async ({ page }) => {
    const beacon = collect();
    const chunks = chunkRequests(page);
    const seen = watchConsole(page);
    const from = served.length;
    await openCdnStore(page, 'cors', { script: { ...PRODUCT, beacon: beacon.url }, head: DATA_LAYER, body: CART_HANDLER });

    await renders(page);
    await expect(page.getByRole('article')).toHaveCount(2);
    await expect.poll(async () => (await events(page, 'impression')).length).toBe(2);
    // The measure chunk (GA4) loaded from the CDN, beside the script, as a CORS module fetch.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { dataLayer: { event?: string }[] }).dataLayer.map((e) => e.event)))
      .toContain('view_item_list');
    expect(chunks).toEqual([`${CDN}/cors/offerwise-measure.js`]);
    const pageOrigin = new URL(page.url()).origin;
    expect(served.slice(from)).toEqual([
      { path: '/cors/offerwise.js', origin: undefined }, // a classic script: no CORS
      { path: '/cors/offerwise-measure.js', origin: pageOrigin },
    ]);

    // Add through the default event adapter.
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('button', { name: 'Add Descaler to cart: Added' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __cart: string[] }).__cart)).toEqual(['descaler']);
    const [add] = await events(page, 'add');
    expect(add!.detail).toMatchObject({ placement: 'product', productId: 'descaler', quantity: 1, action: 'add' });
    await expect.poll(async () => (await events(page, 'added')).length).toBe(1);

    // The tab is hidden: one NDJSON batch reaches the collector.
    expect(beacon.batches).toEqual([]);
    await hideTab(page);
    await expect.poll(() => beacon.batches.length).toBe(1);
    const [batch] = beacon.batches;
    expect(batch!.type).toMatch(/^text\/plain/);
    expect(batch!.lines.map((l) => l.t)).toEqual(['render', 'impression', 'impression', 'add']);
    const [render, first, second, added] = batch!.lines;
    expect(render).toMatchObject({ t: 'render', placement: 'product', group: 'treatment', segment: 'returning', offers: ['descaler', 'coffee-filters'] });
    expect(first).toMatchObject({ t: 'impression', productId: 'descaler', kind: 'cross-sell', price: 12, position: 1 });
    expect(second).toMatchObject({ t: 'impression', productId: 'coffee-filters', kind: 'cross-sell', price: 9, position: 2 });
    expect(added).toMatchObject({ t: 'add', productId: 'descaler', kind: 'cross-sell', price: 12, position: 1 });
    for (const line of batch!.lines) {
      expect(line).toMatchObject({ visitor: expect.stringMatching(/^v_\w+$/), view: expect.stringMatching(/^pv_\w+$/), ts: expect.any(Number) });
      expect(line.visitor).toBe(render!.visitor);
      expect(line.view).toBe(render!.view);
    }

    expect(await violations(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.warnings).toEqual([]);
    expect((await events(page, 'error'))).toEqual([]);
  });

  test('the endpoint client chunk (and the chunk it shares) comes from the CDN too', async ({ page }) => {
    const chunks = chunkRequests(page);
    const seen = watchConsole(page);
    const asked: string[] = [];
    await page.route('**/cdn-offers', (route) => {
      asked.push(route.request().method());
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          offers: [
            {
              kind: 'cross-sell',
              action: 'add',
              anchor: 'coffee-machine',
              anchorTitle: 'Coffee Machine',
              reason: 'Keeps it running',
              product: { id: 'descaler', title: 'Descaler', price: 12, url: '/p/descaler', image: '/e2e/fixtures/img.svg' },
            },
          ],
        }),
      });
    });
    await openCdnStore(page, 'cors', { script: { ...PRODUCT, endpoint: '/cdn-offers' }, body: CART_HANDLER });
    await renders(page);
    await expect(page.getByRole('article')).toHaveCount(1);
    expect(asked).toEqual(['POST']);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((u) => u.startsWith(`${CDN}/cors/`))).toBe(true);
    expect(chunks).toContain(`${CDN}/cors/offerwise-endpoint.js`);
    expect(chunks.some((u) => /\/cors\/offerwise-shared-[\w-]+\.js$/.test(u))).toBe(true);
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('button', { name: 'Add Descaler to cart: Added' })).toBeVisible();
    expect(await violations(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.warnings).toEqual([]);
  });

  test('a CDN without Access-Control-Allow-Origin: the chunk is refused, which costs that feature only', async ({ page }) => {
    // README: chunks from another origin need the CDN's CORS header. Without it the endpoint
    // client cannot load: one warning, one offerwise:error (code "chunk"), and the slot
    // computes from data-catalog instead.
    const seen = watchConsole(page);
    const asked: string[] = [];
    await page.route('**/cdn-offers', (route) => (asked.push(route.request().url()), route.fulfill({ status: 500 })));
    await openCdnStore(page, 'bare', { script: { ...PRODUCT, endpoint: '/cdn-offers' }, body: CART_HANDLER });
    await renders(page);
    await expect(page.getByRole('article')).toHaveCount(2);
    await expect.poll(() => seen.warnings.length).toBe(1);
    expect(seen.warnings[0]).toMatch(/^\[offerwise\] .*offerwise-endpoint\.js/);
    const errors = await events(page, 'error');
    expect(errors).toEqual([expect.objectContaining({ detail: expect.objectContaining({ code: 'chunk', message: expect.stringContaining('offerwise-endpoint.js') }) })]);
    expect(asked).toEqual([]);
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('button', { name: 'Add Descaler to cart: Added' })).toBeVisible();
    // A CORS failure is not a policy violation.
    expect(await violations(page)).toEqual([]);
  });

  test('control: the policy is enforced (a script without the nonce is blocked and reported)', async ({ page }) => {
    await openCdnStore(page, 'cors', { script: PRODUCT, after: '<script src="/e2e/fixtures/data-layer.js"></script>' });
    await renders(page);
    await expect.poll(async () => (await violations(page)).map((v) => v.directive)).toContain('script-src-elem');
    expect(await page.evaluate(() => 'dataLayer' in window)).toBe(false);
  });
});
