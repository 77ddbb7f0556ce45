import { bare, isObject, num, own } from '../catalog/field-rules';
import { addLines, idOf, numeric, quantity, type Order, type PageContext } from './page-context';

/**
 * Page context from the GA4 `dataLayer` (embed.md §5, analytics.md), entries read in order:
 *
 * - `view_item` gives `product`: its first item with an `item_id` (the latest `view_item` wins:
 *   a single-page shop navigates, a variant changes).
 * - `view_cart` and `begin_checkout` give the whole cart; `add_to_cart` adds its items (only
 *   the added ones) to the cart known so far, or starts one; `remove_from_cart` takes its items
 *   off a known cart. So a cart read only from `add_to_cart` may be part of the real one.
 * - `purchase` gives `order` (the latest): lines with prices, `transaction_id`, `value`.
 *
 * Object pushes are read the way Google Tag Manager's data model reads them (its open-source
 * data-layer-helper): every `ecommerce` pushed merges into one model, plain objects and arrays
 * key by key (so `items: [a]` pushed over `items: [b, c]` reads `[a+b, c]`), anything else
 * (`null`) replaces it, `_clear: true` replaces instead of merging; an event reads the model
 * as it is at its push. So without the `{ecommerce: null}` reset an event can inherit stale
 * items, as the page's GA4 tags do. gtag's `('event', name, params)` (an `arguments` object, or
 * an array) reads its own params and leaves the model alone.
 *
 * `item_id` and `transaction_id` may be numbers, quantities and amounts their text (a bad
 * quantity reads as 1). Junk entries are ignored silently, and an entry that throws (a getter, a
 * Proxy) is skipped. Bounded: the last 5000 entries, 200 items an event, the model 8 levels deep.
 */
const amount = numeric(num(0, 1e12));

/**
 * The order in GA4 event params: its `items` as lines (own items only, without an `item_id`
 * skipped, `quantity` defaulting to 1), `transaction_id` and `value`. None without an `items` list.
 */
const orderOf = (params: unknown): Order | undefined => {
  const items = isObject(params) && own(params, 'items');
  if (!Array.isArray(items)) return undefined;
  const lines = Array.from({ length: Math.min(items.length, 200) }, (_, i) => own(items, String(i))).flatMap((item) => {
    if (!isObject(item)) return [];
    const id = idOf(own(item, 'item_id'));
    const price = amount(own(item, 'price'));
    return id ? [{ id, qty: quantity(own(item, 'quantity')) ?? 1, ...(price !== undefined && { price }) }] : [];
  });
  const orderId = idOf(own(params as object, 'transaction_id'));
  const value = amount(own(params as object, 'value'));
  return bare({ lines, ...(orderId && { orderId }), ...(value !== undefined && { value }) });
};

export function readDataLayer(entries: ArrayLike<unknown>): PageContext {
  const out: PageContext = bare({});
  let model: unknown;
  let budget = 0;
  /** GTM's merge of `from` over `to`, as a new value: the page's objects are never changed. */
  const merge = (from: unknown, to: unknown, depth: number): unknown => {
    const array = Array.isArray(from);
    if (!(array || isObject(from)) || depth > 8 || --budget < 0) return from;
    const into: Record<string, unknown> = Object.assign(array ? [] : {}, (array ? Array.isArray(to) : isObject(to)) && to);
    const clear = own(from as object, '_clear');
    for (const key of Object.keys(from as object))
      if (key != '__proto__' && key != '_clear') into[key] = clear ? own(from as object, key) : merge(own(from as object, key), own(into, key), depth + 1);
    return into;
  };
  let length = 0;
  try {
    length = entries.length >>> 0;
  } catch {
    // no entries
  }
  for (let i = Math.max(0, length - 5000); i < length; i++) {
    try {
      const entry = own(entries, String(i));
      if (typeof entry != 'object' || !entry) continue;
      budget = 10_000;
      if (Object.hasOwn(entry, 'ecommerce')) model = merge(own(entry, 'ecommerce'), own(entry, '_clear') ? undefined : model, 0);
      // A gtag event (`arguments` or an array) reads its own params, an object push the model.
      const [name, params] = own(entry, '0') === 'event' ? [own(entry, '1'), own(entry, '2')] : [own(entry, 'event'), model];
      const order = orderOf(params);
      if (!order) continue;
      if (name === 'purchase') out.order = order;
      const items = order.lines.map(({ id, qty }) => ({ id, qty }));
      if (name === 'view_item' && items[0]) out.product = items[0].id;
      if (name === 'view_cart' || name === 'begin_checkout') out.cart = items;
      if (name === 'add_to_cart' || (name === 'remove_from_cart' && out.cart)) out.cart = addLines(out.cart ?? [], items, name === 'add_to_cart' ? 1 : -1);
    } catch {
      // a hostile or broken entry: the next one
    }
  }
  return out;
}

/**
 * A GA4 `purchase` in one entry (object or gtag form), read alone, without the model of the
 * entries before it: for entries pushed one by one after load. Never throws.
 */
export const ga4Order = (entry: unknown): Order | undefined => readDataLayer([entry]).order;
