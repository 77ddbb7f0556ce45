import { describe, expect, it, vi } from 'vitest';
import { readContextBlock } from './context-block';
import type { PageContext } from './page-context';

const read = (json: string) => {
  const warn = vi.fn();
  return { context: readContextBlock(json, warn), warnings: warn.mock.calls.map((c) => String(c[0])) };
};
const block = (data: unknown) => JSON.stringify(data);

describe('readContextBlock: valid blocks (embed.md §5)', () => {
  it.each<[string, string, PageContext]>([
    ['an empty object', '{}', {}],
    ['a product', block({ product: 'blender-basic' }), { product: 'blender-basic' }],
    ['a product id as a number (Liquid {{ product.id }})', '{"product": 8123456789}', { product: '8123456789' }],
    ['a product id with spaces around it', block({ product: ' blender-basic ' }), { product: 'blender-basic' }],
    ['a cart, qty defaulting to 1', block({ cart: [{ id: 'phone-x', qty: 2 }, { id: 'case-x' }] }), { cart: [{ id: 'phone-x', qty: 2 }, { id: 'case-x', qty: 1 }] }],
    ['a cart with a null qty (default) and numeric ids', '{"cart":[{"id":42,"qty":null}]}', { cart: [{ id: '42', qty: 1 }] }],
    ['a cart qty as text', block({ cart: [{ id: 'a', qty: '3' }] }), { cart: [{ id: 'a', qty: 3 }] }],
    ['an empty cart (known empty)', block({ cart: [] }), { cart: [] }],
    ['owned, with and without dates', block({ owned: [{ id: 'filters', purchasedAt: '2026-01-02' }, { id: 'case-x' }] }), { owned: [{ id: 'filters', purchasedAt: '2026-01-02' }, { id: 'case-x' }] }],
    [
      'a customer',
      block({ customer: { orders: 3, spent: 420.5, lastOrder: '2026-09-01', priceSensitive: true } }),
      { customer: { orders: 3, spent: 420.5, lastOrder: '2026-09-01', priceSensitive: true } },
    ],
    ['customer amounts as text', block({ customer: { orders: '3', spent: '420.50' } }), { customer: { orders: 3, spent: 420.5 } }],
    ['strings', block({ strings: { headingProduct: 'Dazu passt', add: 'In den Korb: {title}' } }), { strings: { headingProduct: 'Dazu passt', add: 'In den Korb: {title}' } }],
    ['null fields (not given)', block({ product: null, cart: null, customer: null }), {}],
    [
      'everything at once',
      block({ product: 'p', cart: [{ id: 'p', qty: 1 }], owned: [{ id: 'o' }], customer: { orders: 0 }, strings: { adding: '…' } }),
      { product: 'p', cart: [{ id: 'p', qty: 1 }], owned: [{ id: 'o' }], customer: { orders: 0 }, strings: { adding: '…' } },
    ],
  ])('%s', (_name, json, expected) => {
    const { context, warnings } = read(json);
    expect(context).toEqual(expected);
    expect(warnings).toEqual([]);
  });
});

