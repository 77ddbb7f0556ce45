import { describe, expect, it, vi } from 'vitest';
import { readConfig, type Config } from './read-config';

const read = (raw: Record<string, unknown>) => {
  const warn = vi.fn();
  return { config: readConfig(raw, warn), warnings: warn.mock.calls.map((c) => String(c[0])) };
};

describe('readConfig: defaults (embed.md §3)', () => {
  it('applies every documented default when nothing is set', () => {
    const { config, warnings } = read({});
    expect(config).toEqual({
      placement: 'product',
      max: 2,
      theme: 'auto',
      headingLevel: 2,
      cartAdapter: { type: 'event' },
      holdout: 0,
      consent: true,
    } satisfies Partial<Config>);
    expect(warnings).toEqual([]);
  });
});

describe('readConfig: valid values are parsed', () => {
  it.each<[string, unknown, Partial<Config>]>([
    ['catalog', '/offerwise/catalog.json', { catalog: '/offerwise/catalog.json' }],
    ['catalog', 'https://cdn.example.com/c/', { catalog: 'https://cdn.example.com/c/' }],
    ['endpoint', 'https://api.example.com/offers', { endpoint: 'https://api.example.com/offers' }],
    ['placement', 'post-purchase', { placement: 'post-purchase' }],
    ['product', ' blender-basic ', { product: 'blender-basic' }],
    ['cart', 'phone-x:1,case-x:2', { cart: [{ id: 'phone-x', qty: 1 }, { id: 'case-x', qty: 2 }] }],
    ['cart', 'phone-x', { cart: [{ id: 'phone-x', qty: 1 }] }],
    ['cart', 'a:1,a:2', { cart: [{ id: 'a', qty: 1 }, { id: 'a', qty: 2 }] }], // the engine adds them up
    ['cart', '', { cart: [] }],
    ['cart', [{ id: 'a', qty: 2 }], { cart: [{ id: 'a', qty: 2 }] }],
    ['owned', 'case-x,filters@2026-01-02', { owned: [{ id: 'case-x' }, { id: 'filters', purchasedAt: '2026-01-02' }] }],
    ['owned', [{ id: 'a', purchasedAt: '2025-12-31' }], { owned: [{ id: 'a', purchasedAt: '2025-12-31' }] }],
    ['orders', '3', { orders: 3 }],
    ['spent', '420.5', { spent: 420.5 }],
    ['lastOrder', '2026-09-01', { lastOrder: '2026-09-01' }],
    ['priceSensitive', 'true', { priceSensitive: true }],
    ['priceSensitive', '', { priceSensitive: true }],
    ['max', '1', { max: 1 }],
    ['freeShipping', '50', { freeShipping: 50 }],
    ['locale', 'de-de', { locale: 'de-DE' }],
    ['currency', 'eur', { currency: 'EUR' }],
    ['theme', 'dark', { theme: 'dark' }],
    ['headingLevel', '4', { headingLevel: 4 }],
    ['cartAdapter', 'shopify', { cartAdapter: { type: 'shopify' } }],
    ['cartAdapter', '/?add-to-cart={id}&quantity={qty}', { cartAdapter: { type: 'template', template: '/?add-to-cart={id}&quantity={qty}' } }],
    ['holdout', '10', { holdout: 10 }],
    ['beacon', '/collect', { beacon: '/collect' }],
    ['consent', 'false', { consent: false }],
    ['target', '#offers', { target: '#offers' }],
  ])('%s=%j', (key, value, expected) => {
    const { config, warnings } = read({ [key]: value });
    expect(config).toMatchObject(expected);
    expect(warnings).toEqual([]);
  });
});

describe('readConfig: a bad value gets the default and one warning naming attribute and value', () => {
  it.each<[string, unknown, string, unknown]>([
    ['placement', 'homepage', 'data-placement', 'product'],
    ['max', '7', 'data-max', 2],
    ['max', '0', 'data-max', 2],
    ['theme', 'purple', 'data-theme', 'auto'],
    ['headingLevel', '1', 'data-heading-level', 2],
    ['headingLevel', '2.5', 'data-heading-level', 2],
    ['priceSensitive', 'yes', 'data-price-sensitive', undefined],
    ['consent', 'nope', 'data-consent', true],
    ['holdout', '80', 'data-holdout', 0],
    ['holdout', '-1', 'data-holdout', 0],
    ['cartAdapter', 'magento', 'data-cart-adapter', { type: 'event' }],
    ['cartAdapter', 'javascript:alert({id})', 'data-cart-adapter', { type: 'event' }],
    ['catalog', 'javascript:alert(1)', 'data-catalog', undefined],
    ['catalog', '   ', 'data-catalog', undefined],
    ['cart', 'a:0', 'data-cart', undefined],
    ['cart', 'a:x,b:1', 'data-cart', undefined],
    ['cart', 'a:1.5', 'data-cart', undefined],
    ['owned', 'a@2026-02-30', 'data-owned', undefined],
    ['owned', 'a@yesterday', 'data-owned', undefined],
    ['orders', '-2', 'data-orders', undefined],
    ['orders', 'many', 'data-orders', undefined],
    ['spent', 'NaN', 'data-spent', undefined],
    ['lastOrder', '09/01/2026', 'data-last-order', undefined],
    ['freeShipping', 'free', 'data-free-shipping', undefined],
    ['locale', 'not a locale!', 'data-locale', undefined],
    ['currency', 'dollars', 'data-currency', undefined],
    ['product', 'x'.repeat(129), 'data-product', undefined],
  ])('%s=%j', (key, value, attribute, fallback) => {
    const { config, warnings } = read({ [key]: value });
    expect((config as unknown as Record<string, unknown>)[key]).toEqual(fallback);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(attribute);
    expect(warnings[0]).toContain(String(value).slice(0, 20));
  });
});

describe('readConfig: robustness', () => {
  it('ignores inherited keys and unknown options', () => {
    const raw = Object.create({ placement: 'cart' }) as Record<string, unknown>;
    raw.unknownThing = 'x';
    const { config, warnings } = read(raw);
    expect(config.placement).toBe('product');
    expect(warnings).toEqual([]);
  });

  it('does not throw on values of the wrong type', () => {
    expect(() => read({ cart: { id: 1 }, owned: 42, max: {}, theme: Symbol('x'), catalog: 7 })).not.toThrow();
  });
});
