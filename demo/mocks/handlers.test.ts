import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCartAdapter } from '../../src/chunks/cart';
import { readPlatformCart } from '../../src/context/platform-cart';
import { onBeaconLines } from './beacon-inbox';
import { publishCatalog } from './edited-catalog';
import { getCart, handlers, resetCart, setCartFailure, setOffersMode, setSlowDelay, storeApiNonce } from './handlers';

const server = setupServer(...handlers);
const ORIGIN = 'http://localhost';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  resetCart();
  setCartFailure(false);
  setOffersMode('ok');
  setSlowDelay();
});
afterAll(() => server.close());

function add(body: unknown): Promise<Response> {
  return fetch(`${ORIGIN}/api/cart/add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /api/cart/add', () => {
  it('adds a product and returns the cart', async () => {
    const res = await add({ id: 'coffee-descaler', quantity: 1, action: 'add' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      cart: {
        items: [{ id: 'coffee-descaler', title: 'Descaler (2 doses)', price: 14, quantity: 1 }],
        count: 1,
        subtotal: 14,
      },
    });
  });

  it('adds up quantities and totals across lines', async () => {
    await add({ id: 'coffee-filters', quantity: 2, action: 'add' });
    await add({ id: 'coffee-filters', quantity: 1 });
    const res = await add({ id: 'blender-pro', quantity: 1, action: 'add' });
    const { cart } = await res.json();
    expect(cart.count).toBe(4);
    expect(cart.subtotal).toBe(9 * 3 + 99);
    expect(cart.items.map((i: { id: string }) => i.id)).toEqual(['coffee-filters', 'blender-pro']);
  });

  it('swaps a line for the larger size', async () => {
    await add({ id: 'skincare-starter', quantity: 2 });
    const res = await add({ id: 'skincare-two-month', quantity: 2, action: 'swap', replaces: 'skincare-starter' });
    const { cart } = await res.json();
    expect(cart.items).toEqual([
      { id: 'skincare-two-month', title: 'Skincare Kit, Two-Month Size', price: 59, quantity: 2 },
    ]);
    expect(cart.subtotal).toBe(118);
  });

  it.each([
    ['not JSON', '{oops'],
    ['an array', [{ id: 'pillows', quantity: 1 }]],
    ['a missing id', { quantity: 1 }],
    ['a zero quantity', { id: 'pillows', quantity: 0 }],
    ['a fractional quantity', { id: 'pillows', quantity: 1.5 }],
    ['an unknown action', { id: 'pillows', quantity: 1, action: 'remove' }],
    ['a swap without replaces', { id: 'pillows', quantity: 1, action: 'swap' }],
  ])('answers 400 with a JSON error for %s', async (_name, body) => {
    const res = await add(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('answers 404 for a product the catalog does not have', async () => {
    const res = await add({ id: 'nope', quantity: 1 });
    expect(res.status).toBe(404);
  });

  it('answers 503 and keeps the cart unchanged while failures are switched on', async () => {
    setCartFailure(true);
    const res = await add({ id: 'pillows', quantity: 1 });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: expect.any(String) });
    setCartFailure(false);
    const { cart } = await (await fetch(`${ORIGIN}/api/cart`)).json();
    expect(cart).toEqual({ items: [], count: 0, subtotal: 0 });
  });
});

describe('GET /api/cart', () => {
  it('returns the running totals, rounded to cents', async () => {
    resetCart([{ id: 'x', title: 'X', price: 0.1, quantity: 3 }]);
    await add({ id: 'running-socks', quantity: 1 });
    const res = await fetch('https://store.example/api/cart');
    expect(await res.json()).toEqual({
      cart: {
        items: [
          { id: 'x', title: 'X', price: 0.1, quantity: 3 },
          { id: 'running-socks', title: 'Cushioned Running Socks (3 pairs)', price: 18, quantity: 1 },
        ],
        count: 4,
        subtotal: 18.3,
      },
    });
  });
});

describe('POST /demo-beacon', () => {
  it.each([
    ['one line', '{"t":"render"}\n', ['{"t":"render"}']],
    ['a batch, blank lines skipped', '{"t":"impression"}\n\n{"t":"click"}\r\n', ['{"t":"impression"}', '{"t":"click"}']],
    ['an empty body', '', []],
  ])('accepts %s and hands the lines to the preview', async (_name, body, lines) => {
    const received: string[][] = [];
    const stop = onBeaconLines((batch) => received.push(batch));
    const res = await fetch(`${ORIGIN}/demo-beacon`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    stop();
    expect(res.status).toBe(204);
    expect(received).toEqual(lines.length ? [lines] : []);
  });
});

describe('POST /demo-offers', () => {
  /** offers-api.md's request, as the widget sends it from the preview's product placement. */
  const REQUEST = {
    version: 1,
    placement: 'product',
    product: 'blender-basic',
    cart: [],
    owned: [],
    customer: { orders: 2, spent: 240, lastOrder: '2026-10-23', priceSensitive: false },
    dismissed: [],
    exclude: [],
    max: 2,
    freeShipping: null,
    locale: 'en-US',
    today: '2026-11-22',
  };

  function offers(body: unknown): Promise<Response> {
    return fetch(`${ORIGIN}/demo-offers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  it('answers 200 with the offers the engine chooses over the demo catalog', async () => {
    const res = await offers(REQUEST);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.currency).toBe('USD');
    expect(body.offers).toContainEqual(
      expect.objectContaining({
        kind: 'upsell',
        action: 'add',
        anchor: 'blender-basic',
        reason: 'Stronger motor and a 3-year warranty',
        product: expect.objectContaining({ id: 'blender-pro', title: 'Blender Pro' }),
      }),
    );
  });

  it.each([
    ['not JSON', '{oops', '$'],
    ['a wrong version', { ...REQUEST, version: 2 }, 'version'],
    ['an unknown placement', { ...REQUEST, placement: 'home' }, 'placement'],
    ['a zero quantity', { ...REQUEST, cart: [{ id: 'phone-x', qty: 0 }] }, 'cart[0].qty'],
  ])('answers 400 naming the field for %s', async (_name, body, field) => {
    const res = await offers(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.any(String), field });
  });

  it('answers 500 with a JSON error while the endpoint is set to fail', async () => {
    setOffersMode('fail');
    const res = await offers(REQUEST);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it('answers after the slow delay, with the same offers, while the endpoint is set to be slow', async () => {
    setOffersMode('slow');
    setSlowDelay(50);
    const started = performance.now();
    const res = await offers(REQUEST);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(res.status).toBe(200);
    expect((await res.json()).offers.length).toBeGreaterThan(0);
  });

  it('treats an unknown mode as ok', async () => {
    setOffersMode('sideways');
    expect((await offers(REQUEST)).status).toBe(200);
  });
});

