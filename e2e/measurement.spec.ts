import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { events, handleAdds, measured, openStore, renders, storeHtml, watchConsole, type StoreOptions } from './helpers';

// Measurement (issue: impressions, GA4, beacon batches, holdout, purchases; analytics.md).

const PRODUCT = { placement: 'product', product: 'coffee-machine', orders: '1' };
type Line = Record<string, unknown>;

/**
 * A real collector on loopback (another origin, as a store's analytics host would be): a
 * beacon sent while the page unloads leaves the browser for real, where `page.route` could
 * miss it. Each test gets its own path and its own list of batches.
 */
const received = new Map<string, { method: string; type: string; lines: Line[] }[]>();
let server: Server;
let origin = '';
test.beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const batch = { method: req.method ?? '', type: req.headers['content-type'] ?? '', lines: [] as Line[] };
      if (body) batch.lines = body.trimEnd().split('\n').map((line) => JSON.parse(line) as Line);
      received.get(req.url ?? '')?.push(batch);
      res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((done) => server.close(() => done())));

let BEACON = '';
/** This test's collector: `BEACON` is its URL; `batches` what arrived there. */
function collectBeacons(): { readonly batches: Line[][]; methods(): string[] } {
  const path = `/collect/${test.info().testId}-${received.size}`;
  const batches: { method: string; type: string; lines: Line[] }[] = [];
  received.set(path, batches);
  BEACON = origin + path;
  return {
    get batches() {
      return batches.map((b) => b.lines);
    },
    methods: () => batches.map((b) => b.method),
  };
}

/** Go on to another store page (openStore already records events on every load). */
async function gotoStore(page: Page, path: string, options: StoreOptions): Promise<void> {
  await page.route(`**${path}`, (route) => route.fulfill({ contentType: 'text/html', body: storeHtml(options) }));
  await page.goto(path);
}

/**
 * The browser's "tab hidden" moment, as when the shopper switches tabs or apps, once the
 * measure chunk has taken over the lines (a page with no beacon and no dataLayer never loads it).
 */
const hideTab = async (page: Page, measuredFirst = true) => {
  if (measuredFirst) await measured(page);
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
};

const FAR_BELOW = '<div id="spacer" style="height:3000px">Product details</div><div id="offers" data-offerwise></div>';

test.describe('impressions (analytics.md; embed.md §6)', () => {
  /** Scroll so that the slot's top is `below` px under the viewport's bottom edge. */
  const scrollSlotBelowFold = (page: Page, below: number) =>
    page.evaluate((b) => {
      const top = document.getElementById('offers')!.getBoundingClientRect().top + scrollY;
      window.scrollTo(0, top - innerHeight - b);
    }, below);

  test('only when a card is half in view, once per offer per page view, with its position', async ({ page }) => {
    await openStore(page, { script: PRODUCT, body: FAR_BELOW });
    await scrollSlotBelowFold(page, 200); // near enough to render (README: lazy rendering), not in view
    await renders(page);
    await page.waitForTimeout(300);
    expect(await events(page, 'impression')).toEqual([]);

    await page.getByRole('article').first().scrollIntoViewIfNeeded();
    await expect.poll(async () => (await events(page, 'impression')).length).toBe(2);
    const impressions = await events(page, 'impression');
    expect(impressions.map((e) => e.detail.offer)).toEqual([
      expect.objectContaining({ productId: 'descaler', position: 1, kind: 'cross-sell' }),
      expect.objectContaining({ productId: 'coffee-filters', position: 2, kind: 'cross-sell' }),
    ]);
    expect(impressions[0]!.detail.placement).toBe('product');

    // Scrolling away and back, and a re-render, count no new impression.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(200);
    await page.getByRole('article').first().scrollIntoViewIfNeeded();
    await page.evaluate(() => (window as unknown as { Offerwise: { refresh(): Promise<void> } }).Offerwise.refresh());
    await page.waitForTimeout(300);
    expect(await events(page, 'impression')).toHaveLength(2);
  });

  test('a card barely peeking into view is not yet an impression', async ({ page }) => {
    await page.setViewportSize({ width: 1000, height: 600 });
    await openStore(page, { script: PRODUCT, body: FAR_BELOW });
    await scrollSlotBelowFold(page, 100);
    await renders(page);
    const top = await page.getByRole('article').first().evaluate((el) => el.getBoundingClientRect().top + scrollY);
    await page.evaluate((y) => window.scrollTo(0, y - 600 + 10), top); // 10 px of the card visible
    await page.waitForTimeout(300);
    expect(await events(page, 'impression')).toEqual([]);
  });
});

