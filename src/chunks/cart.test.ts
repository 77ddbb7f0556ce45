import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCartAdapter, type CartEnv, type CartPlatform, type CartRequest } from './cart';

type Reply = Response | Error;

/** An adapter whose fetch answers `replies` in order (an Error is a network failure), recording every request. */
function setup(platform: CartPlatform, replies: Reply[], nonce?: string) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const reply = replies.shift();
    if (!reply) throw new Error('unexpected request ' + url);
    if (reply instanceof Error) throw reply;
    return reply;
  });
  let current = nonce;
  const env = {
    fetch: fetch as unknown as typeof globalThis.fetch,
    wooNonce: vi.fn(() => current),
    setWooNonce: vi.fn((n: string) => {
      current = n;
    }),
    added: vi.fn(),
    warn: vi.fn(),
  } satisfies CartEnv;
  return { cart: createCartAdapter(platform, env), calls, env };
}

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const body = (init: RequestInit) => init.body as string;

const ADD: CartRequest = { productId: 'descaler', variantId: '44120012', quantity: 1, action: 'add' };
const JSON_POST = { Accept: 'application/json', 'Content-Type': 'application/json' };
const GET = { method: 'GET', headers: { Accept: 'application/json' }, cache: 'no-store' };

afterEach(() => {
  for (const key of ['items', 'description', 'toJSON']) delete (Object.prototype as Record<string, unknown>)[key];
});

// ---------------------------------------------------------------------------------------------
// Shopify: https://shopify.dev/docs/api/ajax/reference/cart

/** A `/cart.js` line (only the fields the adapter reads, and one it ignores). */
const shopLine = (key: string, variant_id: number, product_id: number, quantity: number, handle = 'h' + product_id) => ({
  key,
  id: variant_id,
  variant_id,
  product_id,
  handle,
  sku: 'SKU-' + product_id,
  quantity,
  title: 'Line ' + key,
});

describe('shopify: add', () => {
  it('POSTs /cart/add.js with JSON headers and {"items":[{"id": variantId, "quantity"}]}, the id a number', async () => {
    const { cart, calls, env } = setup('shopify', [json({ items: [shopLine('44120012:abc', 44120012, 7001, 1)] })]);
    await expect(cart.add(ADD)).resolves.toBeUndefined();
    expect(calls).toEqual([{ url: '/cart/add.js', init: { method: 'POST', headers: JSON_POST, body: '{"items":[{"id":44120012,"quantity":1}]}' } }]);
    expect(env.added).toHaveBeenCalledTimes(1);
    expect(env.added).toHaveBeenCalledWith('shopify');
    expect(env.wooNonce).not.toHaveBeenCalled();
  });

  it.each([
    ['the product id without a variantId', { productId: '7001' }, 7001],
    ['a non-numeric id as a string', { productId: 'blender-basic' }, 'blender-basic'],
    ['an id too long to be an exact number as a string', { productId: '9007199254740993' }, '9007199254740993'],
    ['the variantId over the product id', { productId: 'blender-basic', variantId: 'v-1' }, 'v-1'],
  ])('sends %s', async (_, ids, id) => {
    const { cart, calls } = setup('shopify', [json({ items: [] })]);
    await cart.add({ ...ids, quantity: 3, action: 'add' });
    expect(JSON.parse(body(calls[0]!.init))).toEqual({ items: [{ id, quantity: 3 }] });
  });

  it('a page that polluted Object.prototype.toJSON cannot change the body', async () => {
    const { cart, calls } = setup('shopify', [json({ items: [] })]);
    (Object.prototype as Record<string, unknown>).toJSON = () => ({ id: 1, quantity: 99 });
    await cart.add(ADD);
    expect(body(calls[0]!.init)).toBe('{"items":[{"id":44120012,"quantity":1}]}');
  });

  it('a plain (non-JSON) success is still a success', async () => {
    const { cart, env } = setup('shopify', [new Response('', { status: 200 })]);
    await expect(cart.add(ADD)).resolves.toBeUndefined();
    expect(env.added).toHaveBeenCalledWith('shopify');
  });
});

