import { describe, expect, it } from 'vitest';
import { ga4Order, readDataLayer } from './data-layer';
import type { PageContext } from './page-context';

/** What `gtag('event', name, params)` pushes: its `arguments` object. */
function gtag(..._args: unknown[]): IArguments {
  return arguments;
}
const reset = { ecommerce: null };
const push = (event: string, ecommerce?: object) => (ecommerce ? { event, ecommerce } : { event });
const item = (item_id: unknown, more: object = {}) => ({ item_id, ...more });
/** GA4's documented item, as Google's examples push it. */
const tee = {
  item_id: 'SKU_12345',
  item_name: 'Stan and Friends Tee',
  affiliation: 'Google Merchandise Store',
  coupon: 'SUMMER_FUN',
  discount: 2.22,
  index: 0,
  item_brand: 'Google',
  item_category: 'Apparel',
  item_list_id: 'related_products',
  item_variant: 'green',
  location_id: 'ChIJIQBpAG2ahYAR_6128GcTUEo',
  price: 10.01,
  quantity: 3,
};
/** What Google Tag Manager and gtag put in every dataLayer. */
const gtm = [{ 'gtm.start': 1763700000000, event: 'gtm.js' }, gtag('js', new Date(0)), gtag('config', 'G-XXXXXXX'), { event: 'gtm.dom' }, { event: 'gtm.load' }];

describe('readDataLayer: GA4 ecommerce events (embed.md §5)', () => {
  it.each<[string, unknown[], PageContext]>([
    ['nothing pushed', [], {}],
    ['only tag manager housekeeping', gtm, {}],
    ['view_item: the product (GA4 docs example)', [...gtm, reset, push('view_item', { currency: 'USD', value: 30.03, items: [tee] })], { product: 'SKU_12345' }],
    ['view_item by gtag (an arguments object)', [gtag('event', 'view_item', { currency: 'USD', value: 10, items: [item('SKU_1')] })], { product: 'SKU_1' }],
    ['view_item by gtag as a plain array', [['event', 'view_item', { items: [item('SKU_2')] }]], { product: 'SKU_2' }],
    ['a numeric item_id', [push('view_item', { items: [item(8123456789)] })], { product: '8123456789' }],
    ['the first item with an item_id', [push('view_item', { items: [{ item_name: 'no id' }, item('second')] })], { product: 'second' }],
    ['the latest view_item (a variant change)', [reset, push('view_item', { items: [item('a')] }), reset, push('view_item', { items: [item('b')] })], { product: 'b' }],
    ['view_cart: the whole cart, quantity defaulting to 1 or given as text', [push('view_cart', { items: [item('a', { quantity: 2 }), item('b'), item('c', { quantity: '3' })] })], { cart: [{ id: 'a', qty: 2 }, { id: 'b', qty: 1 }, { id: 'c', qty: 3 }] }],
    ['a bad quantity reads as 1', [push('view_cart', { items: [item('a', { quantity: -2 }), item('b', { quantity: 0 }), item('c', { quantity: 'two' })] })], { cart: [{ id: 'a', qty: 1 }, { id: 'b', qty: 1 }, { id: 'c', qty: 1 }] }],
    ['an empty view_cart: a known empty cart', [push('view_cart', { items: [] })], { cart: [] }],
    ['begin_checkout replaces the cart of an earlier view_cart', [reset, push('view_cart', { items: [item('a'), item('b')] }), reset, push('begin_checkout', { items: [item('b', { quantity: 2 })] })], { cart: [{ id: 'b', qty: 2 }] }],
    ['add_to_cart alone: the cart is the added items', [reset, push('add_to_cart', { items: [item('a', { quantity: 2 })] })], { cart: [{ id: 'a', qty: 2 }] }],
    [
      'add_to_cart adds to the cart known so far',
      [reset, push('view_cart', { items: [item('a'), item('b')] }), reset, push('add_to_cart', { items: [item('b', { quantity: 2 }), item('c')] })],
      { cart: [{ id: 'a', qty: 1 }, { id: 'b', qty: 3 }, { id: 'c', qty: 1 }] },
    ],
    [
      'remove_from_cart takes items off a known cart',
      [reset, push('view_cart', { items: [item('a', { quantity: 3 }), item('b')] }), reset, push('remove_from_cart', { items: [item('a'), item('b'), item('x')] })],
      { cart: [{ id: 'a', qty: 2 }] },
    ],
    ['remove_from_cart without a known cart gives none', [reset, push('remove_from_cart', { items: [item('a')] })], {}],
    ['add_to_cart by gtag', [gtag('event', 'add_to_cart', { items: [item('a')] }), gtag('event', 'add_to_cart', { items: [item('a')] })], { cart: [{ id: 'a', qty: 2 }] }],
    [
      'purchase: the order, with prices; transaction_id and value as pushed',
      [...gtm, reset, push('purchase', { transaction_id: 'T_12345', value: 72.05, tax: 3.6, shipping: 5.99, currency: 'USD', items: [tee, item('SKU_2', { price: '21.01' })] })],
      { order: { orderId: 'T_12345', value: 72.05, lines: [{ id: 'SKU_12345', qty: 3, price: 10.01 }, { id: 'SKU_2', qty: 1, price: 21.01 }] } },
    ],
    ['purchase: a numeric transaction_id and a value as text', [push('purchase', { transaction_id: 1001, value: '70.00', items: [item('a', { price: -1 })] })], { order: { orderId: '1001', value: 70, lines: [{ id: 'a', qty: 1 }] } }],
    ['purchase by gtag', [gtag('event', 'purchase', { transaction_id: 'T1', items: [item('a', { price: 5 })] })], { order: { orderId: 'T1', lines: [{ id: 'a', qty: 1, price: 5 }] } }],
    ['the latest purchase', [reset, push('purchase', { transaction_id: 'T1', items: [] }), reset, push('purchase', { transaction_id: 'T2', items: [] })], { order: { orderId: 'T2', lines: [] } }],
    ['a purchase without items is no order', [push('purchase', { transaction_id: 'T1', value: 5 })], {}],
    [
      'a whole visit: product, cart and order',
      [...gtm, reset, push('view_item', { items: [item('p')] }), reset, push('add_to_cart', { items: [item('p')] }), reset, push('purchase', { transaction_id: 'T', items: [item('p', { price: 9 })] })],
      { product: 'p', cart: [{ id: 'p', qty: 1 }], order: { orderId: 'T', lines: [{ id: 'p', qty: 1, price: 9 }] } },
    ],
  ])('%s', (_name, entries, expected) => {
    expect(readDataLayer(entries)).toEqual(expected);
  });
});

