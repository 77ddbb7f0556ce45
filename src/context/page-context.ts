import { bare, id, int, isObject, own, type Parse } from '../catalog/field-rules';
import type { CartLine, Customer, OwnedItem } from '../types';

/**
 * Page context (embed.md §5): what the page says about the product, cart, owned products and
 * shopper when the attributes don't. The readers beside this module each read one source
 * (context-block.ts, json-ld.ts, data-layer.ts, platform-cart.ts); `mergeContext` puts them in
 * the §5 order. All are pure, read own properties only and never throw.
 */

/** An order just placed (a GA4 `purchase`), as analytics.md reports it. */
export interface Order {
  lines: (CartLine & { price?: number })[];
  orderId?: string;
  value?: number;
}

export interface PageContext {
  product?: string;
  cart?: CartLine[];
  owned?: OwnedItem[];
  customer?: Customer;
  strings?: Record<string, string>;
  /** The order just placed (a GA4 purchase). */
  order?: Order;
}

/** An id as pages write it: a string (spaces around it forgiven) or a number (as its text). */
export const idOf: Parse<string> = (v) => id(Number.isFinite(v) ? String(v) : typeof v == 'string' ? v.trim() : v);

/** A number rule that also takes the number's text (`"2"`, `"19.90"`), as pages often write it. */
export const numeric =
  (rule: Parse<number>): Parse<number> =>
  (v) =>
    rule(typeof v == 'string' && v.trim() ? +v : v);

export const quantity = numeric(int(1, 9999));

/**
 * `cart` with `lines` added (`sign` 1) or taken off (-1), as a new list: a product's lines add
 * up (to at most 9999), lines down to 0 go.
 */
export function addLines(cart: readonly CartLine[], lines: readonly CartLine[], sign = 1): CartLine[] {
  const next = cart.map((line) => ({ ...line }));
  for (const { id, qty } of lines) {
    const line = next.find((l) => l.id == id);
    if (line) line.qty = Math.min(9999, line.qty + sign * qty);
    else if (sign > 0) next.push({ id, qty });
  }
  return next.filter((line) => line.qty > 0);
}

/**
 * First found wins per field (embed.md §5): pass the sources in that order. "Found" is anything
 * but `undefined`, so an empty cart a source knows of is a cart. `customer` merges per
 * sub-field the same way. Own properties only.
 */
export function mergeContext(...sources: (PageContext | undefined)[]): PageContext {
  const out: Record<string, unknown> = bare({});
  const customer: Record<string, unknown> = bare({});
  // Last to first, so the first source's values are the ones left standing.
  const copy = (from: unknown, to: Record<string, unknown>) => {
    if (isObject(from)) for (const key of Object.keys(from)) if (own(from, key) !== undefined) to[key] = own(from, key);
  };
  for (const source of sources.reverse()) {
    copy(source, out);
    copy(isObject(source) && own(source, 'customer'), customer);
  }
  delete out.customer;
  if (Object.keys(customer).length) out.customer = customer;
  return out as PageContext;
}