describe('shopify: failures reject with the store\'s message', () => {
  it.each<[string, Reply, string]>([
    ['422 sold out: the description', json({ status: 422, message: 'Cart Error', description: "The product 'Descaler' is already sold out." }, 422), "The product 'Descaler' is already sold out."],
    ['404 unknown variant: the description', json({ status: 404, message: 'Cart Error', description: 'Cannot find variant' }, 404), 'Cannot find variant'],
    ['no description: the message', json({ status: 422, message: 'Only 2 items were added to your cart.' }, 422), 'Only 2 items were added to your cart.'],
    ['an empty description: the message', json({ status: 422, message: 'Cart Error', description: '' }, 422), 'Cart Error'],
    ['a non-JSON answer: the request and its status', new Response('<html>oops</html>', { status: 500 }), 'POST /cart/add.js answered HTTP 500'],
    ['JSON without a message: the request and its status', json({ status: 'bad_request' }, 400), 'POST /cart/add.js answered HTTP 400'],
    ['a network error', new TypeError('Failed to fetch'), 'POST /cart/add.js failed: network error'],
  ])('%s', async (_, reply, message) => {
    const { cart, calls, env } = setup('shopify', [reply]);
    await expect(cart.add(ADD)).rejects.toThrow(new Error(message));
    expect(calls).toHaveLength(1);
    expect(env.added).not.toHaveBeenCalled();
  });

  it('a description inherited from a polluted Object.prototype is not the store\'s', async () => {
    (Object.prototype as Record<string, unknown>).description = 'polluted';
    const { cart } = setup('shopify', [json({ status: 422, message: 'Cart Error' }, 422)]);
    await expect(cart.add(ADD)).rejects.toThrow(new Error('Cart Error'));
  });

  it('never throws synchronously, even when the page\'s fetch does', async () => {
    const env: CartEnv = {
      fetch: (() => {
        throw new TypeError('boom');
      }) as unknown as typeof fetch,
      wooNonce: () => undefined,
      setWooNonce: () => undefined,
      added: vi.fn(),
      warn: vi.fn(),
    };
    const cart = createCartAdapter('shopify', env);
    let promise: Promise<void> | undefined;
    expect(() => (promise = cart.add(ADD))).not.toThrow();
    await expect(promise).rejects.toThrow(new Error('POST /cart/add.js failed: network error'));
  });
});