describe("readDataLayer: Google Tag Manager's data model, `{ecommerce: null}` resets", () => {
  it.each<[string, unknown[], PageContext]>([
    ['an event without ecommerce inherits the last items (no reset)', [push('view_item', { items: [item('a')] }), push('add_to_cart')], { product: 'a', cart: [{ id: 'a', qty: 1 }] }],
    ['… and not after a reset', [push('view_item', { items: [item('a')] }), reset, push('add_to_cart')], { product: 'a' }],
    ['ecommerce pushed first, the event after it', [{ ecommerce: { items: [item('a')] } }, { event: 'view_item' }], { product: 'a' }],
    ['a shorter items list keeps the longer one’s tail (no reset)', [push('view_cart', { items: [item('a'), item('b')] }), push('view_cart', { items: [item('c')] })], { cart: [{ id: 'c', qty: 1 }, { id: 'b', qty: 1 }] }],
    ['… and not after a reset', [push('view_cart', { items: [item('a'), item('b')] }), reset, push('view_cart', { items: [item('c')] })], { cart: [{ id: 'c', qty: 1 }] }],
    [
      'an item inherits a stale quantity (no reset)',
      [push('view_cart', { items: [item('a', { quantity: 3 })] }), push('add_to_cart', { items: [item('b')] })],
      { cart: [{ id: 'a', qty: 3 }, { id: 'b', qty: 3 }] },
    ],
    ['… and not after a reset', [push('view_cart', { items: [item('a', { quantity: 3 })] }), reset, push('add_to_cart', { items: [item('b')] })], { cart: [{ id: 'a', qty: 3 }, { id: 'b', qty: 1 }] }],
    ['a stale transaction_id', [push('purchase', { transaction_id: 'T1', items: [item('a')] }), push('purchase', { items: [item('b')] })], { order: { orderId: 'T1', lines: [{ id: 'b', qty: 1 }] } }],
    ['a hole in a pushed list keeps the model’s item there (no reset)', [push('view_cart', { items: [item('a')] }), push('view_cart', { items: [, item('b')] })], { cart: [{ id: 'a', qty: 1 }, { id: 'b', qty: 1 }] }],
    ['`_clear: true` replaces instead of merging', [push('view_cart', { items: [item('a'), item('b')] }), { ...push('view_cart', { items: [item('c')] }), _clear: true }], { cart: [{ id: 'c', qty: 1 }] }],
    ['a nested `_clear`', [push('view_cart', { items: [item('a'), item('b')] }), push('view_cart', { _clear: true, items: [item('c')] })], { cart: [{ id: 'c', qty: 1 }] }],
    ['`{ecommerce: undefined}` resets too', [push('view_item', { items: [item('a')] }), { ecommerce: undefined }, push('add_to_cart')], { product: 'a' }],
    ['a gtag event reads its own params and leaves the model alone', [push('view_cart', { items: [item('a')] }), gtag('event', 'view_cart', { items: [item('b')] }), { event: 'begin_checkout' }], { cart: [{ id: 'a', qty: 1 }] }],
    ['an event pushed before any ecommerce reads nothing', [{ event: 'view_item' }, reset, { ecommerce: { items: [item('late')] } }], {}],
  ])('%s', (_name, entries, expected) => {
    expect(readDataLayer(entries)).toEqual(expected);
  });

  it('never changes the page’s objects', () => {
    const entries = [push('view_cart', { items: [item('a', { quantity: 2 }), item('b')] }), push('view_cart', { items: [item('c')] }), push('add_to_cart', { items: [item('a')] })];
    const before = structuredClone(entries);
    readDataLayer(entries);
    expect(entries).toEqual(before);
  });
});

