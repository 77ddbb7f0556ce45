/**
 * The platform cart adapters (`data-cart-adapter="shopify"` or `"woocommerce"`, embed.md §6),
 * a chunk loaded on pages that use one.
 *
 * - Shopify, Ajax Cart API (https://shopify.dev/docs/api/ajax/reference/cart): add is
 *   `POST /cart/add.js` `{"items":[{"id","quantity"}]}`; the cart is `GET /cart.js`; a line is
 *   removed with `POST /cart/change.js` `{"id": <line item key>, "quantity": 0}` (the key names
 *   one line even when a variant sits on several).
 * - WooCommerce, Store API (https://developer.woocommerce.com/docs/apis/store-api/): add is
 *   `POST /wp-json/wc/store/v1/cart/add-item` `{"id","quantity"}` with the `Nonce` header; the
 *   cart is `GET /wp-json/wc/store/v1/cart`; a line is removed with `POST …/cart/remove-item`
 *   `{"key"}`. Every answer may carry a fresh nonce (`Nonce`, formerly `X-WC-Store-API-Nonce`).
 *
 * A swap adds the new product first and then removes the replaced line, found in the cart as it
 * is after the add (WooCommerce's add answer is the cart; Shopify's cart is read again), so keys
 * are fresh and a failed add (sold out, the usual failure) leaves the cart as it was: the
 * shopper never loses the item they had. A replaced line no longer in the cart is nothing to
 * remove: the add stands, with one warning, since it may be gone already or its id may not match
 * the platform's (a catalog id that is neither the product id, handle or SKU, nor the variant).
 */

export interface CartRequest {
  productId: string;
  /** The product's catalog variantId (Shopify variant), when it has one. */
  variantId?: string;
  quantity: number;
  action: 'add' | 'swap';
  /** For a swap: the product id of the cart line being replaced, and its variant id if known. */
  replaces?: string;
  replacesVariantId?: string;
}

export type CartPlatform = 'shopify' | 'woocommerce';

/** What the adapters need from the page (src/embed.ts builds it). */
export interface CartEnv {
  fetch: typeof fetch;
  /** The page's WooCommerce Store API nonce, if it has one (read by embed.ts from the page globals). */
  wooNonce(): string | undefined;
  /** Keep the fresh nonce a Store API response returns (its `Nonce` header). */
  setWooNonce(nonce: string): void;
  /** Tell the platform's own scripts that the cart changed (embed.ts triggers jQuery's `added_to_cart` and the `wc-blocks_added_to_cart` event). */
  added(platform: CartPlatform): void;
  /** One `[offerwise]` console warning for the store's developer. */
  warn(message: string): void;
}

const WOO = '/wp-json/wc/store/v1/cart';

// Self-contained on purpose (no import shared with another chunk, which would cost a request):
// the few lines this needs of catalog/field-rules.ts and util/safe-json.ts, inlined.
const isObject = (v: unknown): v is object => typeof v == 'object' && v !== null && !Array.isArray(v);
/** Own properties only: a polluted `Object.prototype` must not supply fields of an answer. */
const own = (o: object, key: string): unknown => (Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined);
/** A flat JSON object that no polluted `toJSON` can change (JSON.stringify looks for one only on objects). */
const flat = (o: Record<string, string | number>) => `{${Object.keys(o).map((k) => `"${k}":${JSON.stringify(o[k])}`).join()}}`;

/** An id as the cart APIs want it: a number when it is all digits (15 at most, so exact), else as given. */
const asId = (id: string): string | number => (/^\d{1,15}$/.test(id) ? +id : id);

/** An own string or number field, as a string. */
const field = (o: object, key: string): string | undefined => {
  const v = own(o, key);
  return typeof v == 'string' || typeof v == 'number' ? String(v) : undefined;
};