describe('shopify: swap = add, read /cart.js, remove the replaced line through /cart/change.js by its key', () => {
  const SWAP: CartRequest = { productId: 'blender-pro', variantId: '500', quantity: 2, action: 'swap', replaces: '7001', replacesVariantId: '400' };
  const CART = {
    token: 'c1',
    items: [shopLine('500:new', 500, 7002, 2), shopLine('401:other', 401, 7001, 1), shopLine('400:old', 400, 7001, 2)],
  };

  it('the exact three requests, the replaced line found by its variant id', async () => {
    const { cart, calls, env } = setup('shopify', [json({ items: [] }), json(CART), json(CART)]);
    await expect(cart.add(SWAP)).resolves.toBeUndefined();
    expect(calls).toEqual([
      { url: '/cart/add.js', init: { method: 'POST', headers: JSON_POST, body: '{"items":[{"id":500,"quantity":2}]}' } },
      { url: '/cart.js', init: GET },
      { url: '/cart/change.js', init: { method: 'POST', headers: JSON_POST, body: '{"id":"400:old","quantity":0}' } },
    ]);
    expect(env.added).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['by product id (the first line of it)', '7001', '401:other'],
    ['by handle', 'h7001', '401:other'],
    ['by SKU', 'SKU-7001', '401:other'],
  ])('without a replaced variant id, finds the line %s', async (_, replaces, key) => {
    const { cart, calls } = setup('shopify', [json({ items: [] }), json(CART), json(CART)]);
    await cart.add({ ...SWAP, replaces, replacesVariantId: undefined });
    expect(JSON.parse(body(calls[2]!.init))).toEqual({ id: key, quantity: 0 });
  });

  it('never removes the line just added, even when it shares the product id', async () => {
    const items = [shopLine('500:new', 500, 7001, 2), shopLine('400:old', 400, 7001, 1)];
    const { cart, calls } = setup('shopify', [json({ items: [] }), json({ items }), json({ items })]);
    await cart.add({ ...SWAP, replacesVariantId: undefined });
    expect(JSON.parse(body(calls[2]!.init))).toEqual({ id: '400:old', quantity: 0 });
  });

  it('a replaced line no longer in the cart: the add alone, success, and one warning naming it', async () => {
    const { cart, calls, env } = setup('shopify', [json({ items: [] }), json({ items: [shopLine('500:new', 500, 7002, 2)] })]);
    await expect(cart.add({ ...SWAP, replaces: 'gone', replacesVariantId: undefined })).resolves.toBeUndefined();
    expect(calls.map((c) => c.url)).toEqual(['/cart/add.js', '/cart.js']);
    expect(env.added).toHaveBeenCalledWith('shopify');
    expect(env.warn.mock.calls).toEqual([['swap: no line for "gone" in /cart.js; 500 added alongside']]);
  });

  it('a failed add changes nothing: no cart read, no removal, the store\'s message', async () => {
    const { cart, calls, env } = setup('shopify', [json({ status: 422, message: 'Cart Error', description: 'Blender Pro is sold out.' }, 422)]);
    await expect(cart.add(SWAP)).rejects.toThrow(new Error('Blender Pro is sold out.'));
    expect(calls).toHaveLength(1);
    expect(env.added).not.toHaveBeenCalled();
  });

  it.each<[string, Reply[], string]>([
    ['the removal fails', [json(CART), json({ status: 400, message: 'no valid id or line parameter' }, 400)], 'no valid id or line parameter'],
    ['the cart cannot be read', [new TypeError('offline')], 'GET /cart.js failed: network error'],
    ['the cart answer is no cart', [json({ nope: 1 })], 'GET /cart.js answered no cart'],
  ])('after the add, when %s: rejects saying the replaced item stays, and still tells the page the cart changed', async (_, after, why) => {
    const { cart, env } = setup('shopify', [json({ items: [] }), ...after]);
    await expect(cart.add(SWAP)).rejects.toThrow(new Error('added, but the replaced item is still in the cart: ' + why));
    expect(env.added).toHaveBeenCalledWith('shopify');
  });

  it('a swap without `replaces` is a plain add', async () => {
    const { cart, calls } = setup('shopify', [json({ items: [] })]);
    await cart.add({ ...SWAP, replaces: undefined });
    expect(calls.map((c) => c.url)).toEqual(['/cart/add.js']);
  });

  it('a page handler that throws in `added` does not fail the add', async () => {
    const { cart, env } = setup('shopify', [json({ items: [] })]);
    env.added.mockImplementation(() => {
      throw new Error('theme bug');
    });
    await expect(cart.add(ADD)).resolves.toBeUndefined();
  });
});


// ---------------------------------------------------------------------------------------------
// WooCommerce Store API: https://developer.woocommerce.com/docs/apis/store-api/ (cart, add-item,
// remove-item: resources-endpoints/cart; the Nonce header: nonce-tokens)

const WOO = '/wp-json/wc/store/v1/cart';
const wooItem = (key: string, id: number, quantity: number, sku = 'woo-' + id) => ({ key, id, quantity, sku, name: 'Item ' + id });
const wooCart = (...items: ReturnType<typeof wooItem>[]) => ({ items, items_count: items.length, totals: {} });