describe('GET /demo-catalog.json (the link editor\'s catalog)', () => {
  it('serves each published version as written, at its own URL', async () => {
    const first = publishCatalog('{"version":1,"products":[]}');
    const second = publishCatalog('{"version":1,"products":[],"links":[]}');
    expect(second).not.toBe(first);
    expect(publishCatalog('{"version":1,"products":[]}')).toBe(first);
    const res = await fetch(`${ORIGIN}${first}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"version":1,"products":[]}');
    expect(await (await fetch(`${ORIGIN}${second}`)).json()).toEqual({ version: 1, products: [], links: [] });
  });

  it('answers 404 for a version it does not keep', async () => {
    const res = await fetch(`${ORIGIN}/demo-catalog.json?v=nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });
});

describe('Shopify Ajax Cart API (/cart.js, /cart/add.js, /cart/change.js)', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${ORIGIN}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('adds items, answers the lines in cents, and shows them in GET /cart.js', async () => {
    const res = await post('/cart/add.js', { items: [{ id: 'coffee-descaler', quantity: 2 }] });
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items).toEqual([
      expect.objectContaining({ variant_id: 'coffee-descaler', product_id: 'coffee-descaler', quantity: 2, price: 1400, line_price: 2800, key: expect.stringMatching(/^coffee-descaler:[0-9a-f]{32}$/) }),
    ]);
    const cart = await (await fetch(`${ORIGIN}/cart.js`)).json();
    expect(cart).toMatchObject({ item_count: 2, total_price: 2800, items_subtotal_price: 2800, currency: 'USD', token: expect.any(String) });
    expect(cart.items.map((item: { product_id: string }) => item.product_id)).toEqual(['coffee-descaler']);
  });

  it('takes the single-item form and answers the one line', async () => {
    expect(await (await post('/cart/add.js', { id: 'pillows' })).json()).toMatchObject({ product_id: 'pillows', quantity: 1 });
  });

  it('removes a line by its key with /cart/change.js and answers the cart', async () => {
    await post('/cart/add.js', { items: [{ id: 'pillows', quantity: 1 }, { id: 'mattress', quantity: 1 }] });
    const { items } = await (await fetch(`${ORIGIN}/cart.js`)).json();
    const res = await post('/cart/change.js', { id: items[0].key, quantity: 0 });
    expect(res.status).toBe(200);
    expect((await res.json()).items.map((item: { product_id: string }) => item.product_id)).toEqual(['mattress']);
    expect((await post('/cart/change.js', { id: 'nope:0', quantity: 0 })).status).toBe(400);
  });

  it.each([
    ['an unknown variant', { items: [{ id: 'nope', quantity: 1 }] }, 404, 'Cannot find variant'],
    ['a sold-out product', { items: [{ id: 'wireless-charger', quantity: 1 }] }, 422, "The product '15W Wireless Charger' is already sold out."],
  ])('refuses %s with Shopify\'s error shape and adds nothing', async (_name, body, status, description) => {
    const res = await post('/cart/add.js', body);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ status, message: 'Cart Error', description: expect.stringContaining(description) });
    expect((await (await fetch(`${ORIGIN}/cart.js`)).json()).items).toEqual([]);
  });

  it('answers 503 while failures are switched on', async () => {
    setCartFailure(true);
    expect((await post('/cart/add.js', { items: [{ id: 'pillows', quantity: 1 }] })).status).toBe(503);
  });
});

