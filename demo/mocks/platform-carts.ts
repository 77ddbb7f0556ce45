/**
 * The demo cart (cart-store.ts) as the two platforms' APIs show it, for the handlers that play
 * them (handlers.ts), so the widget's built-in `shopify` and `woocommerce` adapters (embed.md
 * §6) can be tried against answers of the real shape:
 *
 * - Shopify's Ajax Cart API (`/cart.js`, `/cart/add.js`, `/cart/change.js`): prices in cents,
 *   line items with `key`, `variant_id`, `product_id`, `handle`.
 * - WooCommerce's Store API (`/wp-json/wc/store/v1/cart…`): prices as strings in minor units,
 *   items with `key` and `id`, errors as `{code, message, data: {status}}`.
 *
 * The demo catalog has no `variantId`s, so its product ids stand in for Shopify's numeric
 * product and variant ids and for WooCommerce's product ids: the widget then sends the catalog
 * id, and reads the cart back by it. Both APIs show the ONE demo cart, so switching platform
 * keeps what the shopper added.
 */
import { getCart, productOf, type CartItem } from './cart-store';

export const SHOPIFY = { cart: '/cart.js', add: '/cart/add.js', change: '/cart/change.js' } as const;

const WOO_BASE = '/wp-json/wc/store/v1/cart';
export const WOO = { cart: WOO_BASE, add: `${WOO_BASE}/add-item`, remove: `${WOO_BASE}/remove-item` } as const;

const cents = (value: number): number => Math.round(value * 100);

