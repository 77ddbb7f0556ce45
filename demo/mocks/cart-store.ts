/**
 * The mock cart API's state and rules, without MSW, so demo pages can seed it and flip the
 * failure switch without loading MSW up front (MSW is loaded lazily by store.ts).
 */
import catalog from '../../public/catalog.json';

export interface CartItem {
  id: string;
  title: string;
  price: number;
  quantity: number;
}

export interface Cart {
  items: CartItem[];
  /** Total number of units. */
  count: number;
  /** Sum of price × quantity, rounded to cents. */
  subtotal: number;
}

export interface AddRequest {
  id: string;
  quantity: number;
  action: 'add' | 'swap';
  /** For `swap`: the cart line the new product replaces. */
  replaces?: string;
}

const MAX_QUANTITY = 99;
const PRODUCTS = new Map(catalog.products.map((p) => [p.id, p]));

let items: CartItem[] = [];
let failAdds = false;

/** Make `POST /api/cart/add` answer 503, to show how the widget handles a failed add. */
export function setCartFailure(fail: boolean): void {
  failAdds = fail;
}

export function isCartFailing(): boolean {
  return failAdds;
}

/** Replace the cart (the demo restores it from sessionStorage; tests empty it). */
export function resetCart(next: readonly CartItem[] = []): void {
  items = next.map((item) => ({ ...item }));
}

export function getCart(): Cart {
  const count = items.reduce((sum, item) => sum + item.quantity, 0);
  const cents = items.reduce((sum, item) => sum + Math.round(item.price * 100) * item.quantity, 0);
  return { items: items.map((item) => ({ ...item })), count, subtotal: cents / 100 };
}

export function isKnownProduct(id: string): boolean {
  return PRODUCTS.has(id);
}

/** The catalog product behind a cart line, for the platform carts' richer line items. */
export function productOf(id: string): (typeof catalog.products)[number] | undefined {
  return PRODUCTS.get(id);
}

/** Set a line's quantity; 0 removes it. False when the cart has no such line. */
export function setLineQuantity(id: string, quantity: number): boolean {
  const line = items.find((item) => item.id === id);
  if (!line) return false;
  if (quantity > 0) line.quantity = Math.min(MAX_QUANTITY, quantity);
  else items = items.filter((item) => item !== line);
  return true;
}

/**
 * This page view's WooCommerce Store API nonce: WordPress prints one into every page
 * (`wcStoreApiSettings.nonce`), and the Store API wants it back in the `Nonce` header of each
 * write. Ten hex digits, like `wp_create_nonce`.
 */
const NONCE = Array.from({ length: 10 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
export function storeApiNonce(): string {
  return NONCE;
}

/** Parse, don't trust: the body becomes an `AddRequest` or an error message. */
export function parseAddRequest(body: unknown): AddRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'Body must be a JSON object';
  }
  const { id, quantity, action = 'add', replaces } = body as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return '`id` must be a non-empty string';
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    return `\`quantity\` must be an integer from 1 to ${MAX_QUANTITY}`;
  }
  if (action !== 'add' && action !== 'swap') return '`action` must be "add" or "swap"';
  if (replaces !== undefined && typeof replaces !== 'string') return '`replaces` must be a string';
  if (action === 'swap' && !replaces) return '`replaces` must name the cart line a swap replaces';
  return typeof replaces === 'string' ? { id, quantity, action, replaces } : { id, quantity, action };
}

/** Add a catalog product (a swap first removes the line it replaces). */
export function applyAdd(request: AddRequest): void {
  const product = PRODUCTS.get(request.id);
  if (!product) return;
  if (request.action === 'swap') items = items.filter((item) => item.id !== request.replaces);
  const line = items.find((item) => item.id === request.id);
  if (line) line.quantity = Math.min(MAX_QUANTITY, line.quantity + request.quantity);
  else items.push({ id: product.id, title: product.title, price: product.price, quantity: request.quantity });
}
