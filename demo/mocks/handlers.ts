/**
 * The demo store's cart API, and the preview's beacon and offers endpoints, played by MSW. The ONE set of handlers (house style habit 8):
 * `browser.ts` serves them to the demo pages, `handlers.test.ts` to Vitest.
 *
 * Paths start with `*` so they match on any origin: the page's own in the browser, and the
 * absolute URLs Node needs in tests.
 */
import { delay, http, HttpResponse } from 'msw';
import catalog from '../../public/catalog.json';
import { parseCatalog } from '../../src/catalog/parse-catalog';
import { createFetchHandler } from '../../src/server/create-fetch-handler';
import { receiveBeacon } from './beacon-inbox';
import { applyAdd, getCart, isCartFailing, isKnownProduct, parseAddRequest } from './cart-store';
import { getOffersMode, getSlowDelay } from './offers-switch';

export { getCart, resetCart, setCartFailure, type Cart, type CartItem } from './cart-store';
export { setOffersMode, setSlowDelay, type OffersMode } from './offers-switch';

const error = (status: number, message: string) => HttpResponse.json({ error: message }, { status });

let offersApi: ((request: Request) => Promise<Response>) | undefined;

/**
 * The project's own offers API (src/server, the same engine as the widget) over the demo
 * catalog, built on first use. It routes on the path `/offers`, so the request is re-addressed
 * there with the same method, headers and body.
 */
async function answerOffers(request: Request): Promise<Response> {
  if (!offersApi) {
    const parsed = parseCatalog(catalog);
    if (!parsed.ok) return error(500, `The demo catalog is invalid: ${parsed.error}`);
    offersApi = createFetchHandler(parsed.catalog);
  }
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
  return offersApi(new Request(new URL('/offers', request.url), { method: request.method, headers: request.headers, body }));
}

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

  /**
   * The preview slot's `data-endpoint` in endpoint mode: offers-api.md's `POST`, answered by
   * `createFetchHandler` (`200` `{offers, currency}`, `400` `{error, field}`), unless the
   * preview's "Endpoint behaviour" says `fail` (`500` `{error}`) or `slow` (the answer comes
   * after the widget's timeout), so the fallback to `data-catalog` can be seen.
   */
  http.post('*/demo-offers', async ({ request }) => {
    const mode = getOffersMode();
    if (mode === 'fail') return error(500, 'The demo offers API fails on purpose (Endpoint behaviour: fails with 500).');
    if (mode === 'slow') await delay(getSlowDelay());
    return answerOffers(request);
  }),

  /** A preflight, for completeness: same-origin requests never send one. */
  http.options('*/demo-offers', ({ request }) => answerOffers(request)),
];