/** A stable hex string from `seed`, for line keys and tokens (FNV-1a, repeated). */
export function hexOf(seed: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/** The key Shopify gives a line: its variant, a colon, a hash of the line's properties. */
export const shopifyKey = (id: string): string => `${id}:${hexOf(`shopify:${id}`, 32)}`;

/** The key WooCommerce gives a cart item: an md5-like hash of product, variation and data. */
export const wooKey = (id: string): string => hexOf(`woocommerce:${id}`, 32);

const CART_TOKEN = `c1-${hexOf(String(Date.now()), 32)}`;

function shopifyLine(item: CartItem) {
  const product = productOf(item.id);
  const price = cents(item.price);
  const line = price * item.quantity;
  return {
    id: item.id,
    properties: {},
    quantity: item.quantity,
    variant_id: item.id,
    key: shopifyKey(item.id),
    title: item.title,
    price,
    original_price: price,
    discounted_price: price,
    line_price: line,
    original_line_price: line,
    total_discount: 0,
    discounts: [],
    sku: item.id,
    grams: 0,
    vendor: 'Northwind Goods',
    taxable: true,
    product_id: item.id,
    product_has_only_default_variant: true,
    gift_card: false,
    final_price: price,
    final_line_price: line,
    url: product?.url ?? `/products/${item.id}`,
    featured_image: product?.image ? { url: product.image, alt: item.title, aspect_ratio: 1 } : null,
    image: product?.image ?? null,
    handle: item.id,
    requires_shipping: true,
    product_type: product?.category ?? '',
    product_title: item.title,
    product_description: '',
    variant_title: null,
    variant_options: ['Default Title'],
    options_with_values: [{ name: 'Title', value: 'Default Title' }],
    line_level_discount_allocations: [],
    line_level_total_discount: 0,
  };
}

export type ShopifyLine = ReturnType<typeof shopifyLine>;

/** `GET /cart.js`. */
export function shopifyCart() {
  const { items, count, subtotal } = getCart();
  const total = cents(subtotal);
  return {
    token: CART_TOKEN,
    note: null,
    attributes: {},
    original_total_price: total,
    total_price: total,
    total_discount: 0,
    total_weight: 0,
    item_count: count,
    items: items.map(shopifyLine),
    requires_shipping: items.length > 0,
    currency: 'USD',
    items_subtotal_price: total,
    cart_level_discount_applications: [],
  };
}

/** The line items `POST /cart/add.js` answers with: the lines it added to, as they now are. */
export function shopifyLines(ids: readonly string[]): ShopifyLine[] {
  return getCart()
    .items.filter((item) => ids.includes(item.id))
    .map(shopifyLine);
}

/** Shopify's error answer: `{status, message, description}`. */
export const shopifyError = (status: number, description: string) => ({ status, message: 'Cart Error', description });

const CURRENCY = {
  currency_code: 'USD',
  currency_symbol: '$',
  currency_minor_unit: 2,
  currency_decimal_separator: '.',
  currency_thousand_separator: ',',
  currency_prefix: '$',
  currency_suffix: '',
};

function wooItem(item: CartItem) {
  const product = productOf(item.id);
  const price = String(cents(item.price));
  const line = String(cents(item.price) * item.quantity);
  return {
    key: wooKey(item.id),
    id: item.id,
    type: 'simple',
    quantity: item.quantity,
    quantity_limits: { minimum: 1, maximum: 99, multiple_of: 1, editable: true },
    name: item.title,
    short_description: '',
    description: '',
    sku: item.id,
    low_stock_remaining: null,
    backorders_allowed: false,
    show_backorder_badge: false,
    sold_individually: false,
    permalink: product?.url ?? '',
    images: product?.image
      ? [{ id: 0, src: product.image, thumbnail: product.image, srcset: '', sizes: '', name: item.id, alt: item.title }]
      : [],
    variation: [],
    item_data: [],
    prices: { price, regular_price: price, sale_price: price, price_range: null, ...CURRENCY },
    totals: { line_subtotal: line, line_subtotal_tax: '0', line_total: line, line_total_tax: '0', ...CURRENCY },
    catalog_visibility: 'visible',
    extensions: {},
  };
}

const ADDRESS = { first_name: 'Ada', last_name: 'Lovelace', address_1: '12 Analytical Row', city: 'London', postcode: 'N1 9GU', country: 'GB' };

/** `GET /wp-json/wc/store/v1/cart`, and the answer of every cart write. */
export function wooCart() {
  const { items, count, subtotal } = getCart();
  const total = String(cents(subtotal));
  return {
    items: items.map(wooItem),
    coupons: [],
    fees: [],
    totals: {
      total_items: total,
      total_items_tax: '0',
      total_fees: '0',
      total_fees_tax: '0',
      total_discount: '0',
      total_discount_tax: '0',
      total_shipping: null,
      total_shipping_tax: null,
      total_price: total,
      total_tax: '0',
      tax_lines: [],
      ...CURRENCY,
    },
    shipping_address: ADDRESS,
    billing_address: { ...ADDRESS, email: 'ada@example.com', phone: '' },
    needs_payment: items.length > 0,
    needs_shipping: items.length > 0,
    payment_requirements: ['products'],
    has_calculated_shipping: false,
    shipping_rates: [],
    items_count: count,
    items_weight: 0,
    cross_sells: [],
    errors: [],
    payment_methods: ['cod'],
    extensions: {},
  };
}

/** The Store API's error answer: `{code, message, data: {status}}`. */
export const wooError = (status: number, code: string, message: string) => ({ code, message, data: { status } });

/** The product id of the line with this Shopify key (or variant id), or of the 1-based `line`. */
export function shopifyLineId(ref: { id?: unknown; line?: unknown }): string | undefined {
  const items = getCart().items;
  if (typeof ref.line === 'number') return items[ref.line - 1]?.id;
  const id = typeof ref.id === 'number' ? String(ref.id) : ref.id;
  if (typeof id !== 'string') return undefined;
  return items.find((item) => shopifyKey(item.id) === id || item.id === id)?.id;
}

/** The product id of the item with this WooCommerce key. */
export function wooLineId(key: unknown): string | undefined {
  return getCart().items.find((item) => wooKey(item.id) === key)?.id;
}