describe('woocommerce: add', () => {
  it('POSTs add-item with JSON {"id","quantity"}, the id a number, and the page\'s Nonce header', async () => {
    const { cart, calls, env } = setup('woocommerce', [json(wooCart(wooItem('k38', 38, 2)), 201)], 'n-page');
    await expect(cart.add({ productId: '38', quantity: 2, action: 'add' })).resolves.toBeUndefined();
    expect(calls).toEqual([{ url: WOO + '/add-item', init: { method: 'POST', headers: { ...JSON_POST, Nonce: 'n-page' }, body: '{"id":38,"quantity":2}' } }]);
    expect(env.added).toHaveBeenCalledTimes(1);
    expect(env.added).toHaveBeenCalledWith('woocommerce');
  });

  it('sends the variantId when the product has one, and no Nonce header when the page has none', async () => {
    const { cart, calls } = setup('woocommerce', [json(wooCart())]);
    await cart.add({ productId: 'hoodie', variantId: '41', quantity: 1, action: 'add' });
    expect(calls[0]!.init).toEqual({ method: 'POST', headers: JSON_POST, body: '{"id":41,"quantity":1}' });
  });

  it.each([
    ['Nonce', { Nonce: 'n-fresh' }],
    ['X-WC-Store-API-Nonce (older versions)', { 'X-WC-Store-API-Nonce': 'n-fresh' }],
  ])('keeps the fresh nonce from the answer\'s %s header', async (_, headers) => {
    const { cart, env } = setup('woocommerce', [json(wooCart(), 201, headers)], 'n-page');
    await cart.add({ productId: '38', quantity: 1, action: 'add' });
    expect(env.setWooNonce).toHaveBeenCalledWith('n-fresh');
  });

  it('keeps the fresh nonce from an error answer too, and none when there is none', async () => {
    const a = setup('woocommerce', [json({ code: 'x', message: 'No.', data: { status: 400 } }, 400, { Nonce: 'n2' })]);
    await expect(a.cart.add({ productId: '38', quantity: 1, action: 'add' })).rejects.toThrow('No.');
    expect(a.env.setWooNonce).toHaveBeenCalledWith('n2');
    const b = setup('woocommerce', [json(wooCart())]);
    await b.cart.add({ productId: '38', quantity: 1, action: 'add' });
    expect(b.env.setWooNonce).not.toHaveBeenCalled();
  });

  it.each<[string, Reply, string]>([
    [
      'out of stock: the message, its entities decoded',
      json({ code: 'woocommerce_rest_product_out_of_stock', message: 'You cannot add &quot;Beanie&quot; to the cart because the product is out of stock.', data: { status: 400 } }, 400),
      'You cannot add "Beanie" to the cart because the product is out of stock.',
    ],
    [
      'a missing nonce',
      json({ code: 'woocommerce_rest_missing_nonce', message: 'Missing the Nonce header. This endpoint requires a valid nonce.', data: { status: 401 } }, 401),
      'Missing the Nonce header. This endpoint requires a valid nonce.',
    ],
    [
      'a message with markup: as plain text',
      json({ code: 'x', message: '<a href="/cart" class="button">View cart</a> You cannot add another &#039;Mug&#039; to your cart.', data: { status: 400 } }, 400),
      "View cart You cannot add another 'Mug' to your cart.",
    ],
    ['a non-JSON answer', new Response('<html>Bad gateway</html>', { status: 502 }), `POST ${WOO}/add-item answered HTTP 502`],
    ['a network error', new TypeError('NetworkError when attempting to fetch resource.'), `POST ${WOO}/add-item failed: network error`],
  ])('rejects on %s', async (_, reply, message) => {
    const { cart, env } = setup('woocommerce', [reply], 'n');
    await expect(cart.add({ productId: '38', quantity: 1, action: 'add' })).rejects.toThrow(new Error(message));
    expect(env.added).not.toHaveBeenCalled();
  });

  it('a page nonce getter that throws is a rejection, not a synchronous throw', async () => {
    const { cart, env } = setup('woocommerce', []);
    env.wooNonce.mockImplementation(() => {
      throw new Error('bad page');
    });
    let promise: Promise<void> | undefined;
    expect(() => (promise = cart.add({ productId: '38', quantity: 1, action: 'add' }))).not.toThrow();
    await expect(promise).rejects.toThrow(new Error('bad page'));
  });
});