test.describe('GA4 (analytics.md §2)', () => {
  const withDataLayer = '<script>window.dataLayer = [{ event: "gtm.js" }];</script>';

  test('view_item_list when seen, select_item on click and on add, each after {ecommerce: null}', async ({ page }) => {
    await handleAdds(page);
    await openStore(page, { script: PRODUCT, head: withDataLayer });
    await expect.poll(async () => (await events(page, 'impression')).length).toBe(2);
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect.poll(async () => (await events(page, 'added')).length).toBe(1);
    await page.evaluate(() => document.addEventListener('click', (e) => e.preventDefault(), { once: true }));
    await page.getByRole('link', { name: 'Paper Filters (200)' }).click();

    const layer = await page.evaluate(() => (window as unknown as { dataLayer: Line[] }).dataLayer.slice(1));
    const events_ = layer.map((entry) => (entry.event as string | undefined) ?? (entry.ecommerce === null ? 'null' : '?'));
    expect(events_).toEqual(['null', 'view_item_list', 'null', 'view_item_list', 'null', 'select_item', 'null', 'select_item']);
    const item = (i: number) => (layer[i]!.ecommerce as { items: Line[] }).items[0];
    expect(layer[1]!.ecommerce).toMatchObject({ item_list_id: 'offerwise-product', item_list_name: 'Offerwise product' });
    expect(item(1)).toEqual({ item_id: 'descaler', item_name: 'Descaler', price: 12, index: 1, item_category: 'coffee-supplies' });
    expect(item(5)).toMatchObject({ item_id: 'descaler', index: 1 });
    expect(item(7)).toMatchObject({ item_id: 'coffee-filters', index: 2 });
  });

  test('nothing is pushed with data-consent="false"', async ({ page }) => {
    await openStore(page, { script: { ...PRODUCT, consent: 'false' }, head: withDataLayer });
    await expect.poll(async () => (await events(page, 'impression')).length).toBe(2);
    expect(await page.evaluate(() => (window as unknown as { dataLayer: unknown[] }).dataLayer)).toEqual([{ event: 'gtm.js' }]);
  });

  test('a page without a dataLayer gets none', async ({ page }) => {
    await openStore(page, { script: PRODUCT });
    await expect.poll(async () => (await events(page, 'impression')).length).toBe(2);
    expect(await page.evaluate(() => 'dataLayer' in window)).toBe(false);
  });
});