describe('readDataLayer: junk and hostile pages', () => {
  const hostile = () => {
    const throwing = Object.defineProperty({}, 'event', { enumerable: true, get: () => { throw new Error('getter'); } });
    const badItems = push('view_item', { items: [Object.defineProperty({}, 'item_id', { enumerable: true, get: () => { throw new Error('getter'); } })] });
    const badEcommerce = Object.defineProperty({ event: 'view_cart' }, 'ecommerce', { enumerable: true, get: () => { throw new Error('getter'); } });
    const proxy = new Proxy({}, { get: () => { throw new Error('trap'); }, has: () => { throw new Error('trap'); }, getOwnPropertyDescriptor: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } });
    return [throwing, badItems, badEcommerce, proxy];
  };

  it.each<[string, unknown[]]>([
    ['primitives and empty things', [null, undefined, 42, 'view_item', true, [], {}, () => 1]],
    ['gtag commands that are no events', [gtag('consent', 'default', { ad_storage: 'denied' }), gtag('set', { items: [item('x')] }), gtag('event')]],
    ['events with junk params', [push('view_item', { items: 'SKU_1' }), { event: 'view_item', ecommerce: 'x' }, push('view_item', { items: [null, 5, 'a', { item_name: 'no id' }, item(''), item({})] })]],
    ['unknown events and Universal Analytics shapes', [push('select_item', { items: [item('x')] }), push('addToCart', { add: { products: [{ id: 'ua' }] } }), { event: 'gtm.click', 'gtm.element': {} }]],
    ['entries whose getters and traps throw', hostile()],
  ])('%s: ignored, no throw', (_name, junk) => {
    expect(readDataLayer(junk)).toEqual({});
    expect(readDataLayer([push('view_item', { items: [item('before')] }), ...junk, reset, push('view_cart', { items: [item('after')] })])).toEqual({
      product: 'before',
      cart: [{ id: 'after', qty: 1 }],
    });
  });

  it('never throws on entries that are no list, or whose length throws', () => {
    for (const entries of [null, undefined, 5, 'abc', {}, { length: -1 }, { length: Infinity }, Object.defineProperty({}, 'length', { get: () => { throw new Error('x'); } })])
      expect(readDataLayer(entries as ArrayLike<unknown>)).toEqual({});
  });

  it('reads an arguments object of entries (array-like)', () => {
    expect(readDataLayer(gtag(reset, push('view_item', { items: [item('a')] })))).toEqual({ product: 'a' });
  });

  it('a cyclic ecommerce object is read, bounded', () => {
    const ecommerce: Record<string, unknown> = { items: [item('a')] };
    ecommerce.self = ecommerce;
    (ecommerce.items as object[]).push(ecommerce);
    expect(readDataLayer([push('view_item', ecommerce), push('add_to_cart', ecommerce)])).toEqual({ product: 'a', cart: [{ id: 'a', qty: 1 }] });
  });

  it('a huge sparse items list is read up to 200 items, quickly', () => {
    const items: unknown[] = [];
    items[1e9] = item('far');
    items[0] = item('near');
    const many = Array.from({ length: 300 }, (_, i) => item('p' + i));
    expect(readDataLayer([push('view_cart', { items })])).toEqual({ cart: [{ id: 'near', qty: 1 }] });
    expect(readDataLayer([reset, push('view_cart', { items: many })]).cart).toHaveLength(200);
  });

  it('reads the last 5000 entries', () => {
    const filler = Array.from({ length: 5000 }, () => ({ event: 'gtm.timer' }));
    expect(readDataLayer([push('view_item', { items: [item('old')] }), ...filler])).toEqual({});
    expect(readDataLayer([...filler, push('view_item', { items: [item('new')] })])).toEqual({ product: 'new' });
  });

  it('reads own properties only: a polluted Object.prototype changes nothing', () => {
    const keys: Record<string, unknown> = {
      event: 'purchase',
      ecommerce: { transaction_id: 'evil', items: [item('evil')] },
      items: [item('evil')],
      item_id: 'evil',
      quantity: 99,
      price: 1,
      transaction_id: 'evil',
      value: 1,
      0: 'event',
      1: 'purchase',
      2: { items: [item('evil')] },
      _clear: true,
    };
    const entries = [{ 'gtm.start': 1, event: 'gtm.js' }, reset, { ecommerce: { currency: 'USD' } }, push('view_item', { items: [{ item_id: 'a' }] }), [, , ,], reset, push('view_cart', { items: [, { item_id: 'b' }] })];
    const orderEntry = { event: 'purchase', ecommerce: { items: [{ item_id: 'a' }] } };
    for (const [k, v] of Object.entries(keys)) Object.defineProperty(Object.prototype, k, { value: v, configurable: true, writable: true });
    let context: PageContext, order: unknown;
    try {
      context = readDataLayer(entries);
      order = ga4Order(orderEntry);
    } finally {
      for (const k of Object.keys(keys)) delete (Object.prototype as Record<string, unknown>)[k];
    }
    expect(context).toEqual({ product: 'a', cart: [{ id: 'b', qty: 1 }] });
    expect(order).toEqual({ lines: [{ id: 'a', qty: 1 }] });
  });
});

describe('ga4Order: one purchase entry, read alone (no model)', () => {
  it.each<[string, unknown, unknown]>([
    ['an object push', push('purchase', { transaction_id: 'T1', value: 10, items: [item('a', { price: 10 })] }), { orderId: 'T1', value: 10, lines: [{ id: 'a', qty: 1, price: 10 }] }],
    ['a gtag arguments object', gtag('event', 'purchase', { transaction_id: 7, items: [item(5, { quantity: 2 })] }), { orderId: '7', lines: [{ id: '5', qty: 2 }] }],
    ['a gtag array', ['event', 'purchase', { items: [] }], { lines: [] }],
    ['not a purchase', push('view_item', { items: [item('a')] }), undefined],
    ['a purchase event without ecommerce (no model here)', { event: 'purchase' }, undefined],
    ['items that are no list', push('purchase', { items: {} }), undefined],
    ['junk', 'purchase', undefined],
    ['a throwing getter', Object.defineProperty({ event: 'purchase' }, 'ecommerce', { get: () => { throw new Error('x'); } }), undefined],
  ])('%s', (_name, entry, expected) => {
    expect(ga4Order(entry)).toEqual(expected);
  });
});
