/**
 * Which cart API the demo's slots add through (embed.md §6 `data-cart-adapter`):
 *
 * - `event` (the default): the store's own `offerwise:add` listener (start-store.ts) adds
 *   through the demo's cart API and hands the widget the promise with `detail.waitUntil`.
 * - `shopify`, `woocommerce`: the slots get `data-cart-adapter`, and the widget's built-in
 *   adapter adds through Shopify's Ajax Cart API or WooCommerce's Store API, both played by
 *   MSW (mocks/handlers.ts). The store's cart display then reads that platform's cart.
 *
 * The choice is kept for the tab (sessionStorage), so it follows the shopper across the demo's
 * pages and the preview; `?cart-api=shopify` (or `woocommerce`, `event`) on a page sets it.
 */
import { computed, Signal, signal, type ReadonlySignal } from '@preact/signals';
import { cartApiReady, cartApiUp, remember } from './cart-client';
import type { Cart } from './mocks/cart-store';
import { storeApiNonce } from './mocks/cart-store';
import type { SlotAttributes } from './widget-slot';

export const CART_PLATFORMS = ['event', 'shopify', 'woocommerce'] as const;
export type CartPlatform = (typeof CART_PLATFORMS)[number];
type Platform = Exclude<CartPlatform, 'event'>;

const STORAGE_KEY = 'offerwise-demo-cart-api';

/** Where each platform's cart is read (the widget reads the same URLs, embed.md §5). */
export const PLATFORM_CART_URL: Readonly<Record<Platform, string>> = {
  shopify: '/cart.js',
  woocommerce: '/wp-json/wc/store/v1/cart',
};

const isPlatform = (value: unknown): value is CartPlatform => CART_PLATFORMS.some((known) => known === value);

function initialPlatform(): CartPlatform {
  try {
    const asked = new URLSearchParams(location.search).get('cart-api');
    if (isPlatform(asked)) {
      sessionStorage.setItem(STORAGE_KEY, asked);
      return asked;
    }
    const kept = sessionStorage.getItem(STORAGE_KEY);
    return isPlatform(kept) ? kept : 'event';
  } catch {
    return 'event';
  }
}

export const cartPlatform = signal<CartPlatform>(initialPlatform());

/**
 * The slot attribute of the chosen platform, once MSW, which plays its API, is up: until then
 * the widget's first read of `/cart.js` would reach the static server. None for `event`.
 */
export const adapterAttributes = computed<SlotAttributes>(() => {
  const platform = cartPlatform.value;
  const attributes: Record<`data-${string}`, string> = {};
  if (platform !== 'event' && cartApiUp.value) attributes['data-cart-adapter'] = platform;
  return attributes;
});

/** A slot's attributes with the chosen cart adapter's added. */
export function withCartAdapter(attributes: ReadonlySignal<SlotAttributes> | SlotAttributes): ReadonlySignal<SlotAttributes> {
  return computed(() => ({ ...(attributes instanceof Signal ? attributes.value : attributes), ...adapterAttributes.value }));
}

/** The built-in adapter a slot (an event's target) adds through, if it names one. */
export function platformOf(target: EventTarget | null): Platform | undefined {
  const adapter = target instanceof Element ? target.getAttribute('data-cart-adapter') : null;
  return adapter === 'shopify' || adapter === 'woocommerce' ? adapter : undefined;
}

/** What a WooCommerce page prints for its scripts (and the widget reads): the Store API nonce. */
function exposeStoreApiNonce(): void {
  Reflect.set(window, 'wcStoreApiSettings', { nonce: storeApiNonce() });
}

const asNumber = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const itemsIn = (answer: unknown): Array<Record<string, unknown>> => {
  const items = asRecord(answer).items;
  return Array.isArray(items) ? items.map(asRecord) : [];
};

/** Shopify's `GET /cart.js` answer (prices in cents) as the store's cart. */
export function cartFromShopify(answer: unknown): Cart {
  const items = itemsIn(answer).map((item) => ({
    id: String(item.product_id),
    title: String(item.product_title ?? item.title),
    price: asNumber(item.price) / 100,
    quantity: asNumber(item.quantity),
  }));
  return { items, count: asNumber(asRecord(answer).item_count), subtotal: asNumber(asRecord(answer).items_subtotal_price) / 100 };
}

/** WooCommerce's cart answer (prices as strings in minor units) as the store's cart. */
export function cartFromWoo(answer: unknown): Cart {
  const totals = asRecord(asRecord(answer).totals);
  const unit = 10 ** asNumber(totals.currency_minor_unit ?? 2);
  const items = itemsIn(answer).map((item) => ({
    id: String(item.id),
    title: String(item.name),
    price: asNumber(asRecord(item.prices).price) / unit,
    quantity: asNumber(item.quantity),
  }));
  return { items, count: asNumber(asRecord(answer).items_count), subtotal: asNumber(totals.total_items) / unit };
}

/** Show the chosen platform's cart in the store's cart display; nothing for `event`. Never rejects. */
export async function syncPlatformCart(): Promise<void> {
  const platform = cartPlatform.peek();
  if (platform === 'event') return;
  try {
    await cartApiReady();
    const res = await fetch(PLATFORM_CART_URL[platform], { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!res.ok) throw new Error(`GET ${PLATFORM_CART_URL[platform]} answered ${res.status}`);
    const answer: unknown = await res.json();
    // The shopper may have switched again while this was on its way.
    if (cartPlatform.peek() === platform) remember(platform === 'shopify' ? cartFromShopify(answer) : cartFromWoo(answer));
  } catch (error) {
    console.warn(`[demo] Could not read the ${platform} cart.`, error);
  }
}

/** Switch the cart API for this tab; the cart display then reads the new platform's cart. */
export function setCartPlatform(next: CartPlatform): void {
  if (cartPlatform.peek() === next) return;
  cartPlatform.value = next;
  try {
    sessionStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice holds for this page.
  }
  if (next === 'woocommerce') exposeStoreApiNonce();
  void syncPlatformCart();
}

/** On every demo page, before the widget runs: the page's WooCommerce nonce, and the platform's cart once MSW is up. */
export function startCartPlatform(): void {
  if (cartPlatform.peek() === 'woocommerce') exposeStoreApiNonce();
  void syncPlatformCart();
}