test.describe('beacon (analytics.md §3)', () => {
  test('batches NDJSON and sends it when the page is hidden, whatever the page did to toJSON', async ({ page }) => {
    const seen = collectBeacons();
    const console_ = watchConsole(page);
    await openStore(page, {
      script: { ...PRODUCT, beacon: BEACON },
      head: '<script>Array.prototype.toJSON = function () { return "hijacked"; };</script>',
    });
    await expect.poll(async () => (await events(page, 'impression')).length).toBe(2);
    expect(seen.batches).toEqual([]); // 3 events so far: under a batch
    await hideTab(page);
    await expect.poll(() => seen.batches.length).toBe(1);

    const [render, ...impressions] = seen.batches[0]!;
    expect(render).toMatchObject({ t: 'render', placement: 'product', group: 'treatment', segment: 'returning', offers: ['descaler', 'coffee-filters'] });
    expect(impressions).toEqual([
      expect.objectContaining({ t: 'impression', productId: 'descaler', kind: 'cross-sell', price: 12, position: 1 }),
      expect.objectContaining({ t: 'impression', productId: 'coffee-filters', kind: 'cross-sell', price: 9, position: 2 }),
    ]);
    for (const line of seen.batches[0]!) {
      expect(line.visitor).toMatch(/^v_\w+$/);
      expect(line.view).toMatch(/^pv_\w+$/);
      expect(line.ts).toEqual(expect.any(Number));
    }
    expect(new Set(seen.batches[0]!.map((l) => l.visitor)).size).toBe(1);
    expect(seen.methods()).toEqual(['POST']);
    expect(console_.errors).toEqual([]);
  });

  test('sent when the shopper leaves the page (pagehide), with the same visitor on the next page', async ({ page }) => {
    const seen = collectBeacons();
    await handleAdds(page);
    await openStore(page, { script: { ...PRODUCT, beacon: BEACON } });
    await expect.poll(async () => (await events(page, 'impression')).length).toBe(2);
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect.poll(async () => (await events(page, 'added')).length).toBe(1);
    await measured(page);
    await gotoStore(page, '/e2e/fixtures/cart.html', { script: { placement: 'cart', cart: 'coffee-machine:1', beacon: BEACON } });
    await expect.poll(() => seen.batches.length).toBeGreaterThanOrEqual(1);
    const first = seen.batches[0]!;
    expect(first.map((l) => l.t)).toEqual(['render', 'impression', 'impression', 'add']);
    expect(first[3]).toMatchObject({ productId: 'descaler', kind: 'cross-sell', price: 12, position: 1 });
    await renders(page);
    await hideTab(page);
    await expect.poll(() => seen.batches.length).toBe(2);
    expect(seen.batches[1]![0]).toMatchObject({ t: 'render', placement: 'cart' });
    expect(seen.batches[1]![0]!.visitor).toBe(first[0]!.visitor);
    expect(seen.batches[1]![0]!.view).not.toBe(first[0]!.view);
  });

  test('every 10 events a batch goes without waiting for the page to hide', async ({ page }) => {
    const seen = collectBeacons();
    await openStore(page, { script: { ...PRODUCT, beacon: BEACON }, body: cancelClicks });
    await expect.poll(async () => (await events(page, 'impression')).length).toBe(2);
    for (let i = 0; i < 7; i++) await page.getByRole('link', { name: 'Descaler' }).click();
    await expect.poll(() => seen.batches.length).toBe(1);
    expect(seen.batches[0]).toHaveLength(10);
  });

  test('falls back to fetch with keepalive where sendBeacon is missing or refuses', async ({ page }) => {
    const seen = collectBeacons();
    await openStore(page, {
      script: { ...PRODUCT, beacon: BEACON },
      head: `<script>
        window.__fetches = [];
        const fetch = window.fetch;
        window.fetch = (url, init) => (window.__fetches.push({ url: String(url), keepalive: init && init.keepalive }), fetch(url, init));
        Navigator.prototype.sendBeacon = () => false; // over the browser's quota
      </script>`,
    });
    await expect.poll(async () => (await events(page, 'impression')).length).toBe(2);
    await hideTab(page);
    await expect.poll(() => seen.batches.length).toBe(1);
    expect(seen.batches[0]!.map((l) => l.t)).toEqual(['render', 'impression', 'impression']);
    const fetches = await page.evaluate(() => (window as unknown as { __fetches: { url: string; keepalive: boolean }[] }).__fetches);
    expect(fetches.filter((f) => f.url === BEACON)).toEqual([{ url: BEACON, keepalive: true }]);
  });

  test('no beacon at all with data-consent="false"', async ({ page }) => {
    const seen = collectBeacons();
    await openStore(page, { script: { ...PRODUCT, beacon: BEACON, consent: 'false' } });
    await expect.poll(async () => (await events(page, 'impression')).length).toBe(2);
    await hideTab(page, false);
    await page.waitForTimeout(300);
    expect(seen.batches).toEqual([]);
    expect(await page.evaluate(() => localStorage.getItem('offerwise'))).toBeNull();
  });
});

