/**
 * The demo store's cart API (its own, and the same cart as Shopify's Ajax Cart API and
 * WooCommerce's Store API show it), and the preview's beacon and offers endpoints, played by
 * MSW. The ONE set of handlers (house style habit 8):
 * `browser.ts` serves them to the demo pages, `handlers.test.ts` to Vitest.
 *
 * Paths start with `*` so they match on any origin: the page's own in the browser, and the
 * absolute URLs Node needs in tests.
 */
import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import catalog from '../../public/catalog.json';
import { parseCatalog } from '../../src/catalog/parse-catalog';
import { createFetchHandler } from '../../src/server/create-fetch-handler';
import { receiveBeacon } from './beacon-inbox';
import { EDITED_CATALOG_PATH, editedCatalog } from './edited-catalog';
import { applyAdd, getCart, isCartFailing, isKnownProduct, parseAddRequest, productOf, setLineQuantity, storeApiNonce } from './cart-store';
import { getOffersMode, getSlowDelay } from './offers-switch';
import { hexOf, SHOPIFY, shopifyCart, shopifyError, shopifyLineId, shopifyLines, WOO, wooCart, wooError, wooLineId } from './platform-carts';

export { getCart, resetCart, setCartFailure, storeApiNonce, type Cart, type CartItem } from './cart-store';
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

const UNAVAILABLE = 'The cart service is unavailable. Try again.';

