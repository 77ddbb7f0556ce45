/**
 * The demo store's cart API, and the preview's beacon endpoint, played by MSW. The ONE set of handlers (house style habit 8):
 * `browser.ts` serves them to the demo pages, `handlers.test.ts` to Vitest.
 *
 * Paths start with `*` so they match on any origin: the page's own in the browser, and the
 * absolute URLs Node needs in tests.
 */
import { http, HttpResponse } from 'msw';
import { receiveBeacon } from './beacon-inbox';
import { applyAdd, getCart, isCartFailing, isKnownProduct, parseAddRequest } from './cart-store';

export { getCart, resetCart, setCartFailure, type Cart, type CartItem } from './cart-store';

const error = (status: number, message: string) => HttpResponse.json({ error: message }, { status });

export const handlers = [
  /** The cart: `{cart: {items, count, subtotal}}`. */
  http.get('*/api/cart', () => HttpResponse.json({ cart: getCart() })),

  /** Body `{id, quantity, action?: 'add'|'swap', replaces?}` → the cart; 400/404/503 → `{error}`. */
  http.post('*/api/cart/add', async ({ request }) => {
    if (isCartFailing()) return error(503, 'The cart service is unavailable. Try again.');
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return error(400, 'Body must be valid JSON');
    }
    const parsed = parseAddRequest(body);
    if (typeof parsed === 'string') return error(400, parsed);
    if (!isKnownProduct(parsed.id)) return error(404, `Unknown product "${parsed.id}"`);
    applyAdd(parsed);
    return HttpResponse.json({ cart: getCart() });
  }),

  /**
   * The preview slot's `data-beacon`: an NDJSON batch (sendBeacon posts it as text/plain), one
   * event per line. 204 like a real collector; the lines go to the preview's KPI panel.
   */
  http.post('*/demo-beacon', async ({ request }) => {
    receiveBeacon(await request.text());
    return new HttpResponse(null, { status: 204 });
  }),
];