const cancelClicks = '<script>document.addEventListener("click", (e) => e.preventDefault());</script>';

test.describe('holdout (rules.md R12)', () => {

  /** Open the page as a visitor with this stored id; returns whether they were held out. */
  async function visit(page: Page): Promise<boolean> {
    await page.reload();
    await renders(page);
    return (await events(page, 'holdout')).length > 0;
  }

  test('a held-out visitor sees nothing, gets offerwise:holdout, and stays held out on every reload', async ({ page }) => {
    const seen = collectBeacons();
    await openStore(page, { script: { ...PRODUCT, holdout: '50', beacon: BEACON } });
    await renders(page);
    // Find a visitor in each group: new visitors are drawn until both were seen.
    const groups = new Map<boolean, string>();
    for (let i = 0; i < 40 && groups.size < 2; i++) {
      await page.evaluate(() => localStorage.clear());
      const held = await visit(page);
      groups.set(held, await page.evaluate(() => JSON.parse(localStorage.getItem('offerwise')!).id as string));
    }
    expect(groups.size).toBe(2);
    for (const [held, id] of groups) {
      await page.evaluate((v) => localStorage.setItem('offerwise', JSON.stringify({ v: 1, dismissed: {}, id: v })), id);
      for (let i = 0; i < 3; i++) {
        expect(await visit(page)).toBe(held);
        await expect(page.getByRole('region')).toHaveCount(held ? 0 : 1);
        if (held) expect((await events(page, 'holdout'))[0]!.detail).toEqual({ placement: 'product' });
        const before = seen.batches.length;
        await hideTab(page);
        await expect.poll(() => seen.batches.length).toBe(before + 1);
      }
    }
    const of = (held: boolean) => seen.batches.flat().filter((l) => l.visitor === groups.get(held));
    expect(of(true).length).toBeGreaterThanOrEqual(3);
    expect(of(true).every((l) => l.t === 'holdout' && l.group === 'holdout')).toBe(true);
    expect(of(false).length).toBeGreaterThanOrEqual(3);
    expect(of(false).every((l) => l.t !== 'holdout' && l.group === 'treatment')).toBe(true);
  });

  test('about N% of fresh visitors are held out', async ({ page }) => {
    test.setTimeout(60_000);
    await openStore(page, { script: { ...PRODUCT, holdout: '50' } });
    const visitors = 60;
    let held = 0;
    for (let i = 0; i < visitors; i++) {
      await page.evaluate(() => localStorage.clear());
      if (await visit(page)) held++;
    }
    // Binomial(60, 0.5): 30 ± 11.6 at three standard deviations.
    expect(held).toBeGreaterThanOrEqual(19);
    expect(held).toBeLessThanOrEqual(41);
  });

  test('without consent the page view is bucketed and nothing is stored', async ({ page }) => {
    await openStore(page, { script: { ...PRODUCT, holdout: '50', consent: 'false' } });
    const outcomes = new Set<boolean>();
    for (let i = 0; i < 30 && outcomes.size < 2; i++) outcomes.add(await visit(page));
    expect(outcomes).toEqual(new Set([true, false])); // each page view draws anew
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
  });
});

