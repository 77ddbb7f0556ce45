import { expect, test, type Page, type Route } from '@playwright/test';
import { events, openStore, watchConsole } from './helpers';
import catalog from './fixtures/catalog.json' with { type: 'json' };

// The add flow and the built-in cart adapters (embed.md §6, data-cart-adapter).

const VARIANTS = '/variants/catalog.json';
/** The fixture catalog with Shopify variant ids on the products the adapters add or replace. */
const variantIds: Record<string, string> = { descaler: '40001', 'skincare-2month': '40002', 'skincare-starter': '40003' };
const withVariants = { ...catalog, products: catalog.products.map((p) => (variantIds[p.id] ? { ...p, variantId: variantIds[p.id] } : p)) };

const PRODUCT = { placement: 'product', product: 'coffee-machine', orders: '1', catalog: VARIANTS };
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => (route: Route) =>
  route.fulfill({ status, contentType: 'application/json', headers, body: JSON.stringify(body) });

interface Seen {
  method: string;
  path: string;
  body: string | null;
  headers: Record<string, string>;
}
/** Answer `path` with `reply`, recording every request made to it. */
async function platform(page: Page, path: string, reply: (route: Route, n: number) => Promise<void>): Promise<Seen[]> {
  const seen: Seen[] = [];
  await page.route(`**${path}`, async (route) => {
    const r = route.request();
    seen.push({ method: r.method(), path: new URL(r.url()).pathname, body: r.postData(), headers: await r.allHeaders() });
    await reply(route, seen.length);
  });
  return seen;
}

test.beforeEach(async ({ page }) => {
  await page.route(`**${VARIANTS}`, json(withVariants));
});

test.describe('event adapter (default)', () => {
  test('a listener that calls waitUntil: added, offerwise:added', async ({ page }) => {
    await openStore(page, {
      script: PRODUCT,
      body: `<script>document.addEventListener('offerwise:add', (e) => e.detail.waitUntil(new Promise((r) => setTimeout(r, 100))));</script>`,
    });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('button', { name: 'Add Descaler to cart: Added' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('Descaler added to cart');
    await expect.poll(async () => (await events(page, 'added')).length).toBe(1);
  });

  test('a rejected waitUntil: the failed state, offerwise:error add-failed, and a retry that succeeds', async ({ page }) => {
    await openStore(page, {
      script: PRODUCT,
      body: `<script>let n = 0; document.addEventListener('offerwise:add', (e) =>
        e.detail.waitUntil(++n === 1 ? Promise.reject(new Error('Out of stock')) : Promise.resolve()));</script>`,
    });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('status')).toHaveText("Couldn't add Descaler. Try again.");
    const [error] = await events(page, 'error');
    expect(error!.detail).toMatchObject({ code: 'add-failed', message: 'Out of stock' });
    expect(await events(page, 'added')).toEqual([]);
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('status')).toHaveText('Descaler added to cart');
    await expect.poll(async () => (await events(page, 'added')).length).toBe(1);
  });

  test('preventDefault: no built-in adapter runs (a shopify page makes no cart request)', async ({ page }) => {
    const cartJs = await platform(page, '/cart.js', json({ items: [] }));
    const adds = await platform(page, '/cart/add.js', json({ items: [] }));
    const seen = watchConsole(page);
    await openStore(page, {
      script: { ...PRODUCT, 'cart-adapter': 'shopify' },
      body: `<script>document.addEventListener('offerwise:add', (e) => e.preventDefault());</script>`,
    });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect.poll(async () => (await events(page, 'add')).length).toBe(1);
    await page.waitForTimeout(300);
    expect(adds).toEqual([]);
    expect(cartJs.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/e2e/fixtures/store.html');
    expect(seen.warnings.filter((w) => w.includes('no cart handler'))).toEqual([]);
  });

  test('no listener: one warning, the shopper goes to the product page, never "Added", no offerwise:added', async ({ page }) => {
    const seen = watchConsole(page);
    const outcomes: string[] = [];
    await page.exposeFunction('__outcome', (type: string) => outcomes.push(type));
    await page.addInitScript(() => {
      for (const type of ['offerwise:added', 'offerwise:error'])
        document.addEventListener(type, () => (window as unknown as { __outcome(t: string): void }).__outcome(type));
    });
    const productPage = await platform(page, '/p/descaler', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Descaler</title><h1>Descaler</h1>' }),
    );
    await openStore(page, { script: PRODUCT });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page).toHaveURL(/\/p\/descaler$/);
    await expect(page.getByRole('heading', { name: 'Descaler' })).toBeVisible();
    expect(productPage.map((r) => r.method)).toEqual(['GET']);
    const warned = seen.warnings.filter((w) => w.includes('no cart handler is wired'));
    expect(warned).toHaveLength(1);
    expect(outcomes).toEqual([]);
  });
});