describe('woocommerce: swap = add-item, then remove-item by the replaced item\'s key from the cart it answered', () => {
  const SWAP: CartRequest = { productId: '50', quantity: 1, action: 'swap', replaces: '38' };

  it('the exact two requests, the second with the nonce the first answered', async () => {
    const { cart, calls, env } = setup(
      'woocommerce',
      [json(wooCart(wooItem('k38', 38, 1), wooItem('k50', 50, 1)), 201, { Nonce: 'n2' }), json(wooCart(wooItem('k50', 50, 1)), 200, { Nonce: 'n3' })],
      'n1',
    );
    await expect(cart.add(SWAP)).resolves.toBeUndefined();
    expect(calls).toEqual([
      { url: WOO + '/add-item', init: { method: 'POST', headers: { ...JSON_POST, Nonce: 'n1' }, body: '{"id":50,"quantity":1}' } },
      { url: WOO + '/remove-item', init: { method: 'POST', headers: { ...JSON_POST, Nonce: 'n2' }, body: '{"key":"k38"}' } },
    ]);
    expect(env.setWooNonce.mock.calls).toEqual([['n2'], ['n3']]);
    expect(env.added).toHaveBeenCalledTimes(1);
  });

  it('by the replaced variant id, or by SKU', async () => {
    const items = [wooItem('k38', 38, 1), wooItem('k39', 39, 1, 'MUG-L'), wooItem('k50', 50, 1)];
    const a = setup('woocommerce', [json(wooCart(...items)), json(wooCart())]);
    await a.cart.add({ ...SWAP, replacesVariantId: '39' });
    expect(body(a.calls[1]!.init)).toBe('{"key":"k39"}');
    const b = setup('woocommerce', [json(wooCart(...items)), json(wooCart())]);
    await b.cart.add({ ...SWAP, replaces: 'MUG-L' });
    expect(body(b.calls[1]!.init)).toBe('{"key":"k39"}');
  });

  it('an add answer that is no cart: GETs the cart first', async () => {
    const { cart, calls } = setup('woocommerce', [new Response('', { status: 201 }), json(wooCart(wooItem('k38', 38, 1))), json(wooCart())], 'n1');
    await cart.add(SWAP);
    expect(calls.map((c) => [c.url, c.init.method])).toEqual([
      [WOO + '/add-item', 'POST'],
      [WOO, 'GET'],
      [WOO + '/remove-item', 'POST'],
    ]);
    expect(calls[1]!.init).toEqual(GET);
  });

  it('a page that polluted Object.prototype.toJSON cannot change either body', async () => {
    const { cart, calls } = setup('woocommerce', [json(wooCart(wooItem('k38', 38, 1))), json(wooCart())]);
    (Object.prototype as Record<string, unknown>).toJSON = () => ({ id: 1 });
    await cart.add(SWAP);
    expect(calls.map((c) => body(c.init))).toEqual(['{"id":50,"quantity":1}', '{"key":"k38"}']);
  });

  it('a replaced item no longer in the cart: the add alone, and one warning naming it', async () => {
    const { cart, calls, env } = setup('woocommerce', [json(wooCart(wooItem('k50', 50, 1)))]);
    await expect(cart.add(SWAP)).resolves.toBeUndefined();
    expect(calls).toHaveLength(1);
    expect(env.warn.mock.calls).toEqual([['swap: no line for "38" in /wp-json/wc/store/v1/cart; 50 added alongside']]);
  });

  it('a failed add changes nothing', async () => {
    const { cart, calls, env } = setup('woocommerce', [json({ code: 'woocommerce_rest_product_out_of_stock', message: 'Out of stock.', data: { status: 400 } }, 400)]);
    await expect(cart.add(SWAP)).rejects.toThrow(new Error('Out of stock.'));
    expect(calls).toHaveLength(1);
    expect(env.added).not.toHaveBeenCalled();
  });

  it('a failed removal: rejects with the store\'s message, and the page still hears that the cart changed', async () => {
    const { cart, env } = setup('woocommerce', [
      json(wooCart(wooItem('k38', 38, 1))),
      json({ code: 'woocommerce_rest_cart_invalid_key', message: 'Cart item no longer exists or is invalid.', data: { status: 409 } }, 409),
    ]);
    await expect(cart.add(SWAP)).rejects.toThrow(new Error('added, but the replaced item is still in the cart: Cart item no longer exists or is invalid.'));
    expect(env.added).toHaveBeenCalledWith('woocommerce');
  });
});

