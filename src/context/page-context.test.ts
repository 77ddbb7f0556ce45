import { describe, expect, it } from 'vitest';
import { idOf, mergeContext, type PageContext } from './page-context';

describe('mergeContext: first found wins per field (embed.md §5)', () => {
  const block: PageContext = { product: 'from-block', customer: { orders: 3 }, strings: { add: 'Add' } };
  const jsonLd: PageContext = { product: 'from-json-ld' };
  const dataLayer: PageContext = { product: 'from-data-layer', cart: [{ id: 'a', qty: 1 }], order: { orderId: 'T1', lines: [] } };
  const visitor: PageContext = { owned: [{ id: 'o', purchasedAt: '2026-01-02' }], customer: { orders: 9, lastOrder: '2026-01-02' } };
  const platform: PageContext = { cart: [{ id: 'platform', qty: 1 }] };

  it.each<[string, (PageContext | undefined)[], PageContext]>([
    ['nothing', [], {}],
    ['only missing sources', [undefined, undefined], {}],
    [
      'the §5 order',
      [block, jsonLd, dataLayer, visitor, platform],
      { product: 'from-block', cart: [{ id: 'a', qty: 1 }], owned: [{ id: 'o', purchasedAt: '2026-01-02' }], customer: { orders: 3, lastOrder: '2026-01-02' }, strings: { add: 'Add' }, order: { orderId: 'T1', lines: [] } },
    ],
    ['a later source fills what earlier ones lack', [undefined, jsonLd, platform], { product: 'from-json-ld', cart: [{ id: 'platform', qty: 1 }] }],
    ['an empty cart is a cart (the platform is not asked)', [{ cart: [] }, platform], { cart: [] }],
    ['undefined is not found', [{ product: undefined, customer: { orders: undefined } }, jsonLd, { customer: visitor.customer }], { product: 'from-json-ld', customer: { orders: 9, lastOrder: '2026-01-02' } }],
    ['customer per sub-field', [{ customer: { priceSensitive: false } }, { customer: { priceSensitive: true, spent: 5 } }], { customer: { priceSensitive: false, spent: 5 } }],
    ['an empty customer is left out', [{ customer: {} }, { product: 'p' }], { product: 'p' }],
  ])('%s', (_name, sources, expected) => {
    expect(mergeContext(...sources)).toEqual(expected);
  });

  it('leaves its sources as they were', () => {
    const sources = [block, jsonLd, visitor];
    const before = structuredClone(sources);
    mergeContext(...sources);
    expect(sources).toEqual(before);
  });

  it('reads own properties only: a polluted Object.prototype supplies nothing', () => {
    const keys = { product: 'evil', cart: [], customer: { orders: 666 }, orders: 666 };
    for (const [k, v] of Object.entries(keys)) Object.defineProperty(Object.prototype, k, { value: v, configurable: true, writable: true });
    let merged: PageContext;
    try {
      merged = mergeContext({ owned: [] }, { customer: { spent: 1 } });
    } finally {
      for (const k of Object.keys(keys)) delete (Object.prototype as Record<string, unknown>)[k];
    }
    expect(Object.keys(merged).sort()).toEqual(['customer', 'owned']);
    expect(Object.keys(merged.customer!)).toEqual(['spent']);
  });
});

describe('idOf: ids as pages write them', () => {
  it.each<[unknown, string | undefined]>([
    ['blender', 'blender'],
    ['  blender\n', 'blender'],
    [8123456789, '8123456789'],
    [0, '0'],
    ['', undefined],
    ['   ', undefined],
    ['x'.repeat(129), undefined],
    [NaN, undefined],
    [Infinity, undefined],
    [null, undefined],
    [{}, undefined],
    [['a'], undefined],
    [true, undefined],
  ])('%j → %j', (value, expected) => {
    expect(idOf(value)).toBe(expected);
  });
});
