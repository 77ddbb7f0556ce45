import { describe, expect, it } from 'vitest';
import { readPlatformCart } from './platform-cart';

/** A Shopify `GET /cart.js` answer (Ajax Cart API), trimmed to the fields that matter plus a few others. */
const shopifyLine = (product_id: unknown, variant: number, quantity: unknown) => ({
  id: variant,
  properties: {},
  quantity,
  variant_id: variant,
  key: `${variant}:4f3e1c9b7a2d`,
  title: 'Blender - Red',
  price: 4900,
  original_price: 4900,
  final_line_price: 4900 * (typeof quantity == 'number' ? quantity : 1),
  sku: 'BL-RED',
  vendor: 'Acme',
  product_id,
  handle: 'blender',
  url: `/products/blender?variant=${variant}`,
  product_has_only_default_variant: false,
});
const shopify = (items: unknown[]) => ({
  token: 'c1-7a2abe82733a34e84aa472d57fb5c3c1?key=824bdj25mhg1242bdb385',
  note: null,
  attributes: {},
  original_total_price: 9800,
  total_price: 9800,
  item_count: items.length,
  items,
  requires_shipping: true,
  currency: 'USD',
});

/** A WooCommerce Store API `GET /wp-json/wc/store/v1/cart` answer, trimmed. */
const wooLine = (id: unknown, quantity: unknown, type = 'simple') => ({
  key: 'c74d97b01eae257e44aa9d5bade97baf',
  id,
  type,
  quantity,
  quantity_limits: { minimum: 1, maximum: 9999, multiple_of: 1, editable: true },
  name: 'Hoodie',
  sku: 'woo-hoodie',
  variation: type == 'variation' ? [{ attribute: 'Color', value: 'Blue' }] : [],
  prices: { price: '4500', regular_price: '4500', currency_code: 'USD', currency_minor_unit: 2 },
  totals: { line_subtotal: '4500', line_total: '4500' },
});
const woo = (items: unknown[]) => ({
  items,
  coupons: [],
  fees: [],
  totals: { total_items: '4500', total_price: '4500', currency_code: 'USD' },
  shipping_address: {},
  billing_address: {},
  needs_payment: true,
  needs_shipping: true,
  items_count: items.length,
  items_weight: 0,
  errors: [],
  payment_methods: ['bacs'],
  extensions: {},
});

describe('readPlatformCart (embed.md §5, the platform cart)', () => {
  it.each<[string, 'shopify' | 'woocommerce', unknown, unknown]>([
    ['Shopify: product ids, not variant ids', 'shopify', shopify([shopifyLine(7012345678901, 41234567890123, 2), shopifyLine(7000000000002, 41000000000004, 1)]), [{ id: '7012345678901', qty: 2 }, { id: '7000000000002', qty: 1 }]],
    ['Shopify: two variants of one product are summed', 'shopify', shopify([shopifyLine(7, 41, 2), shopifyLine(7, 42, 3)]), [{ id: '7', qty: 5 }]],
    ['Shopify: an empty cart', 'shopify', shopify([]), []],
    ['Shopify: lines without a product id or a whole quantity are skipped', 'shopify', shopify([shopifyLine(null, 1, 1), shopifyLine(8, 2, 0), shopifyLine(9, 3, 1.5), shopifyLine(10, 4, 1), null, 'x']), [{ id: '10', qty: 1 }]],
    ['Shopify: quantities summed up to 9999', 'shopify', shopify([shopifyLine(7, 41, 9000), shopifyLine(7, 42, 9000)]), [{ id: '7', qty: 9999 }]],
    ['WooCommerce: ids as text', 'woocommerce', woo([wooLine(16, 1), wooLine(34, 2, 'variation')]), [{ id: '16', qty: 1 }, { id: '34', qty: 2 }]],
    ['WooCommerce: an empty cart', 'woocommerce', woo([]), []],
    ['WooCommerce: a bad line skipped', 'woocommerce', woo([wooLine(undefined, 1), wooLine(16, -1), wooLine(17, 1)]), [{ id: '17', qty: 1 }]],
    ['Shopify rules read a WooCommerce answer: no product_id, nothing', 'shopify', woo([wooLine(16, 1)]), []],
    ['no cart: an error answer', 'shopify', { status: 404, message: 'Not Found', description: 'Cart not found' }, undefined],
    ['no cart: a WordPress error', 'woocommerce', { code: 'rest_no_route', message: 'No route was found', data: { status: 404 } }, undefined],
    ['no cart: items not a list', 'shopify', { items: {} }, undefined],
    ['no cart: an HTML page read as text', 'shopify', '<!doctype html>', undefined],
    ['no cart: null', 'woocommerce', null, undefined],
    ['no cart: a list', 'woocommerce', [wooLine(16, 1)], undefined],
  ])('%s', (_name, platform, answer, expected) => {
    expect(readPlatformCart(platform, answer)).toEqual(expected);
  });

  it('reads own properties only: a polluted Object.prototype changes nothing', () => {
    const keys = { items: [shopifyLine(1, 1, 1)], product_id: 666, quantity: 5, id: 666 };
    for (const [k, v] of Object.entries(keys)) Object.defineProperty(Object.prototype, k, { value: v, configurable: true, writable: true });
    let results: unknown[];
    try {
      results = [readPlatformCart('shopify', {}), readPlatformCart('shopify', { items: [{ key: 'k' }] }), readPlatformCart('woocommerce', { items: [{ id: 3 }] })];
    } finally {
      for (const k of Object.keys(keys)) delete (Object.prototype as Record<string, unknown>)[k];
    }
    expect(results).toEqual([undefined, [], []]);
  });
});