describe('WooCommerce Store API (/wp-json/wc/store/v1/cart…)', () => {
  const CART = `${ORIGIN}/wp-json/wc/store/v1/cart`;
  const post = (path: string, body: unknown, nonce: string | null = storeApiNonce()) =>
    fetch(`${CART}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(nonce === null ? {} : { Nonce: nonce }) },
      body: JSON.stringify(body),
    });

  it('answers the cart with a Nonce header to send back', async () => {
    const res = await fetch(CART);
    expect(res.status).toBe(200);
    expect(res.headers.get('Nonce')).toBe(storeApiNonce());
    expect(await res.json()).toMatchObject({ items: [], items_count: 0, totals: { total_items: '0', currency_code: 'USD', currency_minor_unit: 2 } });
  });

  it('adds with the nonce: 201 and the cart, prices as strings in minor units', async () => {
    const res = await post('/add-item', { id: 'coffee-filters', quantity: 3 });
    expect(res.status).toBe(201);
    const cart = await res.json();
    expect(cart.items).toEqual([
      expect.objectContaining({ id: 'coffee-filters', quantity: 3, key: expect.stringMatching(/^[0-9a-f]{32}$/), prices: expect.objectContaining({ price: '900' }) }),
    ]);
    expect(cart).toMatchObject({ items_count: 3, totals: { total_items: '2700' } });
  });

  it.each([
    ['without a nonce', null, 401, 'woocommerce_rest_missing_nonce'],
    ['with a wrong nonce', 'bad', 403, 'woocommerce_rest_invalid_nonce'],
  ])('refuses a write %s', async (_name, nonce, status, code) => {
    const res = await post('/add-item', { id: 'pillows', quantity: 1 }, nonce);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ code, message: expect.any(String), data: { status } });
  });

  it('refuses an out-of-stock product with the message WordPress escapes', async () => {
    const res = await post('/add-item', { id: 'wireless-charger', quantity: 1 });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'woocommerce_rest_product_out_of_stock', message: expect.stringContaining('&quot;15W Wireless Charger&quot;') });
  });

  it('removes an item by its key; an unknown key is a 409', async () => {
    const { items } = await (await post('/add-item', { id: 'pillows', quantity: 1 })).json();
    const res = await post('/remove-item', { key: items[0].key });
    expect(res.status).toBe(200);
    expect((await res.json()).items).toEqual([]);
    expect((await post('/remove-item', { key: items[0].key })).status).toBe(409);
  });
});

describe("the widget's built-in adapters against the mocked platforms", () => {
  /** The adapters call root-relative paths, as in a page; Node needs an origin. */
  const env = (nonce?: string) => {
    let kept = nonce;
    return {
      fetch: ((input: RequestInfo | URL, init?: RequestInit) => fetch(new URL(String(input), ORIGIN), init)) as typeof fetch,
      wooNonce: () => kept,
      setWooNonce: (next: string) => void (kept = next),
      added: () => {},
      // The mocked platforms hold the replaced line, so a swap has nothing to warn about.
      warn: (message: string) => {
        throw new Error(`unexpected warning: ${message}`);
      },
    };
  };

  it.each(['shopify', 'woocommerce'] as const)('%s: adds, swaps a line for another, and the widget reads the cart back', async (platform) => {
    const adapter = createCartAdapter(platform, env(platform === 'woocommerce' ? storeApiNonce() : undefined));
    // What the main script reads after an add (context/platform-cart.ts).
    const readCart = async () =>
      readPlatformCart(platform, await (await fetch(new URL(platform === 'shopify' ? '/cart.js' : '/wp-json/wc/store/v1/cart', ORIGIN))).json());
    await adapter.add({ productId: 'skincare-starter', quantity: 2, action: 'add' });
    expect(await readCart()).toEqual([{ id: 'skincare-starter', qty: 2 }]);
    await adapter.add({ productId: 'skincare-two-month', quantity: 2, action: 'swap', replaces: 'skincare-starter' });
    expect(await readCart()).toEqual([{ id: 'skincare-two-month', qty: 2 }]);
    expect(getCart().items.map((item) => item.id)).toEqual(['skincare-two-month']);
  });

  it.each([
    ['shopify', "The product '15W Wireless Charger' is already sold out."],
    ['woocommerce', 'You cannot add "15W Wireless Charger" to the cart because the product is out of stock.'],
  ] as const)('%s: a refused add rejects with the store\'s own message', async (platform, message) => {
    const adapter = createCartAdapter(platform, env(storeApiNonce()));
    await expect(adapter.add({ productId: 'wireless-charger', quantity: 1, action: 'add' })).rejects.toThrow(message);
  });

  it('woocommerce: without the page\'s nonce the add is refused', async () => {
    await expect(createCartAdapter('woocommerce', env()).add({ productId: 'pillows', quantity: 1, action: 'add' })).rejects.toThrow(/Nonce/);
  });
});
