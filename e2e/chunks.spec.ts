import { expect, test, type Page, type Request } from '@playwright/test';
import { events, openStore, renders, watchConsole } from './helpers';

// embed.md §1 and the README's chunk table: what a page needs only later loads as chunks
// beside the script, after the first cards (but for the endpoint client and sharded
// loading). A chunk that fails to load costs that one feature: one `[offerwise]` warning and
// one `offerwise:error` with `code: "chunk"`; the cards still render and the `event`
// adapter still adds.

/** Every chunk beside the bundle: offerwise-measure.js, offerwise-endpoint.js, offerwise-shared-*.js… */
const CHUNK = /\/dist\/offerwise-[^/?#]+\.js(?:[?#]|$)/;
const chunkName = (url: string) => new URL(url).pathname.split('/').pop()!;

/** A product page whose measurement wants the `measure` chunk: a beacon, a GA4 dataLayer and consent. */
const MEASURED = { placement: 'product', product: 'coffee-machine', orders: '1', beacon: '/chunks-beacon' };
const DATA_LAYER = '<script>window.dataLayer = [{ event: "gtm.js" }];</script>';
/** The store's cart handler for the default `event` adapter. */
const CART_HANDLER = `<script>
  window.__cart = [];
  document.addEventListener('offerwise:add', (e) => {
    window.__cart.push(e.detail.productId);
    e.detail.waitUntil(Promise.resolve());
  });
</script>`;

/** Answer every chunk request with a 404, as a deploy that copied only offerwise.js would. */
async function chunksMissing(page: Page): Promise<Request[]> {
  const requested: Request[] = [];
  await page.route(CHUNK, (route) => {
    requested.push(route.request());
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
  });
  return requested;
}

/** Collect the beacon batches a page sends to `path` (on the store's own origin). */
async function collect(page: Page, path: string): Promise<string[][]> {
  const batches: string[][] = [];
  await page.route(`**${path}`, (route) => {
    batches.push((route.request().postData() ?? '').trimEnd().split('\n'));
    return route.fulfill({ status: 204 });
  });
  return batches;
}

const hideTab = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });

const chunkErrors = async (page: Page) => (await events(page, 'error')).filter((e) => e.detail.code === 'chunk');

