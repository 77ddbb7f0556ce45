import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { onBeaconLines } from './beacon-inbox';
import { handlers, resetCart, setCartFailure, setOffersMode, setSlowDelay } from './handlers';

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