describe('readContextBlock: a bad field gets one warning naming the block and the field, the rest is used', () => {
  it.each<[string, unknown, PageContext, string[]]>([
    ['product not an id', { product: { id: 'x' }, cart: [] }, { cart: [] }, ['product']],
    ['product empty', { product: '', cart: [] }, { cart: [] }, ['product']],
    ['product too long', { product: 'x'.repeat(129) }, {}, ['product']],
    ['cart not a list', { cart: 'a:1', product: 'p' }, { product: 'p' }, ['cart']],
    ['cart with one bad qty (whole list rejected)', { cart: [{ id: 'a', qty: 1 }, { id: 'b', qty: 0 }] }, {}, ['cart']],
    ['cart qty over 9999', { cart: [{ id: 'a', qty: 10000 }] }, {}, ['cart']],
    ['cart qty not whole', { cart: [{ id: 'a', qty: 1.5 }] }, {}, ['cart']],
    ['cart item without id', { cart: [{ qty: 1 }] }, {}, ['cart']],
    ['cart item not an object', { cart: ['a'] }, {}, ['cart']],
    ['owned with a bad date', { owned: [{ id: 'a', purchasedAt: '2026-02-30' }] }, {}, ['owned']],
    ['owned with a date in another format', { owned: [{ id: 'a', purchasedAt: '01/02/2026' }] }, {}, ['owned']],
    ['customer not an object', { customer: 5, product: 'p' }, { product: 'p' }, ['customer']],
    ['customer with bad sub-fields (the rest kept)', { customer: { orders: -1, spent: 'lots', lastOrder: 'yesterday', priceSensitive: 'yes' } }, { customer: {} }, ['customer.orders', 'customer.spent', 'customer.lastOrder', 'customer.priceSensitive']],
    ['customer orders not whole, spent kept', { customer: { orders: 2.5, spent: 10 } }, { customer: { spent: 10 } }, ['customer.orders']],
    ['strings not an object', { strings: ['a'] }, {}, ['strings']],
    ['a string too long', { strings: { add: 'x'.repeat(301), adding: 'ok' } }, { strings: { adding: 'ok' } }, ['strings.add']],
    ['a string empty', { strings: { add: '' } }, { strings: {} }, ['strings.add']],
    ['a string not text', { strings: { add: 5 } }, { strings: {} }, ['strings.add']],
    ['an unknown string key (a typo)', { strings: { headingProdcut: 'x' } }, { strings: {} }, ['strings.headingProdcut']],
    ['an unknown field', { produt: 'p', product: 'q' }, { product: 'q' }, ['produt']],
  ])('%s', (_name, data, expected, fields) => {
    const { context, warnings } = read(block(data));
    expect(context).toEqual(expected);
    expect(warnings).toEqual(fields.map((f) => `data-offerwise-context "${f}" is not valid; ignored`));
  });

  it('a string exactly 300 characters long is fine', () => {
    expect(read(block({ strings: { add: 'x'.repeat(300) } })).context).toEqual({ strings: { add: 'x'.repeat(300) } });
  });
});

describe('readContextBlock: text that is no JSON object gets one warning and gives nothing', () => {
  it.each([
    ['malformed JSON', '{"product": "a",}'],
    ['an empty block', ''],
    ['a Liquid tag left unrendered', '{"product": {{ product.id }}}'],
    ['an array', '[{"product":"a"}]'],
    ['a string', '"blender-basic"'],
    ['null', 'null'],
    ['not even a string', undefined as unknown as string],
  ])('%s', (_name, json) => {
    const { context, warnings } = read(json);
    expect(context).toEqual({});
    expect(warnings).toEqual(['data-offerwise-context is not a JSON object; ignored']);
  });
});

describe('readContextBlock: own fields only', () => {
  it('a polluted Object.prototype supplies nothing and changes nothing', () => {
    const keys = { product: 'evil', cart: [{ id: 'evil' }], qty: 500, customer: { orders: 99 }, orders: 99, add: 'evil', strings: { add: 'evil' } };
    for (const [k, v] of Object.entries(keys)) Object.defineProperty(Object.prototype, k, { value: v, configurable: true, writable: true });
    let result: ReturnType<typeof read>;
    try {
      result = read(block({ cart: [{ id: 'a' }], customer: { spent: 5 }, strings: { adding: 'x' } }));
    } finally {
      for (const k of Object.keys(keys)) delete (Object.prototype as Record<string, unknown>)[k];
    }
    expect(result.warnings).toEqual([]);
    expect(JSON.parse(JSON.stringify(result.context))).toEqual({ cart: [{ id: 'a', qty: 1 }], customer: { spent: 5 }, strings: { adding: 'x' } });
    expect(Object.keys(result.context)).toEqual(['cart', 'customer', 'strings']);
  });

  it('a "__proto__" key in the JSON is a field like any other (unknown: warned, ignored)', () => {
    const { context, warnings } = read('{"__proto__": {"product": "evil"}, "strings": {"__proto__": "x"}}');
    expect(context.product).toBeUndefined();
    expect(Object.getPrototypeOf(context)).toBe(null); // none at all: neither the JSON's nor the page's
    expect(context.strings).toEqual({});
    expect(warnings).toEqual(['data-offerwise-context "strings.__proto__" is not valid; ignored', 'data-offerwise-context "__proto__" is not valid; ignored']);
  });
});
