// @vitest-environment happy-dom
import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cart, cartApiUp } from './cart-client';
import { adapterAttributes, cartFromShopify, cartFromWoo, cartPlatform, platformOf, setCartPlatform, syncPlatformCart, withCartAdapter } from './cart-platform';
import { resetCart, storeApiNonce, type CartItem } from './mocks/cart-store';
import { shopifyCart, wooCart } from './mocks/platform-carts';

const ITEMS: CartItem[] = [
  { id: 'coffee-filters', title: 'Coffee Filters', price: 9, quantity: 2 },
  { id: 'pillows', title: 'Memory Foam Pillows (set of 2)', price: 79, quantity: 1 },
];

/** The platform cart reads go to the mocked answers, as MSW serves them in the page. */
beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => Response.json(url === '/cart.js' ? shopifyCart() : wooCart())),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  cart.value = { items: [], count: 0, subtotal: 0 };
  cartPlatform.value = 'event';
  cartApiUp.value = false;
  sessionStorage.clear();
  resetCart();
  Reflect.deleteProperty(window, 'wcStoreApiSettings');
});

describe('the store cart read from a platform', () => {
  it.each([
    ['Shopify /cart.js', () => cartFromShopify(shopifyCart())],
    ['WooCommerce /cart', () => cartFromWoo(wooCart())],
  ])('%s reads back as the same cart', (_name, read) => {
    resetCart(ITEMS);
    expect(read()).toEqual({ items: ITEMS, count: 3, subtotal: 97 });
  });
});

describe('the Cart API switch', () => {
  it("shows the chosen platform's cart in the store's cart display", async () => {
    resetCart(ITEMS);
    cartPlatform.value = 'woocommerce';
    await syncPlatformCart();
    expect(fetch).toHaveBeenCalledWith('/wp-json/wc/store/v1/cart', expect.anything());
    expect(cart.value).toEqual({ items: ITEMS, count: 3, subtotal: 97 });
  });

  it('adds data-cart-adapter to slots only for a platform, and only once the mock APIs are up', () => {
    const slot = withCartAdapter(signal({ 'data-placement': 'cart' }));
    expect(slot.value).toEqual({ 'data-placement': 'cart' });
    setCartPlatform('shopify');
    expect(adapterAttributes.value).toEqual({});
    cartApiUp.value = true;
    expect(slot.value).toEqual({ 'data-placement': 'cart', 'data-cart-adapter': 'shopify' });
    setCartPlatform('event');
    expect(slot.value).toEqual({ 'data-placement': 'cart' });
  });

  it('keeps the choice for the tab, and gives a WooCommerce page its Store API nonce', () => {
    setCartPlatform('woocommerce');
    expect(sessionStorage.getItem('offerwise-demo-cart-api')).toBe('woocommerce');
    expect(Reflect.get(window, 'wcStoreApiSettings')).toEqual({ nonce: storeApiNonce() });
  });

  it('tells which built-in adapter a slot adds through', () => {
    const slot = document.createElement('div');
    expect(platformOf(slot)).toBeUndefined();
    slot.setAttribute('data-cart-adapter', 'event');
    expect(platformOf(slot)).toBeUndefined();
    slot.setAttribute('data-cart-adapter', 'woocommerce');
    expect(platformOf(slot)).toBe('woocommerce');
    expect(platformOf(null)).toBeUndefined();
  });
});
