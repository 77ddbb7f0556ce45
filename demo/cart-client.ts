/**
 * The store's side of the cart: calls the (mocked) cart API and remembers the cart across
 * demo pages in sessionStorage. The cart is a signal, so the header's count follows it.
 */
import { computed, signal } from '@preact/signals';
import { getCart, resetCart, type Cart, type CartItem } from './mocks/cart-store';

const STORAGE_KEY = 'offerwise-demo-cart';

export interface AddLine {
  id: string;
  quantity: number;
  action?: 'add' | 'swap';
  replaces?: string;
}

/** The `offerwise:add` detail (embed.md §6), as far as the store needs it. */
export interface AddDetail {
  placement: string;
  productId: string;
  quantity: number;
  action: 'add' | 'swap';
  replaces?: string;
  waitUntil(promise: Promise<unknown>): void;
}

/** The cart as the API last answered it. */
export const cart = signal<Cart>({ items: [], count: 0, subtotal: 0 });
export const cartCount = computed(() => cart.value.count);
let apiReady: Promise<unknown> = Promise.resolve();

/** Whether the mock APIs (MSW) are up and answering, not only settled. */
export const cartApiUp = signal(false);

/** Adds wait for this first (the mock API starting in the background); it resolves true once the API is up. */
export function waitForCartApi(ready: Promise<boolean>): void {
  apiReady = ready.then((up) => void (cartApiUp.value = up));
}

/** Settles once the mock APIs (MSW) are up, or failed to start. */
export function cartApiReady(): Promise<unknown> {
  return apiReady;
}

function isCartItem(value: unknown): value is CartItem {
  const item = value as Partial<CartItem> | null;
  return (
    typeof item?.id === 'string' &&
    typeof item.title === 'string' &&
    typeof item.price === 'number' &&
    Number.isInteger(item.quantity)
  );
}

/** Put the cart of earlier demo pages back into the mock API. */
export function restoreCart(): void {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    resetCart(Array.isArray(saved) ? saved.filter(isCartItem) : []);
  } catch {
    resetCart();
  }
  cart.value = getCart();
}

/** Show `next` as the cart (the header count follows) and keep it for the next demo page. */
export function remember(next: Cart): void {
  cart.value = next;
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next.items));
  } catch {
    // Private mode or storage full: the count still works for this page.
  }
}

/** Start over: the tab's demo cart becomes empty. */
export function emptyCart(): void {
  resetCart();
  remember(getCart());
}

/** POST /api/cart/add; rejects with the API's error message when the add fails. */
export async function addToCart(line: AddLine): Promise<Cart> {
  await apiReady;
  const res = await fetch('/api/cart/add', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: line.id, quantity: line.quantity, action: line.action, replaces: line.replaces }),
  });
  const body = (await res.json().catch(() => ({}))) as { cart?: Cart; error?: string };
  if (!res.ok || !body.cart) throw new Error(body.error ?? `Cart API answered ${res.status}`);
  remember(body.cart);
  return body.cart;
}