test.describe('shopify adapter', () => {
  test('add: POST /cart/add.js with the variant id and quantity, as JSON', async ({ page }) => {
    await platform(page, '/cart.js', json({ items: [] }));
    const adds = await platform(page, '/cart/add.js', json({ items: [{ id: 40001, quantity: 1 }] }));
    await openStore(page, { script: { ...PRODUCT, 'cart-adapter': 'shopify' } });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('button', { name: 'Add Descaler to cart: Added' })).toBeVisible();
    expect(adds).toHaveLength(1);
    expect(adds[0]!.method).toBe('POST');
    expect(JSON.parse(adds[0]!.body!)).toEqual({ items: [{ id: 40001, quantity: 1 }] });
    expect(adds[0]!.headers['content-type']).toBe('application/json');
    expect(adds[0]!.headers['accept']).toBe('application/json');
    await expect.poll(async () => (await events(page, 'added')).length).toBe(1);
    expect(await events(page, 'error')).toEqual([]);
  });

  test('swap on a cart page: adds the larger size, then removes the replaced line by its key', async ({ page }) => {
    const cart = () => ({
      items: [
        { key: '40003:aaa', id: 40003, variant_id: 40003, product_id: 'skincare-starter', quantity: 2 },
        { key: '40002:bbb', id: 40002, variant_id: 40002, product_id: 'skincare-2month', quantity: 2 },
      ],
    });
    const reads = await platform(page, '/cart.js', json(cart()));
    const adds = await platform(page, '/cart/add.js', json({ items: [{ id: 40002, quantity: 2 }] }));
    const changes = await platform(page, '/cart/change.js', json({ items: [] }));
    await openStore(page, { script: { placement: 'cart', cart: 'skincare-starter:2', orders: '2', catalog: VARIANTS, 'cart-adapter': 'shopify' } });
    await page.getByRole('button', { name: 'Upgrade to Skincare Two-Month Kit' }).click();
    await expect.poll(async () => (await events(page, 'added')).length).toBe(1);
    expect(JSON.parse(adds[0]!.body!)).toEqual({ items: [{ id: 40002, quantity: 2 }] });
    expect(changes.map((c) => JSON.parse(c.body!))).toEqual([{ id: '40003:aaa', quantity: 0 }]);
    expect(reads.length).toBeGreaterThanOrEqual(1); // the key comes from GET /cart.js
    expect(reads.every((r) => r.method === 'GET')).toBe(true);
  });

  test('swap when the platform cart has no line for the replaced product: the add stands, one warning names it', async ({ page }) => {
    const seen = watchConsole(page);
    // The page says the cart holds the starter kit, but the platform's cart does not (the line
    // was removed in another tab, or the catalog's id is not the platform's).
    await platform(page, '/cart.js', json({ items: [{ key: '40002:bbb', id: 40002, variant_id: 40002, product_id: 'skincare-2month', quantity: 2 }] }));
    await platform(page, '/cart/add.js', json({ items: [{ id: 40002, quantity: 2 }] }));
    const changes = await platform(page, '/cart/change.js', json({ items: [] }));
    await openStore(page, { script: { placement: 'cart', cart: 'skincare-starter:2', orders: '2', catalog: VARIANTS, 'cart-adapter': 'shopify' } });
    await page.getByRole('button', { name: 'Upgrade to Skincare Two-Month Kit' }).click();
    await expect.poll(async () => (await events(page, 'added')).length).toBe(1);
    expect(changes).toEqual([]);
    await expect.poll(() => seen.warnings).toContain('[offerwise] swap: no line for "40003" in /cart.js; 40002 added alongside');
    expect(seen.errors).toEqual([]);
  });

  test('422 sold out: the failed state, and offerwise:error carries the store\'s description', async ({ page }) => {
    await platform(page, '/cart.js', json({ items: [] }));
    await platform(page, '/cart/add.js', json({ status: 422, message: 'Cart Error', description: 'All 3 Descaler are in your cart.' }, 422));
    await openStore(page, { script: { ...PRODUCT, 'cart-adapter': 'shopify' } });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('status')).toHaveText("Couldn't add Descaler. Try again.");
    const errors = await events(page, 'error');
    expect(errors.map((e) => e.detail)).toEqual([
      expect.objectContaining({ code: 'add-failed', message: 'All 3 Descaler are in your cart.' }),
    ]);
    expect(await events(page, 'added')).toEqual([]);
    await expect(page.getByRole('button', { name: 'Add Descaler to cart' })).not.toHaveAttribute('aria-disabled', 'true');
  });
});