test.describe('purchases (analytics.md)', () => {
  test('post-purchase: one purchase event, marking the items this visitor added from an offer', async ({ page }) => {
    const seen = collectBeacons();
    await handleAdds(page);
    await openStore(page, { script: { ...PRODUCT, beacon: BEACON } });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect.poll(async () => (await events(page, 'added')).length).toBe(1);
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('offerwise')!).added)).toEqual({ descaler: 'cross-sell' });

    const order = { placement: 'post-purchase', cart: 'coffee-machine:1,descaler:2', 'order-id': 'o-1001', 'order-value': '272.5', beacon: BEACON };
    await gotoStore(page, '/e2e/fixtures/thanks.html', { script: order });
    await renders(page);
    await measured(page);
    await page.reload(); // the same order page again: the report dedupes by orderId
    await renders(page);
    await hideTab(page);
    await expect.poll(() => seen.batches.flat().filter((l) => l.t === 'purchase').length).toBe(2);
    const [purchase] = seen.batches.flat().filter((l) => l.t === 'purchase');
    expect(purchase).toMatchObject({
      placement: 'post-purchase',
      group: 'treatment',
      orderId: 'o-1001',
      value: 272.5,
      items: [
        { id: 'coffee-machine', price: 249, qty: 1, cost: 150 },
        { id: 'descaler', price: 12, qty: 2, cost: 3, offer: 'cross-sell' },
      ],
    });
    // Once ordered, an item no longer counts as a pending offer.
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('offerwise')!).added)).toEqual({});
  });

  test('an order page whose order is only a GA4 purchase sends that one purchase, marked', async ({ page }) => {
    const seen = collectBeacons();
    await handleAdds(page);
    await openStore(page, { script: { ...PRODUCT, beacon: BEACON } });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect.poll(async () => (await events(page, 'added')).length).toBe(1);

    await gotoStore(page, '/e2e/fixtures/thanks.html', {
      script: { placement: 'post-purchase', beacon: BEACON },
      head: `<script>window.dataLayer = []; function gtag() { dataLayer.push(arguments); }
        gtag('event', 'purchase', { transaction_id: 'T-1001', value: 261, items: [{ item_id: 'coffee-machine', price: 249, quantity: 1 }, { item_id: 'descaler', price: 12, quantity: 1 }] });</script>`,
    });
    await renders(page);
    await measured(page);
    await hideTab(page);
    await expect.poll(() => seen.batches.flat().filter((l) => l.t === 'purchase').length).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    const purchases = seen.batches.flat().filter((l) => l.t === 'purchase');
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({
      orderId: 'T-1001',
      value: 261,
      items: [
        { id: 'coffee-machine', qty: 1 },
        { id: 'descaler', qty: 1, offer: 'cross-sell' },
      ],
    });
  });

  test('a GA4 purchase pushed to the dataLayer, before or after the script, sends one purchase each', async ({ page }) => {
    const seen = collectBeacons();
    const purchase = (id: string) =>
      `{ event: 'purchase', ecommerce: { transaction_id: '${id}', value: 41, items: [{ item_id: 'case-x', price: 29, quantity: 1 }, { item_id: 'screen-guard', price: 12 }] } }`;
    await openStore(page, {
      script: { placement: 'product', product: 'phone-x', beacon: BEACON },
      head: `<script>window.dataLayer = [{ ecommerce: null }, ${purchase('t-1')}];
        function gtag() { dataLayer.push(arguments); }</script>`,
    });
    await renders(page);
    await page.evaluate(`dataLayer.push({ ecommerce: null }, ${purchase('t-2')}); dataLayer.push(${purchase('t-2')});
      gtag('event', 'purchase', { transaction_id: 't-3', value: 6, items: [{ item_id: 'lip-balm', price: 6, quantity: 1 }] });`);
    await hideTab(page);
    await expect
      .poll(() => seen.batches.flat().filter((l) => l.t === 'purchase').map((l) => l.orderId))
      .toEqual(['t-1', 't-2', 't-3']);
    expect(seen.batches.flat().find((l) => l.t === 'purchase')).toMatchObject({
      value: 41,
      items: [
        { id: 'case-x', price: 29, qty: 1, cost: 8 },
        { id: 'screen-guard', price: 12, qty: 1, cost: 4 },
      ],
    });
    // The store's own dataLayer keeps working: every push landed.
    expect(await page.evaluate(() => (window as unknown as { dataLayer: unknown[] }).dataLayer.length)).toBeGreaterThanOrEqual(5);
  });
});