/** A request's JSON body, or undefined when it has none or it is not JSON. */
async function jsonBody(request: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const body: unknown = await request.json();
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A quantity as the platforms take it: a whole number from `min` to 99 (a numeric string too), else undefined. */
function quantityOf(value: unknown, min: number, fallback?: number): number | undefined {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= 99 ? n : undefined;
}

/** A product or variant id as the platforms send it: a string, or a number read as its text. */
const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/**
 * Shopify `POST /cart/add.js`: `{items: [{id, quantity}]}` (or one `{id, quantity}`), all or
 * nothing. `200` with the lines added to (`{items}`, or the one line); `404` for an unknown
 * variant, `422` for a sold-out one, both `{status, message, description}`.
 */
async function shopifyAdd(request: Request): Promise<Response> {
  if (isCartFailing()) return HttpResponse.json(shopifyError(503, UNAVAILABLE), { status: 503 });
  const body = await jsonBody(request);
  const many = Array.isArray(body?.items);
  const wanted: unknown[] = many ? (body!.items as unknown[]) : body ? [body] : [];
  if (wanted.length === 0) return HttpResponse.json(shopifyError(400, 'Parameter Missing or Invalid: Required parameter missing or invalid: items'), { status: 400 });
  const adds: Array<{ id: string; quantity: number }> = [];
  for (const item of wanted) {
    const fields = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const id = idOf(fields.id);
    const quantity = quantityOf(fields.quantity, 1, 1);
    const product = id === undefined ? undefined : productOf(id);
    if (!product || !id) return HttpResponse.json(shopifyError(404, 'Cannot find variant'), { status: 404 });
    if (product.inStock === false) return HttpResponse.json(shopifyError(422, `The product '${product.title}' is already sold out.`), { status: 422 });
    if (quantity === undefined) return HttpResponse.json(shopifyError(422, `You can't add more ${product.title} to the cart.`), { status: 422 });
    adds.push({ id, quantity });
  }
  for (const add of adds) applyAdd({ ...add, action: 'add' });
  const lines = shopifyLines(adds.map((add) => add.id));
  return HttpResponse.json(many ? { items: lines } : lines[0]);
}

/** Shopify `POST /cart/change.js`: `{id: <line key or variant id>, quantity}` or `{line, quantity}`; `0` removes. Answers the cart. */
async function shopifyChange(request: Request): Promise<Response> {
  const body = (await jsonBody(request)) ?? {};
  const id = shopifyLineId(body);
  const quantity = quantityOf(body.quantity, 0);
  if (!id || quantity === undefined) return HttpResponse.json(shopifyError(400, 'no valid id or line parameter'), { status: 400 });
  setLineQuantity(id, quantity);
  return HttpResponse.json(shopifyCart());
}

/** The headers of every Store API answer: the nonce to send back, and the signed-in user. */
function wooHeaders(): Record<string, string> {
  return {
    Nonce: storeApiNonce(),
    'Nonce-Timestamp': String(Math.floor(Date.now() / 1000)),
    'User-ID': '1',
    'Cart-Hash': hexOf(JSON.stringify(getCart().items), 32),
  };
}

const wooAnswer = (body: JsonBodyType, status = 200) => HttpResponse.json(body, { status, headers: wooHeaders() });

/** A Store API write needs the page's nonce: `401` without one, `403` for a wrong one; undefined when it is fine. */
function wooNonceError(request: Request): Response | undefined {
  const nonce = request.headers.get('Nonce') ?? request.headers.get('X-WC-Store-API-Nonce');
  if (!nonce) {
    return wooAnswer(wooError(401, 'woocommerce_rest_missing_nonce', 'Missing the Nonce header. This endpoint requires a valid nonce.'), 401);
  }
  if (nonce !== storeApiNonce()) return wooAnswer(wooError(403, 'woocommerce_rest_invalid_nonce', 'Nonce is invalid.'), 403);
  return undefined;
}

/** WooCommerce `POST …/cart/add-item` `{id, quantity}`: `201` with the cart; `400` `{code, message, data}` for a product it cannot add. */
async function wooAdd(request: Request): Promise<Response> {
  const refused = wooNonceError(request);
  if (refused) return refused;
  if (isCartFailing()) return wooAnswer(wooError(503, 'woocommerce_rest_cart_error', UNAVAILABLE), 503);
  const body = (await jsonBody(request)) ?? {};
  const id = idOf(body.id);
  const product = id === undefined ? undefined : productOf(id);
  if (!product || !id) return wooAnswer(wooError(400, 'woocommerce_rest_cart_invalid_product', 'This product cannot be added to the cart.'), 400);
  if (product.inStock === false) {
    // WordPress writes its messages HTML-escaped.
    const message = `You cannot add &quot;${product.title}&quot; to the cart because the product is out of stock.`;
    return wooAnswer(wooError(400, 'woocommerce_rest_product_out_of_stock', message), 400);
  }
  const quantity = quantityOf(body.quantity, 1, 1);
  if (quantity === undefined) return wooAnswer(wooError(400, 'rest_invalid_param', 'Invalid parameter(s): quantity'), 400);
  applyAdd({ id, quantity, action: 'add' });
  return wooAnswer(wooCart(), 201);
}

/** WooCommerce `POST …/cart/remove-item` `{key}`: the cart; `409` for a key the cart does not have. */
async function wooRemove(request: Request): Promise<Response> {
  const refused = wooNonceError(request);
  if (refused) return refused;
  const id = wooLineId((await jsonBody(request))?.key);
  if (!id) return wooAnswer(wooError(409, 'woocommerce_rest_cart_invalid_key', 'Cart item no longer exists or is invalid.'), 409);
  setLineQuantity(id, 0);
  return wooAnswer(wooCart());
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

  /**
   * The link editor's catalog, `?v=` naming a version it published (edited-catalog.ts), as
   * written: invalid links included, which the widget skips as it would in a store. `404` for
   * a version it does not keep.
   */
  http.get(`*${EDITED_CATALOG_PATH}`, ({ request }) => {
    const json = editedCatalog(new URL(request.url).searchParams.get('v') ?? '');
    if (json === undefined) return error(404, 'No such version of the edited catalog');
    return new HttpResponse(json, { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
  }),

  // The same cart through Shopify's Ajax Cart API (`data-cart-adapter="shopify"`)…
  http.get(`*${SHOPIFY.cart}`, () => HttpResponse.json(shopifyCart())),
  http.post(`*${SHOPIFY.add}`, ({ request }) => shopifyAdd(request)),
  http.post(`*${SHOPIFY.change}`, ({ request }) => shopifyChange(request)),

  // …and through WooCommerce's Store API (`data-cart-adapter="woocommerce"`).
  http.get(`*${WOO.cart}`, () => wooAnswer(wooCart())),
  http.post(`*${WOO.add}`, ({ request }) => wooAdd(request)),
  http.post(`*${WOO.remove}`, ({ request }) => wooRemove(request)),
];