test.describe('woocommerce adapter', () => {
  test('add with the page\'s Nonce, the fresh Nonce on the next add, and WooCommerce\'s own cart signals', async ({ page }) => {
    await platform(page, '/wp-json/wc/store/v1/cart', json({ items: [] }));
    const adds = await platform(page, '/wp-json/wc/store/v1/cart/add-item', (route, n) =>
      json({ items: [] }, 201, { Nonce: `fresh-${n}` })(route),
    );
    await openStore(page, {
      script: { ...PRODUCT, catalog: '/e2e/fixtures/catalog.json', 'cart-adapter': 'woocommerce' },
      head: `<script>
        window.wcStoreApiSettings = { nonce: 'page-nonce' };
        window.__signals = [];
        window.jQuery = (el) => ({ trigger: (name) => window.__signals.push('jQuery ' + (el === document.body ? 'body' : '?') + ' ' + name) });
        addEventListener('DOMContentLoaded', () => document.body.addEventListener('wc-blocks_added_to_cart', () => window.__signals.push('wc-blocks_added_to_cart')));
      </script>`,
    });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('button', { name: 'Add Descaler to cart: Added' })).toBeVisible();
    expect(JSON.parse(adds[0]!.body!)).toEqual({ id: 'descaler', quantity: 1 });
    expect(adds[0]!.headers['nonce']).toBe('page-nonce');
    expect(adds[0]!.headers['content-type']).toBe('application/json');
    expect(await page.evaluate(() => (window as unknown as { __signals: string[] }).__signals)).toEqual([
      'jQuery body added_to_cart',
      'wc-blocks_added_to_cart',
    ]);
    await page.getByRole('button', { name: 'Add Paper Filters (200) to cart' }).click();
    await expect(page.getByRole('button', { name: 'Add Paper Filters (200) to cart: Added' })).toBeVisible();
    expect(adds).toHaveLength(2);
    expect(adds[1]!.headers['nonce']).toBe('fresh-1');
    await expect.poll(async () => (await events(page, 'added')).length).toBe(2);
  });

  test('the nonce from window.wc_store_api_nonce', async ({ page }) => {
    await platform(page, '/wp-json/wc/store/v1/cart', json({ items: [] }));
    const adds = await platform(page, '/wp-json/wc/store/v1/cart/add-item', json({ items: [] }, 201));
    await openStore(page, {
      script: { ...PRODUCT, 'cart-adapter': 'woocommerce' },
      head: `<script>window.wc_store_api_nonce = 'legacy-nonce';</script>`,
    });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect.poll(async () => (await events(page, 'added')).length).toBe(1);
    expect(adds[0]!.headers['nonce']).toBe('legacy-nonce');
    expect(JSON.parse(adds[0]!.body!)).toEqual({ id: 40001, quantity: 1 }); // the catalog's variantId
  });
});

test.describe('URL template and chunk failure', () => {
  test('a URL template: the page navigates to the filled URL', async ({ page }) => {
    await page.route(/\/cart-add\?/, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Cart</title><p>Added by the store</p>' }));
    await openStore(page, { script: { ...PRODUCT, 'cart-adapter': '/cart-add?add-to-cart={id}&quantity={qty}' } });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page).toHaveURL(/\/cart-add\?add-to-cart=40001&quantity=1$/);
    await expect(page.getByText('Added by the store')).toBeVisible();
  });

  test('the cart chunk 404s: offerwise:error code "chunk", the add fails gracefully, the cards stay', async ({ page }) => {
    const seen = watchConsole(page);
    await page.route('**/dist/offerwise-cart.js', (route) => route.fulfill({ status: 404, body: '' }));
    await platform(page, '/cart.js', json({ items: [] }));
    await openStore(page, { script: { ...PRODUCT, 'cart-adapter': 'shopify' } });
    await page.getByRole('button', { name: 'Add Descaler to cart' }).click();
    await expect(page.getByRole('status')).toHaveText("Couldn't add Descaler. Try again.");
    const codes = (await events(page, 'error')).map((e) => e.detail.code);
    expect(codes).toContain('chunk');
    expect(codes).toContain('add-failed');
    expect(await events(page, 'added')).toEqual([]);
    await expect(page.getByRole('article')).toHaveCount(2);
    expect(seen.warnings.filter((w) => w.includes('offerwise-cart.js'))).toHaveLength(1);
    expect(seen.errors).toEqual([]);
  });
});