test.describe('a chunk that fails to load costs that one feature (embed.md §1)', () => {
  test('every chunk 404s: the cards render, the event adapter adds, one warning and one offerwise:error', async ({ page }) => {
    const requested = await chunksMissing(page);
    const beacons = await collect(page, '/chunks-beacon');
    const seen = watchConsole(page);
    await openStore(page, { script: MEASURED, head: DATA_LAYER, body: CART_HANDLER });

    await renders(page);
    await expect(page.getByRole('article')).toHaveCount(2);
    // The measure chunk is asked for once the browser is idle after the first cards.
    await expect.poll(() => requested.map((r) => chunkName(r.url()))).toContain('offerwise-measure.js');

    // The default `event` adapter still adds: offerwise:add reaches the store, the card says so.
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('button', { name: 'Add Descaler to cart: Added' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('Descaler added to cart');
    expect(await page.evaluate(() => (window as unknown as { __cart: string[] }).__cart)).toEqual(['descaler']);
    const [add] = await events(page, 'add');
    expect(add!.detail).toMatchObject({ placement: 'product', productId: 'descaler', quantity: 1, action: 'add' });
    await expect.poll(async () => (await events(page, 'added')).length).toBe(1);

    // One warning and one offerwise:error, for the one chunk that failed: not one per use.
    await expect.poll(() => seen.warnings.filter((w) => w.includes('offerwise-measure.js')).length).toBe(1);
    await expect.poll(async () => (await chunkErrors(page)).length).toBe(1);
    await page.waitForTimeout(500); // anything duplicated would have arrived by now
    expect(seen.warnings).toEqual([expect.stringMatching(/^\[offerwise\] .*offerwise-measure\.js/)]);
    const errors = await chunkErrors(page);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.detail).toMatchObject({ placement: 'product', code: 'chunk', message: expect.stringContaining('offerwise-measure.js') });
    expect((await events(page, 'error')).filter((e) => e.detail.code !== 'chunk')).toEqual([]);
    expect(requested.map((r) => chunkName(r.url()))).toEqual(['offerwise-measure.js']); // asked for once
    expect(seen.errors).toEqual([]);

    // The feature that went is measurement, the chunk's: no GA4 push and no beacon batch. The
    // DOM events the store listens to still fired.
    expect(await page.evaluate(() => (window as unknown as { dataLayer: unknown[] }).dataLayer)).toEqual([{ event: 'gtm.js' }]);
    expect((await events(page, 'impression')).length).toBe(2);
    await hideTab(page);
    await page.waitForTimeout(300);
    expect(beacons).toEqual([]);
  });

  test('two chunks fail (endpoint client and measurement): one warning and one error for each', async ({ page }) => {
    const requested = await chunksMissing(page);
    const asked: string[] = [];
    await page.route('**/chunks-offers', (route) => (asked.push(route.request().url()), route.fulfill({ status: 500 })));
    const seen = watchConsole(page);
    await openStore(page, { script: { ...MEASURED, endpoint: '/chunks-offers' }, head: DATA_LAYER, body: CART_HANDLER });

    // Without its client the endpoint is never asked; the slot computes from data-catalog.
    await renders(page);
    await expect(page.getByRole('article')).toHaveCount(2);
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('button', { name: 'Add Descaler to cart: Added' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __cart: string[] }).__cart)).toEqual(['descaler']);

    await expect.poll(() => new Set(requested.map((r) => chunkName(r.url())))).toEqual(new Set(['offerwise-endpoint.js', 'offerwise-measure.js']));
    await expect.poll(async () => (await chunkErrors(page)).length).toBe(2);
    await page.waitForTimeout(500);
    const warnings = seen.warnings;
    expect(warnings).toHaveLength(2);
    expect(warnings.filter((w) => w.includes('offerwise-endpoint.js'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('offerwise-measure.js'))).toHaveLength(1);
    const messages = (await chunkErrors(page)).map((e) => e.detail.message as string);
    expect(messages).toHaveLength(2);
    expect(messages.filter((m) => m.includes('offerwise-endpoint.js'))).toHaveLength(1);
    expect(messages.filter((m) => m.includes('offerwise-measure.js'))).toHaveLength(1);
    expect(asked).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});

test.describe('chunks load only after the first cards (embed.md §1)', () => {
  /**
   * Times on the page's own clock (performance.now()): when the first card entered a
   * slot's shadow root (a MutationObserver on every shadow root the page attaches), and
   * when each chunk request started (Resource Timing).
   */
  async function recordTimes(page: Page): Promise<void> {
    await page.addInitScript(() => {
      const w = window as unknown as { __firstCard?: number; __chunks: { name: string; start: number }[] };
      w.__chunks = [];
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
        const root = attach.call(this, init);
        const check = () => {
          if (w.__firstCard === undefined && root.querySelector('article')) w.__firstCard = performance.now();
        };
        new MutationObserver(check).observe(root, { childList: true, subtree: true });
        return root;
      };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          if (/\/offerwise-[^/]+\.js/.test(e.name)) w.__chunks.push({ name: e.name.split('/').pop()!, start: e.startTime });
      }).observe({ type: 'resource', buffered: true });
    });
  }

  const times = (page: Page) =>
    page.evaluate(() => {
      const w = window as unknown as { __firstCard?: number; __chunks: { name: string; start: number }[] };
      return { firstCard: w.__firstCard, chunks: w.__chunks };
    });

  test('no chunk is requested before the first card is in the DOM; the measure chunk follows it', async ({ page }) => {
    // Checked twice over: on the page's clock (Resource Timing vs the card's insertion) and at
    // the network layer (each request, as it leaves the page, finds a card already there).
    const requests: { name: string; cardThen: boolean }[] = [];
    await page.route(CHUNK, async (route) => {
      const cardThen = await page.evaluate(() => (window as unknown as { __firstCard?: number }).__firstCard !== undefined);
      requests.push({ name: chunkName(route.request().url()), cardThen });
      await route.continue();
    });
    await recordTimes(page);
    const seen = watchConsole(page);
    await openStore(page, { script: MEASURED, head: DATA_LAYER, body: CART_HANDLER });
    await renders(page);
    await expect(page.getByRole('article')).toHaveCount(2);
    await expect.poll(() => requests.map((r) => r.name)).toContain('offerwise-measure.js');
    // The chunk did load and work: GA4 got the impressions.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { dataLayer: { event?: string }[] }).dataLayer.map((e) => e.event)))
      .toContain('view_item_list');

    const t = await times(page);
    expect(t.firstCard).toEqual(expect.any(Number));
    expect(requests.every((r) => r.cardThen)).toBe(true);
    await expect.poll(async () => (await times(page)).chunks.map((c) => c.name)).toContain('offerwise-measure.js');
    for (const c of (await times(page)).chunks) expect(c.start, c.name).toBeGreaterThanOrEqual(t.firstCard!);
    expect(seen.warnings).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  test('a page without beacon, dataLayer, endpoint or shards requests no chunk at all', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (r) => CHUNK.test(r.url()) && requested.push(r.url()));
    await openStore(page, { script: { placement: 'product', product: 'coffee-machine', orders: '1' }, body: CART_HANDLER });
    await renders(page);
    await expect(page.getByRole('article')).toHaveCount(2);
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('button', { name: 'Add Descaler to cart: Added' })).toBeVisible();
    await page.waitForTimeout(2500); // past the idle callback's 2 s timeout
    expect(requested).toEqual([]);
  });
});