/** The `items` of a cart answer (own fields only), or undefined when it is no cart. */
const itemsOf = (answer: unknown): object[] | undefined => {
  const items = isObject(answer) ? own(answer, 'items') : undefined;
  return Array.isArray(items) ? items.filter(isObject) : undefined;
};

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };
/** A store's message as plain text: tags dropped, the entities WordPress writes (`&quot;`, `&#039;`) decoded. */
const plain = (s: string) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#(\d{1,6})|(quot|amp|lt|gt|apos));/g, (_, n?: string, name?: string) => (n ? String.fromCodePoint(+n) : ENTITIES[name!]!))
    .trim();

export function createCartAdapter(platform: CartPlatform, env: CartEnv) {
  const shopify = platform == 'shopify';
  const [addPath, cartPath, removePath] = shopify ? ['/cart/add.js', '/cart.js', '/cart/change.js'] : [WOO + '/add-item', WOO, WOO + '/remove-item'];

  /**
   * One request: a GET without a body, else a JSON POST (with the WooCommerce nonce). Resolves
   * with the parsed answer (undefined when it is not JSON); rejects with the store's own message
   * (Shopify's `description`, else `message`), else one naming the request and its status.
   */
  async function send(path: string, body?: string): Promise<unknown> {
    const method = body ? 'POST' : 'GET';
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body) {
      headers['Content-Type'] = 'application/json';
      const nonce = shopify ? undefined : env.wooNonce();
      if (nonce) headers.Nonce = nonce;
    }
    let res: Response;
    try {
      res = await env.fetch(path, body ? { method, headers, body } : { method, headers, cache: 'no-store' });
    } catch {
      throw new Error(`${method} ${path} failed: network error`);
    }
    const nonce = shopify ? null : (res.headers.get('Nonce') ?? res.headers.get('X-WC-Store-API-Nonce'));
    if (nonce) env.setWooNonce(nonce);
    let answer: unknown;
    try {
      answer = await res.json();
    } catch {
      // not JSON: a success needs no body; a failure is named by its status
    }
    if (res.ok) return answer;
    const says = isObject(answer) ? [own(answer, 'description'), own(answer, 'message')].find((m) => typeof m == 'string' && plain(m)) : 0;
    throw new Error(says ? plain(says as string) : `${method} ${path} answered HTTP ${res.status}`);
  }

  return {
    /** Resolves when the platform confirmed; rejects with the store's message. Never throws synchronously. */
    async add(request: CartRequest): Promise<void> {
      const { replaces, replacesVariantId: variant, quantity } = request;
      const id = request.variantId ?? request.productId;
      const item = flat({ id: asId(id), quantity });
      const answer = await send(addPath, shopify ? `{"items":[${item}]}` : item);
      try {
        if (request.action == 'swap' && replaces) {
          const items = (!shopify && itemsOf(answer)) || itemsOf(await send(cartPath));
          if (!items) throw new Error(`GET ${cartPath} answered no cart`);
          // The replaced line: by its variant when known, else by product id, handle or SKU;
          // never the line just added.
          const line = items.find((item) => {
            const its = field(item, shopify ? 'variant_id' : 'id');
            const names = variant ? [its] : [field(item, shopify ? 'product_id' : 'id'), field(item, 'handle'), field(item, 'sku')];
            return its != id && field(item, 'key') && names.includes(variant ?? replaces);
          });
          const key = line && field(line, 'key');
          if (key) await send(removePath, flat(shopify ? { id: key, quantity: 0 } : { key }));
          else env.warn(`swap: no line for "${variant ?? replaces}" in ${cartPath}; ${id} added alongside`);
        }
      } catch (error) {
        throw new Error(`added, but the replaced item is still in the cart: ${(error as Error).message}`);
      } finally {
        try {
          env.added(platform);
        } catch {
          // the page's own handlers failing is no failure of the add
        }
      }
    },
  };
}

export type CartAdapterClient = ReturnType<typeof createCartAdapter>;
